// Tests for tools/lit, the tool that keeps the chapters' code in step with src/.
//
// tests/tools/fixtures/lit/ok is a small, correct repository: three chapters,
// four source files, a demo shown whole, solution and stub markers. Each
// test copies it into a fresh temporary directory, breaks or changes one
// thing, and looks at what lit says, down to the file and line.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_main.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../tools/common/manifest.h"
#include "../../tools/lit/lit.h"
#include "tree_files.h"

#define FIXTURE STRIDES_ROOT "/tests/tools/fixtures/lit/ok"

// ---- files ------------------------------------------------------------------

// Rewrite a file with "\r\n" line endings.
static void to_crlf(const char *root, const char *rel) {
    char *s = slurp(root, rel);
    size_t n = strlen(s), lines = 0;
    for (size_t i = 0; i < n; i++) lines += s[i] == '\n';
    char *t = malloc(n + lines + 1), *q = t;
    assert_non_null(t);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') *q++ = '\r';
        *q++ = s[i];
    }
    *q = '\0';
    put(root, rel, t);
    free(t);
    free(s);
}

static void copy_tree(const char *from, const char *to) {
    DIR *d = opendir(from);
    if (!d) fail_msg("cannot open %s", from);
    mkdir(to, 0755);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *src = path_in(from, e->d_name), *dst = path_in(to, e->d_name);
        struct stat st;
        assert_int_equal(lstat(src, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            copy_tree(src, dst);
        } else {
            size_t size;
            char *data = read_all(src, &size);
            write_all(dst, data, size);
            free(data);
        }
        free(src);
        free(dst);
    }
    closedir(d);
}

static void remove_tree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char *child = path_in(path, e->d_name);
            remove_tree(child);
            free(child);
        }
        if (d) closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

// Each test gets its own copy of the fixture as its state.
static int setup(void **state) {
    const char *tmp = getenv("TMPDIR");
    char *dir = path_in(tmp && *tmp ? tmp : "/tmp", "lit-test-XXXXXX");
    if (!mkdtemp(dir)) {
        free(dir);
        return -1;
    }
    copy_tree(FIXTURE, dir);
    *state = dir;
    return 0;
}

static int teardown(void **state) {
    remove_tree(*state);
    free(*state);
    return 0;
}

// ---- asserting on reports ---------------------------------------------------

// There is a diagnostic at file:line whose message contains `text`.
static void assert_diag(const Report *r, const char *file, int line, const char *text) {
    for (size_t i = 0; i < r->ndiag; i++)
        if (strcmp(r->diag[i].file, file) == 0 && r->diag[i].line == line &&
            strstr(r->diag[i].message, text))
            return;
    fail_msg("expected %s:%d: ...%s...\ngot:\n%s", file, line, text, r->err);
}

static void assert_clean(const char *root) {
    Report r = {0};
    LitCoverage c = {0};
    int rc = lit_check_coverage(root, &r, &c);
    if (rc != 0 || r.ndiag != 0) fail_msg("expected a clean check, got:\n%s", r.err);
    assert_true(c.shown == c.lines);
    lit_coverage_free(&c);
    report_free(&r);
}

static void assert_file(const char *root, const char *rel, const char *want) {
    char *got = slurp(root, rel);
    assert_string_equal(got, want);
    free(got);
}

static const char INTRO_README[] = "chapters/00-intro/README.md";
static const char ALPHA_README[] = "chapters/01-alpha/README.md";
static const char BETA_README[] = "chapters/02-beta/README.md";

// ---- the good tree ----------------------------------------------------------

