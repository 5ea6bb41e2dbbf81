// lit: weave source regions into the chapters, and check that they agree.
//
// This file runs the pass that check and weave share (lit_internal.h
// describes its steps), and the three commands of lit.h.
#include "lit_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"

static void lit_free(Lit *lit) {
    for (size_t c = 0; c < lit->nchapter; c++) {
        Chapter *ch = &lit->chapter[c];
        for (size_t k = 0; k < ch->nmodule; k++) free(ch->module[k]);
        free(ch->module);
        free(ch->id);
        free(ch->dir);
        free(ch->title);
    }
    free(lit->chapter);
    for (size_t i = 0; i < lit->nsource; i++) source_free(lit->source[i]);
    free(lit->source);
    for (size_t i = 0; i < lit->nreadme; i++) {
        Readme *rd = &lit->readme[i];
        for (size_t k = 0; k < rd->nblock; k++) {
            free(rd->block[k].path);
            free(rd->block[k].region);
        }
        free(rd->block);
        text_free(&rd->text);
        free(rd->path);
    }
    free(lit->readme);
    free(lit->shown);
}

// The shared pass: everything but the coverage report and the writing.
static bool analyse(Lit *lit, const char *root, Report *r) {
    memset(lit, 0, sizeof *lit);
    lit->root = root;
    lit->r = r;
    if (!read_manifest(lit)) return false;
    check_manifest_files(lit);
    load_src(lit);
    read_chapters(lit);
    check_complete(lit);
    return true;
}

int lit_check_coverage(const char *root, Report *r, LitCoverage *coverage) {
    Lit lit;
    if (analyse(&lit, root, r)) report_coverage(&lit, coverage);
    lit_free(&lit);
    return report_finish(r);
}

int lit_check(const char *root, Report *r) {
    LitCoverage coverage = {0};
    int rc = lit_check_coverage(root, r, &coverage);
    lit_coverage_free(&coverage);
    return rc;
}

void lit_coverage_free(LitCoverage *c) {
    for (size_t i = 0; i < c->nchapter; i++) {
        free(c->chapter[i].id);
        free(c->chapter[i].title);
    }
    free(c->chapter);
    memset(c, 0, sizeof *c);
}

int lit_weave(const char *root, Report *r) {
    Lit lit;
    bool ok = analyse(&lit, root, r);
    // Weave fixes or ignores everything but the structural problems; report
    // only those, and write nothing while there are any.
    report_keep_structural(r);
    if (ok && !any_structural(r)) weave_stale_readmes(&lit);
    lit_free(&lit);
    return report_finish(r);
}

int lit_regions(const char *path, Report *r) {
    Source *s = source_load(r, path, path);
    if (s->read_errno) {
        report(r, true, path, 0, "cannot read: %s", strerror(s->read_errno));
    } else {
        // Two aligned columns: the name, and the markers' line numbers.
        int w = 0, rw = 0;
        for (size_t i = 0; i < s->nregion; i++) {
            const Region *rg = &s->region[i];
            int n = (int)strlen(rg->name), m = snprintf(NULL, 0, "%d-%d", rg->begin, rg->end);
            if (n > w) w = n;
            if (m > rw) rw = m;
        }
        for (size_t i = 0; i < s->nregion; i++) {
            const Region *rg = &s->region[i];
            char *range = format("%d-%d", rg->begin, rg->end);
            int n = rg->end - rg->begin - 1;
            say(r, "%-*s  %-*s  %d line%s\n", w, rg->name, rw, range, n, n == 1 ? "" : "s");
            free(range);
        }
    }
    source_free(s);
    return report_finish(r);
}
