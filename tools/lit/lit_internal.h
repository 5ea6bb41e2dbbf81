// lit's insides, shared by its files (lit.h is the public side).
//
// The whole tool is one pass over the repository, shared by `check` and
// `weave`, each step in a file of its own:
//
//   1. manifest.c  read chapters/chapters.txt: which chapter owns which module;
//   2. sources.c   read every *.c and *.h under src/, and regions.c finds
//                  each file's regions;
//   3. chapters.c  read each chapter's README.md, find its code directives
//                  and blocks, and compare every block with the text it
//                  should hold;
//   4. coverage.c  see that every line of src/ was shown, exactly once, in
//                  its chapter, and count the coverage;
//   5. weave.c     (weave only) rewrite the stale blocks.
//
// pass.c runs the steps; report.c collects what they find; lines.c holds the
// files as lines, and the small tests on text that every step uses.
//
// Problems go into a Report (tools/common/report.h) as diagnostics. Each is "structural" when it
// stops us from knowing what a block should contain (a missing region, a
// broken marker, an unterminated fence); weave refuses to write anything
// then. Everything else (stale blocks, unshown lines, a region shown twice)
// is something weave either fixes or doesn't care about, and check reports.
#ifndef LIT_INTERNAL_H
#define LIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../common/lines.h"
#include "../common/manifest.h"  // MANIFEST
#include "../common/report.h"
#include "../common/strbuf.h"  // TOOLS_PRINTF
#include "../common/text.h"
#include "lit.h"


// ---- text (lines.c) -----------------------------------------------------------
//
// Files are read whole and split into lines once (Text, tools/common/lines.h).

const char *line_at(const Text *t, size_t i);

// (is_space, trim, is_name and same_name are tools/common/text.h's.)
// "root/rel", malloc'd.
char *join_path(const char *root, const char *rel);

// ---- one source file and its regions (regions.c) --------------------------------

// What each line of a source is. Blank and code lines are shown in the
// chapters, and code lines count for coverage; markers and hidden lines
// (solution markers and stubs, there for the exercises) are not shown.
enum { LINE_BLANK, LINE_CODE, LINE_MARKER, LINE_HIDDEN };

typedef struct {
    char *name;
    int begin, end;  // line numbers of its two markers; the text lies between
    int shown_by;    // 1 + index into Lit.shown, or 0 while no chapter shows it
} Region;

typedef struct {
    char *path;           // relative to the root
    bool scanned;         // a *.c or *.h found under src/: counts for coverage
    int chapter;          // for files under src/, the owning chapter, else -1
    int read_errno;       // nonzero: the file could not be read
    bool broken;          // its region markers are wrong
    Text text;
    unsigned char *kind;  // LINE_* for each line
    int *shown_by;        // for each line, like Region.shown_by
    Region *region;
    size_t nregion, regioncap;
} Source;

// Read a file and find its regions. `file` is where to read it, `path` how
// to name it in messages. A file that can't be read gives a Source with
// read_errno set and no lines; the caller decides how to report that.
Source *source_load(Report *r, const char *file, const char *path);
void source_free(Source *s);
Region *region_named(const Source *s, const char *name);
// The 0-based line range [*from, *to) that a block shows: a region's lines
// strictly between its markers, or the whole file.
void shown_range(const Source *s, const Region *rg, size_t *from, size_t *to);
// Does a line of this LINE_* kind appear in the chapters?
bool is_shown_kind(int kind);

// ---- the whole pass: chapters, their blocks, and what they show -----------------

typedef struct {
    char *id, *dir, *title;
    char **module;
    size_t nmodule, modulecap;
    int line;
    size_t shown, lines;  // coverage of its modules
} Chapter;

typedef struct {
    const char *file;  // a README path, owned by its Readme
    int line;
} Where;

typedef struct {
    int line;            // the directive's line number
    char *path;          // the file it names
    char *region;        // the region it names, or NULL for the whole file
    size_t first, last;  // the block's content is lines [first, last); `last` is the closing fence
    Source *source;      // resolved, or NULL when the target is unusable
    Region *rg;
    bool stale;
} Block;

typedef struct {
    char *path;
    int chapter;
    Text text;
    Block *block;
    size_t nblock, blockcap;
} Readme;

// One run of lit over the repository at root.
typedef struct {
    const char *root;
    Report *r;
    Chapter *chapter;
    size_t nchapter, chaptercap;
    Source **source;  // scanned src/ files in manifest order, then the rest as met
    size_t nsource, sourcecap;
    Readme *readme;
    size_t nreadme, readmecap;
    Where *shown;
    size_t nshown, showncap;
} Lit;

// manifest.c: the manifest, and the files and folders it names.
bool read_manifest(Lit *lit);
void check_manifest_files(Lit *lit);
// Is root/rel a folder (dir) or a regular file (!dir)?
bool exists(const Lit *lit, const char *rel, bool dir);
// The chapter owning a file under src/ (src/<module>.c or .h), else -1.
int chapter_of_path(const Lit *lit, const char *path);

// sources.c: the sources, found under src/ or named by a block.
void load_src(Lit *lit);
Source *source_find(const Lit *lit, const char *path);
Source *source_add(Lit *lit, const char *path, bool scanned);

// chapters.c: every chapter's README and its blocks.
void read_chapters(Lit *lit);

// coverage.c: every line of src/ shown, and how much of it.
void check_complete(Lit *lit);
void report_coverage(Lit *lit, LitCoverage *coverage);

// weave.c: rewrite the READMEs that have stale blocks.
void weave_stale_readmes(Lit *lit);

// ---- the report (report.c; the Report itself is tools/common/report.h's) -----------

// Add a diagnostic: "file:line: message" (line 0: the file as a whole).
void report(Report *r, bool structural, const char *file, int line, const char *fmt, ...)
    TOOLS_PRINTF(5, 6);
bool any_structural(const Report *r);
// Drop the diagnostics that are not structural (what weave reports).
void report_keep_structural(Report *r);
// Sort and format the diagnostics; returns the exit status: 1 if any.
int report_finish(Report *r);

#endif
