// Weaving: each README with a stale block is written again, the blocks
// holding what their directives name.
#include "lit_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/strbuf.h"

// The README with each stale block's content replaced. The new lines end the
// way the block's opening fence line does ("\r\n" or "\n"); every other byte
// is copied as it was.
static char *weave_readme(const Readme *rd, size_t *size) {
    StrBuf b = {0};
    size_t at = 0;
    const Text *t = &rd->text;
    for (size_t k = 0; k < rd->nblock; k++) {
        const Block *block = &rd->block[k];
        if (!block->stale) continue;
        const Line *open = &t->line[block->first - 1];
        // The opening fence's line ends in "\r\n": so do the lines woven in.
        bool crlf = open->full >= open->len + 2;
        // The first content line, or the closing fence.
        size_t start = (size_t)(t->line[block->first].p - t->data);
        strbuf_put(&b, t->data + at, start - at);
        size_t from, to;
        shown_range(block->source, block->rg, &from, &to);
        for (size_t i = from; i < to; i++) {
            if (!is_shown_kind(block->source->kind[i])) continue;
            strbuf_put(&b, line_at(&block->source->text, i), block->source->text.line[i].len);
            strbuf_put(&b, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
        }
        at = (size_t)(t->line[block->last].p - t->data);
    }
    strbuf_put(&b, t->data + at, t->size - at);
    *size = b.len;
    return strbuf_take(&b);
}

// Replace a file by writing a sibling and renaming it over the original, so
// an interrupted weave never leaves half a chapter behind. The new file
// keeps the old one's permissions.
static int write_file(const char *file, const char *data, size_t size) {
    char *tmp = format("%s.lit-tmp", file);
    struct stat st;
    bool had_mode = stat(file, &st) == 0;
    FILE *f = fopen(tmp, "wb");
    int err = 0;
    if (!f) {
        err = errno;
    } else {
        if (fwrite(data, 1, size, f) != size) err = errno ? errno : EIO;
        if (!err && had_mode && fchmod(fileno(f), st.st_mode & 07777) != 0) err = errno;
        if (fclose(f) != 0 && !err) err = errno ? errno : EIO;
        if (!err && rename(tmp, file) != 0) err = errno;
        if (err) remove(tmp);
    }
    free(tmp);
    return err;
}

void weave_stale_readmes(Lit *lit) {
    for (size_t i = 0; i < lit->nreadme; i++) {
        const Readme *rd = &lit->readme[i];
        bool stale = false;
        for (size_t k = 0; k < rd->nblock; k++) stale |= rd->block[k].stale;
        if (!stale) continue;
        size_t size;
        char *text = weave_readme(rd, &size);
        char *file = join_path(lit->root, rd->path);
        int err = write_file(file, text, size);
        if (err)
            report(lit->r, true, rd->path, 0, "cannot write: %s", strerror(err));
        else
            say(lit->r, "lit: updated %s\n", rd->path);
        free(file);
        free(text);
    }
}
