// Appendix A: the expression language -- its values and messages, its
// limits, the JSON of --json, and PyTorch golden cases replayed through the
// same code path as `strides --json`; and the strides program itself.
#define _DEFAULT_SOURCE  // forkpty, mkdtemp
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dropout.h"
#include "elementwise.h"
#include "test_main.h"
#include "lang/lang.h"
#include "tensor_asserts.h"
#include "text.h"
#include "view.h"

// ---- helpers -------------------------------------------------------------------

// Run `line` in `s`, which must succeed; the value's repr(), malloc'd.
static char *repr_of(Session *s, const char *line) {
    Value v;
    if (session_run(s, line, &v) != 0) {
        fail_msg("%s\n  failed: %s: %s", line, session_error_type(s), session_error(s));
    }
    char *repr = value_repr(&v);
    value_free(&v);
    assert_non_null(repr);
    return repr;
}

static void assert_repr(Session *s, const char *line, const char *expected) {
    char *repr = repr_of(s, line);
    if (strcmp(repr, expected) != 0) {
        fail_msg("%s\n  expected: %s\n  got:      %s", line, expected, repr);
    }
    free(repr);
}

// In a fresh session.
static void assert_repr1(const char *line, const char *expected) {
    Session *s = session_new();
    assert_repr(s, line, expected);
    session_free(s);
}

static void assert_json(Session *s, const char *line, const char *expected) {
    Value v;
    if (session_run(s, line, &v) != 0) {
        fail_msg("%s\n  failed: %s", line, session_error(s));
    }
    char *json = value_to_json(&v);
    value_free(&v);
    assert_non_null(json);
    if (strcmp(json, expected) != 0) {
        fail_msg("%s\n  expected: %s\n  got:      %s", line, expected, json);
    }
    free(json);
}

// `line` fails with this kind of error, this message and this column.
static void assert_fails(Session *s, const char *line, const char *type,
                         const char *message, int column) {
    Value v;
    if (session_run(s, line, &v) == 0) {
        char *repr = value_repr(&v);
        value_free(&v);
        fail_msg("%s\n  expected %s: %s\n  but it gave %s", line, type, message, repr);
    }
    assert_int_equal(v.kind, VALUE_NONE);
    if (strcmp(session_error(s), message) != 0) {
        fail_msg("%s\n  expected: %s\n  got:      %s", line, message, session_error(s));
    }
    if (strcmp(session_error_type(s), type) != 0) {
        fail_msg("%s\n  expected a %s, got a %s", line, type, session_error_type(s));
    }
    if (session_error_column(s) != column) {
        fail_msg("%s\n  expected column %d, got %d", line, column, session_error_column(s));
    }
}

static void assert_fails1(const char *line, const char *type, const char *message,
                          int column) {
    Session *s = session_new();
    assert_fails(s, line, type, message, column);
    session_free(s);
}

// ---- Python values -----------------------------------------------------------------

static void numbers_print_as_python_does(void **state) {
    (void)state;
    assert_repr1("7 / 2", "3.5");
    assert_repr1("7 - 2 * 3", "1");
    assert_repr1("2 ** 10", "1024");
    assert_repr1("2 ** -1", "0.5");
    assert_repr1("-2 ** 2", "-4");
    assert_repr1("0.1 + 0.2", "0.30000000000000004");
    assert_repr1("1e-5", "1e-05");
    assert_repr1("0.0001", "0.0001");
    assert_repr1("1e16", "1e+16");
    assert_repr1("123456789012345.0", "123456789012345.0");
    assert_repr1("2.0", "2.0");
    assert_repr1("-0.0", "-0.0");
    assert_repr1("1_000 + .5", "1000.5");
    assert_repr1("1e400", "inf");
    assert_repr1("True + True", "2");
    assert_repr1("True", "True");
    assert_repr1("None", "None");
    assert_repr1("(1,)", "(1,)");
    assert_repr1("()", "()");
    assert_repr1("1, 2", "(1, 2)");
    assert_repr1("[1, 2.5]", "[1, 2.5]");
    assert_repr1("(1, 2) + (3,)", "(1, 2, 3)");
    assert_repr1("(5, 6, 7)[-1]", "7");
    assert_repr1("(5, 6, 7)[::-1]", "(7, 6, 5)");
    assert_repr1("[5, 6, 7][1:]", "[6, 7]");
}

static void number_errors_are_pythons(void **state) {
    (void)state;
    assert_fails1("1 / 0", "ZeroDivisionError", "division by zero", -1);
    assert_fails1("1.0 / 0", "ZeroDivisionError", "float division by zero", -1);
    assert_fails1("0.0 ** -1", "ZeroDivisionError", "0.0 cannot be raised to a negative power", -1);
    assert_fails1("9223372036854775807 + 1", "OverflowError",
                  "integer result too large (Strides keeps integers in 64 bits)", -1);
    assert_fails1("2 ** 64", "OverflowError",
                  "integer result too large (Strides keeps integers in 64 bits)", -1);
    assert_fails1("99999999999999999999", "SyntaxError",
                  "integer literal too large (Strides keeps integers in 64 bits)", 0);
    assert_fails1("1 @ 2", "TypeError", "unsupported operand type(s) for @: 'int' and 'int'", -1);
    assert_fails1("None + 1", "TypeError",
                  "unsupported operand type(s) for +: 'NoneType' and 'int'", -1);
    assert_fails1("-(1, 2)", "TypeError", "bad operand type for unary -: 'tuple'", -1);
    assert_fails1("(1, 2)[2]", "IndexError", "tuple index out of range", -1);
    assert_fails1("(1, 2)[0, 1]", "TypeError", "tuple indices must be integers or slices, not tuple", -1);
    assert_fails1("3[0]", "TypeError", "'int' object is not subscriptable", -1);
    assert_fails1("3(4)", "TypeError", "'int' object is not callable", -1);
}

// ---- tensors ----------------------------------------------------------------------

static void tensors_print_as_pytorch_does(void **state) {
    (void)state;
    Session *s = session_new();
    assert_repr(s, "x = arange(12).view(3, 4)", "None");
    assert_repr(s, "x.t()",
                "tensor([[ 0.,  4.,  8.],\n"
                "        [ 1.,  5.,  9.],\n"
                "        [ 2.,  6., 10.],\n"
                "        [ 3.,  7., 11.]])");
    assert_repr(s, "x.shape", "torch.Size([3, 4])");
    assert_repr(s, "x.size()", "torch.Size([3, 4])");
    assert_repr(s, "x.t().stride()", "(1, 4)");
    assert_repr(s, "x.stride(0)", "4");
    assert_repr(s, "x.size(-1)", "4");
    assert_repr(s, "x[1].storage_offset()", "4");
    assert_repr(s, "x.numel(), x.dim(), x.ndim", "(12, 2, 2)");
    assert_repr(s, "x.is_contiguous(), x.t().is_contiguous()", "(True, False)");
    assert_repr(s, "x.sum()", "tensor(66.)");
    assert_repr(s, "x.sum().item()", "66.0");
    assert_repr(s, "x.max(0)",
                "torch.return_types.max(\n"
                "values=tensor([ 8.,  9., 10., 11.]),\n"
                "indices=tensor([2., 2., 2., 2.]))");
    assert_repr(s, "x.max(1).values", "tensor([ 3.,  7., 11.])");
    assert_repr(s, "x.max(dim=1, keepdim=True)[1].shape", "torch.Size([3, 1])");
    assert_repr(s, "tensor([[1, 2], [3, 4.5]])",
                "tensor([[1.0000, 2.0000],\n        [3.0000, 4.5000]])");
    assert_repr(s, "tensor(3)", "tensor(3.)");
    assert_repr(s, "tensor([])", "tensor([])");
    assert_repr(s, "zeros(2, 0).shape", "torch.Size([2, 0])");
    assert_repr(s, "full((2,), 1.5)", "tensor([1.5000, 1.5000])");
    assert_repr(s, "len(x), len(x.shape)", "(3, 2)");
    // What pasted Python code starts with, and ends with.
    assert_repr(s, "import torch; import torch.nn.functional as F; from torch import *", "None");
    assert_repr(s, "print(x.shape)", "torch.Size([3, 4])");
    assert_fails(s, "import numpy as np", "SyntaxError",
                 "Strides can import only torch (whose functions are here already)", 7);
    session_free(s);
}

