// Tests of the Appendix A exercises (chapters/A-lang/README.md,
// "Exercises"). Points are in grading/rubric.txt. The layouts of
// zeros_like and its kin are PyTorch 1.13's; reprs and messages are the
// language's own (which are PyTorch's and Python's).
#include <stdio.h>
#include <stdlib.h>

#include "../../chapters/A-lang/exercises.h"
#include "exercise_lang.h"

// ---- A.1 parenthesize --------------------------------------------------------------

static void expect_parenthesized(const char *source, const char *want) {
    error_clear();
    char *got = keep_string(parenthesize(source));
    expect_implemented("parenthesize()");
    if (got == NULL) {
        fail_msg("parenthesize(\"%s\"): expected \"%s\", got NULL, with the error \"%s\"",
                 shown(source), want, error_message());
    }
#ifdef STRIDES_PROBE
    // Probe mode (tests/probe/probe.h): the grader compares what came back.
    probe_string("string", __FILE__, __LINE__, shown(source), got);
#else
    if (strcmp(got, want) != 0) {
        fail_msg("parenthesize(\"%s\"): expected \"%s\", got \"%s\"", shown(source), want,
                 got);
    }
#endif
}

static void expect_syntax_error(const char *source, const char *message) {
    error_clear();
    char *got = keep_string(parenthesize(source));
    expect_implemented("parenthesize()");
    if (got != NULL) {
        fail_msg("parenthesize(\"%s\") should fail with \"%s\", but it returned \"%s\"",
                 shown(source), message, got);
    }
#ifdef STRIDES_PROBE
    probe_string("error", __FILE__, __LINE__, shown(source), error_message());
#else
    if (strcmp(error_message(), message) != 0) {
        fail_msg("parenthesize(\"%s\") returned NULL: expected the error \"%s\", got \"%s\"",
                 shown(source), message, error_message());
    }
#endif
}

static void parenthesize_shows_precedence(void **state) {
    (void)state;
    expect_parenthesized("x + y * 2 @ z", "(x + ((y * 2) @ z))");
    expect_parenthesized("a * b + c", "((a * b) + c)");
    expect_parenthesized("a * (b + c)", "(a * (b + c))");
    expect_parenthesized("(a + b) * c", "((a + b) * c)");
    expect_parenthesized("-x ** 2", "(-(x ** 2))");
    expect_parenthesized("-a * b", "((-a) * b)");
    expect_parenthesized("2 ** -x", "(2 ** (-x))");
    expect_parenthesized("a + -b ** c * d", "(a + ((-(b ** c)) * d))");
    expect_parenthesized("x - 1 / y @ w ** 2", "(x - ((1 / y) @ (w ** 2)))");
}

static void parenthesize_shows_associativity(void **state) {
    (void)state;
    expect_parenthesized("a - b - c", "((a - b) - c)");
    expect_parenthesized("a + b - c + d", "(((a + b) - c) + d)");
    expect_parenthesized("a / b * c @ d", "(((a / b) * c) @ d)");
    expect_parenthesized("2 ** 3 ** 2", "(2 ** (3 ** 2))");
    expect_parenthesized("a ** -b ** c", "(a ** (-(b ** c)))");
    expect_parenthesized("- - x", "(-(-x))");
    expect_parenthesized("+-x", "(+(-x))");
    expect_parenthesized("a - (b - c)", "(a - (b - c))");
}

static void parenthesize_keeps_postfix_forms_and_literals(void **state) {
    (void)state;
    expect_parenthesized("x.t()[:, ::2].sum(0) + 1", "(x.t()[:, ::2].sum(0) + 1)");
    expect_parenthesized("(a + b).view(-1)", "(a + b).view((-1))");
    expect_parenthesized("F.relu(x - 1)", "F.relu((x - 1))");
    expect_parenthesized("x.sum(dim=0, keepdim=True)", "x.sum(dim=0, keepdim=True)");
    expect_parenthesized("torch.nn.functional.relu(x).T.shape",
                         "torch.nn.functional.relu(x).T.shape");
    expect_parenthesized("f()(1)[2]", "f()(1)[2]");
    expect_parenthesized("x[0, ..., None]", "x[0, ..., None]");
    expect_parenthesized("x[1:2:3, :, 1:, :3, ::2, 1::2, :2:, ::]",
                         "x[1:2:3, :, 1:, :3, ::2, 1::2, :2, :]");
    expect_parenthesized("x[::-1, -1:]", "x[::(-1), (-1):]");
    expect_parenthesized("((x))", "x");
    expect_parenthesized("1, 2", "(1, 2)");
    expect_parenthesized("(1,)", "(1,)");
    expect_parenthesized("()", "()");
    expect_parenthesized("[]", "[]");
    expect_parenthesized("tensor([[1, 2], [3 + 4, (5,)]])", "tensor([[1, 2], [(3 + 4), (5,)]])");
    expect_parenthesized("[.5, 1e-3, 1_000, 2., 1e16, 1e-5, 0.1]",
                         "[0.5, 0.001, 1000, 2.0, 1e+16, 1e-05, 0.1]");
    expect_parenthesized("True + False * None", "(True + (False * None))");
}

