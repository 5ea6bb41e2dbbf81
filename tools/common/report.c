// Diagnostics and output text, gathered as a tool runs.
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

static void put_formatted(Report *r, const Diag *d) {
    char *s = d->line > 0 ? format("%s:%d: %s\n", d->file, d->line, d->message)
                          : format("%s: %s\n", d->file, d->message);
    str_append(&r->err, &r->errlen, &r->errcap, s, strlen(s));
    free(s);
}

void vdiag(Report *r, bool structural, const char *file, int line, const char *fmt,
           va_list ap) {
    GROW(r->diag, r->ndiag, r->diagcap);
    Diag *d = &r->diag[r->ndiag++];
    d->message = vformat(fmt, ap);
    d->file = xstrdup(file);
    d->line = line;
    d->structural = structural;
    put_formatted(r, d);
}

void diag(Report *r, const char *file, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(r, false, file, line, fmt, ap);
    va_end(ap);
}

void say(Report *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    str_vappendf(&r->out, &r->outlen, &r->outcap, fmt, ap);
    va_end(ap);
}

typedef struct {
    Diag d;
    size_t group, seq;
} Keyed;

static int compare_keyed(const void *a, const void *b) {
    const Keyed *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->d.line != y->d.line) return x->d.line < y->d.line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void report_sort(Report *r) {
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
    r->errlen = 0;
    for (size_t i = 0; i < r->ndiag; i++) {
        r->diag[i] = k[i].d;
        put_formatted(r, &r->diag[i]);
    }
    free(k);
    str_append(&r->out, &r->outlen, &r->outcap, "", 0);
    str_append(&r->err, &r->errlen, &r->errcap, "", 0);
}

void report_free(Report *r) {
    for (size_t i = 0; i < r->ndiag; i++) {
        free(r->diag[i].file);
        free(r->diag[i].message);
    }
    free(r->diag);
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}
