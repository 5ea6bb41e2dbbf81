// Solution lines (the secrets), and the search for them in a release.
#define _XOPEN_SOURCE 700
#include "release.h"
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/xalloc.h"

void set_add(LineSet *set, const char *p, size_t n, const char *where) {
    trim_blanks(&p, &n);
    if (n == 0) return;
    if (set->n == set->cap) {
        set->cap = set->cap ? 2 * set->cap : 1024;
        set->s = xrealloc(set->s, set->cap * sizeof *set->s);
        set->where = xrealloc(set->where, set->cap * sizeof *set->where);
    }
    set->s[set->n] = xstrndup(p, n);
    set->where[set->n++] = where ? xstrdup(where) : NULL;
}

static int compare_entries(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// Sort; keep the first of equal entries (with its `where`).
void set_seal(LineSet *set) {
    size_t *order = xrealloc(NULL, (set->n + 1) * sizeof *order);
    // Sort pairs by text, stably by original position.
    typedef struct {
        char *s, *w;
        size_t i;
    } Pair;
    Pair *pairs = xrealloc(NULL, (set->n + 1) * sizeof *pairs);
    for (size_t i = 0; i < set->n; i++) pairs[i] = (Pair){set->s[i], set->where[i], i};
    qsort(pairs, set->n, sizeof *pairs, compare_entries);  // by s; ties fixed below
    size_t k = 0;
    for (size_t i = 0; i < set->n; i++) {
        if (k > 0 && strcmp(pairs[i].s, set->s[k - 1]) == 0) {
            // Equal text: keep the earliest occurrence's location.
            if (pairs[i].i < order[k - 1]) {
                free(set->where[k - 1]);
                set->where[k - 1] = pairs[i].w;
                order[k - 1] = pairs[i].i;
            } else {
                free(pairs[i].w);
            }
            free(pairs[i].s);
            continue;
        }
        set->s[k] = pairs[i].s;
        set->where[k] = pairs[i].w;
        order[k++] = pairs[i].i;
    }
    set->n = k;
    free(pairs);
    free(order);
}

long set_find(const LineSet *set, const char *p, size_t n) {
    trim_blanks(&p, &n);
    size_t lo = 0, hi = set->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(set->s[mid], p, n);
        if (c == 0 && set->s[mid][n] != '\0') c = 1;
        if (c == 0) return (long)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

void set_free(LineSet *set) {
    for (size_t i = 0; i < set->n; i++) {
        free(set->s[i]);
        free(set->where[i]);
    }
    free(set->s);
    free(set->where);
    memset(set, 0, sizeof *set);
}

// Secrets are the solution lines that the public text never shows.
void keep_only_secrets(LineSet *secrets, const LineSet *public_lines) {
    size_t k = 0;
    for (size_t i = 0; i < secrets->n; i++) {
        const char *s = secrets->s[i];
        if (set_find(public_lines, s, strlen(s)) >= 0) {
            free(secrets->s[i]);
            free(secrets->where[i]);
            continue;
        }
        secrets->s[k] = secrets->s[i];
        secrets->where[k++] = secrets->where[i];
    }
    secrets->n = k;
}

int find_leaks(const LineSet *secrets, const char *dest, Report *r) {
    Paths all = {0};
    walk(dest, "", &all, false);
    size_t before = r->ndiag;
    for (size_t i = 0; i < all.n; i++) {
        char *data;
        size_t n;
        Line *lines = read_lines(dest, all.path[i], &data, &n);
        if (!data) continue;
        if (is_predict_file(all.path[i]) && predict_has_answers(data, strlen(data)))
            diag(r, all.path[i], 0, "a predict file in the release holds answers (the key): "
                                    "every answer must be \"?\"");
        for (size_t k = 0; k < n; k++) {
            long at = set_find(secrets, lines[k].p, lines[k].len);
            int kind = kind_of(&lines[k]);
            if (at >= 0) {
                diag(r, all.path[i], (int)k + 1, "solution line leaked into the release "
                     "(from %s): %s", secrets->where[at], secrets->s[at]);
            } else if (kind == BEGIN || kind == END || kind == MALFORMED) {
                diag(r, all.path[i], (int)k + 1, "a solution marker in the release: %.*s",
                     (int)lines[k].len, lines[k].p);
            }
        }
        free(lines);
        free(data);
    }
    paths_free(&all);
    return r->ndiag > before;
}

int release_check_leaks(const char *root, const char *dest, Report *r) {
    LineSet secrets = {0}, public_lines = {0};
    size_t problems = read_project(root, &secrets, &public_lines, NULL, NULL, NULL, r);
    int rc = 1;
    if (problems == 0) {
        set_seal(&secrets);
        set_seal(&public_lines);
        keep_only_secrets(&secrets, &public_lines);
        rc = find_leaks(&secrets, dest, r);
        if (rc == 0) say(r, "release: no solution line in %s (%zu checked)\n", dest, secrets.n);
    }
    set_free(&secrets);
    set_free(&public_lines);
    return rc;
}
