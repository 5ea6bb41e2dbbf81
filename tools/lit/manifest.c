// The manifest, chapters/chapters.txt, read by tools/common/manifest.c; and
// the check that every folder and module it names is there.
#include "lit_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/manifest.h"
#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

static int chapter_of_module(const Lit *lit, const char *m, size_t n) {
    for (size_t c = 0; c < lit->nchapter; c++)
        for (size_t k = 0; k < lit->chapter[c].nmodule; k++)
            if (same_name(m, n, lit->chapter[c].module[k], strlen(lit->chapter[c].module[k])))
                return (int)c;
    return -1;
}

// The chapter owning a file under src/ (src/<module>.c or .h), else -1.
int chapter_of_path(const Lit *lit, const char *path) {
    size_t n = strlen(path);
    if (!starts_with(path, n, "src/") || !(ends_with(path, n, ".c") || ends_with(path, n, ".h")))
        return -1;
    return chapter_of_module(lit, path + 4, n - 6);
}

// The manifest's chapters become lit's (which count their coverage too);
// their strings change hands.
bool read_manifest(Lit *lit) {
    Manifest m = {0};
    char *file = join_path(lit->root, MANIFEST);
    bool ok = manifest_read(&m, file, MANIFEST, lit->r);
    free(file);
    lit->chapter = xrealloc(NULL, (m.nchapter + 1) * sizeof *lit->chapter);
    lit->nchapter = lit->chaptercap = m.nchapter;
    for (size_t c = 0; c < m.nchapter; c++) {
        ManifestChapter *mc = &m.chapter[c];
        lit->chapter[c] = (Chapter){.id = mc->id, .dir = mc->dir, .title = mc->title,
                                    .module = mc->module, .nmodule = mc->nmodule,
                                    .modulecap = mc->modulecap, .line = mc->line};
        mc->id = mc->dir = mc->title = NULL;
        mc->module = NULL;
        mc->nmodule = 0;
    }
    manifest_free(&m);
    return ok;
}

bool exists(const Lit *lit, const char *rel, bool dir) {
    char *file = join_path(lit->root, rel);
    struct stat st;
    bool ok = stat(file, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
    free(file);
    return ok;
}

// Every module has a file, every chapter a directory.
void check_manifest_files(Lit *lit) {
    for (size_t c = 0; c < lit->nchapter; c++) {
        const Chapter *ch = &lit->chapter[c];
        char *dir = format("chapters/%s", ch->dir);
        if (!exists(lit, dir, true))
            report(lit->r, false, MANIFEST, ch->line, "no directory %s", dir);
        free(dir);
        for (size_t k = 0; k < ch->nmodule; k++) {
            char *cfile = format("src/%s.c", ch->module[k]);
            char *hfile = format("src/%s.h", ch->module[k]);
            if (!exists(lit, cfile, false) && !exists(lit, hfile, false))
                report(lit->r, false, MANIFEST, ch->line, "module '%s' has neither %s nor %s",
                       ch->module[k], cfile, hfile);
            free(cfile);
            free(hfile);
        }
    }
}
