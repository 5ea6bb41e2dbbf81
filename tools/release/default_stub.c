// Default stubs: for a solution that is a whole function body and has no
// STUB of its own, the stub is worked out from the function's declaration
// (release.h says what it holds).
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

// Remove __attribute__((...)) from a declaration, in place.
static void drop_attributes(char *s) {
    char *a;
    while ((a = strstr(s, "__attribute__")) != NULL) {
        char *p = a + strlen("__attribute__");
        while (*p == ' ') p++;
        int depth = 0;
        do {
            if (*p == '(') depth++;
            else if (*p == ')') depth--;
            else if (*p == '\0') return;
            p++;
        } while (depth > 0);
        memmove(a, p, strlen(p) + 1);
    }
}

static char *trimmed_copy(const char *p, size_t n) {
    trim_blanks(&p, &n);
    return xstrndup(p, n);
}

// The name a parameter declares: "const Tensor *t" -> "t",
// "int64_t sizes[]" -> "sizes", "void (*visit)(float)" -> "visit".
static char *param_name(const char *p, size_t n) {
    trim_blanks(&p, &n);
    const char *fp = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == '(' && (p[i + 1] == '*' || p[i + 1] == ' ')) fp = p + i;
    if (fp) {
        const char *q = fp + 1;
        while (*q == '*' || *q == ' ') q++;
        size_t m = 0;
        while (is_ident(q[m])) m++;
        return m ? trimmed_copy(q, m) : NULL;
    }
    while (n > 0 && p[n - 1] == ']') {  // drop array brackets
        while (n > 0 && p[n - 1] != '[') n--;
        if (n > 0) n--;
        trim_blanks(&p, &n);
    }
    size_t end = n, start = n;
    while (start > 0 && is_ident(p[start - 1])) start--;
    if (start == end || (p[start] >= '0' && p[start] <= '9')) return NULL;
    // A lone type ("int") names nothing: there must be a type before it.
    if (start == 0) return NULL;
    return trimmed_copy(p + start, end - start);
}

static bool is_integer_type(const char *t) {
    static const char *const ints[] = {"long", "long long", "short", "signed", "int64_t",
                                       "int32_t", "int16_t", "int8_t", "ptrdiff_t",
                                       "ssize_t", "intptr_t", "long int", NULL};
    for (int i = 0; ints[i]; i++)
        if (strcmp(t, ints[i]) == 0) return true;
    return false;
}

// The return type of the function whose name starts at `name` in the
// declaration d: what comes before the name, less storage classes.
static char *return_type(const char *d, const char *name) {
    static const char *const storage[] = {"static ", "inline ", "extern ", "_Noreturn ", NULL};
    char *type = trimmed_copy(d, (size_t)(name - d));
    for (bool again = true; again;) {
        again = false;
        for (int i = 0; storage[i]; i++) {
            size_t k = strlen(storage[i]);
            if (strncmp(type, storage[i], k) == 0) {
                memmove(type, type + k, strlen(type + k) + 1);
                again = true;
            }
        }
    }
    char *t = trimmed_copy(type, strlen(type));
    free(type);
    return t;
}

// The ")" that closes the parameter list opening at `open`, or NULL.
static const char *list_close(const char *open) {
    int depth = 0;
    for (const char *p = open; *p; p++) {
        if (*p == '(' || *p == '[') depth++;
        else if ((*p == ')' || *p == ']') && --depth == 0) return p;
    }
    return NULL;
}

// "(void)name;" for each parameter between open and close, so that none
// is unused. False when one has no name.
static bool put_parameter_uses(StrBuf *b, const char *open, const char *close,
                               const char *indent) {
    const char *start = open + 1;
    int depth = 0;
    for (const char *p = open + 1; p <= close; p++) {
        if (p < close && (*p == '(' || *p == '[')) depth++;
        else if (p < close && (*p == ')' || *p == ']')) depth--;
        else if (p == close || (*p == ',' && depth == 0)) {
            const char *q = start;
            size_t n = (size_t)(p - start);
            trim_blanks(&q, &n);
            start = p + 1;
            if (n == 0 || (n == 4 && memcmp(q, "void", 4) == 0) ||
                (n == 3 && memcmp(q, "...", 3) == 0))
                continue;
            char *pn = param_name(q, n);
            if (!pn) return false;
            strbuf_putf(b, "%s(void)%s;\n", indent, pn);
            free(pn);
        }
    }
    return true;
}