static void slicing_and_indexing(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(24).view(2, 3, 4)", &v), 0);
    struct {
        const char *line;
        Shape shape;
        IntList stride;
        int64_t offset;
    } cases[] = {
        {"x[:, ::2]", SHAPE(2, 2, 4), INTS(12, 8, 1), 0},
        {"x[:, 1::2]", SHAPE(2, 1, 4), INTS(12, 8, 1), 4},
        {"x[..., 1:3]", SHAPE(2, 3, 2), INTS(12, 4, 1), 1},
        {"x[:, 5:10]", SHAPE(2, 0, 4), INTS(12, 4, 1), 12},
        {"x[1, :, 2]", SHAPE(3), INTS(4), 14},
        {"x[-1, -1]", SHAPE(4), INTS(1), 20},
        {"x[None, 1, ..., None]", SHAPE(1, 3, 4, 1), INTS(24, 4, 1, 1), 12},
        {"x[:, None:2, :-1:3]", SHAPE(2, 2, 1), INTS(12, 4, 3), 0},
        {"x.transpose(0, 2)[1:]", SHAPE(3, 3, 2), INTS(1, 4, 12), 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value r;
        if (session_run(s, cases[i].line, &r) != 0) fail_msg("%s: %s", cases[i].line, session_error(s));
        assert_int_equal(r.kind, VALUE_TENSOR);
        assert_layout(r.tensor, cases[i].shape, cases[i].stride, cases[i].offset);
        assert_ptr_equal(r.tensor->storage, session_get(s, "x")->tensor->storage);
        value_free(&r);
    }
    assert_fails(s, "x[2]", "IndexError", "index 2 is out of bounds for dimension 0 with size 2", -1);
    assert_fails(s, "x[0, 0, 0, 0]", "IndexError", "too many indices for tensor of dimension 3", -1);
    assert_fails(s, "x[::-1]", "ValueError", "step must be greater than zero", -1);
    assert_fails(s, "x[::0]", "ValueError", "slice step cannot be zero", -1);
    assert_fails(s, "x[1.5]", "IndexError",
                 "only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                 "Variables are valid indices (got float)", -1);
    assert_fails(s, "x[0:1.5]", "TypeError", "slice indices must be integers or None, not float", -1);
    session_free(s);
}

static void assignment_names_and_unpacking(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(6)", &v), 0);
    assert_int_equal(v.kind, VALUE_NONE);
    assert_string_equal(session_last_assigned(s), "x");
    const Value *x = session_get(s, "x");
    assert_non_null(x);
    assert_int_equal(x->kind, VALUE_TENSOR);
    assert_null(session_get(s, "y"));
    // A value statement assigns nothing.
    assert_int_equal(session_run(s, "x", &v), 0);
    value_free(&v);
    assert_null(session_last_assigned(s));
    // Reassigning frees the old value (LeakSanitizer watches).
    assert_int_equal(session_run(s, "x = x.view(2, 3); y = 2; x = x.t()", &v), 0);
    assert_string_equal(session_last_assigned(s), "x");
    assert_repr(s, "x.shape, y", "(torch.Size([3, 2]), 2)");
    assert_string_equal(session_variable(s, 0), "x");
    assert_string_equal(session_variable(s, 1), "y");
    assert_null(session_variable(s, 2));

    assert_int_equal(session_run(s, "a, b = arange(6).view(2, 3)", &v), 0);
    assert_repr(s, "b", "tensor([3., 4., 5.])");
    assert_int_equal(session_run(s, "values, indices = arange(6).view(2, 3).max(1)", &v), 0);
    assert_repr(s, "indices", "tensor([2., 2.])");
    assert_int_equal(session_run(s, "p, q = (1, 2)", &v), 0);
    assert_repr(s, "p + q", "3");
    assert_fails(s, "p, q, r = (1, 2)", "ValueError", "not enough values to unpack (expected 3, got 2)", -1);
    assert_fails(s, "p, = (1, 2)", "ValueError", "too many values to unpack (expected 1)", -1);
    assert_fails(s, "p, q = 3", "TypeError", "cannot unpack non-iterable int object", -1);
    // An error stops the line where it happens; what ran before stays.
    assert_fails(s, "m = 1; n = nothing; o = 3", "NameError", "name 'nothing' is not defined", 11);
    assert_non_null(session_get(s, "m"));
    assert_null(session_get(s, "o"));
    session_free(s);
}

static void writes_go_through_views(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    // Chapter 3's opening example.
    assert_int_equal(session_run(s, "x = arange(12.); v = x.view(3, 4); v[1, 1] = 50.", &v), 0);
    assert_repr(s, "x", "tensor([ 0.,  1.,  2.,  3.,  4., 50.,  6.,  7.,  8.,  9., 10., 11.])");
    assert_int_equal(session_run(s, "x.view(3, 4).t()[0] = arange(3) * 10", &v), 0);
    assert_repr(s, "x.view(3, 4)[:, 0]", "tensor([ 0., 10., 20.])");
    assert_int_equal(session_run(s, "x[::2] = -1", &v), 0);
    assert_repr(s, "x[:4]", "tensor([-1.,  1., -1.,  3.])");
    assert_repr(s, "x.fill_(2)[:2]", "tensor([2., 2.])");
    assert_repr(s, "x.zero_().sum()", "tensor(0.)");
    assert_repr(s, "x[:3].copy_(arange(3))[2]", "tensor(2.)");
    assert_repr(s, "x[:4]", "tensor([0., 1., 2., 0.])");
    // Filling memory that several elements share is allowed; copying isn't.
    assert_repr(s, "y = arange(3).expand(2, 3); y[...] = 7; y[0] = tensor(8); y",
                "tensor([[8., 8., 8.],\n        [8., 8., 8.]])");
    assert_repr(s, "z = zeros(2, 3); z[0] = ones(1, 1, 3); z[1] = ones(1); z.sum()", "tensor(6.)");
    assert_fails(s, "z[0] = ones(3, 1)", "RuntimeError",
                 "expand(torch.FloatTensor{[3, 1]}, size=[3]): the number of sizes provided (1) "
                 "must be greater or equal to the number of dimensions in the tensor (2)", -1);
    assert_fails(s, "y[...] = arange(3)", "RuntimeError",
                 "unsupported operation: more than one element of the written-to tensor "
                 "refers to a single memory location. Please clone() the tensor before "
                 "performing the operation.", -1);
    assert_fails(s, "x[0] = (1, 2)", "TypeError", "can't assign a tuple to a tensor", -1);
    assert_fails(s, "(1, 2)[0] = 1", "TypeError", "'tuple' object does not support item assignment", -1);
    session_free(s);
}

static void arithmetic_broadcasts(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    assert_repr(s, "(x + arange(4))[2]", "tensor([ 8., 10., 12., 14.])");
    assert_repr(s, "(2 - x.t()).stride()", "(1, 4)");
    assert_repr(s, "(x.t() * 2).stride()", "(1, 4)");
    assert_repr(s, "-x[0]", "tensor([-0., -1., -2., -3.])");
    assert_repr(s, "+x[0]", "tensor([0., 1., 2., 3.])");
    assert_repr(s, "(x @ ones(4, 2)).t()", "tensor([[ 6., 22., 38.],\n        [ 6., 22., 38.]])");
    assert_repr(s, "matmul(x, ones(4))", "tensor([ 6., 22., 38.])");
    assert_repr(s, "x.matmul(ones(4))", "tensor([ 6., 22., 38.])");
    assert_repr(s, "relu(x - 6)[1]", "tensor([0., 0., 0., 1.])");
    assert_repr(s, "softmax(tensor([1000, 1000]), 0)", "tensor([0.5000, 0.5000])");
    assert_repr(s, "torch.softmax(tensor([0, 0, 0, 0]), dim=-1)",
                "tensor([0.2500, 0.2500, 0.2500, 0.2500])");
    assert_repr(s, "F.relu(tensor([-1, 2]))", "tensor([0., 2.])");
    assert_repr(s, "torch.nn.functional.sigmoid(tensor([0]))", "tensor([0.5000])");
    assert_repr(s, "x.sum(dim=(0, 1), keepdim=True)", "tensor([[66.]])");
    assert_repr(s, "x.mean(0)", "tensor([4., 5., 6., 7.])");
    assert_repr(s, "x.argmax(), x.argmax(1)", "(tensor(11.), tensor([3., 3., 3.]))");
    assert_fails(s, "x + arange(5)", "RuntimeError",
                 "The size of tensor a (4) must match the size of tensor b (5) at "
                 "non-singleton dimension 1", -1);
    assert_fails(s, "x @ x", "RuntimeError",
                 "mat1 and mat2 shapes cannot be multiplied (3x4 and 3x4)", -1);
    assert_fails(s, "x @ 2", "TypeError", "unsupported operand type(s) for @: 'Tensor' and 'int'", -1);
    assert_fails(s, "x + (1, 2)", "TypeError",
                 "unsupported operand type(s) for +: 'Tensor' and 'tuple'", -1);
    assert_fails(s, "x ** 2", "TypeError",
                 "x ** y is not supported for tensors in Strides (write x * x for a square)", -1);
    assert_fails(s, "x.sum((0, 0))", "RuntimeError", "dim 0 appears multiple times in the list of dims", -1);
    session_free(s);
}

static void random_numbers_are_seeded(void **state) {
    (void)state;
    Session *s = session_new();
    Value a, b;
    assert_int_equal(session_run(s, "manual_seed(3); rand(1000)", &a), 0);
    assert_int_equal(session_run(s, "torch.manual_seed(3); torch.rand(10, 100)", &b), 0);
    assert_int_equal(a.kind, VALUE_TENSOR);
    float lo = 1, hi = 0;
    for (int i = 0; i < 1000; i++) {
        float x = a.tensor->storage->data[i];
        assert_true(x == b.tensor->storage->data[i]);
        lo = fminf(lo, x);
        hi = fmaxf(hi, x);
    }
    assert_true(lo >= 0 && lo < 0.01f && hi < 1 && hi > 0.99f);
    value_free(&a);
    value_free(&b);
    session_free(s);
}

// ---- errors and where they point ----------------------------------------------------

static void syntax_errors_point_at_their_column(void **state) {
    (void)state;
    struct {
        const char *line, *message;
        int column;
    } cases[] = {
        {"x.view(3,,4)", "invalid syntax", 9},
        {"x)", "unmatched ')'", 1},
        {"(]", "closing parenthesis ']' does not match opening parenthesis '('", 1},
        {"1 +", "invalid syntax", 3},
        {"x.view(2 3)", "invalid syntax. Perhaps you forgot a comma?", 7},
        {"f(x=1, 2)", "positional argument follows keyword argument", 7},
        {"f(x=1, x=2)", "keyword argument repeated: x", 7},
        {"3 = x", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 0},
        {"f() = x", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 0},
        {"x.shape = 1", "cannot assign to attribute 'shape'", 2},
        {"x = y = 1", "chained assignment (a = b = c) is not supported", 6},
        {"1e", "invalid decimal literal", 0},
        {"3x", "invalid decimal literal", 0},
        {"012", "leading zeros in decimal integer literals are not permitted", 0},
        {"x[]", "invalid syntax", 2},
        {"x[1:2:3:4]", "invalid syntax", 7},
        {"x.1", "invalid syntax", 1},
        {"x $ 2", "invalid syntax", 2},
        {"'abc'", "strings are not part of the Strides language", 0},
        {"a\x01", "invalid non-printable character U+0001", 1},
        {"a\xe2\x82\xac", "invalid character '\xe2\x82\xac' (U+20AC)", 1},
        {"\xe2\x82\xac + \xff", "invalid character '\xe2\x82\xac' (U+20AC)", 0},
        {"1 + \xff", "invalid byte 0xFF (the text is not UTF-8)", 4},
        {"\xc3\xa9t\xc3\xa9 = \x01", "invalid character '\xc3\xa9' (U+00E9)", 0},
        {"x = 1 ... 2", "invalid syntax", 6},
        {"...", "'...' is only meaningful inside an index, as in x[..., 0]", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_fails1(cases[i].line, "SyntaxError", cases[i].message, cases[i].column);
    }
    // Columns count characters, not bytes, and lines are counted too.
    Session *s = session_new();
    assert_fails(s, "\xc3\xa9\xc3\xa9 $", "SyntaxError", "invalid character '\xc3\xa9' (U+00E9)", 0);
    assert_fails(s, "x = tensor([[1, 2],\n  [3 4]])", "SyntaxError",
                 "invalid syntax. Perhaps you forgot a comma?", 3);
    assert_int_equal(session_error_line(s), 1);
    session_free(s);
}

static void unclosed_brackets_ask_for_more(void **state) {
    (void)state;
    Session *s = session_new();
    assert_fails(s, "x = (1, 2", "SyntaxError", "'(' was never closed", 4);
    assert_true(session_incomplete(s));
    assert_fails(s, "tensor([[1, 2],", "SyntaxError", "'[' was never closed", 7);
    assert_true(session_incomplete(s));
    assert_fails(s, "x)", "SyntaxError", "unmatched ')'", 1);
    assert_false(session_incomplete(s));
    // The REPL then runs the lines joined; inside brackets a newline is space.
    assert_repr(s, "tensor([[1, 2],\n        [3, 4]]).sum(\n0)", "tensor([4., 6.])");
    session_free(s);
}

static void names_attributes_and_calls(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    assert_fails(s, "y + 1", "NameError", "name 'y' is not defined", 0);
    assert_fails(s, "x + yy", "NameError", "name 'yy' is not defined", 4);
    assert_fails(s, "foo(1)", "NameError", "name 'foo' is not defined", 0);
    assert_fails(s, "transpose2(x)", "NameError", "name 'transpose2' is not defined", 0);
    assert_fails(s, "view(x, 12)", "NameError",
                 "name 'view' is not defined (it is a method: x.view(...))", 0);
    assert_fails(s, "x.foo()", "AttributeError", "'Tensor' object has no attribute 'foo'", 2);
    assert_fails(s, "x.t().bar", "AttributeError", "'Tensor' object has no attribute 'bar'", 6);
    assert_fails(s, "x.shape.view(2)", "AttributeError",
                 "'torch.Size' object has no attribute 'view'", 8);
    assert_fails(s, "torch.foo(1)", "AttributeError", "module 'torch' has no attribute 'foo'", 6);
    assert_fails(s, "relu", "TypeError", "'relu' is a function: call it, as in relu(...)", -1);
    assert_fails(s, "torch", "TypeError",
                 "'torch' is a module: use its functions, as in torch.arange(12)", -1);
    assert_fails(s, "x.view", "TypeError", "'view' is a method: call it, as in x.view(...)", -1);
    assert_fails(s, "x(1)", "TypeError", "'Tensor' object is not callable", -1);
    assert_fails(s, "x.shape(0)", "TypeError", "'torch.Size' object is not callable", -1);
    session_free(s);
}

static void wrong_arguments_get_pytorchs_messages(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    struct {
        const char *line, *message;
    } cases[] = {
        {"x.view()", "view() missing 1 required positional arguments: \"size\""},
        {"x.permute()", "permute() missing 1 required positional arguments: \"dims\""},
        {"x.narrow(0, length=2)", "narrow() missing 1 required positional arguments: \"start\""},
        {"x.transpose(0)", "transpose() missing 1 required positional arguments: \"dim1\""},
        {"x.transpose(0, 1, 2)", "transpose() takes 2 positional arguments but 3 were given"},
        {"x.t(1)", "t() takes 0 positional arguments but 1 was given"},
        {"tanh(x, x)", "tanh() takes 1 positional argument but 2 were given"},
        {"relu(2)", "relu(): argument 'input' (position 1) must be Tensor, not int"},
        {"x.transpose(0, 1.0)", "transpose(): argument 'dim1' (position 2) must be int, not float"},
        {"x.transpose(0, True)", "transpose(): argument 'dim1' (position 2) must be int, not bool"},
        {"x.view(2, 1.5)", "view(): argument 'size' must be tuple of ints, but found element of "
                           "type float at pos 2"},
        {"x.view((2, 6), 1)", "view(): argument 'size' must be tuple of ints, but found element of "
                              "type tuple at pos 1"},
        {"zeros(2, (3,))", "zeros(): argument 'size' must be tuple of ints, but found element of "
                           "type tuple at pos 2"},
        {"zeros(1.5)", "zeros(): argument 'size' must be tuple of ints, but found element of "
                       "type float at pos 1"},
        {"full(2, 3)", "full(): argument 'size' (position 1) must be tuple of ints, not int"},
        {"full((2,), (3,))", "full(): argument 'fill_value' (position 2) must be Number, not tuple"},
        {"x.flatten(start=1)", "flatten() got an unexpected keyword argument 'start'"},
        {"x.flatten(0, start_dim=1)", "flatten() got multiple values for argument 'start_dim'"},
        {"x.sum(keepdim=True)",
         "sum() received an invalid combination of arguments - got (keepdim=bool), but expected "
         "one of:\n * ()\n * (tuple of ints dim, bool keepdim)"},
        {"x.sum(0.5)",
         "sum() received an invalid combination of arguments - got (float), but expected one "
         "of:\n * ()\n * (tuple of ints dim, bool keepdim)"},
        {"arange()",
         "arange() received an invalid combination of arguments - got (), but expected one "
         "of:\n * (Number end)\n * (Number start, Number end)\n * (Number start, Number end, "
         "Number step)"},
        {"x.size(0, 1)",
         "size() received an invalid combination of arguments - got (int, int), but expected "
         "one of:\n * ()\n * (int dim)"},
        {"manual_seed()", "manual_seed() missing 1 required positional arguments: \"seed\""},
        {"tensor([[1, 2], 3])", "not a sequence"},
        {"tensor([1, [2]])", "must be real number, not list"},
        {"tensor([None])", "must be real number, not NoneType"},
        {"len(3)", "object of type 'int' has no len()"},
        {"len(tensor(1))", "len() of a 0-d tensor"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_fails(s, cases[i].line, "TypeError", cases[i].message, -1);
    }
    assert_fails(s, "tensor([[1, 2], [3]])", "ValueError",
                 "expected sequence of length 2 at dim 1 (got 1)", -1);
    assert_fails(s, "x.item()", "ValueError",
                 "only one element tensors can be converted to Python scalars", -1);
    // A tensor inside a list is a number to PyTorch, float(t): fine for one
    // element, whatever its dims; a ValueError for any other count.
    assert_fails(s, "tensor([arange(3)])", "ValueError",
                 "only one element tensors can be converted to Python scalars", -1);
    assert_fails(s, "tensor([[arange(3)]])", "ValueError",
                 "only one element tensors can be converted to Python scalars", -1);
    assert_fails(s, "tensor([1, arange(0)])", "ValueError",
                 "only one element tensors can be converted to Python scalars", -1);
    assert_repr(s, "tensor([arange(1), tensor([[2.5]]).t(), x[1, 2]])",
                "tensor([0.0000, 2.5000, 6.0000])");
    session_free(s);
}

static void tensor_errors_are_pytorchs(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    assert_fails(s, "x.view(5, -1)", "RuntimeError",
                 "shape '[5, -1]' is invalid for input of size 12", -1);
    assert_fails(s, "x.t().view(12)", "RuntimeError",
                 "view size is not compatible with input tensor's size and stride (at least one "
                 "dimension spans across two contiguous subspaces). Use .reshape(...) instead.", -1);
    assert_fails(s, "x.sum(2)", "IndexError",
                 "Dimension out of range (expected to be in range of [-2, 1], but got 2)", -1);
    assert_fails(s, "tensor(1).size(0)", "IndexError",
                 "Dimension specified as 0 but tensor has no dimensions", -1);
    assert_fails(s, "x.select(1, 4)", "IndexError",
                 "select(): index 4 out of range for tensor of size [3, 4] at dimension 1", -1);
    assert_fails(s, "zeros(-1)", "RuntimeError",
                 "Trying to create tensor with negative dimension -1: [-1]", -1);
    assert_fails(s, "arange(0, 10, 0)", "RuntimeError", "step must be nonzero", -1);
    assert_fails(s, "x.expand(4)", "RuntimeError",
                 "expand(torch.FloatTensor{[3, 4]}, size=[4]): the number of sizes provided (1) "
                 "must be greater or equal to the number of dimensions in the tensor (2)", -1);
    // and the session goes on
    assert_repr(s, "x[0]", "tensor([0., 1., 2., 3.])");
    session_free(s);
}

// ---- limits: bad input fails cleanly -----------------------------------------------

static void absurd_sizes_are_refused(void **state) {
    (void)state;
    Session *s = session_new();
    assert_fails(s, "zeros(1000000, 1000000, 1000000)", "RuntimeError",
                 "tensor too large: 1000000000000000000 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "ones(2 ** 40)", "RuntimeError",
                 "tensor too large: 1099511627776 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "arange(1e12)", "RuntimeError",
                 "tensor too large: 1000000000000 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "ones(1).expand(100000, 100000)", "RuntimeError",
                 "tensor too large: 10000000000 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "ones(100000, 1) + ones(1, 100000)", "RuntimeError",
                 "tensor too large: 10000000000 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "ones(100000, 1) @ ones(1, 100000)", "RuntimeError",
                 "tensor too large: 10000000000 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "zeros(9223372036854775807, 2)", "RuntimeError",
                 "Storage size calculation overflowed with sizes=[9223372036854775807, 2]", -1);
    // A count beyond int64 is PyTorch's overflow, not the session's limit.
    assert_fails(s, "arange(1e300)", "RuntimeError", "invalid size, possible overflow?", -1);
    assert_fails(s, "arange(0, 1e300, 1e-300)", "RuntimeError",
                 "invalid size, possible overflow?", -1);
    assert_fails(s, "arange(-1e300)", "RuntimeError",
                 "upper bound and larger bound inconsistent with step sign", -1);
    assert_fails(s, "arange(2.0**63)", "RuntimeError", "invalid size, possible overflow?", -1);
    assert_fails(s, "arange(2**62)", "RuntimeError",
                 "tensor too large: 4611686018427387904 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "ones(2**62)", "RuntimeError",
                 "tensor too large: 4611686018427387904 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "full((2**62,), 1.0)", "RuntimeError",
                 "tensor too large: 4611686018427387904 elements (this session makes at most "
                 "268435456)", -1);
    assert_fails(s, "full((2**40, 2**40), 1.0)", "RuntimeError",
                 "Storage size calculation overflowed with sizes=[1099511627776, "
                 "1099511627776]", -1);
    session_set_max_elements(s, 100);
    assert_fails(s, "x = arange(101)", "RuntimeError",
                 "tensor too large: 101 elements (this session makes at most 100)", -1);
    assert_fails(s, "ones(40, 100).sum()", "RuntimeError",
                 "tensor too large: 4000 elements (this session makes at most 100)", -1);
    assert_repr(s, "arange(100).sum()", "tensor(4950.)");
    // The work of a matmul is bounded too: at most 64 multiply-adds per element.
    session_set_max_elements(s, 1 << 14);
    assert_fails(s, "ones(128, 128) @ ones(128, 128)", "RuntimeError",
                 "matmul too large: 2.1e+06 multiply-adds (this session does at most 1.05e+06)", -1);
    assert_repr(s, "(ones(64, 128) @ ones(128, 64)).sum()", "tensor(524288.)");
    session_free(s);
}

static void deep_nesting_is_refused(void **state) {
    (void)state;
    enum { N = 5000 };
    char *line = malloc(2 * N + 8);
    // 200 nested parentheses are fine, 201 are too many (Python's limit).
    int n = 0;
    for (int i = 0; i < 200; i++) line[n++] = '(';
    line[n++] = '1';
    for (int i = 0; i < 200; i++) line[n++] = ')';
    line[n] = '\0';
    assert_repr1(line, "1");
    memmove(line + 1, line, (size_t)n + 1);
    line[0] = '(';
    assert_fails1(line, "SyntaxError", "too many nested parentheses", 200);
    // Long chains, built without brackets, are bounded by their depth.
    n = 0;
    for (int i = 0; i < N; i++) line[n++] = '-';
    strcpy(line + n, "1");
    assert_fails1(line, "SyntaxError", "expression too deeply nested (more than 1000 levels)", 1000);
    n = 0;
    line[n++] = '1';
    for (int i = 0; i < N; i++) {
        line[n++] = '+';
        line[n++] = '1';
    }
    line[n] = '\0';
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, line, &v), -1);
    assert_string_equal(session_error(s), "expression too deeply nested (more than 1000 levels)");
    line[2 * 999 + 1] = '\0';  // 999 additions: fine
    assert_repr(s, line, "1000");
    session_free(s);
    free(line);
}

static void long_lines_and_garbage(void **state) {
    (void)state;
    Session *s = session_new();
    size_t n = LANG_MAX_LINE + 1;
    char *line = malloc(n + 1);
    memset(line, ' ', n);
    line[n] = '\0';
    line[0] = '1';
    assert_fails(s, line, "SyntaxError", "line too long (more than 1048576 characters)", -1);
    // A long but legal line: a literal of 100000 numbers.
    size_t len = 0;
    len += (size_t)sprintf(line + len, "tensor([");
    for (int i = 0; i < 100000; i++) len += (size_t)sprintf(line + len, "%d,", i % 10);
    sprintf(line + len, "]).sum()");
    assert_repr(s, line, "tensor(450000.)");
    // Binary garbage: an error, never a crash, and the session goes on.
    for (int i = 0; i < 256; i++) line[i] = (char)(255 - i);
    line[255] = '\0';
    Value v;
    assert_int_equal(session_run(s, line, &v), -1);
    assert_int_equal(session_run(s, "", &v), 0);
    assert_int_equal(v.kind, VALUE_NONE);
    assert_int_equal(session_run(s, "   # just a comment", &v), 0);
    assert_repr(s, "1 + 1  # a comment", "2");
    free(line);
    session_free(s);
}

// ---- JSON -------------------------------------------------------------------------

static void json_is_what_tools_read(void **state) {
    (void)state;
    Session *s = session_new();
    assert_json(s, "x = arange(12).view(3, 4)", "{\"ok\":true}");
    assert_json(s, "x.t()", "{\"shape\":[4,3],\"stride\":[1,4],\"offset\":0,\"contiguous\":false,"
                            "\"data\":[0,4,8,1,5,9,2,6,10,3,7,11]}");
    assert_json(s, "x[1, 1:]", "{\"shape\":[3],\"stride\":[1],\"offset\":5,\"contiguous\":true,"
                               "\"data\":[5,6,7]}");
    assert_json(s, "tensor(2.5)", "{\"shape\":[],\"stride\":[],\"offset\":0,\"contiguous\":true,"
                                  "\"data\":[2.5]}");
    assert_json(s, "zeros(0, 2)", "{\"shape\":[0,2],\"stride\":[2,1],\"offset\":0,\"contiguous\":true,"
                                  "\"data\":[]}");
    assert_json(s, "tensor([0.1, 1 / 3, -0.0, 1e20, 3e-42])",
                "{\"shape\":[5],\"stride\":[1],\"offset\":0,\"contiguous\":true,"
                "\"data\":[0.1,0.33333334,-0,1e+20,3e-42]}");
    assert_json(s, "tensor([1, -1, 0]) / 0",
                "{\"shape\":[3],\"stride\":[1],\"offset\":0,\"contiguous\":true,"
                "\"data\":[\"inf\",\"-inf\",\"nan\"]}");
    assert_json(s, "x.shape", "{\"value\":[3,4]}");
    assert_json(s, "x.stride()", "{\"value\":[4,1]}");
    assert_json(s, "x.size(0)", "{\"value\":3}");
    assert_json(s, "x.is_contiguous()", "{\"value\":true}");
    assert_json(s, "1 / 3", "{\"value\":0.3333333333333333}");
    assert_json(s, "1e400", "{\"value\":\"inf\"}");
    assert_json(s, "None", "{\"ok\":true}");
    assert_json(s, "(None, [1.5, True])", "{\"value\":[null,[1.5,true]]}");
    assert_json(s, "x.max(0)",
                "{\"value\":{\"values\":{\"shape\":[4],\"stride\":[1],\"offset\":0,"
                "\"contiguous\":true,\"data\":[8,9,10,11]},\"indices\":{\"shape\":[4],"
                "\"stride\":[1],\"offset\":0,\"contiguous\":true,\"data\":[2,2,2,2]}}}");
    session_free(s);
}

static void completion_knows_names(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "ar2 = 1", &v), 0);
    assert_string_equal(session_complete(s, "ar", false, 0), "ar2");
    assert_string_equal(session_complete(s, "ar", false, 1), "arange");
    assert_string_equal(session_complete(s, "ar", false, 2), "argmax");
    assert_null(session_complete(s, "ar", false, 3));
    assert_string_equal(session_complete(s, "sh", true, 0), "shape");
    assert_string_equal(session_complete(s, "stor", true, 0), "storage_offset");
    assert_null(session_complete(s, "view", false, 0));  // a method, not a function
    assert_null(session_complete(s, "zz", true, 0));
    // Modules' methods and attributes, after a '.'; nn.Dropout's name.
    assert_string_equal(session_complete(s, "ev", true, 0), "eval");
    assert_string_equal(session_complete(s, "trai", true, 0), "training");
    assert_string_equal(session_complete(s, "trai", true, 1), "train");
    assert_string_equal(session_complete(s, "Dr", false, 0), "Dropout");
    assert_string_equal(session_complete(s, "dro", false, 0), "dropout");
    session_free(s);
}