// The one reader of the manifest (tools/common/manifest.c), as lit, grade
// and build/bin/manifest see it: every field, lists split, comments gone.
static void the_manifest_reader_reads_every_field(void **state) {
    (void)state;
    Manifest m = {0};
    Report r = {0};
    assert_true(manifest_read(&m, FIXTURE "/chapters/chapters.txt", MANIFEST, &r));
    assert_int_equal(r.ndiag, 0);
    assert_int_equal(m.nchapter, 3);
    assert_string_equal(m.chapter[1].dir, "01-alpha");
    assert_int_equal(m.chapter[1].ntest, 1);
    assert_string_equal(m.chapter[1].test[0], "test_a");
    assert_int_equal(m.chapter[2].nmodule, 2);
    assert_string_equal(m.chapter[2].module[1], "sub/gamma");
    assert_int_equal(m.chapter[2].ntest, 0);
    assert_string_equal(m.chapter[2].title, "Beta and gamma");
    assert_int_equal(m.chapter[2].line, 6);
    assert_int_equal(manifest_chapter_of_id(&m, "2"), 2);
    assert_int_equal(manifest_chapter_of_id(&m, "3"), -1);
    assert_int_equal(manifest_chapter_of_module(&m, "sub/gamma", 9), 2);
    assert_int_equal(manifest_chapter_of_module(&m, "sub", 3), -1);
    manifest_free(&m);
    assert_false(manifest_read(&m, FIXTURE "/no/such/file", "nowhere.txt", &r));
    assert_int_equal(r.ndiag, 1);
    report_sort(&r);
    assert_string_equal(r.err, "nowhere.txt: cannot read: No such file or directory\n");
    manifest_free(&m);
    report_free(&r);
}

static void fixture_checks_clean_with_full_coverage(void **state) {
    (void)state;
    Report r = {0};
    LitCoverage c = {0};
    assert_int_equal(lit_check_coverage(FIXTURE, &r, &c), 0);
    assert_string_equal(r.err, "");
    assert_string_equal(r.out,
                        "literate coverage: 100.0% (13 of 13 lines of src/)\n"
                        "  chapter 1  Alpha           100.0% (9 of 9)\n"
                        "  chapter 2  Beta and gamma  100.0% (4 of 4)\n");
    assert_true(c.shown == 13 && c.lines == 13);
    assert_int_equal(c.nchapter, 2);
    assert_string_equal(c.chapter[1].id, "2");
    assert_string_equal(c.chapter[1].title, "Beta and gamma");
    assert_true(c.chapter[1].shown == 4 && c.chapter[1].lines == 4);
    lit_coverage_free(&c);
    report_free(&r);
}

static void weave_on_a_current_tree_writes_nothing(void **state) {
    const char *root = *state;
    char *before = slurp(root, ALPHA_README);
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "");
    assert_file(root, ALPHA_README, before);
    report_free(&r);
    free(before);
}

// ---- weaving ----------------------------------------------------------------

static void check_reports_a_stale_block_and_weave_fixes_it(void **state) {
    const char *root = *state;
    char *want = slurp(root, ALPHA_README);
    edit(root, "src/alpha.c", "return a + b;", "return b + a;");

    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_int_equal(r.ndiag, 1);
    assert_string_equal(r.err, "chapters/01-alpha/README.md:20: stale block for "
                               "src/alpha.c#alpha-add (run make chapters)\n");
    report_free(&r);

    assert_int_equal(lit_weave(root, &r), 0);
    assert_string_equal(r.out, "lit: updated chapters/01-alpha/README.md\n");
    assert_string_equal(r.err, "");
    report_free(&r);
    char *at = strstr(want, "return a + b;");
    memcpy(at, "return b + a;", 13);
    assert_file(root, ALPHA_README, want);

    // Idempotent: a second weave has nothing to do.
    assert_int_equal(lit_weave(root, &r), 0);
    assert_string_equal(r.out, "");
    report_free(&r);
    assert_file(root, ALPHA_README, want);
    assert_clean(root);
    free(want);
}

