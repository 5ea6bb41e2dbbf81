// lit's command line. The work happens in the library (lit.h); this file
// only picks the command and prints the report: diagnostics on stderr, the
// rest on stdout.
#include <stdio.h>
#include <string.h>

#include "../common/xalloc.h"
#include "lit.h"

static const char USAGE[] =
    "usage: lit check [ROOT]     check the chapters' code blocks and literate coverage\n"
    "       lit weave [ROOT]     rewrite stale code blocks in the chapters\n"
    "       lit regions FILE     list the regions of a source file\n";

int main(int argc, char **argv) {
    xalloc_name_program("lit", 1);
    const char *cmd = argc > 1 ? argv[1] : "";
    if (argc == 2 && (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)) {
        fputs(USAGE, stdout);
        return 0;
    }
    Report r = {0};
    int rc;
    if (strcmp(cmd, "check") == 0 && argc <= 3) {
        rc = lit_check(argc == 3 ? argv[2] : ".", &r);
    } else if (strcmp(cmd, "weave") == 0 && argc <= 3) {
        rc = lit_weave(argc == 3 ? argv[2] : ".", &r);
    } else if (strcmp(cmd, "regions") == 0 && argc == 3) {
        rc = lit_regions(argv[2], &r);
    } else {
        fputs(USAGE, stderr);
        return 2;
    }
    // Problems first, so the coverage summary is the last thing on screen.
    fputs(r.err, stderr);
    fflush(stderr);
    fputs(r.out, stdout);
    if (fflush(stdout) != 0) rc = 1;
    report_free(&r);
    return rc;
}