static void value_repr_and_free_are_safe_on_none(void **state) {
    (void)state;
    Value v = {.kind = VALUE_NONE};
    char *repr = value_repr(&v);
    assert_string_equal(repr, "None");
    free(repr);
    value_free(&v);
    value_free(NULL);
    session_free(NULL);
}

// ---- hostile input ------------------------------------------------------------
// Lines at the edges of every range, of the kind a fuzzer makes: each must
// end in a value or an error, under the sanitizers, and leave the session
// working. (The fuzzer, tests/fuzz, has found no crash; a crash it finds
// is added here.)

static void hostile_lines_fail_cleanly(void **state) {
    (void)state;
    struct {
        const char *line, *json;
    } cases[] = {
        {"(1, 2, 3)[::9223372036854775807]", "{\"value\":[1]}"},
        {"(1, 2, 3)[::-9223372036854775807]", "{\"value\":[3]}"},
        {"arange(6)[::9223372036854775807].shape", "{\"value\":[1]}"},
        {"arange(6)[-9223372036854775807:9223372036854775807:3].shape", "{\"value\":[2]}"},
        {"arange(0, 1, 1e-300)", "{\"error\":\"invalid size, possible overflow?\"}"},
        {"arange(1e308, -1e308, -1e300)", "{\"error\":\"invalid size, possible overflow?\"}"},
        {"(-1) ** 9223372036854775807", "{\"value\":-1}"},
        {"(-2) ** 63", "{\"value\":-9223372036854775808}"},
        {"-9223372036854775807 - 1", "{\"value\":-9223372036854775808}"},
        {"-(-9223372036854775807 - 1)", "{\"error\":\"integer result too large (Strides "
                                        "keeps integers in 64 bits)\"}"},
        {"tensor([[[[[[[[[1]]]]]]]]])", "{\"error\":\"Strides supports at most 8 "
                                        "dimensions, but got 9\"}"},
        {"arange(1).view(1, 1, 1, 1, 1, 1, 1, 1)[None]",
         "{\"error\":\"Strides supports at most 8 dimensions, but got 9\"}"},
        {"zeros(2, 3).sum((0, 1, 0, 1, 0, 1, 0, 1, 0, 1))", "{\"error\":\"too many dims\"}"},
        {"ones(2, 3).as_strided((2, 2), (9223372036854775807, 1))",
         "{\"error\":\"Storage size calculation overflowed with sizes=[2, 2] and "
         "strides=[9223372036854775807, 1]\"}"},
        {"ones(2, 3).narrow(1, 1, -9223372036854775807)",
         "{\"error\":\"start (1) + length (-9223372036854775807) exceeds dimension size "
         "(3).\"}"},
        {"tensor([1e300, -1e300, 1e-300])",
         "{\"shape\":[3],\"stride\":[1],\"offset\":0,\"contiguous\":true,"
         "\"data\":[\"inf\",\"-inf\",0]}"},
        {"softmax(tensor([1e30, -1e30]), 0)",
         "{\"shape\":[2],\"stride\":[1],\"offset\":0,\"contiguous\":true,"
         "\"data\":[1,0]}"},
        {"x = 1; x[0] = 2", "{\"error\":\"'int' object does not support item assignment\"}"},
        {"a, = (1,)", "{\"ok\":true}"},
        {"manual_seed(-1); rand(2).shape", "{\"value\":[2]}"},
        {"[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]][0][0][0][0][0][0][0][0][0][0][0][0][0]"
         "[0][0][0][0][0][0][0]", "{\"value\":1}"},
        {"x = arange(4); x[x]", "{\"error\":\"only integers, slices (`:`), ellipsis "
                                "(`...`), None and long or byte Variables are valid indices "
                                "(got Tensor)\"}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Session *s = session_new();
        Value v;
        char *json;
        if (session_run(s, cases[i].line, &v) == 0) {
            json = value_to_json(&v);
            value_free(&v);
        } else {
            const char *m = session_error(s);
            json = malloc(strlen(m) * 2 + 16);
            char *p = json + sprintf(json, "{\"error\":\"");
            for (; *m; m++) {
                if (*m == '"' || *m == '\\') *p++ = '\\';
                *p++ = *m;
            }
            strcpy(p, "\"}");
        }
        assert_repr(s, "1 + 1", "2");  // and the session goes on
        session_free(s);
        if (strcmp(json, cases[i].json) != 0) {
            fprintf(stderr, "  %s\n  expected: %s\n  got:      %s\n", cases[i].line,
                    cases[i].json, json);
            free(json);
            fail();
        }
        free(json);
    }
}

// ---- dropout (chapter 8) -------------------------------------------------------------

// Run `line`, which must give a tensor; the tensor (the caller frees it).
static Tensor *tensor_of(Session *s, const char *line) {
    Value v;
    if (session_run(s, line, &v) != 0) {
        fail_msg("%s\n  failed: %s: %s", line, session_error_type(s), session_error(s));
    }
    if (v.kind != VALUE_TENSOR) fail_msg("%s did not give a tensor", line);
    return v.tensor;
}

static bool same_layout(const Tensor *a, const Tensor *b) {
    if (a->storage != b->storage || a->offset != b->offset || a->ndim != b->ndim) return false;
    for (int d = 0; d < a->ndim; d++) {
        if (a->shape[d] != b->shape[d] || a->stride[d] != b->stride[d]) return false;
    }
    return true;
}

// The same shape and the same values (nan equal to nan), whatever the strides.
static bool same_values(const Tensor *a, const Tensor *b) {
    if (a->ndim != b->ndim) return false;
    for (int d = 0; d < a->ndim; d++) {
        if (a->shape[d] != b->shape[d]) return false;
    }
    int64_t index[MAX_DIMS] = {0};
    for (int64_t n = 0; n < tensor_numel(a); n++) {
        float x = a->storage->data[tensor_storage_index(a, index)];
        float y = b->storage->data[tensor_storage_index(b, index)];
        if (x != y && !(isnan(x) && isnan(y))) return false;
        index_next(a->ndim, a->shape, index);
    }
    return true;
}

// ---- exception classes ----------------------------------------------------------

// The one table: every library kind becomes the class PyTorch raises.
static void each_library_kind_maps_to_pytorchs_class(void **state) {
    (void)state;
    static const struct { ErrorKind kind; ExceptionClass exc; const char *name; } table[] = {
        {ERR_NONE, EXC_RUNTIME, "RuntimeError"},
        {ERR_RUNTIME, EXC_RUNTIME, "RuntimeError"},
        {ERR_INDEX, EXC_INDEX, "IndexError"},
        {ERR_VALUE, EXC_VALUE, "ValueError"},
        {ERR_TYPE, EXC_TYPE, "TypeError"},
        {ERR_KEY, EXC_KEY, "KeyError"},
        {ERR_ATTRIBUTE, EXC_ATTRIBUTE, "AttributeError"},
        {ERR_VIEW_STRIDES, EXC_RUNTIME, "RuntimeError"},
        {ERR_SHAPE_NUMEL, EXC_RUNTIME, "RuntimeError"},
        {ERR_SHAPE_INFER, EXC_RUNTIME, "RuntimeError"},
        {ERR_ALLOC, EXC_RUNTIME, "RuntimeError"},
        {ERR_NOT_IMPLEMENTED, EXC_NOT_IMPLEMENTED, "NotImplementedError"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        assert_int_equal(exception_for_error(table[i].kind), table[i].exc);
        assert_string_equal(exception_name(exception_for_error(table[i].kind)), table[i].name);
    }
}

// `line` fails as `exc`, with the library's `kind` behind it.
static void assert_raises(Session *s, const char *line, ExceptionClass exc, ErrorKind kind,
                          const char *type, const char *message) {
    assert_fails(s, line, type, message, -1);
    assert_int_equal(session_exception(s), exc);
    assert_int_equal(session_error_kind(s), kind);
}

static void the_class_comes_from_the_kind_not_the_message(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(3); m = arange(12).view(3, 4)", &v), 0);
    assert_raises(s, "x[5]", EXC_INDEX, ERR_INDEX, "IndexError",
                  "index 5 is out of bounds for dimension 0 with size 3");
    assert_raises(s, "m.transpose(0, 2)", EXC_INDEX, ERR_INDEX, "IndexError",
                  "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    assert_raises(s, "m.t().view(12)", EXC_RUNTIME, ERR_VIEW_STRIDES, "RuntimeError",
                  "view size is not compatible with input tensor's size and stride (at least "
                  "one dimension spans across two contiguous subspaces). Use .reshape(...) "
                  "instead.");
    assert_raises(s, "m.view(5)", EXC_RUNTIME, ERR_SHAPE_NUMEL, "RuntimeError",
                  "shape '[5]' is invalid for input of size 12");
    assert_raises(s, "m[::-1]", EXC_VALUE, ERR_VALUE, "ValueError",
                  "step must be greater than zero");
    // The interpreter's own errors have no library kind behind them.
    assert_raises(s, "[1, 2][5]", EXC_INDEX, ERR_NONE, "IndexError", "list index out of range");
    assert_raises(s, "exit(3)", EXC_SYSTEM_EXIT, ERR_NONE, "SystemExit", "");
    assert_int_equal(session_exit_status(s), 3);
    session_free(s);
}

static void dropout_checks_p_as_pytorch_does(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    assert_fails(s, "F.dropout(x, 1.5)", "ValueError",
                 "dropout probability has to be between 0 and 1, but got 1.5", -1);
    assert_fails(s, "dropout(x, -0.1, False)", "ValueError",
                 "dropout probability has to be between 0 and 1, but got -0.1", -1);
    assert_fails(s, "dropout(x, p=2)", "ValueError",
                 "dropout probability has to be between 0 and 1, but got 2", -1);
    assert_fails(s, "nn.Dropout(1.0000001)", "ValueError",
                 "dropout probability has to be between 0 and 1, but got 1.0000001", -1);
    assert_fails(s, "torch.nn.Dropout(p=-1)", "ValueError",
                 "dropout probability has to be between 0 and 1, but got -1", -1);
    // nan passes Python's check; the library refuses it, as ATen does.
    assert_fails(s, "dropout(x, (tensor([0.]) / 0).item())", "RuntimeError",
                 "dropout probability has to be between 0 and 1, but got nan", -1);
    assert_fails(s, "dropout(3, 0.5)", "TypeError",
                 "dropout() received an invalid combination of arguments - got (int, float), "
                 "but expected one of:\n * (Tensor input, Number p, bool training, bool "
                 "inplace)\n * (Tensor input, Number p, bool train)", -1);
    assert_fails(s, "nn.Dropout(0.5, 3)", "TypeError",
                 "Dropout(): argument 'inplace' (position 2) must be bool, not int", -1);
    session_free(s);
}

static void dropout_in_eval_is_the_input_itself(void **state) {
    (void)state;
    Session *s = session_new();
    Tensor *x = tensor_of(s, "x = arange(12).view(3, 4).t(); x");
    static const char *const identities[] = {
        "dropout(x, 0.5, False)", "F.dropout(x, training=False)",
        "torch.nn.functional.dropout(x, 0.9, False)", "torch.dropout(x, 0.5, train=False)",
        "dropout(x, 0.0)", "dropout(x, 0)", "nn.Dropout(0.5).eval()(x)",
        "d = nn.Dropout(0.5); d.train(False); d(x)", "dropout(x, 0.5, False, True)",
    };
    for (size_t i = 0; i < sizeof identities / sizeof *identities; i++) {
        Tensor *y = tensor_of(s, identities[i]);
        if (!same_layout(x, y)) fail_msg("%s is not x itself", identities[i]);
        tensor_free(y);
    }
    tensor_free(x);
    // Nothing is drawn: the generator is where it was.
    Value a, b;
    assert_int_equal(session_run(s, "manual_seed(4); dropout(x, 0.5, False); rand(3)", &a), 0);
    assert_int_equal(session_run(s, "manual_seed(4); rand(3)", &b), 0);
    assert_int_equal(memcmp(a.tensor->storage->data, b.tensor->storage->data, 3 * sizeof(float)), 0);
    value_free(&a);
    value_free(&b);
    session_free(s);
}

static void dropout_with_p_1_multiplies_by_zero(void **state) {
    (void)state;
    Session *s = session_new();
    Tensor *x = tensor_of(s, "x = arange(1, 7).view(2, 3); x");
    Tensor *y = tensor_of(s, "dropout(x, 1.0)");
    assert_true(y->storage != x->storage);
    assert_values(y, (float[]){0, 0, 0, 0, 0, 0}, 6);
    tensor_free(y);
    tensor_free(x);
    // x * 0, as PyTorch computes it: inf and nan give nan.
    assert_json(s, "dropout(tensor([1, -1]) / 0, 1)",
                "{\"shape\":[2],\"stride\":[1],\"offset\":0,\"contiguous\":true,"
                "\"data\":[\"nan\",\"nan\"]}");
    assert_repr(s, "nn.Dropout(1)(ones(3))", "tensor([0., 0., 0.])");
    session_free(s);
}

// Every element is 0 or x / (1 - p), with the scale computed in float as
// PyTorch computes it; about a fraction 1 - p of them is kept.
static void dropout_keeps_and_scales(void **state) {
    (void)state;
    static const double ps[] = {0.5, 0.3, 0.9, 0.001};
    for (size_t k = 0; k < sizeof ps / sizeof *ps; k++) {
        Session *s = session_new();
        char line[80];
        snprintf(line, sizeof line, "manual_seed(%d); dropout(arange(1, 10001), %g)",
                 (int)k, ps[k]);
        Tensor *y = tensor_of(s, line);
        float scale = 1.0f / (float)(1.0 - ps[k]);
        int kept = 0;
        for (int i = 0; i < 10000; i++) {
            float x = (float)(i + 1), v = y->storage->data[i];
            if (v != 0 && v != x * scale) fail_msg("p=%g: element %d is %g", ps[k], i, (double)v);
            kept += v != 0;
        }
        double mean = 10000 * (1 - ps[k]), sd = sqrt(10000 * ps[k] * (1 - ps[k]));
        if (fabs(kept - mean) > 5 * sd + 1) fail_msg("p=%g: kept %d of 10000", ps[k], kept);
        tensor_free(y);
        session_free(s);
    }
}

static void dropout_is_reproducible_after_manual_seed(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = ones(4, 25)", &v), 0);
    Tensor *a = tensor_of(s, "manual_seed(7); dropout(x)");
    Tensor *b = tensor_of(s, "torch.manual_seed(7); F.dropout(x, 0.5, True)");
    Tensor *c = tensor_of(s, "manual_seed(7); d = nn.Dropout(); d(x)");  // the module draws alike
    Tensor *d = tensor_of(s, "d(x)");                                    // the next draws differ
    assert_int_equal(memcmp(a->storage->data, b->storage->data, 100 * sizeof(float)), 0);
    assert_int_equal(memcmp(a->storage->data, c->storage->data, 100 * sizeof(float)), 0);
    assert_int_not_equal(memcmp(a->storage->data, d->storage->data, 100 * sizeof(float)), 0);
    // A view's mask is drawn in row-major order of its shape, not of memory.
    Tensor *e = tensor_of(s, "manual_seed(7); dropout(ones(25, 4).t())");
    for (int i = 0; i < 100; i++) {
        int64_t index[2] = {i / 25, i % 25};
        assert_true(e->storage->data[tensor_storage_index(e, index)] == a->storage->data[i]);
    }
    tensor_free(a);
    tensor_free(b);
    tensor_free(c);
    tensor_free(d);
    tensor_free(e);
    session_free(s);
}

static void dropout_in_place_writes_into_its_input(void **state) {
    (void)state;
    Session *s = session_new();
    Tensor *y = tensor_of(s, "manual_seed(1); y = ones(2, 50); z = dropout(y, 0.5, inplace=True); y");
    Tensor *z = tensor_of(s, "z");
    assert_true(same_layout(y, z));
    int kept = 0;
    for (int i = 0; i < 100; i++) {
        assert_true(y->storage->data[i] == 0 || y->storage->data[i] == 2);
        kept += y->storage->data[i] == 2;
    }
    assert_true(kept > 20 && kept < 80);
    tensor_free(y);
    tensor_free(z);
    assert_repr(s, "w = ones(3); nn.Dropout(1.0, inplace=True)(w); w", "tensor([0., 0., 0.])");
    session_free(s);
}

static void dropout_modules_are_values(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_repr(s, "nn.Dropout(0.5)", "Dropout(p=0.5, inplace=False)");
    assert_repr(s, "torch.nn.Dropout(p=1e-05)", "Dropout(p=1e-05, inplace=False)");
    assert_repr(s, "nn.Dropout()", "Dropout(p=0.5, inplace=False)");
    assert_repr(s, "nn.Dropout(0.2, inplace=True)", "Dropout(p=0.2, inplace=True)");
    assert_int_equal(session_run(s, "d = nn.Dropout(0.25)", &v), 0);
    assert_repr(s, "d.training", "True");
    assert_repr(s, "d.p, d.inplace", "(0.25, False)");
    // eval() and train() give the module back: the same one, under any name.
    assert_repr(s, "e = d.eval(); e", "Dropout(p=0.25, inplace=False)");
    assert_repr(s, "d.training, e.training", "(False, False)");
    assert_repr(s, "d.train().training, e.training", "(True, True)");
    assert_repr(s, "d.train(False).training", "False");
    assert_repr(s, "(d, 1)", "(Dropout(p=0.25, inplace=False), 1)");
    assert_json(s, "d", "{\"value\":{\"module\":\"Dropout(p=0.25, inplace=False)\","
                        "\"training\":false}}");
    assert_json(s, "d.train()", "{\"value\":{\"module\":\"Dropout(p=0.25, inplace=False)\","
                                "\"training\":true}}");
    assert_json(s, "d.forward(ones(2)) * 0", "{\"shape\":[2],\"stride\":[1],\"offset\":0,"
                                            "\"contiguous\":true,\"data\":[0,0]}");
    assert_fails(s, "d()", "TypeError", "forward() missing 1 required positional arguments: "
                 "\"input\"", -1);
    assert_fails(s, "d(3)", "TypeError",
                 "forward(): argument 'input' (position 1) must be Tensor, not int", -1);
    assert_fails(s, "d.train(1)", "TypeError",
                 "train(): argument 'mode' (position 1) must be bool, not int", -1);
    assert_fails(s, "d.eval", "TypeError", "'eval' is a method: call it, as in d.eval(...)", -1);
    assert_fails(s, "d.shape", "AttributeError", "'Dropout' object has no attribute 'shape'", 2);
    assert_fails(s, "d.view(2)", "AttributeError", "'Dropout' object has no attribute 'view'", 2);
    assert_fails(s, "ones(2).train()", "AttributeError",
                 "'Tensor' object has no attribute 'train'", 8);
    assert_fails(s, "d + 1", "TypeError",
                 "unsupported operand type(s) for +: 'Dropout' and 'int'", -1);
    assert_fails(s, "d[0]", "TypeError", "'Dropout' object is not subscriptable", -1);
    assert_fails(s, "len(d)", "TypeError", "object of type 'Dropout' has no len()", -1);
    assert_fails(s, "ones(2)(1)", "TypeError", "'Tensor' object is not callable", -1);
    assert_fails(s, "Dropout", "TypeError", "'Dropout' is a function: call it, as in "
                 "Dropout(...)", -1);
    // A module outlives the variable it was made for, and its session.
    Value kept, none;
    assert_int_equal(session_run(s, "d", &kept), 0);
    assert_int_equal(kept.kind, VALUE_MODULE);
    assert_int_equal(session_run(s, "d = 1; e = 2", &none), 0);
    session_free(s);
    assert_true(kept.module->training);  // d.train() above
    value_free(&kept);
}

// ---- the call hook ------------------------------------------------------------------
// A subscriber that writes each record as one line of text, `op receiver
// (args) -> result` or `... ! kind` for a failure: a tensor as its shape
// (T[3,4]), anything else as its repr.

typedef struct Trace {
    Text   text;
    Rng    rng_before[8];  // of the first 8 records
    Tensor *kept;          // the last record's first tensor argument, a handle of ours
    int    count;
} Trace;

static void describe(Text *t, const Value *v) {
    if (v->kind != VALUE_TENSOR) {
        char *repr = value_repr(v);
        text_append(t, "%s", repr ? repr : "?");
        free(repr);
        return;
    }
    text_append(t, "T[");
    for (int d = 0; d < v->tensor->ndim; d++) {
        text_append(t, "%s%lld", d ? "," : "", (long long)v->tensor->shape[d]);
    }
    text_append(t, "]");
}

static void trace_call(const CallRecord *call, void *context) {
    static const char *const kinds[] = {
        [ERR_NONE] = "none", [ERR_RUNTIME] = "runtime", [ERR_INDEX] = "index",
        [ERR_VALUE] = "value", [ERR_TYPE] = "type", [ERR_VIEW_STRIDES] = "view-strides",
        [ERR_SHAPE_NUMEL] = "shape-numel", [ERR_SHAPE_INFER] = "shape-infer", [ERR_ALLOC] = "alloc", [ERR_NOT_IMPLEMENTED] = "not-implemented",
    };
    Trace *trace = context;
    text_append(&trace->text, "%s%s ", trace->count ? "; " : "", call->op);
    if (call->receiver) {
        describe(&trace->text, call->receiver);
        text_append(&trace->text, " ");
    }
    text_append(&trace->text, "(");
    tensor_free(trace->kept);
    trace->kept = NULL;
    for (int i = 0; i < call->nargs; i++) {
        if (i) text_append(&trace->text, ", ");
        describe(&trace->text, &call->args[i]);
        if (call->args[i].kind == VALUE_TENSOR && trace->kept == NULL) {
            trace->kept = tensor_alias(call->args[i].tensor);
        }
    }
    text_append(&trace->text, ")");
    if (call->result) {
        text_append(&trace->text, " -> ");
        describe(&trace->text, call->result);
    } else {
        text_append(&trace->text, " ! %s", kinds[call->error]);
    }
    if (trace->count < 8) trace->rng_before[trace->count] = call->rng_before;
    trace->count++;
}

// Run `line` with the tracer listening; its records must be `expected`.
// `ok`: whether the line must succeed.
static void assert_trace(Session *s, const char *line, bool ok, const char *expected) {
    Trace trace = {0};
    session_set_call_hook(s, trace_call, &trace);
    Value v;
    int rc = session_run(s, line, &v);
    session_set_call_hook(s, NULL, NULL);
    if (rc == 0) value_free(&v);
    char *got = text_take(&trace.text);
    tensor_free(trace.kept);
    if ((rc == 0) != ok || strcmp(got ? got : "", expected) != 0) {
        fail_msg("%s (%s)\n  expected: %s\n  got:      %s", line,
                 rc == 0 ? "ran" : session_error(s), expected, got ? got : "");
    }
    free(got);
}

static void every_call_is_reported_after_it_ran(void **state) {
    (void)state;
    Session *s = session_new();
    assert_trace(s, "x = arange(12).view(3, 4)", true,
                 "arange (12) -> T[12]; view T[12] ((3, 4)) -> T[3,4]");
    // Methods, in the order they finish; the arguments' calls first.
    assert_trace(s, "x.t().contiguous()", true,
                 "t T[3,4] () -> T[4,3]; contiguous T[4,3] () -> T[4,3]");
    assert_trace(s, "relu(x.reshape(12)).sum()", true,
                 "reshape T[3,4] ((12,)) -> T[12]; relu (T[12]) -> T[12]; "
                 "sum T[12] () -> T[]");
    // Functions under PyTorch's names: keywords in their places, defaults
    // filled in; torch.dropout has its own signature.
    assert_trace(s, "F.dropout(x, training=False, p=0.25)", true,
                 "dropout (T[3,4], 0.25, False, False) -> T[3,4]");
    assert_trace(s, "torch.dropout(x, 0.5, train=False)", true,
                 "dropout (T[3,4], 0.5, False) -> T[3,4]");
    // A module: made by a function; called, it is its forward.
    assert_trace(s, "d = nn.Dropout(0.5, True)", true,
                 "Dropout (0.5, True) -> Dropout(p=0.5, inplace=True)");
    assert_trace(s, "d.eval()(x)", true,
                 "eval Dropout(p=0.5, inplace=True) () -> Dropout(p=0.5, inplace=True); "
                 "forward Dropout(p=0.5, inplace=True) (T[3,4]) -> T[3,4]");
    // Operators, subscripts and attributes are not calls.
    assert_trace(s, "x[0] + x * x.ndim + x.T.shape[0]", true, "");
    // Without a hook, nothing is reported (and nothing breaks).
    Value v;
    assert_int_equal(session_run(s, "x.t()", &v), 0);
    value_free(&v);
    session_free(s);
}

static void failed_calls_are_reported_with_their_kind(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    // The failed call ends the statement: nothing after it runs.
    assert_trace(s, "x.t().view(12).sum()", false,
                 "t T[3,4] () -> T[4,3]; view T[4,3] ((12,)) ! view-strides");
    assert_trace(s, "x.view(5, -1)", false, "view T[3,4] ((5, -1)) ! shape-numel");
    assert_trace(s, "x.transpose(0, 2)", false, "transpose T[3,4] (0, 2) ! index");
    // Refused by the interpreter itself: the arguments as written, no
    // library kind; the session says which Python error it raised.
    assert_trace(s, "x.view(2, 1.5)", false, "view T[3,4] (2, 1.5) ! none");
    assert_string_equal(session_error_type(s), "TypeError");
    assert_trace(s, "dropout(x, 2)", false, "dropout (T[3,4], 2, True, False) ! none");
    assert_string_equal(session_error_type(s), "ValueError");
    // A call whose arguments failed never ran.
    assert_trace(s, "x.view(nothing)", false, "");
    session_free(s);
}

// rng_before is the generator just before the call: dropout_mask() drawn
// from a copy of it is the very mask the call multiplied by.
static void a_record_holds_the_generator_before_the_call(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    static const char *const lines[] = {
        "manual_seed(3); y = dropout(x, 0.25)", "manual_seed(3); y = F.dropout(x.t(), 0.5)",
        "manual_seed(3); d = nn.Dropout(0.75); y = d(x)",
    };
    static const double ps[] = {0.25, 0.5, 0.75};
    static const int calls[] = {2, 3, 3};  // the dropout is the last call
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        Trace trace = {0};
        session_set_call_hook(s, trace_call, &trace);
        assert_int_equal(session_run(s, lines[i], &v), 0);
        session_set_call_hook(s, NULL, NULL);
        free(text_take(&trace.text));
        assert_int_equal(trace.count, calls[i]);
        Rng seeded = rng_new(3), before = trace.rng_before[calls[i] - 1];
        assert_true(before.state == seeded.state && before.inc == seeded.inc);
        Tensor *input = trace.kept;
        Tensor *mask = dropout_mask(intlist_of(input->shape, (size_t)input->ndim), ps[i],
                                    &before);
        Tensor *expected = tensor_mul(input, mask);
        assert_true(same_values(expected, session_get(s, "y")->tensor));
        assert_true(session_get(s, "y")->tensor->storage != input->storage);
        tensor_free(mask);
        tensor_free(expected);
        tensor_free(input);
    }
    session_free(s);
}

// ---- golden cases from PyTorch (tests/golden/lang.txt) ------------------------------
// The JSON of a result against PyTorch's: the same tokens in the same order;
// numbers within 1e-5 relative (1e-6 absolute, for values that are zero in
// one and a rounding error in the other).

static const char *json_token(const char *p, char *out, size_t size, bool *is_number) {
    size_t n = 0;
    *is_number = false;
    if (*p == '"') {
        out[n++] = *p++;
        while (*p && *p != '"' && n < size - 2) {
            if (*p == '\\' && p[1]) out[n++] = *p++;
            out[n++] = *p++;
        }
        if (*p) out[n++] = *p++;
    } else if (strchr("{}[],:", *p)) {
        out[n++] = *p++;
    } else {
        *is_number = (*p == '-' || (*p >= '0' && *p <= '9'));
        while (*p && !strchr("{}[],:\"", *p) && n < size - 1) out[n++] = *p++;
    }
    out[n] = '\0';
    return p;
}

static bool json_close(const char *got, const char *want, char *why, size_t whysize) {
    char a[256], b[256];
    bool na, nb;
    int index = 0;
    while (*got || *want) {
        got = json_token(got, a, sizeof a, &na);
        want = json_token(want, b, sizeof b, &nb);
        index++;
        if (na && nb) {
            double x = strtod(a, NULL), y = strtod(b, NULL);
            if (fabs(x - y) <= 1e-5 * fmax(fabs(x), fabs(y)) + 1e-6) continue;
        } else if (strcmp(a, b) == 0) {
            continue;
        }
        snprintf(why, whysize, "token %d: got %s, expected %s", index, a, b);
        return false;
    }
    return true;
}

static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 3);
    Session *s = session_new();
    Value v;
    char *json;
    if (session_run(s, c->field[1], &v) == 0) {
        json = value_to_json(&v);
        value_free(&v);
    } else {  // what --json prints for an error
        const char *m = session_error(s);
        json = malloc(2 * strlen(m) + 16);
        char *p = json + sprintf(json, "{\"error\":\"");
        for (; *m; m++) {
            if (*m == '"' || *m == '\\') *p++ = '\\';
            *p++ = *m;
        }
        strcpy(p, "\"}");
    }
    char why[600];
    bool ok = json_close(json, c->field[2], why, sizeof why);
    if (!ok) {
        fprintf(stderr, "  %s\n  got:      %s\n  expected: %s\n", c->field[1], json, c->field[2]);
        free(json);
        session_free(s);
        fail_msg("%s (tests/golden/lang.txt line %d)", why, c->line);
    }
    free(json);
    session_free(s);
}


