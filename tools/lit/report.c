// The report: diagnostics and output text, gathered as the steps run and
// put in order at the end.
#include "lit_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

void report(LitReport *r, bool structural, const char *file, int line, const char *fmt, ...) {
    GROW(r->diag, r->ndiag, r->diagcap);
    LitDiag *d = &r->diag[r->ndiag++];
    va_list ap;
    va_start(ap, fmt);
    d->message = vformat(fmt, ap);
    va_end(ap);
    d->file = xstrdup(file);
    d->line = line;
    d->structural = structural;
}

void report_out(LitReport *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    str_vappendf(&r->out, &r->outlen, &r->outcap, fmt, ap);
    va_end(ap);
}

bool any_structural(const LitReport *r) {
    for (size_t i = 0; i < r->ndiag; i++)
        if (r->diag[i].structural) return true;
    return false;
}

void report_keep_structural(LitReport *r) {
    size_t kept = 0;
    for (size_t i = 0; i < r->ndiag; i++) {
        if (r->diag[i].structural) {
            r->diag[kept++] = r->diag[i];
        } else {
            free(r->diag[i].file);
            free(r->diag[i].message);
        }
    }
    r->ndiag = kept;
}

typedef struct {
    LitDiag d;
    size_t group, seq;
} Keyed;

static int compare_keyed(const void *a, const void *b) {
    const Keyed *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->d.line != y->d.line) return x->d.line < y->d.line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

// Order the diagnostics by file (in order of first mention, which follows
// the manifest), then by line, and format them for stderr.
int report_finish(LitReport *r) {
    Keyed *k = xrealloc(NULL, (r->ndiag + 1) * sizeof *k);
    for (size_t i = 0; i < r->ndiag; i++) {
        size_t g = i;
        for (size_t j = 0; j < i; j++) {
            if (strcmp(r->diag[j].file, r->diag[i].file) == 0) {
                g = k[j].group;
                break;
            }
        }
        k[i] = (Keyed){r->diag[i], g, i};
    }
    qsort(k, r->ndiag, sizeof *k, compare_keyed);
    for (size_t i = 0; i < r->ndiag; i++) {
        r->diag[i] = k[i].d;
        char *s = r->diag[i].line > 0
                      ? format("%s:%d: %s\n", k[i].d.file, k[i].d.line, k[i].d.message)
                      : format("%s: %s\n", k[i].d.file, k[i].d.message);
        str_append(&r->err, &r->errlen, &r->errcap, s, strlen(s));
        free(s);
    }
    free(k);
    // Both strings exist even when empty, so callers can print them blindly.
    str_append(&r->out, &r->outlen, &r->outcap, "", 0);
    str_append(&r->err, &r->errlen, &r->errcap, "", 0);
    return r->ndiag > 0;
}

void lit_report_free(LitReport *r) {
    for (size_t i = 0; i < r->ndiag; i++) {
        free(r->diag[i].file);
        free(r->diag[i].message);
    }
    free(r->diag);
    free(r->out);
    free(r->err);
    for (size_t i = 0; i < r->nchapter; i++) {
        free(r->chapter[i].id);
        free(r->chapter[i].title);
    }
    free(r->chapter);
    memset(r, 0, sizeof *r);
}
