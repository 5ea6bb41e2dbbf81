// Tests for tools/gdb/strides.py, the pretty-printer behind `p *t`.
//
// gdb runs tests/tools/fixtures/gdb/tensors.c's program (build/bin/gdb-tensors)
// from the project's root, loading the printer through the root's .gdbinit
// exactly as a student's gdb would. The program writes what the library
// itself says about each tensor (its metadata and tensor_repr) to a file;
// gdb prints the same tensors with the printer. The two texts must be equal,
// and the cases the library cannot print (a broken tensor, a storage) must
// read as written here. Where gdb is missing, the test is skipped, and says so.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROGRAM "build/bin/gdb-tensors"
#define COMMANDS "tests/tools/fixtures/gdb/commands.gdb"

// What only the printer says: a tensor whose strides walk past its storage,
// the storage of `ints` (arange(12), shared by five tensors), and two
// IntLists, one longer than MAX_DIMS.
static const char printer_only[] =
    "=== broken\n"
    "shape (3, 5), stride (5, 1), offset 0, contiguous\n"
    "<broken tensor: element (2, 2) is at storage position 12, outside the storage's 12 floats>\n"
    "=== storage\n"
    "storage of 12 floats, refcount 5\n"
    "[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11.]\n"
    "=== shape\n"
    "(2, 3, 4)\n"
    "=== too long\n"
    "<IntList of len 9: more than MAX_DIMS (8) values>\n"
    "=== end\n";

// One case spelled out, so that the test fails if the library and the
// printer were ever wrong together.
static const char ints_as_pytorch_prints_it[] =
    "=== ints\n"
    "shape (3, 4), stride (4, 1), offset 0, contiguous\n"
    "tensor([[ 0.,  1.,  2.,  3.],\n"
    "        [ 4.,  5.,  6.,  7.],\n"
    "        [ 8.,  9., 10., 11.]])\n";

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) fail_msg("cannot read %s", path);
    char *s = NULL;
    size_t len = 0, cap = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        if (len + 2 > cap) {
            cap = cap ? 2 * cap : 4096;
            s = realloc(s, cap);
            assert_non_null(s);
        }
        s[len++] = (char)c;
    }
    fclose(f);
    if (s == NULL) s = calloc(1, 1);
    assert_non_null(s);
    s[len] = '\0';
    return s;
}

static bool gdb_missing(void) {
    return system("command -v gdb >/dev/null 2>&1") != 0;
}

// Run gdb on the program; `scratch` receives library.txt and gdb.txt.
static void run_gdb(const char *scratch) {
    char command[4096];
    snprintf(command, sizeof command,
             "cd '%s' && gdb -batch -nh -iex 'add-auto-load-safe-path %s/.gdbinit' "
             "-ex 'break tensors_ready' -ex 'run %s/library.txt' -x " COMMANDS " " PROGRAM
             " >'%s/gdb.txt' 2>&1",
             STRIDES_ROOT, STRIDES_ROOT, scratch, scratch);
    assert_int_equal(system(command), 0);
}

// The part of gdb's output between the first "=== " line and "=== end".
static char *printed_part(char *gdb_text) {
    char *start = strstr(gdb_text, "=== ints\n");
    char *end = start ? strstr(start, "=== end\n") : NULL;
    if (end == NULL) return NULL;
    end[strlen("=== end\n")] = '\0';
    return start;
}

static void remove_scratch(const char *scratch) {
    const char *files[] = {"library.txt", "gdb.txt", "expected.txt", "printed.txt"};
    char path[4096];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", scratch, files[i]);
        unlink(path);
    }
    rmdir(scratch);
}

static void write_text(const char *scratch, const char *name, const char *text) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

// A diff of the two texts (a wrong space is hard to see otherwise).
static void show_diff(const char *scratch, const char *expected, const char *printed) {
    write_text(scratch, "expected.txt", expected);
    write_text(scratch, "printed.txt", printed);
    char command[4096];
    snprintf(command, sizeof command, "cd '%s' && diff -u expected.txt printed.txt",
             scratch);
    if (system(command) == -1) print_error("could not run diff\n");
}

// What gdb printed is the library's text for every tensor, then printer_only.
// Returns the failure's message, or NULL; frees what it read either way.
static const char *compare(const char *scratch, char *gdb_text) {
    char *printed = printed_part(gdb_text);
    if (printed == NULL) {
        printf("%s", gdb_text);
        return "gdb printed no tensors (its whole output is above)";
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/library.txt", scratch);
    char *library = read_all(path);
    char *expected = malloc(strlen(library) + sizeof printer_only);
    assert_non_null(expected);
    strcpy(expected, library);
    strcat(expected, printer_only);
    const char *failure = NULL;
    if (strncmp(library, ints_as_pytorch_prints_it, strlen(ints_as_pytorch_prints_it)) != 0) {
        failure = "the library's own repr of arange(12).view(3, 4) changed";
    } else if (strcmp(expected, printed) != 0) {
        show_diff(scratch, expected, printed);
        failure = "gdb's p *t differs from the library's repr (diff above: - library, + gdb)";
    }
    free(expected);
    free(library);
    return failure;
}

static void test_p_prints_like_the_library(void **state) {
    (void)state;
    if (gdb_missing()) {
        printf("test_gdb: skipped: gdb missing (apt-get install gdb)\n");
        skip();
    }
    char scratch[] = "/tmp/strides-gdb-XXXXXX";
    assert_non_null(mkdtemp(scratch));
    run_gdb(scratch);
    char path[4096];
    snprintf(path, sizeof path, "%s/gdb.txt", scratch);
    char *gdb_text = read_all(path);
    const char *failure = compare(scratch, gdb_text);
    free(gdb_text);
    remove_scratch(scratch);
    if (failure != NULL) fail_msg("%s", failure);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_p_prints_like_the_library),
    };
    return cmocka_run_group_tests_name("gdb pretty-printer", tests, NULL, NULL);
}