// ---- what one answer may print, lists' sizes, exit(), Ctrl-C ----------------------

// A tensor too big to write out element by element is described instead,
// at once: ones(1).expand(2**28) once took two minutes and 537 MB.
static void json_leaves_out_the_elements_of_huge_tensors(void **state) {
    (void)state;
    Session *s = session_new();
    assert_json(s, "ones(1).expand(2**28)",
                "{\"shape\":[268435456],\"stride\":[0],\"offset\":0,\"contiguous\":false,"
                "\"numel\":268435456,\"data_omitted\":true}");
    assert_json(s, "(ones(1).expand(2**16 + 1), 5)",
                "{\"value\":[{\"shape\":[65537],\"stride\":[0],\"offset\":0,\"contiguous\":false,"
                "\"numel\":65537,\"data_omitted\":true},5]}");
    // Up to the cap, every element.
    Value v;
    assert_int_equal(session_run(s, "zeros(2**16)", &v), 0);
    char *json = value_to_json(&v);
    value_free(&v);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"data\":[0,0,"));
    assert_int_equal(strlen(json), strlen("{\"shape\":[65536],\"stride\":[1],\"offset\":0,"
                                          "\"contiguous\":true,\"data\":[]}") + 2 * 65536 - 1);
    free(json);
    session_free(s);
}

