// The small tests on text the other files use (tools/common/lines.c splits
// the files into lines).
#include "lit_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

const char *line_at(const Text *t, size_t i) { return t->line[i].p; }

char *join_path(const char *root, const char *rel) { return format("%s/%s", root, rel); }