static void parenthesize_writes_statements(void **state) {
    (void)state;
    expect_parenthesized("y = x.sum(dim=0) - -1; y", "y = (x.sum(dim=0) - (-1)); y");
    expect_parenthesized("x = 1\ny = x + 2 * 3\n\ny", "x = 1; y = (x + (2 * 3)); y");
    expect_parenthesized("x[1:, 0] = arange(3) * 2", "x[1:, 0] = (arange(3) * 2)");
    expect_parenthesized("a, b = x.max(0)", "(a, b) = x.max(0)");
    expect_parenthesized("z = (1 +\n     2)  # a comment", "z = (1 + 2)");
    expect_parenthesized("import torch; from torch import *; x", "x");
    expect_parenthesized("import torch", "");
    expect_parenthesized("", "");
}

static void parenthesize_reports_syntax_errors(void **state) {
    (void)state;
    expect_parenthesized("f(a, b)", "f(a, b)");  // (not the stub, first)
    expect_syntax_error("f(a b)", "invalid syntax. Perhaps you forgot a comma?");
    expect_syntax_error("x +", "invalid syntax");
    expect_syntax_error("1 +\n2", "invalid syntax");
    expect_syntax_error("(1 + 2", "'(' was never closed");
    expect_syntax_error("x = 1; 1 = x",
                        "cannot assign to literal here. Maybe you meant '==' instead of '='?");
    expect_syntax_error("f(a=1, b)", "positional argument follows keyword argument");
    expect_syntax_error("x[]", "invalid syntax");
    expect_syntax_error("'a'", "strings are not part of the Strides language");
}

// ---- A.2 zeros_like, ones_like, full_like ---------------------------------------------

static void run_line(Session *s, const char *line) {
    Value v;
    if (session_run(s, line, &v) != 0) {
        fail_msg("%s: %s: %s", line, session_error_type(s), session_error(s));
    }
    value_free(&v);
}

// `line` gives a new tensor of this shape, strides and offset 0, every
// element `value` (all of it checked, in row-major order), with a storage
// of its own: not that of the variable `input`, if one is named.
static Tensor *expect_like(Session *s, const char *line, Shape shape, IntList strides,
                           float value, const char *input) {
    Tensor *t = tensor_from(s, line);
    if (t->ndim != shape.len || memcmp(t->shape, shape.at, sizeof(int64_t) * (size_t)shape.len)) {
        fail_msg("%s: shape: expected %s, got %s", line, tuple_text(shape.len, shape.at).s,
                 tuple_text(t->ndim, t->shape).s);
    }
    if (memcmp(t->stride, strides.at, sizeof(int64_t) * (size_t)strides.len) != 0) {
        fail_msg("%s: strides: expected %s, got %s", line, tuple_text(strides.len, strides.at).s,
                 tuple_text(t->ndim, t->stride).s);
    }
    if (t->offset != 0) {
        fail_msg("%s: offset: expected 0, got %lld", line, (long long)t->offset);
    }
    int64_t index[MAX_DIMS] = {0};
    for (int64_t n = 0; n < tensor_numel(t); n++) {
        float got = t->storage->data[tensor_storage_index(t, index)];
        if (got != value) {
            fail_msg("%s: element %lld (row-major): expected %g, got %g", line, (long long)n,
                     (double)value, (double)got);
        }
        index_next(t->ndim, t->shape, index);
    }
    const Value *x = input ? session_get(s, input) : NULL;
    if (x != NULL && x->kind == VALUE_TENSOR && x->tensor->storage == t->storage) {
        fail_msg("%s: expected a new tensor, but the result shares the storage of %s", line,
                 input);
    }
    return t;
}