static void weave_grows_and_shrinks_blocks(void **state) {
    const char *root = *state;
    edit(root, "src/sub/gamma.c", "    return 3;\n", "    int x = 3;\n\n    return x;\n");
    edit(root, "src/alpha.c", "#include \"alpha.h\"\n", "");
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    assert_string_equal(r.out, "lit: updated chapters/01-alpha/README.md\n"
                               "lit: updated chapters/02-beta/README.md\n");
    report_free(&r);
    char *beta = slurp(root, BETA_README);
    assert_non_null(strstr(beta, "```c\nint gamma_(void) {\n\n    int x = 3;\n\n"
                                 "    return x;\n}\n```\n"));
    free(beta);
    char *alpha = slurp(root, ALPHA_README);
    assert_non_null(strstr(alpha, "<!-- code: src/alpha.c#alpha-includes -->\n```c\n```\n"));
    free(alpha);
    assert_clean(root);
}

// Prose, other fences, odd whitespace, CRLF lines and a missing final
// newline all survive a weave byte for byte.
static void weave_leaves_every_other_byte_alone(void **state) {
    const char *root = *state;
    static const char before[] =
        "# Beta \t\n"
        "\r\n"
        "Caf\xc3\xa9   trailing spaces   \n"
        "<!-- code: src/beta.c#beta -->\n"
        "```c\n"
        "int beta(void) { return 1; }\n"
        "int old;\n"
        "```\n"
        "```python\n"
        "<!-- code: src/beta.c#beta -->\n"
        "```\n"
        "<!-- code: src/sub/gamma.c#gamma -->\n"
        "```c\n"
        "int gamma_(void) {\n"
        "\n"
        "    return 3;\n"
        "}\n"
        "```";
    static const char after[] =
        "# Beta \t\n"
        "\r\n"
        "Caf\xc3\xa9   trailing spaces   \n"
        "<!-- code: src/beta.c#beta -->\n"
        "```c\n"
        "int beta(void) { return 2; }\n"
        "```\n"
        "```python\n"
        "<!-- code: src/beta.c#beta -->\n"
        "```\n"
        "<!-- code: src/sub/gamma.c#gamma -->\n"
        "```c\n"
        "int gamma_(void) {\n"
        "\n"
        "    return 3;\n"
        "}\n"
        "```";
    put(root, BETA_README, before);
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    assert_string_equal(r.out, "lit: updated chapters/02-beta/README.md\n");
    report_free(&r);
    assert_file(root, BETA_README, after);
    assert_clean(root);
}

static void weave_writes_nothing_when_the_tree_is_broken(void **state) {
    const char *root = *state;
    char *alpha = slurp(root, ALPHA_README);
    edit(root, "src/alpha.c", "return a + b;", "return b + a;");     // stale
    edit(root, BETA_README, "#gamma -->", "#gama -->");              // structural
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 1);
    assert_string_equal(r.out, "");
    assert_int_equal(r.ndiag, 1);
    assert_string_equal(r.err, "chapters/02-beta/README.md:12: src/sub/gamma.c has no "
                               "region 'gama'\n");
    report_free(&r);
    assert_file(root, ALPHA_README, alpha);
    free(alpha);
}

// The solution markers' keyword, in two pieces: this file ships in the
// student release, which refuses every line that mentions the keyword but
// is not a marker (docs/instructors.md). The fixture has no markers for
// the same reason (the release would stub it); the tests add them.
#define MARKER_WORD "SOLU" "TION"
#define ALPHA_WITH_MARKERS                                                      \
    "    /* BEGIN " MARKER_WORD " 1.1 */\n    return a + b;\n    /* END " \
    MARKER_WORD " */\n"

// Solution markers and a two-line stub in alpha-add: the chapter shows
// neither. Emptying the block and weaving must bring back exactly the
// committed text.
static void solution_and_stub_markers_are_not_shown(void **state) {
    const char *root = *state;
    char *want = slurp(root, ALPHA_README);
    edit(root, "src/alpha.c", "    return a + b;\n",
         ALPHA_WITH_MARKERS "    /* STUB: your code here, then\n       return 0; */\n");
    assert_clean(root);
    edit(root, ALPHA_README, "    return a + b;\n}\n", "");
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    report_free(&r);
    assert_file(root, ALPHA_README, want);
    free(want);

    // One-line stubs, and indented markers with blanks after them, go too.
    edit(root, "src/alpha.c", "    /* END " MARKER_WORD " */\n",
         "\t/* END " MARKER_WORD " 1.1 */  \n    /* STUB return 0; */\n");
    assert_clean(root);
}

