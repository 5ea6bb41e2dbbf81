// release: the student edition of Strides.
//
// Solutions are marked in place, in the C files (*.c, *.h) of src/ and
// chapters/, with comment lines of their own (tools/common/markers.h has
// the grammar, which tools/lit shares):
//
//     int tensor_foo(const Tensor *t) {
//         /* BEGIN SOLUTION 3.2 */
//         ...the instructor's code...
//         /* END SOLUTION */
//         /* STUB
//         ...what the student starts from (optional)...
//         */
//     }
//
// The release copies the project, replacing every solution by its stub.
// Without a STUB, a solution that is a whole function body gets a default
// stub worked out from the function's declaration: each parameter marked
// used, then error_not_implemented("3.2") and the error value of the return type
// (NULL, -1, false, nothing for void, a zero value otherwise). In every
// file that ships, a line that mentions SOLUTION but is not a well-formed
// marker is an error, and so is a marker outside those C files. See
// docs/instructors.md for the whole format.
//
// Only files that git tracks ship (git ls-files), plus those named in the
// list ROOT/.release-files; where ROOT is not the top of a git work tree
// (a snapshot), the list alone says what ships.
//
// The library never prints: problems become "FILE:LINE: message" lines in
// a Report (tools/common/report.h), and main.c (or a test) decides what to do with them.
#ifndef RELEASE_H
#define RELEASE_H

#include <stdbool.h>
#include <stddef.h>

#include "../common/report.h"


// Stub one C file of src/ or chapters/: `text` (size bytes) becomes *out (malloc'd, *outsize
// bytes), without its instructor-only blocks and with each solution
// replaced by its stub. `path` names the file in messages. Lines between
// solution markers are also reported to `solution_line`, if given, with
// their 1-based number. Returns 0, or 1 with diagnostics (and *out NULL).
int release_stub(const char *path, const char *text, size_t size, char **out,
                 size_t *outsize, Report *r,
                 void (*solution_line)(void *ctx, const char *line, size_t len, int no),
                 void *ctx);

// Any other text file as it ships: without its "BEGIN INSTRUCTOR ONLY" ...
// "END INSTRUCTOR ONLY" blocks (marker lines that are comments: #, //, /*
// or <!--). A solution marker in it is an error. Same contract as above.
int release_clean_text(const char *path, const char *text, size_t size, char **out,
                       size_t *outsize, Report *r);

// Write the student release of the project at `root` into `dest`: copy
// the files that ship, stub, drop instructor-only files and blocks,
// re-weave the chapters (tools/lit), then check that no solution line or
// marker leaked. All of it happens in a folder made beside `dest`, which
// becomes `dest` only when everything succeeded: a failed release leaves
// nothing (and an earlier release as it was). `dest` must be empty or
// missing, unless `force` is set and `dest` holds an earlier release (it
// has the .strides-release file), which is then replaced. Returns 0, or 1
// with diagnostics.
int release_make(const char *root, const char *dest, bool force, Report *r);

// Check that no line of any solution in `root` appears in any file under
// `dest` (lines compared with surrounding blanks trimmed; a solution line
// that also appears outside every solution in `root` is not a secret), and
// that no line there is or mentions a solution marker. Returns 0, or 1
// with one diagnostic per leaked line.
int release_check_leaks(const char *root, const char *dest, Report *r);

// The files of `root` that ship and hold solution markers, one relative
// path per line, into r->out: the files a student edits and hands in.
int release_solution_files(const char *root, Report *r);

#endif