// An answer longer than LANG_MAX_ANSWER is refused, not built: here a list
// of 8192 tensors whose reprs are about 8000 characters each.
static void answers_longer_than_the_cap_are_refused(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "a = [arange(1000)]", &v), 0);
    for (int i = 0; i < 13; i++) assert_int_equal(session_run(s, "a = a + a", &v), 0);
    assert_int_equal(session_run(s, "a", &v), 0);
    error_clear();
    assert_null(value_repr(&v));
    assert_string_equal(error_message(), "answer too long: more than 16777216 characters (ask "
                                         "for part of it, as in x[:10])");
    error_clear();
    assert_null(value_to_json(&v));
    assert_string_equal(error_message(), "answer too long: more than 16777216 characters (ask "
                                         "for part of it, as in x[:10])");
    value_free(&v);
    assert_repr(s, "len(a[:2])", "2");
    session_free(s);
}

// Lists have the session's limits too: a = a + a doubled a list to 1.6 GB.
static void lists_have_a_size_limit(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "a = [1]", &v), 0);
    for (int i = 0; i < 22; i++) assert_int_equal(session_run(s, "a = a + a", &v), 0);
    assert_repr(s, "len(a)", "4194304");
    assert_fails(s, "a = a + a", "RuntimeError",
                 "list too large: 8388608 items (this session makes at most 4194304)", -1);
    assert_fails(s, "[a, a]", "RuntimeError",
                 "list too large: 4194306 items (this session makes at most 4194304)", -1);
    assert_repr(s, "len(a)", "4194304");  // a is as it was
    // The tensors a list holds count together against the element limit.
    session_set_max_elements(s, 100);
    assert_int_equal(session_run(s, "x = ones(60)", &v), 0);
    assert_fails(s, "[x, x]", "RuntimeError",
                 "list too large: its tensors have 120 elements (this session makes at most "
                 "100)", -1);
    assert_fails(s, "(x,) + (x,)", "RuntimeError",
                 "tuple too large: its tensors have 120 elements (this session makes at most "
                 "100)", -1);
    assert_repr(s, "len([x, [1, 2]])", "2");
    session_free(s);
}

