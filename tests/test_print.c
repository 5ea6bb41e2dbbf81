// Appendix B: a tensor's repr exactly like PyTorch's, Python's float repr,
// the growable string, and the DOT figures.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dot.h"
#include "print.h"
#include "pyfloat.h"
#include "tensor.h"
#include "tensor_asserts.h"
#include "test_main.h"
#include "text.h"

static void floats_print_like_python(void **state) {
    (void)state;
    static const struct { double v; const char *repr; } cases[] = {
        {0.1, "0.1"}, {2.0, "2.0"}, {1e-5, "1e-05"}, {1e16, "1e+16"},
        {123.45, "123.45"}, {100.0, "100.0"}, {0.001, "0.001"}, {-0.0, "-0.0"},
        {1.5e-7, "1.5e-07"}, {1.0 / 3, "0.3333333333333333"}, {1e22, "1e+22"},
        {12345678901234567890.0, "1.2345678901234567e+19"}, {0.0001, "0.0001"},
        {9999999999999998.0, "9999999999999998.0"}, {-2.5, "-2.5"},
        {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
        {NAN, "nan"}, {-INFINITY, "-inf"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_string_equal(pyfloat_repr(cases[i].v).s, cases[i].repr);
    }
    // As a float32, 0.1f needs one digit; as a double, 0.10000000149011612.
    char buf[40];
    assert_int_equal(pyfloat_shortest_digits((double)0.1f, true, buf, sizeof buf), 1);
    assert_int_equal(pyfloat_shortest_digits((double)0.1f, false, buf, sizeof buf), 17);
}

static void text_grows_as_needed(void **state) {
    (void)state;
    Text t = {0};
    for (int i = 0; i < 1000; i++) text_append(&t, "%d,", i % 10);
    text_repeat(&t, '!', 3);
    char *s = text_take(&t);
    assert_non_null(s);
    assert_int_equal(strlen(s), 2003);
    assert_memory_equal(s, "0,1,2,", 6);
    assert_string_equal(s + 2000, "!!!");
    free(s);
    Text empty = {0};
    s = text_take(&empty);
    assert_string_equal(s, "");
    free(s);
}

static void dot_draws_grid_storage_and_arrows(void **state) {
    (void)state;
    // The transpose of a 2x3: element (0, 1) lives at storage index 3.
    Tensor *x = tensor_arange(0, 6, 1);
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){3, 2}, (int64_t[]){1, 3});
    const Tensor *ts[] = {x, t};
    char *dot = tensors_to_dot(2, ts, (const char *[]){"x", "x<T>"});
    assert_non_null(dot);
    assert_non_null(strstr(dot, "digraph strides {"));
    assert_non_null(strstr(dot, "t1:e1:s -> s0:e3:n;"));  // (0, 1) -> 3
    assert_non_null(strstr(dot, "t1:e2:s -> s0:e1:n;"));  // (1, 0) -> 1
    assert_non_null(strstr(dot, "x&lt;T&gt;"));           // names escaped
    assert_null(strstr(dot, "s1 ["));  // one shared strip, not two
    assert_non_null(strstr(dot, "shape (3, 2) stride (1, 3) offset 0"));
    free(dot);
    tensor_free(t);
    tensor_free(x);

    Tensor *big = tensor_zeros(SHAPE(200));
    const Tensor *one[] = {big};
    char *none = tensors_to_dot(1, one, (const char *[]){"big"});
    assert_null(none);
    assert_error_message("tensors_to_dot: 'big' is too large to draw (figures hold "
                         "at most 128 elements)");
    tensor_free(big);
}

// ---- golden cases from PyTorch (tests/golden/print.txt) -----------------------

// "sizes;strides;offset;hex,hex,..." -> a tensor over a storage of those floats.
static Tensor *tensor_from_spec(char *spec) {
    char *parts[4];
    assert_int_equal(golden_split(spec, ';', parts, 4), 4);
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    int ndim = golden_ints(parts[0], sizes, MAX_DIMS);
    assert_int_equal(golden_ints(parts[1], strides, MAX_DIMS), ndim);
    int64_t count = *parts[3] ? 1 : 0;
    for (char *c = parts[3]; *c; c++) count += *c == ',';
    Storage *s = storage_new(count);
    char *hex = parts[3];
    for (int64_t i = 0; i < count; i++) {
        s->data[i] = golden_float_bits(hex);
        hex = strchr(hex, ',');
        if (hex) hex++;
    }
    Tensor *t = tensor_on(s, atoll(parts[2]), ndim, sizes, strides);
    storage_release(s);
    return t;
}

// The repr of any strided tensor, character for character.
static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 4);
    assert_string_equal(c->field[1], "repr");
    Tensor *t = tensor_from_spec(c->field[2]);
    char *repr = tensor_repr(t);
    char *want = golden_unescape(strdup(c->field[3]));
    if (strcmp(repr, want) != 0) {
        fail_msg("repr differs from PyTorch's:\n--- expected\n%s\n--- got\n%s", want, repr);
    }
    free(want);
    free(repr);
    tensor_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(floats_print_like_python),
        cmocka_unit_test(text_grows_as_needed),
        cmocka_unit_test(dot_draws_grid_storage_and_arrows),
    };
    return run_suite(&(TestSuite){.group = "appendix B: printing", TEST_LIST(tests),
                                  .golden = "print.txt", .golden_case = golden_case});
}