static void like_tensors_are_filled_with_their_number(void **state) {
    (void)state;
    Session *s = new_session();
    run_line(s, "x = arange(6).view(2, 3)");
    expect_like(s, "zeros_like(x)", SHAPE(2, 3), INTS(3, 1), 0, "x");
    expect_like(s, "ones_like(x)", SHAPE(2, 3), INTS(3, 1), 1, "x");
    expect_like(s, "full_like(x, 2.5)", SHAPE(2, 3), INTS(3, 1), 2.5f, "x");
    expect_like(s, "torch.full_like(x, fill_value=-1)", SHAPE(2, 3), INTS(3, 1), -1, "x");
    expect_like(s, "full_like(x, True)", SHAPE(2, 3), INTS(3, 1), 1, "x");
    expect_like(s, "full_like(x, 0.1)", SHAPE(2, 3), INTS(3, 1), 0.1f, "x");
    // Writing into the new tensor leaves x alone.
    run_line(s, "z = zeros_like(x); z[0] = 7");
    Tensor *x = tensor_from(s, "x");
    if (x->storage->data[0] != 0 || x->storage->data[5] != 5) {
        fail_msg("z = zeros_like(x); z[0] = 7 changed x: z must have a storage of its own");
    }
}

static void like_tensors_keep_a_dense_layout(void **state) {
    (void)state;
    // PyTorch makes a tensor "like" x (memory_format=torch.preserve_format)
    // with x's own strides when x's elements tile their memory exactly.
    Session *s = new_session();
    run_line(s, "x = arange(12).view(3, 4).t()");
    expect_like(s, "zeros_like(x)", SHAPE(4, 3), INTS(1, 4), 0, "x");
    expect_like(s, "full_like(arange(24).view(2, 3, 4).permute(2, 0, 1), 3)", SHAPE(4, 2, 3),
                INTS(1, 12, 4), 3, NULL);
    expect_like(s, "ones_like(arange(4).view(4, 1).t())", SHAPE(1, 4), INTS(1, 1), 1, NULL);
    // An offset into its storage is x's own business: a new tensor starts at 0.
    expect_like(s, "ones_like(arange(10)[2:8].view(2, 3))", SHAPE(2, 3), INTS(3, 1), 1, NULL);
    expect_like(s, "zeros_like(tensor(5.))", SCALAR_SHAPE, SCALAR_SHAPE, 0, NULL);
    expect_like(s, "ones_like(zeros(0, 3))", SHAPE(0, 3), INTS(3, 1), 1, NULL);
}

static void like_tensors_of_views_that_skip_or_repeat_elements(void **state) {
    (void)state;
    // Otherwise, densely, with the dims in the order of x's strides.
    Session *s = new_session();
    run_line(s, "x = arange(12).view(3, 4).t()[:, ::2]");  // (4, 2), strides (1, 8)
    expect_like(s, "zeros_like(x)", SHAPE(4, 2), INTS(1, 4), 0, "x");
    expect_like(s, "full_like(arange(24).view(2, 3, 4).permute(1, 2, 0)[::2], 9)",
                SHAPE(2, 4, 2), INTS(4, 1, 8), 9, NULL);
    // Expanded: a stride 0 says nothing about the order, which stays as it is.
    expect_like(s, "ones_like(zeros(3, 1).expand(3, 4))", SHAPE(3, 4), INTS(4, 1), 1, NULL);
    expect_like(s, "full_like(arange(3).expand(2, 3), 0.5)", SHAPE(2, 3), INTS(3, 1), 0.5f,
                NULL);
}

// ---- A.3 run_transcript ---------------------------------------------------------------

static void expect_transcript(const char *script, bool keep_going, const char *got,
                              const char *want) {
#ifdef STRIDES_PROBE
    // Probe mode (tests/probe/probe.h): the grader compares what came back.
    probe_string("string", __FILE__, __LINE__, script, got);
    (void)keep_going;
#else
    if (strcmp(got, want) != 0) {
        fail_msg("run_transcript(keep_going %s): not the expected transcript\n"
                 "script:\n%s\n---\nexpected:\n%s---\ngot:\n%s---", keep_going ? "true" : "false",
                 script, want, got);
    }
#endif
}

static void expect_failures(int got, int want) {
#ifdef STRIDES_PROBE
    probe_record("int", __FILE__, __LINE__, "*failures", "%d", got);
#else
    if (got != want) fail_msg("*failures: expected %d, got %d", want, got);
#endif
}

