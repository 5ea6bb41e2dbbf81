// Text as lines: the one line splitter of the tools (lit, release, grade,
// and the manifest reader).
//
// A line is a slice of the text, without its "\n" or "\r\n", so there is
// no line-length limit and CRLF files compare equal to LF ones. A last
// line without "\n" is a line; an empty text has none.
#ifndef TOOLS_LINES_H
#define TOOLS_LINES_H

#include <stddef.h>

typedef struct {
    const char *p;  // its first byte
    size_t len;     // its length, without "\n" or "\r\n"
    size_t full;    // its length with them: the next line starts at p + full
} Line;

// The lines of text (size bytes), pointing into it; *n gets their count.
// The array is the caller's to free (NULL when there are none).
Line *split_lines(const char *text, size_t size, size_t *n);

// A whole file, read and split into lines once.
typedef struct {
    char *data;  // NUL-terminated
    size_t size;
    Line *line;
    size_t nline;
} Text;

// Read a whole file and split it into lines. Returns 0, or an errno value
// (and then t holds nothing).
int text_read(Text *t, const char *path);
void text_free(Text *t);

#endif
