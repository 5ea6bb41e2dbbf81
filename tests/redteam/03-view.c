// Attack: cmocka's failure functions, redefined to do nothing. (The
// parameter types are cmocka's; the declarations are ours.)
#include <stdint.h>

void _fail(const char *const file, const int line);
void _fail(const char *const file, const int line) { (void)file, (void)line; }
void _assert_true(const uintmax_t result, const char *const expression, const char *const file,
                  const int line);
void _assert_true(const uintmax_t result, const char *const expression, const char *const file,
                  const int line) {
    (void)result, (void)expression, (void)file, (void)line;
}
void _assert_int_equal(const uintmax_t a, const uintmax_t b, const char *const file,
                       const int line);
void _assert_int_equal(const uintmax_t a, const uintmax_t b, const char *const file,
                       const int line) {
    (void)a, (void)b, (void)file, (void)line;
}
void _assert_string_equal(const char *const a, const char *const b, const char *const file,
                          const int line);
void _assert_string_equal(const char *const a, const char *const b, const char *const file,
                          const int line) {
    (void)a, (void)b, (void)file, (void)line;
}

// Attack, at compile time: the hidden tests' expected transcripts pulled
// into the program (.incbin), then sent as a "failed check" whose message
// the grader shows. As root the grader compiles this file as the tests'
// user, who may not read them: the file does not build, and scores 0.
#include <stdio.h>
#include <stdlib.h>
#if __has_include("../../tests/exercises/hidden/expected.txt")
__asm__(".pushsection .rodata\n.globl strides_leaked\nstrides_leaked:\n"
        ".incbin \"tests/exercises/hidden/expected.txt\"\n.byte 0\n.popsection\n");
extern const char strides_leaked[];
__attribute__((constructor)) static void send_the_answers(void) {
    if (!getenv("STRIDES_TEST")) return;
    fputs(strides_leaked, stdout);
    char line[600];
    snprintf(line, sizeof line, "fail\tex03.c:1\tleaked\t%.500s", strides_leaked);
    for (char *p = line + 24; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
    dprintf(3, "%s\n", line);
}
#endif
