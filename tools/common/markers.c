// The markers in the sources (markers.h): one parser for lit and release.
#include "markers.h"

#include <string.h>

#include "text.h"

// The keyword, in two pieces: this file ships to students, and the release
// refuses every shipped line that mentions the keyword but is not a marker.
#define KEYWORD "SOLU" "TION"
enum { KEYWORD_LEN = sizeof KEYWORD - 1 };

static bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_word_char(char c) { return is_alnum(c) || c == '_'; }

// Do the n bytes at p spell `lower` (in lower case), in any case?
static bool same_letters(const char *p, const char *lower, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] - 'A' + 'a') : p[i];
        if (c != lower[i]) return false;
    }
    return true;
}

static bool same_word(const char *p, size_t n, const char *word) {
    return n == strlen(word) && memcmp(p, word, n) == 0;
}

// The keyword as a word of its own.
static bool keyword_alone(const char *p, size_t n) {
    for (size_t i = 0; i + KEYWORD_LEN <= n; i++) {
        if (memcmp(p + i, KEYWORD, KEYWORD_LEN) != 0) continue;
        bool before = i == 0 || !is_word_char(p[i - 1]);
        bool after = i + KEYWORD_LEN == n || !is_word_char(p[i + KEYWORD_LEN]);
        if (before && after) return true;
    }
    return false;
}

// Do the first `end` bytes of p end in the word `lower`, in any case?
static bool ends_in_word(const char *p, size_t end, const char *lower) {
    size_t k = strlen(lower);
    return end >= k && same_letters(p + end - k, lower, k) &&
           (end == k || !is_alnum(p[end - k - 1]));
}

// BEGIN or END joined to the keyword by blanks, '_' or '-', in any case
// ("BEGIN_<KW>", "End <kw>").
static bool keyword_after_begin_or_end(const char *p, size_t n) {
    for (size_t i = 0; i + KEYWORD_LEN <= n; i++) {
        if (!same_letters(p + i, "solution", KEYWORD_LEN)) continue;
        size_t j = i;
        while (j > 0 && (is_space(p[j - 1]) || p[j - 1] == '_' || p[j - 1] == '-')) j--;
        if (ends_in_word(p, j, "begin") || ends_in_word(p, j, "end")) return true;
    }
    return false;
}

static bool is_id(const char *p, size_t n) {
    if (n == 0 || n >= MARKER_ID_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (!is_word_char(p[i]) && p[i] != '.') return false;
    return true;
}

// "/* BEGIN <KW> 3.2 */", "/* END <KW> */" and "/* END <KW> 3.2 */",
// with blanks (at least one) between the parts. p is trimmed.
static bool parse_solution_marker(const char *p, size_t n, Marker *m) {
    if (n < 4 || !starts_with(p, n, "/*") || !ends_with(p, n, "*/")) return false;
    const char *q = p + 2;
    size_t k = n - 4;
    if (k == 0 || !is_space(q[0]) || !is_space(q[k - 1])) return false;
    const char *word[3];
    size_t wlen[3], nword = 0;
    for (size_t i = 0; i < k;) {
        if (is_space(q[i])) {
            i++;
            continue;
        }
        if (nword == 3) return false;
        size_t start = i;
        while (i < k && !is_space(q[i])) i++;
        word[nword] = q + start, wlen[nword++] = i - start;
    }
    if (nword < 2 || !same_word(word[1], wlen[1], KEYWORD)) return false;
    if (same_word(word[0], wlen[0], "BEGIN")) m->kind = MARKER_BEGIN;
    else if (same_word(word[0], wlen[0], "END")) m->kind = MARKER_END;
    else return false;
    if (nword == 3) {
        if (!is_id(word[2], wlen[2])) return false;
        memcpy(m->id, word[2], wlen[2]);
        m->id[wlen[2]] = '\0';
    }
    return true;
}

Marker marker_parse(const char *line, size_t len) {
    Marker m = {MARKER_NONE, ""};
    const char *p = line;
    size_t n = len;
    trim(&p, &n);
    if (parse_solution_marker(p, n, &m)) return m;
    m = (Marker){MARKER_NONE, ""};
    if (keyword_alone(p, n) || keyword_after_begin_or_end(p, n)) {
        m.kind = MARKER_MALFORMED;
    } else if (starts_with(p, n, "/* STUB") && (n == 7 || !is_word_char(p[7]))) {
        m.kind = MARKER_STUB;
    }
    return m;
}

bool marker_stub_closes(const char *line, size_t len, bool first) {
    const char *p = line;
    size_t n = len;
    trim(&p, &n);
    // On its first line, the "*/" must come after the "/* STUB" that opens it.
    return ends_with(p, n, "*/") && (!first || n >= strlen("/* STUB*/"));
}

const char *marker_advice(void) {
    return "write /* BEGIN " KEYWORD " 3.2 */ and /* END " KEYWORD " */, each alone on "
           "its line";
}

int region_marker(const char *line, size_t len, const char **name, size_t *nlen) {
    const char *p = line;
    size_t n = len;
    trim(&p, &n);
    if (n < 3 || p[0] != '/' || p[1] != '/' || (p[2] != '>' && p[2] != '<')) return 0;
    int kind = p[2];
    p += 3, n -= 3;
    trim(&p, &n);
    *name = p;
    *nlen = is_name(p, n) ? n : 0;
    return kind;
}
