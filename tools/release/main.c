// release: the command line of the student-release tool (release.h).
//
//   release [--force] ROOT DEST     write the student release of ROOT into DEST
//   release leaks ROOT DEST         check that no solution line of ROOT is in DEST
//   release stub FILE               print FILE with its solutions replaced by stubs
//   release solution-files ROOT     list the files that hold solutions
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/text.h"
#include "../common/xalloc.h"
#include "release.h"

static int usage(void) {
    fputs("usage: release [--force] ROOT DEST\n"
          "       release leaks ROOT DEST\n"
          "       release stub FILE\n"
          "       release solution-files ROOT\n", stderr);
    return 2;
}

int main(int argc, char **argv) {
    xalloc_name_program("release", 1);
    Report r = {0};
    int rc;
    if (argc == 4 && strcmp(argv[1], "leaks") == 0) {
        rc = release_check_leaks(argv[2], argv[3], &r);
    } else if (argc == 3 && strcmp(argv[1], "solution-files") == 0) {
        rc = release_solution_files(argv[2], &r);
    } else if (argc == 3 && strcmp(argv[1], "stub") == 0) {
        size_t size;
        char *text = read_file(argv[2], &size), *out = NULL;
        if (!text) {
            perror(argv[2]);
            return 1;
        }
        size_t outsize = 0;
        rc = release_stub(argv[2], text, size, &out, &outsize, &r, NULL, NULL);
        if (rc == 0) fwrite(out, 1, outsize, stdout);
        free(out);
        free(text);
    } else if (argc == 3 || (argc == 4 && strcmp(argv[1], "--force") == 0)) {
        bool force = argc == 4;
        rc = release_make(argv[argc - 2], argv[argc - 1], force, &r);
    } else {
        return usage();
    }
    if (r.out) fputs(r.out, stdout);
    if (r.err) fputs(r.err, stderr);
    report_free(&r);
    return rc;
}