static void stub_must_be_closed(void **state) {
    const char *root = *state;
    edit(root, "src/alpha.c", "    return a + b;\n",
         ALPHA_WITH_MARKERS "    /* STUB: your code here, then\n       return 0;\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, "src/alpha.c", 11, "unterminated /* STUB comment");
    report_free(&r);
}

// A line that mentions the keyword but is not a marker is shown (it is
// code to lit) and reported: the release would refuse it.
static void a_misspelled_solution_marker_is_reported(void **state) {
    const char *root = *state;
    edit(root, "src/alpha.c", "    return a + b;\n",
         "    // BEGIN " MARKER_WORD " 1.1\n    return a + b;\n    /*END " MARKER_WORD "*/\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, "src/alpha.c", 8, "malformed solution marker");
    assert_diag(&r, "src/alpha.c", 10, "malformed solution marker");
    report_free(&r);
}

// ---- line endings, long lines, whole files ----------------------------------

static void crlf_files_check_clean_and_weave_keeps_crlf(void **state) {
    const char *root = *state;
    static const char *files[] = {
        MANIFEST, INTRO_README, "chapters/00-intro/demo.c",
        "chapters/01-alpha/README.md", "chapters/02-beta/README.md", "src/alpha.c",
        "src/alpha.h", "src/beta.c", "src/sub/gamma.c",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) to_crlf(root, files[i]);
    assert_clean(root);

    edit(root, "src/alpha.c", "return a + b;", "return b + a;");
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    assert_string_equal(r.out, "lit: updated chapters/01-alpha/README.md\n");
    report_free(&r);
    char *s = slurp(root, ALPHA_README);
    assert_non_null(strstr(s, "int alpha_add(int a, int b) {\r\n"
                              "    return b + a;\r\n}\r\n```\r\n"));
    for (char *p = s; (p = strchr(p, '\n')) != NULL; p++) assert_true(p > s && p[-1] == '\r');
    free(s);
    assert_clean(root);
}

static void a_crlf_source_matches_an_lf_chapter(void **state) {
    const char *root = *state;
    to_crlf(root, "src/alpha.c");
    assert_clean(root);
}

static void missing_final_newlines_are_fine(void **state) {
    const char *root = *state;
    put(root, "src/beta.c", "//> beta\nint beta(void) { return 2; }\n//< beta");
    char *readme = slurp(root, BETA_README);
    readme[strlen(readme) - 1] = '\0';  // the final "\n" after the closing fence
    put(root, BETA_README, readme);
    free(readme);
    assert_clean(root);
}

static void very_long_lines_are_kept_whole(void **state) {
    const char *root = *state;
    size_t n = 300000;
    char *line = malloc(n + 64);
    assert_non_null(line);
    strcpy(line, "int beta(void) { return 2; } // ");
    size_t k = strlen(line);
    memset(line + k, 'x', n);
    strcpy(line + k + n, "\n");
    char *src = malloc(n + 128);
    assert_non_null(src);
    snprintf(src, n + 128, "//> beta\n%s//< beta\n", line);
    put(root, "src/beta.c", src);
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    report_free(&r);
    char *readme = slurp(root, BETA_README);
    assert_non_null(strstr(readme, line));
    free(readme);
    assert_clean(root);
    free(src);
    free(line);
}

static void whole_file_directives_show_everything_but_markers(void **state) {
    const char *root = *state;
    // A whole src/ file shows its lines outside regions too.
    append_to(root, "src/sub/gamma.c", "\nint extra;\n");
    edit(root, BETA_README, "src/sub/gamma.c#gamma", "src/sub/gamma.c");
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    assert_string_equal(r.out, "lit: updated chapters/02-beta/README.md\n");
    report_free(&r);
    char *s = slurp(root, BETA_README);
    assert_non_null(strstr(s, "<!-- code: src/sub/gamma.c -->\n```c\nint gamma_(void) {\n\n"
                              "    return 3;\n}\n\nint extra;\n```\n"));
    free(s);
    assert_int_equal(lit_check(root, &r), 0);
    assert_non_null(strstr(r.out, "(14 of 14 lines of src/)"));
    report_free(&r);
}