// exit() and quit() raise Python's SystemExit, with the status to end with.
static void exit_raises_system_exit(void **state) {
    (void)state;
    Session *s = session_new();
    struct {
        const char *line, *message;
        int status;
    } cases[] = {
        {"exit()", "", 0},        {"quit()", "", 0},       {"exit(3)", "", 3},
        {"quit(code=4)", "", 4},  {"exit(None)", "", 0},   {"exit(True)", "", 1},
        {"exit(256)", "", 0},     {"exit(-1)", "", 255},   {"exit(3.5)", "3.5", 1},
        {"x = 1; exit(2); x = 5", "", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_fails(s, cases[i].line, "SystemExit", cases[i].message, -1);
        assert_int_equal(session_exit_status(s), cases[i].status);
    }
    assert_repr(s, "x", "1");  // what ran before exit() stays done
    assert_fails(s, "exit(1, 2)", "TypeError",
                 "exit() takes 1 positional argument but 2 were given", -1);
    session_free(s);
}

// Ctrl-C: the handler calls session_interrupt(); the statement stops at
// its next step with KeyboardInterrupt and the session goes on. Here a
// timer plays the user, pressing Ctrl-C 50 ms into a line that would
// take seconds.
static void on_test_interrupt(int signal) {
    (void)signal;
    session_interrupt();
}

static timer_t press_ctrl_c_in(long microseconds) {
    struct sigaction action = {.sa_handler = on_test_interrupt};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    timer_t timer;
    struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGINT};
    assert_int_equal(timer_create(CLOCK_MONOTONIC, &event, &timer), 0);
    struct itimerspec when = {.it_value = {.tv_sec = microseconds / 1000000,
                                           .tv_nsec = microseconds % 1000000 * 1000}};
    assert_int_equal(timer_settime(timer, 0, &when, NULL), 0);
    return timer;
}

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void ctrl_c_interrupts_a_statement(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "a = ones(256, 256)", &v), 0);
    // 20000 matrix products on one line: a minute or more of work.
    Text line = {0};
    for (int i = 0; i < 20000; i++) text_append(&line, "b = a @ a; ");
    char *text = text_take(&line);
    assert_non_null(text);
    timer_t timer = press_ctrl_c_in(50000);
    double start = seconds_now();
    assert_fails(s, text, "KeyboardInterrupt", "", -1);
    double took = seconds_now() - start;
    free(text);
    timer_delete(timer);
    signal(SIGINT, SIG_DFL);
    if (took > 10) fail_msg("Ctrl-C took %.1f s to stop the statement", took);
    // The session goes on.
    assert_repr(s, "a.sum()", "tensor(65536.)");
    // A Ctrl-C that came between statements stops the next one at once,
    // unless the front end forgets it first (as the REPL does at a prompt).
    session_interrupt();
    assert_fails(s, "a.sum()", "KeyboardInterrupt", "", -1);
    session_interrupt();
    session_forget_interrupt();
    assert_repr(s, "a.sum()", "tensor(65536.)");
    session_free(s);
}