static void transcript_shows_values_and_keeps_going(void **state) {
    (void)state;
    Session *s = new_session();
    const char *script = "x = arange(4)\nx.view(2, 2)\nx.view(3)\nx.sum()";
    int failures = -1;
    const char *got = transcript(s, script, true, &failures);
    expect_transcript(script, true, got,
                      "tensor([[0., 1.],\n"
                      "        [2., 3.]])\n"
                      "line 3: RuntimeError: shape '[3]' is invalid for input of size 4\n"
                      "tensor(6.)\n");
    expect_failures(failures, 1);
    // The session keeps its variables, for the next script.
    script = "y = x.view(4, 1)\nx.shape; x.stride()\ny.max(0)\n1 / 0\nx.t().numel()\nundefined";
    got = transcript(s, script, true, &failures);
    expect_transcript(script, true, got,
                      "(1,)\n"
                      "torch.return_types.max(\n"
                      "values=tensor([3.]),\n"
                      "indices=tensor([3.]))\n"
                      "line 4: ZeroDivisionError: division by zero\n"
                      "4\n"
                      "line 6: NameError: name 'undefined' is not defined\n");
    expect_failures(failures, 2);
}

static void transcript_stops_at_the_first_error_unless_told_to_go_on(void **state) {
    (void)state;
    Session *s = new_session();
    const char *script = "a = 1\na\nb = a.view(1)\nc = 3\nc";
    int failures = -1;
    const char *got = transcript(s, script, false, &failures);
    expect_transcript(script, false, got,
                      "1\n"
                      "line 3: AttributeError: 'int' object has no attribute 'view'\n");
    expect_failures(failures, 1);
    if (session_get(s, "c") != NULL) {
        fail_msg("with keep_going false, nothing after the error runs, but c = 3 did");
    }
    got = transcript(s, script, true, &failures);
    expect_transcript(script, true, got,
                      "1\n"
                      "line 3: AttributeError: 'int' object has no attribute 'view'\n"
                      "3\n");
    expect_failures(failures, 1);
    // A script without errors runs to its end either way.
    got = transcript(s, "c + 1\nc * 2", false, &failures);
    expect_transcript("c + 1\nc * 2", false, got, "4\n6\n");
    expect_failures(failures, 0);
}

static void transcript_joins_lines_while_a_bracket_is_open(void **state) {
    (void)state;
    Session *s = new_session();
    const char *script = "x = tensor([[1, 2],\n"
                         "            [3, 4]])\n"
                         "# a comment\n"
                         "\n"
                         "y = (x\n"
                         "     @ x.t()\n"
                         "     @ undefined)\n"
                         "x.sum(0,\n"
                         "      keepdim=True)\n"
                         "z = x.view(\n"
                         "    4,";
    const char *got = transcript(s, script, true, NULL);  // failures may be NULL
    expect_transcript(script, true, got,
                      "line 7: NameError: name 'undefined' is not defined\n"
                      "tensor([[4., 6.]])\n"
                      "line 10: SyntaxError: '(' was never closed\n");
    script = "t = (1,\n 2 3)\nt = (4,\n 5)\nt";
    int failures = -1;
    got = transcript(s, script, true, &failures);
    expect_transcript(script, true, got,
                      "line 2: SyntaxError: invalid syntax. Perhaps you forgot a comma?\n"
                      "(4, 5)\n");
    expect_failures(failures, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        LANG_TEST(parenthesize_shows_precedence),
        LANG_TEST(parenthesize_shows_associativity),
        LANG_TEST(parenthesize_keeps_postfix_forms_and_literals),
        LANG_TEST(parenthesize_writes_statements),
        LANG_TEST(parenthesize_reports_syntax_errors),
        LANG_TEST(like_tensors_are_filled_with_their_number),
        LANG_TEST(like_tensors_keep_a_dense_layout),
        LANG_TEST(like_tensors_of_views_that_skip_or_repeat_elements),
        LANG_TEST(transcript_shows_values_and_keeps_going),
        LANG_TEST(transcript_stops_at_the_first_error_unless_told_to_go_on),
        LANG_TEST(transcript_joins_lines_while_a_bracket_is_open),
    };
    return run_suite(&(TestSuite){.group = "appendix A exercises", TEST_LIST(tests)});
}