// ---- errors in chapters -----------------------------------------------------

static void a_directive_naming_a_missing_file(void **state) {
    const char *root = *state;
    edit(root, BETA_README, "src/beta.c#beta", "src/betta.c#beta");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, BETA_README, 3, "cannot read src/betta.c: No such file or directory");
    assert_diag(&r, "src/beta.c", 1, "region 'beta' is not shown in any chapter");
    report_free(&r);
    assert_int_equal(lit_weave(root, &r), 1);
    report_free(&r);
}

static void a_directive_naming_a_directory(void **state) {
    const char *root = *state;
    edit(root, BETA_README, "src/sub/gamma.c#gamma", "src/sub");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, BETA_README, 12, "cannot read src/sub: ");
    report_free(&r);
}

static void a_directive_naming_an_unknown_region(void **state) {
    const char *root = *state;
    edit(root, ALPHA_README, "#alpha-api", "#alpha-apu");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, ALPHA_README, 3, "src/alpha.h has no region 'alpha-apu'");
    report_free(&r);
}

static void bad_directives(void **state) {
    const char *root = *state;
    append_to(root, INTRO_README,
              "\n<!-- code: ../outside.c -->\n```c\n```\n"      // 22
              "<!-- code: src/./beta.c#beta -->\n```c\n```\n"   // 25
              "<!-- code: src/beta.c#be ta -->\n"              // 28
              "<!-- code: src/beta.c#beta\n"                   // 29
              "<!-- code: src/beta.c#b@d -->\n```c\n```\n");   // 30
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, INTRO_README, 22, "bad path in code directive: '../outside.c'");
    assert_diag(&r, INTRO_README, 25, "bad path in code directive");
    assert_diag(&r, INTRO_README, 28, "malformed code directive");
    assert_diag(&r, INTRO_README, 29, "malformed code directive");
    assert_diag(&r, INTRO_README, 30, "bad region name in code directive: 'b@d'");
    report_free(&r);
}