// ---- the strides program itself ---------------------------------------------------
// mk/repl.mk builds the program (with the sanitizers) before this test and
// names it STRIDES_PROGRAM; a build without it skips these tests.

#ifdef STRIDES_PROGRAM
// The program beside this test binary (both are built into one folder), so
// that a copy of the tree (the release self-check copies whole trees, with
// their build) runs its own program; STRIDES_PROGRAM where /proc is not.
static const char *strides_program(void) {
    static char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 16);
    if (n <= 0) return STRIDES_PROGRAM;
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    if (slash == NULL) return STRIDES_PROGRAM;
    strcpy(slash, "/strides");
    return access(path, X_OK) == 0 ? path : STRIDES_PROGRAM;
}

// Run a shell command in which $STRIDES is the program; its stdout and
// stderr (the command says 2>&1 when it wants both) into `output`.
static int run_shell(const char *command, char *output, size_t size) {
    setenv("STRIDES", strides_program(), 1);
    setenv("NO_COLOR", "1", 1);
    FILE *p = popen(command, "r");
    assert_non_null(p);
    size_t n = fread(output, 1, size - 1, p);
    output[n] = '\0';
    int status = pclose(p);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void assert_program(const char *command, int status, const char *output) {
    char got[4096];
    int got_status = run_shell(command, got, sizeof got);
    if (got_status != status || strcmp(got, output) != 0) {
        fail_msg("%s\n  expected status %d and:\n%s\n  got status %d and:\n%s", command, status,
                 output, got_status, got);
    }
}
#endif

static void the_program_exits_as_python_does(void **state) {
    (void)state;
#ifdef STRIDES_PROGRAM
    assert_program("\"$STRIDES\" -c 'exit()' 2>&1", 0, "");
    assert_program("\"$STRIDES\" -c 'exit(3)' 2>&1", 3, "");
    assert_program("\"$STRIDES\" -c 'x = 1\nx\nquit(4)\nx' 2>&1", 4, "1\n");
    assert_program("\"$STRIDES\" -c 'exit(2.5)' 2>&1", 1, "2.5\n");
    assert_program("printf 'x = 2\\nx\\nexit(5)\\nx\\n' | \"$STRIDES\" 2>&1", 5, "2\n");
    assert_program("printf '1\\nexit(7)\\n2\\n' | \"$STRIDES\" --json 2>&1", 7,
                   "{\"value\":1}\n{\"exit\":7}\n");
    char dir[] = "/tmp/strides-test-XXXXXX", command[512];
    assert_non_null(mkdtemp(dir));
    snprintf(command, sizeof command, "printf 'x = 3\\nexit(6)\\n' > %s/script.py && "
             "\"$STRIDES\" %s/script.py 2>&1; status=$?; rm %s/script.py; exit $status",
             dir, dir, dir);
    assert_program(command, 6, "");
    // A directory is not a script: Python's words, and a failure.
    snprintf(command, sizeof command, "\"$STRIDES\" %s 2>&1", dir);
    char expected[512];
    snprintf(expected, sizeof expected, "strides: can't open file '%s': [Errno 21] Is a "
             "directory\n", dir);
    assert_program(command, 2, expected);
    snprintf(command, sizeof command, "\"$STRIDES\" < %s 2>&1", dir);
    assert_program(command, 1, "strides: can't read <stdin>: [Errno 21] Is a directory\n");
    snprintf(command, sizeof command, "\"$STRIDES\" %s/missing.py 2>&1", dir);
    snprintf(expected, sizeof expected, "strides: can't open file '%s/missing.py': [Errno 2] "
             "No such file or directory\n", dir);
    assert_program(command, 2, expected);
    assert_int_equal(rmdir(dir), 0);
#else
    skip();
#endif
}

// The --json answer for a huge expanded tensor is one short line, at once.
// The tests below run the strides program: the library works in another
// process there, where no test runner hears a stub. So each first runs
// its statement here, where a stub in the way is heard, and the test is
// blocked by that exercise instead of failing for no reason it can name.
#ifdef STRIDES_PROGRAM
static void runs_here_first(const char *line) {
    Session *s = session_new();
    free(repr_of(s, line));
    session_free(s);
}
#endif

static void the_program_answers_huge_tensors_at_once(void **state) {
    (void)state;
#ifdef STRIDES_PROGRAM
    runs_here_first("ones(1).expand(2**28)");
    double start = seconds_now();
    assert_program("echo 'ones(1).expand(2**28)' | \"$STRIDES\" --json 2>&1", 0,
                   "{\"shape\":[268435456],\"stride\":[0],\"offset\":0,\"contiguous\":false,"
                   "\"numel\":268435456,\"data_omitted\":true}\n");
    double took = seconds_now() - start;  // it took two minutes
    if (took > 10) fail_msg("the answer took %.1f s", took);
#else
    skip();
#endif
}

#ifdef STRIDES_PROGRAM
// Read the terminal until `text` has come, or fail after 60 s.
static void expect_on_terminal(int fd, const char *text, char *seen, size_t size) {
    size_t n = 0;
    seen[0] = '\0';
    double deadline = seconds_now() + 60;
    while (strstr(seen, text) == NULL) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int left = (int)((deadline - seconds_now()) * 1000);
        if (left <= 0 || poll(&p, 1, left) <= 0) {
            fail_msg("the REPL never printed \"%s\"; it printed:\n%s", text, seen);
        }
        ssize_t got = read(fd, seen + n, size - 1 - n);
        if (got <= 0) fail_msg("the REPL ended before printing \"%s\":\n%s", text, seen);
        n += (size_t)got;
        seen[n] = '\0';
        if (n == size - 1) {  // keep the last half: what we wait for is at the end
            memmove(seen, seen + n / 2, n - n / 2 + 1);
            n -= n / 2;
        }
    }
}

