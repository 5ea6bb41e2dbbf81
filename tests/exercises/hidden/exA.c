// Hidden tests of the Appendix A exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include <stdio.h>
#include <stdlib.h>

#include "../../../chapters/A-lang/exercises.h"
#include "../exercise_lang.h"

// A string of `n` copies of `piece` between `before` and `after` (kept).
static char *repeated(const char *before, const char *piece, int n, const char *after) {
    size_t len = strlen(before) + (size_t)n * strlen(piece) + strlen(after) + 1;
    char *s = keep_string(malloc(len));
    assert_non_null(s);
    strcpy(s, before);
    for (int i = 0; i < n; i++) strcat(s, piece);
    strcat(s, after);
    return s;
}

static char *joined(const char *a, const char *b) {
    char *s = keep_string(malloc(strlen(a) + strlen(b) + 1));
    assert_non_null(s);
    strcpy(s, a);
    strcat(s, b);
    return s;
}

// What parenthesize() made of `source` (kept); the test stops if NULL.
// The expected text is only ever an argument of assert_string_equal, which
// probe mode drops: the graded program holds no expected answer.
static const char *parenthesized(const char *source) {
    error_clear();
    char *got = keep_string(parenthesize(source));
    expect_implemented("parenthesize()");
    if (got == NULL) {
        fail_msg("parenthesize(\"%.200s\") returned NULL, with the error \"%s\"", shown(source),
                 error_message());
    }
    return got;
}

#define expect_parenthesized(source, want) assert_string_equal(parenthesized(source), want)

static void parenthesize_of_deep_and_odd_trees(void **state) {
    (void)state;
    // 1 - 1 - ... - 1 (500 ones) leans left: ((...(1 - 1) - 1) ... - 1).
    expect_parenthesized(repeated("1", " - 1", 499, ""),
                         joined(repeated("", "(", 499, "1"), repeated("", " - 1)", 499, "")));
    // 2 ** 2 ** ... ** 2 (300 twos) leans right: (2 ** (2 ** (... 2))).
    expect_parenthesized(repeated("2", " ** 2", 299, ""),
                         joined(repeated("", "(2 ** ", 299, "2"), repeated("", ")", 299, "")));
    expect_parenthesized(repeated("", "-", 100, "x"),
                         joined(repeated("", "(-", 100, "x"), repeated("", ")", 100, "")));
    expect_parenthesized("x.view((-1,))", "x.view(((-1),))");
    expect_parenthesized("x[(1, 2)][[0]]", "x[(1, 2)][[0]]");
    expect_parenthesized("[x][0][0:1]", "[x][0][0:1]");
    expect_parenthesized("(a, b) = 1, 2", "(a, b) = (1, 2)");
    expect_parenthesized("a = b\n\n\nc = -d;", "a = b; c = (-d)");
    expect_parenthesized("f(\n  x,\n  y=-(1),\n)", "f(x, y=(-1))");
    // Too deep for the parser: its message.
    const char *deep = repeated("1", " + 1", 1100, "");
    error_clear();
    char *got = keep_string(parenthesize(deep));
    expect_implemented("parenthesize()");
    assert_null(got);
    assert_error_message("expression too deeply nested (more than 1000 levels)");
}

// `line` gives a tensor of this shape and strides, offset 0, all `value`.
#define expect_like(s, line, want_shape, want_strides, value)                             \
    do {                                                                           \
        Tensor *like = tensor_from(s, line);                                       \
        assert_layout(like, want_shape, want_strides, 0);                             \
        int64_t index[MAX_DIMS] = {0};                                             \
        for (int64_t n = 0; n < tensor_numel(like); n++) {                         \
            assert_float_near(like->storage->data[tensor_storage_index(like, index)], \
                              value, 0);                                           \
            index_next(like->ndim, like->shape, index);                            \
        }                                                                          \
    } while (0)

static void like_tensors_of_expanded_and_permuted_inputs(void **state) {
    (void)state;
    Session *s = new_session();
    // Strides (1, 3, 0): a stride 0 leaves its dim where it is, the others
    // are ordered by stride.
    expect_like(s, "zeros_like(zeros(2, 1, 3).expand(2, 4, 3).permute(2, 0, 1))",
                SHAPE(3, 2, 4), INTS(4, 12, 1), 0);
    expect_like(s, "ones_like(arange(6).view(3, 2).t()[:, None])", SHAPE(2, 1, 3),
                INTS(1, 6, 2), 1);
    expect_like(s, "x = arange(4); (ones_like(x) * 2 + x).sum() - 13", SCALAR_SHAPE,
                SCALAR_SHAPE, 1);
    // As big as the session allows.
    session_set_max_elements(s, 16);
    expect_like(s, "full_like(zeros(1).expand(16), 3)", SHAPE(16), INTS(1), 3);
}

#define expect_transcript(s, script, keep_going, want, want_failures)   \
    do {                                                                \
        int failures;                                                   \
        assert_string_equal(transcript(s, script, keep_going, &failures), want); \
        assert_int_equal(failures, want_failures);                      \
    } while (0)

static void transcript_of_empty_and_tricky_scripts(void **state) {
    (void)state;
    Session *s = new_session();
    expect_transcript(s, "", true, "", 0);
    expect_transcript(s, "\n\n# nothing\n", false, "", 0);
    expect_transcript(s, "print(arange(2))\n", false, "tensor([0., 1.])\n", 0);
    // The statements before an error on a line have run; those after not.
    expect_transcript(s, "a = 1; b = q; c = 2\na\nc", true,
                      "line 1: NameError: name 'q' is not defined\n"
                      "1\n"
                      "line 3: NameError: name 'c' is not defined\n", 2);
    expect_transcript(s, "u = [1,\n2", false, "line 1: SyntaxError: '[' was never closed\n", 1);
    expect_transcript(s, "v = (1,\n 2 3)\nv", false,
                      "line 2: SyntaxError: invalid syntax. Perhaps you forgot a comma?\n", 1);
    expect_transcript(s, "w = (\n\n\n 2,\n\n)\nw", false, "(2,)\n", 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        LANG_TEST(parenthesize_of_deep_and_odd_trees),
        LANG_TEST(like_tensors_of_expanded_and_permuted_inputs),
        LANG_TEST(transcript_of_empty_and_tricky_scripts),
    };
    return run_suite(&(TestSuite){.group = "appendix A hidden exercises", TEST_LIST(tests)});
}
