// The chapter manifest, chapters/chapters.txt: the one reader of it in C
// (lit, grade, and `manifest`, the query tool that tools/snapshot and the
// tests ask). One chapter a line, in reading order:
//
//     id  directory  modules  tests  title
//
// '#' starts a comment; modules and tests are comma-separated lists, "-"
// for none. An id is a name (letters, digits, '_', '-'); a module or a
// test a path of names ("lang/lexer"); a directory a name that may hold
// dots. No id, directory or module may appear twice.
#ifndef TOOLS_MANIFEST_H
#define TOOLS_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

extern const char MANIFEST[];  // "chapters/chapters.txt", relative to the root

typedef struct {
    char *id, *dir, *title;
    char **module;  // below src/: "view", "lang/lexer"
    size_t nmodule, modulecap;
    char **test;    // below tests/: "test_view"
    size_t ntest, testcap;
    int line;       // in the manifest
} ManifestChapter;

typedef struct {
    ManifestChapter *chapter;
    size_t nchapter, chaptercap;
} Manifest;

// Read the manifest at `file`, named `name` in messages. Each wrong line
// is a structural diagnostic in r, and is left out (but for its modules,
// which stay claimed). False, with a diagnostic, when the file can't be
// read. Start m zeroed; free it with manifest_free.
bool manifest_read(Manifest *m, const char *file, const char *name, Report *r);
// The chapter that lists module `mod` (n bytes), or -1.
int manifest_chapter_of_module(const Manifest *m, const char *mod, size_t n);
// The chapter with id `id`, or -1.
int manifest_chapter_of_id(const Manifest *m, const char *id);
void manifest_free(Manifest *m);

#endif