static void type_on_terminal(int fd, const char *text) {
    size_t len = strlen(text);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
}
#endif

// The REPL at a real terminal (a pty): Ctrl-C interrupts a long line with
// KeyboardInterrupt, and the next line runs intact. (It used to be
// ignored until the line ended, and then to eat the next line.)
static void the_repl_survives_ctrl_c(void **state) {
    (void)state;
#ifdef STRIDES_PROGRAM
    runs_here_first("ones(1024, 1024)");
    char home[] = "/tmp/strides-home-XXXXXX", seen[1 << 16];
    assert_non_null(mkdtemp(home));
    int fd;
    pid_t pid = forkpty(&fd, NULL, NULL, NULL);
    assert_true(pid >= 0);
    if (pid == 0) {  // the REPL, with its history in a folder of its own
        setenv("HOME", home, 1);
        setenv("NO_COLOR", "1", 1);
        setenv("TERM", "dumb", 1);
        execl(strides_program(), "strides", (char *)NULL);
        _exit(127);
    }
    expect_on_terminal(fd, ">>> ", seen, sizeof seen);
    type_on_terminal(fd, "a = ones(1024, 1024)\n");
    expect_on_terminal(fd, "# a: shape (1024, 1024)", seen, sizeof seen);
    Text line = {0};  // 200 products of 2^30 multiply-adds: a minute or more
    for (int i = 0; i < 200; i++) text_append(&line, "b = a @ a; ");
    text_append(&line, "\n");
    char *text = text_take(&line);
    assert_non_null(text);
    type_on_terminal(fd, text);
    free(text);
    expect_on_terminal(fd, "b = a @ a; \r\n", seen, sizeof seen);
    // Give readline() a moment to hand the terminal back: until it has, a
    // Ctrl-C is a character in its input rather than a signal. (A person
    // is never that quick.) The line runs for many seconds more.
    nanosleep(&(struct timespec){.tv_nsec = 500000000}, NULL);
    type_on_terminal(fd, "\x03");
    expect_on_terminal(fd, "KeyboardInterrupt", seen, sizeof seen);
    type_on_terminal(fd, "a.sum()\n");
    expect_on_terminal(fd, "tensor(1048576.)", seen, sizeof seen);
    type_on_terminal(fd, "exit(7)\n");
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    close(fd);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 7);
    char history[64];
    snprintf(history, sizeof history, "%s/.strides_history", home);
    unlink(history);
    assert_int_equal(rmdir(home), 0);
#else
    skip();
#endif
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_print_as_python_does),
        cmocka_unit_test(number_errors_are_pythons),
        cmocka_unit_test(tensors_print_as_pytorch_does),
        cmocka_unit_test(slicing_and_indexing),
        cmocka_unit_test(assignment_names_and_unpacking),
        cmocka_unit_test(writes_go_through_views),
        cmocka_unit_test(arithmetic_broadcasts),
        cmocka_unit_test(random_numbers_are_seeded),
        cmocka_unit_test(syntax_errors_point_at_their_column),
        cmocka_unit_test(unclosed_brackets_ask_for_more),
        cmocka_unit_test(names_attributes_and_calls),
        cmocka_unit_test(wrong_arguments_get_pytorchs_messages),
        cmocka_unit_test(tensor_errors_are_pytorchs),
        cmocka_unit_test(absurd_sizes_are_refused),
        cmocka_unit_test(deep_nesting_is_refused),
        cmocka_unit_test(long_lines_and_garbage),
        cmocka_unit_test(json_is_what_tools_read),
        cmocka_unit_test(completion_knows_names),
        cmocka_unit_test(value_repr_and_free_are_safe_on_none),
        cmocka_unit_test(hostile_lines_fail_cleanly),
        cmocka_unit_test(each_library_kind_maps_to_pytorchs_class),
        cmocka_unit_test(the_class_comes_from_the_kind_not_the_message),
        cmocka_unit_test(dropout_checks_p_as_pytorch_does),
        cmocka_unit_test(dropout_in_eval_is_the_input_itself),
        cmocka_unit_test(dropout_with_p_1_multiplies_by_zero),
        cmocka_unit_test(dropout_keeps_and_scales),
        cmocka_unit_test(dropout_is_reproducible_after_manual_seed),
        cmocka_unit_test(dropout_in_place_writes_into_its_input),
        cmocka_unit_test(dropout_modules_are_values),
        cmocka_unit_test(every_call_is_reported_after_it_ran),
        cmocka_unit_test(failed_calls_are_reported_with_their_kind),
        cmocka_unit_test(a_record_holds_the_generator_before_the_call),
        cmocka_unit_test(json_leaves_out_the_elements_of_huge_tensors),
        cmocka_unit_test(answers_longer_than_the_cap_are_refused),
        cmocka_unit_test(lists_have_a_size_limit),
        cmocka_unit_test(exit_raises_system_exit),
        cmocka_unit_test(ctrl_c_interrupts_a_statement),
        cmocka_unit_test(the_program_exits_as_python_does),
        cmocka_unit_test(the_program_answers_huge_tensors_at_once),
        cmocka_unit_test(the_repl_survives_ctrl_c),
    };
    return run_suite(&(TestSuite){.group = "appendix A: the expression language", TEST_LIST(tests),
                                  .golden = "lang.txt", .golden_case = golden_case});
}
