// manifest: answers questions about chapters/chapters.txt, read by the one
// C reader of it (tools/common/manifest.c), for the shell scripts
// (tools/snapshot) and for the check that the Makefile reads it the same
// way (make manifest-check).
#include <stdio.h>
#include <string.h>

#include "../common/manifest.h"
#include "../common/xalloc.h"

static const char USAGE[] =
    "usage: manifest [--file FILE] COMMAND   (FILE: chapters/chapters.txt)\n"
    "  check        report what is wrong with the manifest (exit 1)\n"
    "  ids | dirs | modules | tests | titles\n"
    "               each chapter's, one a line, in manifest order\n"
    "  upto ID      the chapters up to chapter ID, one a line:\n"
    "               id dir modules tests title (modules and tests: a,b or -)\n";

// A list as the manifest writes it: "a,b", or "-" when empty.
static void print_list(char **v, size_t n) {
    if (n == 0) fputs("-", stdout);
    for (size_t i = 0; i < n; i++) printf("%s%s", i ? "," : "", v[i]);
}

static int print_upto(const Manifest *m, const char *id, const char *file) {
    int last = manifest_chapter_of_id(m, id);
    if (last < 0) {
        fprintf(stderr, "manifest: no chapter '%s' in %s\n", id, file);
        return 2;
    }
    for (int c = 0; c <= last; c++) {
        const ManifestChapter *ch = &m->chapter[c];
        printf("%s  %s  ", ch->id, ch->dir);
        print_list(ch->module, ch->nmodule);
        fputs("  ", stdout);
        print_list(ch->test, ch->ntest);
        printf("  %s\n", ch->title);
    }
    return 0;
}

// One column: each chapter's field, or each of its modules or tests.
static int print_column(const Manifest *m, const char *what) {
    for (size_t c = 0; c < m->nchapter; c++) {
        const ManifestChapter *ch = &m->chapter[c];
        if (strcmp(what, "ids") == 0) puts(ch->id);
        else if (strcmp(what, "dirs") == 0) puts(ch->dir);
        else if (strcmp(what, "titles") == 0) puts(ch->title);
        else if (strcmp(what, "modules") == 0)
            for (size_t k = 0; k < ch->nmodule; k++) puts(ch->module[k]);
        else if (strcmp(what, "tests") == 0)
            for (size_t k = 0; k < ch->ntest; k++) puts(ch->test[k]);
        else return fputs(USAGE, stderr), 2;
    }
    return 0;
}

int main(int argc, char **argv) {
    xalloc_name_program("manifest", 2);
    const char *file = MANIFEST;
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "--file") == 0) file = argv[2], a = 3;
    if (argc - a < 1 || argc - a > 2) return fputs(USAGE, stderr), 2;
    const char *cmd = argv[a];
    Manifest m = {0};
    Report r = {0};
    bool readable = manifest_read(&m, file, file, &r);
    report_sort(&r);
    int rc;
    if (strcmp(cmd, "check") == 0 && argc - a == 1) {
        fputs(r.err, stderr);
        rc = r.ndiag > 0;
    } else if (!readable || r.ndiag > 0) {
        fputs(r.err, stderr);  // no answer from a manifest that is wrong
        rc = 2;
    } else if (strcmp(cmd, "upto") == 0 && argc - a == 2) {
        rc = print_upto(&m, argv[a + 1], file);
    } else {
        rc = argc - a == 1 ? print_column(&m, cmd) : (fputs(USAGE, stderr), 2);
    }
    if (fflush(stdout) != 0) rc = 2;
    manifest_free(&m);
    report_free(&r);
    return rc;
}
