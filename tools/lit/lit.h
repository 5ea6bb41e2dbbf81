// lit: keeps the C code shown in the chapters identical to the C code in src/.
//
// Source files mark regions with comment lines:
//
//     //> infer-shape
//     int shape_infer(...) { ... }
//     //< infer-shape
//
// and a chapter shows a region with a directive followed by a fenced block:
//
//     <!-- code: src/view.c#infer-shape -->
//     ```c
//     ...the region's lines, woven in by `lit weave`...
//     ```
//
// `lit check` proves every block is current and every line of src/ is shown
// exactly once, in the chapter that owns it (chapters/chapters.txt).
//
// The library never prints: it fills a Report, and main.c (or a test)
// decides what to do with it. Paths in diagnostics are relative to the root.
#ifndef LIT_H
#define LIT_H

#include <stddef.h>

#include "../common/report.h"

// Literate coverage of src/: every line of a module's files, and those of
// them the chapters show.
typedef struct {
    char *id;
    char *title;
    size_t shown, lines;
} LitChapterCoverage;

typedef struct {
    size_t shown, lines;         // the whole of src/
    LitChapterCoverage *chapter; // each chapter that has modules, in manifest order
    size_t nchapter, chaptercap;
} LitCoverage;

// Each returns 0 when all is well and 1 when it found problems, which go
// to the report (tools/common/report.h), sorted by file (first mention
// first), then line. The report must start zeroed (Report r = {0};) and be
// freed with report_free. out and err are always NUL-terminated strings
// after a call (maybe empty).
int lit_check(const char *root, Report *report);
// lit_check, and the coverage it counted into *coverage (free it with
// lit_coverage_free).
int lit_check_coverage(const char *root, Report *report, LitCoverage *coverage);
int lit_weave(const char *root, Report *report);
int lit_regions(const char *path, Report *report);

void lit_coverage_free(LitCoverage *coverage);

#endif
