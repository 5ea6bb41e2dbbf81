// The markers in the sources, read the same way by tools/lit (which hides
// them from the chapters) and tools/release (which replaces solutions by
// their stubs). docs/instructors.md has the grammar for authors.
//
// Solution markers are comment lines of their own, exactly
//
//     /* BEGIN <KW> 3.2 */     the id: letters, digits, '_' and '.'
//     /* END <KW> */           or /* END <KW> 3.2 */
//     /* STUB ... */           the stub's first line (it runs on to the
//                              first line that ends in the comment's close)
//
// where <KW> is the keyword (KEYWORD in markers.c). The keyword is reserved:
// a line that mentions it and is not a marker is MARKER_MALFORMED, so a
// misspelled marker (a line comment, missing blanks, BEGIN_<KW>, lower
// case, code after it) is an error instead of an ordinary comment that
// lets the solution ship. "Mentions" means the keyword as a word of its own
// (not inside a longer name like GRADE_EXPECT_<KW>S), or BEGIN or END
// joined to it, in any case, by blanks, '_' or '-'.
//
// Region markers are lit's: "//> name" and "//< name".
#ifndef TOOLS_MARKERS_H
#define TOOLS_MARKERS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    MARKER_NONE,       // an ordinary line
    MARKER_BEGIN,      // opens a solution
    MARKER_END,        // closes it
    MARKER_STUB,       // the first line of a STUB comment
    MARKER_MALFORMED,  // mentions the keyword but is not a marker
} MarkerKind;

enum { MARKER_ID_MAX = 32 };

typedef struct {
    MarkerKind kind;
    char id[MARKER_ID_MAX];  // BEGIN and END: the exercise id, "" if none
} Marker;

// What the line (len bytes, without its end of line) is.
Marker marker_parse(const char *line, size_t len);

// Does this line of a STUB comment close it? `first` says it is the line
// that opens it, whose "/*" doesn't count.
bool marker_stub_closes(const char *line, size_t len, bool first);

// How to write the markers, for messages: "write /* BEGIN <KW> 3.2 */ and
// /* END <KW> */, each alone on its line".
const char *marker_advice(void);

// A region marker? Returns '>' or '<', else 0. The name comes back in
// *name and *nlen; *nlen is 0 when the name is malformed (it must be
// letters, digits, '_' and '-').
int region_marker(const char *line, size_t len, const char **name, size_t *nlen);

#endif
