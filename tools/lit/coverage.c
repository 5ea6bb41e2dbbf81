// Completeness and coverage: every line of src/ shown in a chapter, and
// the share of src/ each chapter shows.
#include "lit_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

// Every region of src/ shown, every line of src/ in a region, and every file
// in a chapter.
void check_complete(Lit *lit) {
    for (size_t i = 0; i < lit->nsource; i++) {
        Source *s = lit->source[i];
        if (!s->scanned || s->read_errno) continue;
        if (s->chapter < 0)
            report(lit->r, false, s->path, 1, "belongs to no chapter in %s", MANIFEST);
        if (s->broken) continue;
        for (size_t k = 0; k < s->nregion; k++)
            if (!s->region[k].shown_by)
                report(lit->r, false, s->path, s->region[k].begin,
                       "region '%s' is not shown in any chapter", s->region[k].name);
        // Walk the gaps between regions; each gap's unshown code is one message.
        size_t line = 0;
        for (size_t k = 0; k <= s->nregion; k++) {
            size_t gap_end = k < s->nregion ? (size_t)s->region[k].begin - 1 : s->text.nline;
            size_t count = 0, first = 0;
            for (; line < gap_end; line++) {
                if (s->kind[line] != LINE_CODE || s->shown_by[line]) continue;
                if (count++ == 0) first = line;
            }
            if (count)
                report(lit->r, false, s->path, (int)first + 1, "%zu line%s not in any region",
                       count, count == 1 ? "" : "s");
            if (k < s->nregion) line = (size_t)s->region[k].end;
        }
    }
}

// Write "100.0" for shown of lines, rounding down: 99.96% is not 100.0%.
static char *percent(size_t shown, size_t lines) {
    if (lines == 0) return xstrdup("100.0");
    unsigned long long tenths = (unsigned long long)shown * 1000 / lines;
    return format("%llu.%llu", tenths / 10, tenths % 10);
}

void report_coverage(Lit *lit, LitCoverage *cov) {
    Report *r = lit->r;
    for (size_t i = 0; i < lit->nsource; i++) {
        const Source *s = lit->source[i];
        if (!s->scanned) continue;
        size_t lines = 0, shown = 0;
        for (size_t k = 0; k < s->text.nline; k++) {
            if (s->kind[k] != LINE_CODE) continue;
            lines++;
            shown += s->shown_by[k] != 0;
        }
        cov->lines += lines;
        cov->shown += shown;
        if (s->chapter >= 0) {
            lit->chapter[s->chapter].lines += lines;
            lit->chapter[s->chapter].shown += shown;
        }
    }
    char *pct = percent(cov->shown, cov->lines);
    say(r, "literate coverage: %s%% (%zu of %zu lines of src/)\n", pct, cov->shown,
        cov->lines);
    free(pct);
    int idw = 0, titlew = 0;
    for (size_t c = 0; c < lit->nchapter; c++) {
        if (lit->chapter[c].nmodule == 0) continue;
        int w = (int)strlen(lit->chapter[c].id), tw = (int)strlen(lit->chapter[c].title);
        if (w > idw) idw = w;
        if (tw > titlew) titlew = tw;
    }
    for (size_t c = 0; c < lit->nchapter; c++) {
        Chapter *ch = &lit->chapter[c];
        if (ch->nmodule == 0) continue;
        pct = percent(ch->shown, ch->lines);
        say(r, "  chapter %-*s  %-*s  %s%% (%zu of %zu)\n", idw, ch->id, titlew, ch->title, pct,
            ch->shown, ch->lines);
        free(pct);
        GROW(cov->chapter, cov->nchapter, cov->chaptercap);
        cov->chapter[cov->nchapter++] = (LitChapterCoverage){xstrdup(ch->id), xstrdup(ch->title),
                                                         ch->shown, ch->lines};
    }
}
