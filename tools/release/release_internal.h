// release's insides, shared by its files (release.h is the public side).
//
//   lines.c           the markers among a text's lines
//                     (tools/common/markers.c reads them, for lit too)
//   stub.c            a file with its solutions replaced by their stubs
//   default_stub.c    the stub worked out from a function's declaration
//   instructor_only.c a file without its instructor-only blocks
//   shipped.c         which files ship: those git tracks, and a list
//   files.c           which files are left out, and the file system
//   project.c         the whole project, read and transformed in memory
//   secrets.c         solution lines, and the search for them in a release
//   predict.c         predict files, their answers blanked
//   release.c         writing the release (release_make), and the report
#ifndef RELEASE_INTERNAL_H
#define RELEASE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

// Problems go to a Report with diag(), what to tell the user with say()
// (tools/common/report.h). This header leaves release.h, the public side
// that release.c implements, out: the files here include it where they
// implement it, and no include goes round in a circle (tools/check-code).
#include "../common/lines.h"
#include "../common/report.h"

// ---- lines and markers (lines.c) ---------------------------------------------------

// Lines are tools/common/lines.h's (start, length without EOL, length with EOL).
// The lines of root/rel, pointing into *data (NULL when the file can't be
// read: then no lines).
Line *read_lines(const char *root, const char *rel, char **data, size_t *n);
// Trim spaces and tabs from both ends, and a "\r" from the end.
void trim_blanks(const char **p, size_t *n);
bool contains(const char *p, size_t n, const char *needle);
bool is_ident(char c);

// What a line is (tools/common/markers.h has the grammar): a solution's
// BEGIN or END marker, the start of its STUB, a lit region marker (which a
// solution may not hold), a line that mentions a solution marker without
// being one (MALFORMED), or PLAIN.
enum { PLAIN, BEGIN, END, STUB, REGION, MALFORMED };
int kind_of(const Line *l);
size_t indent_of(const Line *l);

// ---- instructor-only blocks (instructor_only.c) ----------------------------------

// The lines of a text that ship: all but the instructor-only blocks, their
// marker lines included. *no gets each kept line's 1-based number in the
// text (for messages). Mistakes in the blocks are reported.
Line *shipped_lines(const char *path, const Line *lines, size_t n, size_t *nkept, int **no,
                    Report *r);

// ---- default stubs (default_stub.c) --------------------------------------------------

// The stub for a solution that is the whole body of the function whose
// declaration is `decl`: its lines, or NULL with *why set.
char *default_stub(const char *decl, const char *id, const char *indent, const char **why);
// The declaration of the function whose body opens on line `brace`, and
// in *start the line where it begins.
char *declaration_before(const Line *lines, size_t brace, size_t *start);

// ---- files (files.c) ---------------------------------------------------------------

// A growable list of paths, relative to a root.
typedef struct {
    char **path;
    size_t n, cap;
} Paths;

// Every regular file under root/rel, sorted, as paths relative to root;
// with skip_left_out, not those the release leaves out.
void walk(const char *root, const char *rel, Paths *out, bool skip_left_out);
void paths_add(Paths *p, const char *path);
// Sort, and drop repeated paths.
void paths_sort(Paths *p);
void paths_free(Paths *p);

// Is rel (relative to the root) one of the paths the release leaves out,
// or under one?
bool left_out(const char *rel);
// Where solutions may be marked: *.c and *.h under src/ and chapters/.
// (A file with a solution is one students hand in, and the grader takes
// their copy of it: never a test.) A marker anywhere else is an error.
bool may_hold_solutions(const char *rel);
// A chapter's prose, whose code blocks are woven from the sources.
bool is_chapter_text(const char *rel);
// Text, not binary: no NUL byte.
bool is_text(const char *data, size_t size);

// Make a folder and those it goes in. 0, or -1 with errno set.
int make_dirs(const char *path);
// Write a file, making the folders it goes in. 0, or -1 with errno set.
int write_file(const char *path, const char *data, size_t size, mode_t mode);
// Remove a file, or a folder and all in it.
int remove_tree(const char *path);

// ---- predict files (predict.c) ---------------------------------------------------------

// chapters/NN-name/predict.txt: a chapter's predict set.
bool is_predict_file(const char *rel);
// The file with every answer replaced by "?" (malloc'd, *outsize bytes);
// each line with an answer goes to secret() (when given) first.
char *predict_blank(const char *data, size_t size, size_t *outsize,
                    void (*secret)(void *ctx, const char *line, size_t len, int no), void *ctx);
// Does a predict file hold an answer (anything but "?")?
bool predict_has_answers(const char *data, size_t size);

// ---- which files ship (shipped.c) ------------------------------------------------------

// The files of the release, relative to root, sorted: the regular files
// git tracks (git ls-files), and those the list root/.release-files names;
// where root is not the top of a git work tree, the list's alone. Never
// those the release leaves out. Files git does not track and the list
// does not name go to *untracked (when git is there), to tell the user.
// Returns false, with a diagnostic, when there is neither git nor a list,
// or the list is wrong.
bool shipped_files(const char *root, Paths *out, Paths *untracked, Report *r);

// ---- solution lines (secrets.c) -------------------------------------------------------

// A set of trimmed lines, kept simply: a sorted array, binary-searched.
typedef struct {
    char **s;
    char **where;  // for secrets: "file:line" of the first occurrence
    size_t n, cap;
} LineSet;

void set_add(LineSet *set, const char *p, size_t n, const char *where);
// Sort, keeping the first of equal lines; set_find works only after this.
void set_seal(LineSet *set);
long set_find(const LineSet *set, const char *p, size_t n);
void set_free(LineSet *set);
// Secrets are the solution lines that the public text never shows.
void keep_only_secrets(LineSet *secrets, const LineSet *public_lines);
// Report every secret line found in a file under dest, and every line
// that is or mentions a solution marker; 1 if any, else 0.
int find_leaks(const LineSet *secrets, const char *dest, Report *r);

// ---- the project in memory (project.c) -------------------------------------------------

// A file of the release: where it goes (relative to the root), its text
// once stubbed and cleaned, and its permissions.
typedef struct {
    char *rel;
    char *data;
    size_t size;
    mode_t mode;
} File;

// Read the files of `root` that ship: their solution lines (secrets), and
// every line they show outside solutions (public). Stubbed and cleaned
// texts go to `files` when it is given; files git does not track to
// `untracked` when it is given. Returns the number of problems.
size_t read_project(const char *root, LineSet *secrets, LineSet *public_lines, File **files,
                    size_t *nfiles, Paths *untracked, Report *r);
void files_free(File *files, size_t n);

#endif
