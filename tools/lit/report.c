// lit's side of the report (tools/common/report.h): structural problems,
// which stop weave, and the exit status.
#include "lit_internal.h"

#include <stdarg.h>
#include <stdlib.h>

void report(Report *r, bool structural, const char *file, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(r, structural, file, line, fmt, ap);
    va_end(ap);
}

bool any_structural(const Report *r) {
    for (size_t i = 0; i < r->ndiag; i++)
        if (r->diag[i].structural) return true;
    return false;
}

void report_keep_structural(Report *r) {
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

int report_finish(Report *r) {
    report_sort(r);
    return r->ndiag > 0;
}
