// lit: keeps the C code shown in the chapters identical to the C code in src/.
//
// Source files mark regions with comment lines:
//
//     //> infer-shape
//     int infer_shape(...) { ... }
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
// The library never prints: it fills a LitReport, and main.c (or a test)
// decides what to do with it. Paths in diagnostics are relative to the root.
#ifndef LIT_H
#define LIT_H

#include <stddef.h>

// One problem found, printed as "FILE:LINE: message" ("FILE: message" when
// line is 0, meaning the file as a whole).
typedef struct {
    char *file;
    int line;
    char *message;
    int structural;  // weave can't proceed: the blocks' text can't be computed
} LitDiag;

// Coverage of one chapter that has modules, in manifest order.
typedef struct {
    char *id;
    char *title;
    size_t shown, lines;
} LitChapterCoverage;

typedef struct {
    LitDiag *diag;      // sorted: by file (first mention first), then line
    size_t ndiag, diagcap;
    char *out;          // text for stdout (coverage report, "updated" lines)
    size_t outlen, outcap;
    char *err;          // the diagnostics, formatted, one per line, for stderr
    size_t errlen, errcap;
    // Literate coverage of src/, filled by lit_check.
    size_t shown, lines;
    LitChapterCoverage *chapter;
    size_t nchapter, chaptercap;
} LitReport;

// Each returns 0 when all is well and 1 when it found problems. The report
// must start zeroed (LitReport r = {0};) and be freed with lit_report_free.
// out and err are always NUL-terminated strings after a call (maybe empty).
int lit_check(const char *root, LitReport *report);
int lit_weave(const char *root, LitReport *report);
int lit_regions(const char *path, LitReport *report);

void lit_report_free(LitReport *report);

#endif