// error_not_implemented("id"), and the error value of the return type.
static void put_return(StrBuf *b, const char *type, const char *id, const char *indent) {
    size_t tl = strlen(type);
    if (strcmp(type, "void") == 0)
        strbuf_putf(b, "%serror_not_implemented(\"%s\");\n", indent, id);
    else if (strcmp(type, "int") == 0)
        strbuf_putf(b, "%sreturn error_not_implemented(\"%s\");\n", indent, id);
    else if (type[tl - 1] == '*')
        strbuf_putf(b, "%serror_not_implemented(\"%s\");\n%sreturn NULL;\n", indent, id, indent);
    else if (strcmp(type, "bool") == 0)
        strbuf_putf(b, "%serror_not_implemented(\"%s\");\n%sreturn false;\n", indent, id, indent);
    else if (is_integer_type(type))
        strbuf_putf(b, "%serror_not_implemented(\"%s\");\n%sreturn -1;\n", indent, id, indent);
    else
        strbuf_putf(b, "%serror_not_implemented(\"%s\");\n%sreturn (%s){0};\n", indent, id, indent,
                    type);
}

// The stub of the function declared by d (attributes dropped): NULL with
// *why set when the declaration can't be read.
static char *stub_of(const char *d, const char *id, const char *indent, const char **why) {
    const char *open = strchr(d, '(');
    if (!open) return *why = "no parameter list before it", NULL;
    // The name: the identifier just before "(".
    const char *name_end = open;
    while (name_end > d && name_end[-1] == ' ') name_end--;
    const char *name = name_end;
    while (name > d && is_ident(name[-1])) name--;
    if (name == name_end) return *why = "no function name before '('", NULL;
    const char *close = list_close(open);
    char *type = return_type(d, name);
    StrBuf b = {0};
    if (type[0] == '\0') {
        *why = "no return type";
    } else if (!close) {
        *why = "the parameter list never closes";
    } else {
        strbuf_putf(&b, "%s// Exercise %s: not done yet. Replace this stub with your code.\n",
                    indent, id);
        if (put_parameter_uses(&b, open, close, indent)) put_return(&b, type, id, indent);
        else *why = "a parameter without a name";
    }
    free(type);
    if (*why) free(strbuf_take(&b));
    return *why ? NULL : strbuf_take(&b);
}

// Work out the stub for a solution that is the whole body of the
// function whose declaration is `decl` (everything before its "{").
// Returns the stub's lines (each ending in "\n"), or NULL with *why set.
char *default_stub(const char *decl, const char *id, const char *indent,
                   const char **why) {
    char *d = xstrdup(decl);
    drop_attributes(d);
    *why = NULL;
    char *stub = stub_of(d, id, indent, why);
    free(d);
    return stub;
}

// The declaration of the function whose body opens on line `brace` (the
// line ending in "{"): that line and the ones above it, back to a blank
// line, a comment, a preprocessor line, a region marker, or the end of
// the previous statement or definition.
char *declaration_before(const Line *lines, size_t brace, size_t *start) {
    size_t first = brace;
    while (first > 0) {
        const char *p = lines[first - 1].p;
        size_t n = lines[first - 1].len;
        trim_blanks(&p, &n);
        if (n == 0 || p[0] == '#' || starts_with(p, n, "//") || starts_with(p, n, "/*") ||
            ends_with(p, n, "*/") || ends_with(p, n, ";") || ends_with(p, n, "}") ||
            ends_with(p, n, "{"))
            break;
        first--;
    }
    *start = first;
    StrBuf b = {0};
    for (size_t i = first; i <= brace; i++) {
        const char *p = lines[i].p;
        size_t n = lines[i].len;
        trim_blanks(&p, &n);
        if (i == brace) n--;  // the "{"
        if (b.len) strbuf_puts(&b, " ");
        strbuf_put(&b, p, n);
    }
    return strbuf_take(&b);
}