static void a_directive_without_a_c_fence(void **state) {
    const char *root = *state;
    append_to(root, INTRO_README,
              "\n<!-- code: chapters/00-intro/demo.c -->\nSome prose.\n"
              "<!-- code: chapters/00-intro/demo.c -->\n```cpp\n```\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, INTRO_README, 22, "code directive must be followed by a ```c line");
    assert_diag(&r, INTRO_README, 24, "code directive must be followed by a ```c line");
    report_free(&r);
}

static void unterminated_fences(void **state) {
    const char *root = *state;
    edit(root, BETA_README, "    return 3;\n}\n```\n", "    return 3;\n}\n");
    append_to(root, INTRO_README, "\n```text\nnever closed\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, BETA_README, 13, "unterminated ```c block");
    assert_diag(&r, INTRO_README, 22, "unterminated ``` block");
    report_free(&r);
}

static void c_code_without_a_directive(void **state) {
    const char *root = *state;
    append_to(root, ALPHA_README, "\nBy hand:\n\n```c\nint x;\n```\n\n``` C\nint y;\n```\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, ALPHA_README, 30, "C code in chapters must come from a source file");
    assert_diag(&r, ALPHA_README, 34, "C code in chapters must come from a source file");
    assert_int_equal(r.ndiag, 2);
    report_free(&r);
}

static void a_region_shown_twice(void **state) {
    const char *root = *state;
    append_to(root, BETA_README, "\n<!-- code: src/beta.c#beta -->\n```c\n```\n"
                                 "\n<!-- code: src/beta.c -->\n```c\n```\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, BETA_README, 20,
                "src/beta.c#beta is already shown at chapters/02-beta/README.md:3");
    assert_diag(&r, BETA_README, 24, "src/beta.c is already shown at chapters/02-beta/README.md:3");
    report_free(&r);
}

static void a_region_shown_in_the_wrong_chapter(void **state) {
    const char *root = *state;
    // Move beta's block from chapter 2 to chapter 1.
    static const char block[] =
        "<!-- code: src/beta.c#beta -->\n```c\nint beta(void) { return 2; }\n```\n";
    edit(root, BETA_README, block, "");
    append_to(root, ALPHA_README, "\n");
    append_to(root, ALPHA_README, block);
    // Demos outside src/ may be shown anywhere.
    put(root, "chapters/00-intro/other.c", "int other;\n");
    append_to(root, BETA_README,
              "\n<!-- code: chapters/00-intro/other.c -->\n```c\nint other;\n```\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_int_equal(r.ndiag, 1);
    assert_string_equal(r.err, "chapters/01-alpha/README.md:28: src/beta.c belongs to chapter 2, "
                               "not chapter 1\n");
    assert_non_null(strstr(r.out, "100.0% (13 of 13"));
    report_free(&r);
    // Weave doesn't mind where code is shown.
    assert_int_equal(lit_weave(root, &r), 0);
    report_free(&r);
}

// ---- errors in sources ------------------------------------------------------

static void region_marker_errors(void **state) {
    const char *root = *state;
    static const struct {
        const char *text;
        int line;
        const char *message;
    } cases[] = {
        {"//> beta\nint beta(void);\n", 1, "region 'beta' is never closed"},
        {"int beta(void);\n//< beta\n", 2, "'//< beta' has no matching '//> beta'"},
        {"//> beta\n//> b\nint b;\n//< b\n//< beta\n", 2,
         "region 'b' starts inside region 'beta' (line 1); regions may not nest"},
        {"//> beta\n//> b\nint b;\n//< beta\n//< b\n", 4,
         "region 'beta' ends inside region 'b' (line 2); regions may not overlap"},
        {"//> beta\nint b;\n//< beta\n//> beta\nint c;\n//< beta\n", 4,
         "duplicate region 'beta' (first at line 1)"},
        {"//> beta\nint b;\n//< btea\n", 3,
         "'//< btea' does not match the open region 'beta' (line 1)"},
        {"//> beta two\nint b;\n//< beta\n", 1, "malformed region marker"},
        {"//>\nint b;\n", 1, "malformed region marker"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        put(root, "src/beta.c", cases[i].text);
        Report r = {0};
        assert_int_equal(lit_check(root, &r), 1);
        assert_diag(&r, "src/beta.c", cases[i].line, cases[i].message);
        report_free(&r);
        assert_int_equal(lit_weave(root, &r), 1);
        assert_diag(&r, "src/beta.c", cases[i].line, cases[i].message);
        report_free(&r);
    }
}

static void a_region_no_chapter_shows(void **state) {
    const char *root = *state;
    append_to(root, "src/beta.c", "\n//> beta-more\nint more;\n//< beta-more\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_string_equal(r.err, "src/beta.c:5: region 'beta-more' is not shown in any chapter\n");
    assert_non_null(strstr(r.out, "literate coverage: 92.8% (13 of 14 lines of src/)\n"));
    assert_non_null(strstr(r.out, "  chapter 2  Beta and gamma  80.0% (4 of 5)\n"));
    report_free(&r);
    // Not a reason to refuse weaving.
    assert_int_equal(lit_weave(root, &r), 0);
    report_free(&r);
}

static void lines_outside_regions(void **state) {
    const char *root = *state;
    put(root, "src/beta.c", "#include <stdio.h>\n\nint y;\n//> beta\n"
                            "int beta(void) { return 2; }\n//< beta\n\n\nint after;\n");
    Report r = {0};
    LitCoverage c = {0};
    assert_int_equal(lit_check_coverage(root, &r, &c), 1);
    assert_string_equal(r.err, "src/beta.c:1: 2 lines not in any region\n"
                               "src/beta.c:9: 1 line not in any region\n");
    assert_true(c.shown == 13 && c.lines == 16);
    lit_coverage_free(&c);
    report_free(&r);
}

static void a_source_file_in_no_chapter(void **state) {
    const char *root = *state;
    put(root, "src/deep/stray.h", "//> stray\nint stray;\n//< stray\n");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, "src/deep/stray.h", 1, "belongs to no chapter in chapters/chapters.txt");
    assert_diag(&r, "src/deep/stray.h", 1, "region 'stray' is not shown in any chapter");
    report_free(&r);
}

// ---- errors in the manifest -------------------------------------------------

static void manifest_syntax_errors(void **state) {
    const char *root = *state;
    append_to(root, "chapters/chapters.txt",
              "3   03-x\n"                            // 7: too few fields
              "2   03-y   -       -   Again\n"        // 8: duplicate id
              "4   02-beta  -     -   Same dir\n"     // 9: duplicate directory
              "5   05-z   a,,b    -   Bad list\n"     // 10: empty module name
              "6   06-w   beta    -   Taken\n"        // 11: module in chapter 2
              "7   ../x   -       -   Escape\n");     // 12: bad directory
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, MANIFEST, 7,
                "expected 'id directory modules tests title', found 2 fields");
    assert_diag(&r, MANIFEST, 8, "duplicate chapter id '2' (first at line 6)");
    assert_diag(&r, MANIFEST, 9, "directory '02-beta' is already chapter 2's");
    assert_diag(&r, MANIFEST, 10, "bad module name '' in 'a,,b'");
    assert_diag(&r, MANIFEST, 11, "module 'beta' is already in chapter 2");
    assert_diag(&r, MANIFEST, 12, "bad directory name '../x'");
    report_free(&r);
    assert_int_equal(lit_weave(root, &r), 1);
    report_free(&r);
}

static void a_missing_manifest(void **state) {
    const char *root = *state;
    char *p = path_in(root, "chapters/chapters.txt");
    unlink(p);
    free(p);
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_string_equal(r.err, "chapters/chapters.txt: cannot read: No such file or directory\n");
    assert_string_equal(r.out, "");
    report_free(&r);
}

static void modules_and_chapters_without_files(void **state) {
    const char *root = *state;
    append_to(root, "chapters/chapters.txt",
              "3   03-delta   delta,lang/lexer  -   Delta\n"   // 7
              "4   04-eps     -                 -   Epsilon\n"); // 8
    put(root, "chapters/03-delta/README.md", "# Delta\n");
    char *dir = path_in(root, "chapters/04-eps");
    mkdir(dir, 0755);
    free(dir);
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, MANIFEST, 7, "module 'delta' has neither src/delta.c nor src/delta.h");
    assert_diag(&r, MANIFEST, 7,
                "module 'lang/lexer' has neither src/lang/lexer.c nor src/lang/lexer.h");
    assert_diag(&r, MANIFEST, 8, "chapters/04-eps has no README.md");
    report_free(&r);

    append_to(root, MANIFEST, "5   05-none  -  -  Nowhere\n");
    assert_int_equal(lit_check(root, &r), 1);
    assert_diag(&r, MANIFEST, 9, "no directory chapters/05-none");
    report_free(&r);
}

// A module in a subdirectory of src/ is owned like any other.
static void nested_modules(void **state) {
    const char *root = *state;
    edit(root, MANIFEST, "beta,sub/gamma", "beta,sub/gamma,lang/lexer");
    put(root, "src/lang/lexer.c", "//> lexer\nint lex;\n//< lexer\n");
    append_to(root, BETA_README, "\n<!-- code: src/lang/lexer.c#lexer -->\n```c\n```\n");
    Report r = {0};
    assert_int_equal(lit_weave(root, &r), 0);
    report_free(&r);
    assert_int_equal(lit_check(root, &r), 0);
    assert_non_null(strstr(r.out, "  chapter 2  Beta and gamma  100.0% (5 of 5)\n"));
    report_free(&r);
}

// ---- output order and the regions command -----------------------------------

static void diagnostics_come_by_file_then_line(void **state) {
    const char *root = *state;
    append_to(root, "src/beta.c", "int late;\n");
    put(root, "src/alpha.h", "int early;\n//> alpha-api\n#ifndef ALPHA_H\n#define ALPHA_H\n\n"
                             "int alpha_add(int a, int b);\n\n#endif\n//< alpha-api\n");
    edit(root, ALPHA_README, "#alpha-includes", "#alpha-nope");
    Report r = {0};
    assert_int_equal(lit_check(root, &r), 1);
    assert_string_equal(r.err,
                        "chapters/01-alpha/README.md:15: src/alpha.c has no region 'alpha-nope'\n"
                        "src/alpha.h:1: 1 line not in any region\n"
                        "src/alpha.c:1: region 'alpha-includes' is not shown in any chapter\n"
                        "src/beta.c:4: 1 line not in any region\n");
    Report again = {0};
    assert_int_equal(lit_check(root, &again), 1);
    assert_string_equal(again.err, r.err);
    assert_string_equal(again.out, r.out);
    report_free(&again);
    report_free(&r);
}

static void regions_lists_names_and_lines(void **state) {
    (void)state;
    Report r = {0};
    assert_int_equal(lit_regions(FIXTURE "/src/alpha.c", &r), 0);
    assert_string_equal(r.out, "alpha-includes  1-3   1 line\n"
                               "alpha-add       5-10  4 lines\n");
    assert_string_equal(r.err, "");
    report_free(&r);

    assert_int_equal(lit_regions(FIXTURE "/no/such.c", &r), 1);
    assert_string_equal(r.err, FIXTURE "/no/such.c: cannot read: No such file or directory\n");
    report_free(&r);
}

static void regions_reports_bad_markers(void **state) {
    const char *root = *state;
    put(root, "src/beta.c", "//> a\nint a;\n//< b\n");
    char *p = path_in(root, "src/beta.c");
    Report r = {0};
    assert_int_equal(lit_regions(p, &r), 1);
    assert_diag(&r, p, 3, "'//< b' does not match the open region 'a' (line 1)");
    report_free(&r);
    free(p);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_manifest_reader_reads_every_field),
        cmocka_unit_test(fixture_checks_clean_with_full_coverage),
        T(weave_on_a_current_tree_writes_nothing),
        T(check_reports_a_stale_block_and_weave_fixes_it),
        T(weave_grows_and_shrinks_blocks),
        T(weave_leaves_every_other_byte_alone),
        T(weave_writes_nothing_when_the_tree_is_broken),
        T(solution_and_stub_markers_are_not_shown),
        T(stub_must_be_closed),
        T(a_misspelled_solution_marker_is_reported),
        T(crlf_files_check_clean_and_weave_keeps_crlf),
        T(a_crlf_source_matches_an_lf_chapter),
        T(missing_final_newlines_are_fine),
        T(very_long_lines_are_kept_whole),
        T(whole_file_directives_show_everything_but_markers),
        T(a_directive_naming_a_missing_file),
        T(a_directive_naming_a_directory),
        T(a_directive_naming_an_unknown_region),
        T(bad_directives),
        T(a_directive_without_a_c_fence),
        T(unterminated_fences),
        T(c_code_without_a_directive),
        T(a_region_shown_twice),
        T(a_region_shown_in_the_wrong_chapter),
        T(region_marker_errors),
        T(a_region_no_chapter_shows),
        T(lines_outside_regions),
        T(a_source_file_in_no_chapter),
        T(manifest_syntax_errors),
        T(a_missing_manifest),
        T(modules_and_chapters_without_files),
        T(nested_modules),
        T(diagnostics_come_by_file_then_line),
        cmocka_unit_test(regions_lists_names_and_lines),
        T(regions_reports_bad_markers),
    };
    return run_suite(&(TestSuite){.group = "tools/lit", TEST_LIST(tests)});
}
