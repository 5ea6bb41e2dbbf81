// Chapter 2: tensors (shape, stride, offset), constructors, elements,
// printing like PyTorch, and the DOT figures.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dot.h"
#include "test_main.h"
#include "print.h"
#include "pyfloat.h"
#include "tensor.h"
#include "tensor_asserts.h"
#include "text.h"

static void shape_macro_counts_its_arguments(void **state) {
    (void)state;
    Shape s = SHAPE(2, 3, 4);
    assert_int_equal(s.len, 3);
    assert_int_equal(s.at[2], 4);
    assert_int_equal(SCALAR_SHAPE.len, 0);
    Shape too_many = SHAPE(1, 1, 1, 1, 1, 1, 1, 1, 1);
    assert_int_equal(too_many.len, 9);  // kept, so it can be refused
}

static void constructors_are_row_major_from_offset_zero(void **state) {
    (void)state;
    Tensor *t = tensor_zeros(SHAPE(2, 3, 4));
    assert_layout(t, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    assert_int_equal(tensor_numel(t), 24);
    assert_int_equal(t->storage->size, 24);
    tensor_free(t);

    t = tensor_full(SHAPE(2, 2), 7.5f);
    assert_values(t, (float[]){7.5f, 7.5f, 7.5f, 7.5f}, 4);
    tensor_free(t);

    t = tensor_ones(SHAPE(3));
    assert_values(t, (float[]){1, 1, 1}, 3);
    tensor_free(t);

    t = tensor_from_data((float[]){1, 2, 3, 4, 5, 6}, SHAPE(3, 2));
    assert_layout(t, SHAPE(3, 2), INTS(2, 1), 0);
    assert_values(t, (float[]){1, 2, 3, 4, 5, 6}, 6);
    tensor_free(t);

    t = tensor_full(SCALAR_SHAPE, 3.5f);
    assert_int_equal(t->ndim, 0);
    assert_int_equal(tensor_numel(t), 1);
    assert_values(t, (float[]){3.5f}, 1);
    tensor_free(t);
}

static void empty_shapes_get_pytorch_strides(void **state) {
    (void)state;
    Tensor *t = tensor_empty(SHAPE(3, 0));
    assert_layout(t, SHAPE(3, 0), INTS(1, 1), 0);
    assert_int_equal(tensor_numel(t), 0);
    tensor_free(t);
    t = tensor_empty(SHAPE(2, 0, 3));
    assert_layout(t, SHAPE(2, 0, 3), INTS(3, 3, 1), 0);
    tensor_free(t);
}

static void huge_empty_shapes_wrap_strides_like_pytorch(void **state) {
    (void)state;
    // Zero elements, so no bytes and no overflow error; the stride product
    // 2^80 wraps to 0, exactly as torch.empty(0, 2**40, 2**40).stride().
    Tensor *t = tensor_empty(SHAPE(0, 1099511627776, 1099511627776));
    assert_layout(t, SHAPE(0, 1099511627776, 1099511627776),
                  INTS(0, 1099511627776, 1), 0);
    tensor_free(t);
    assert_tensor_error(tensor_empty(SHAPE(1099511627776, 1099511627776, 0)),
                        "Storage size calculation overflowed with "
                        "sizes=[1099511627776, 1099511627776, 0]");
}

static void bad_shapes_are_refused(void **state) {
    (void)state;
    assert_tensor_error(tensor_zeros(SHAPE(2, -1)),
                        "Trying to create tensor with negative dimension -1: [2, -1]");
    assert_tensor_error(tensor_zeros(SHAPE(1099511627776, 1099511627776)),
                        "Storage size calculation overflowed with "
                        "sizes=[1099511627776, 1099511627776]");
    assert_tensor_error(tensor_zeros(SHAPE(1000000, 1000000, 1000000)),
                        "DefaultCPUAllocator: can't allocate memory: you tried to "
                        "allocate 4000000000000000000 bytes. Error code 12 (Cannot "
                        "allocate memory)");
    assert_tensor_error(tensor_ones(SHAPE(1, 1, 1, 1, 1, 1, 1, 1, 1)),
                        "Strides supports at most 8 dimensions, but got 9");
}

static void element_address_is_offset_plus_index_dot_stride(void **state) {
    (void)state;
    // A hand-made strided tensor over 0..23: shape (3, 2), strides (1, 8),
    // offset 5, so element (i, j) sits at 5 + i + 8j.
    Tensor *base = tensor_arange(0, 24, 1);
    Tensor *t = tensor_on(base->storage, 5, 2, (int64_t[]){3, 2}, (int64_t[]){1, 8});
    for (int64_t i = 0; i < 3; i++) {
        for (int64_t j = 0; j < 2; j++) {
            assert_int_equal(tensor_storage_index(t, (int64_t[]){i, j}), 5 + i + 8 * j);
            float v;
            assert_int_equal(tensor_get(t, INDEX(i, j), &v), 0);
            assert_true(v == (float)(5 + i + 8 * j));
        }
    }
    tensor_free(t);
    tensor_free(base);
}

static void get_and_set_check_bounds(void **state) {
    (void)state;
    Tensor *t = tensor_arange(0, 12, 1);
    Tensor *m = tensor_on(t->storage, 0, 2, (int64_t[]){3, 4}, (int64_t[]){4, 1});
    float v;
    assert_int_equal(tensor_get(m, INDEX(-1, -1), &v), 0);  // wraps like Python
    assert_true(v == 11.0f);
    assert_int_equal(tensor_set(m, INDEX(1, 2), 99.0f), 0);
    assert_true(t->storage->data[6] == 99.0f);  // both handles see it

    assert_int_equal(tensor_get(m, INDEX(3, 0), &v), -1);
    assert_error_message("index 3 is out of bounds for dimension 0 with size 3");
    assert_int_equal(tensor_set(m, INDEX(0, -5), 1.0f), -1);
    assert_error_message("index -5 is out of bounds for dimension 1 with size 4");
    assert_int_equal(tensor_get(m, INDEX(0, 0, 0), &v), -1);
    assert_error_message("too many indices for tensor of dimension 2");
    assert_int_equal(tensor_get(m, INDEX(0), &v), -1);
    assert_error_message("expected 2 indices for a 2-dim tensor, got 1");
    tensor_free(m);
    tensor_free(t);
}

static void freeing_one_handle_keeps_the_other(void **state) {
    (void)state;
    Tensor *a = tensor_arange(0, 6, 1);
    Tensor *b = tensor_alias(a);
    assert_ptr_equal(a->storage, b->storage);
    assert_int_equal(a->storage->refcount, 2);
    tensor_free(a);
    assert_int_equal(b->storage->refcount, 1);
    assert_values(b, (float[]){0, 1, 2, 3, 4, 5}, 6);
    tensor_free(b);
}

static void next_index_runs_like_an_odometer(void **state) {
    (void)state;
    int64_t shape[] = {2, 3}, index[] = {0, 0};
    int64_t expected[][2] = {{0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}};
    for (int n = 0; n < 5; n++) {
        assert_true(index_next(2, shape, index));
        assert_int_equal(index[0], expected[n][0]);
        assert_int_equal(index[1], expected[n][1]);
    }
    assert_false(index_next(2, shape, index));  // rolled over
    assert_int_equal(index[0], 0);
    assert_int_equal(index[1], 0);
}

static void unravel_index_jumps_where_the_odometer_steps(void **state) {
    (void)state;
    // Every position of a (2, 3, 4): index_unravel lands where index_next
    // has got to, and the row-major strides take the index back to n.
    int64_t shape[] = {2, 3, 4}, stepped[3] = {0, 0, 0}, jumped[3], stride[3];
    shape_contiguous_strides(3, shape, stride);
    for (int64_t n = 0; n < 24; n++) {
        index_unravel(3, shape, n, jumped);
        int64_t back = 0;
        for (int d = 0; d < 3; d++) {
            assert_int_equal(jumped[d], stepped[d]);
            back += jumped[d] * stride[d];
        }
        assert_int_equal(back, n);
        index_next(3, shape, stepped);
    }
    index_unravel(3, shape, 17, jumped);  // 17 = 1*12 + 1*4 + 1
    assert_int_equal(jumped[0], 1);
    assert_int_equal(jumped[1], 1);
    assert_int_equal(jumped[2], 1);
    // A 0-dim tensor has one position and an empty index; a size-0 dim
    // divides nothing by zero.
    index_unravel(0, shape, 0, jumped);
    index_unravel(2, (int64_t[]){0, 3}, 0, jumped);
    assert_int_equal(jumped[0], 0);
    assert_int_equal(jumped[1], 0);
}

static void contiguous_strides_treat_zero_as_one(void **state) {
    (void)state;
    int64_t stride[3];
    shape_contiguous_strides(3, (int64_t[]){4, 0, 2}, stride);
    assert_int_equal(stride[0], 2);
    assert_int_equal(stride[1], 2);
    assert_int_equal(stride[2], 1);
}

static void lists_print_like_python(void **state) {
    (void)state;
    assert_string_equal(ints_text(3, (int64_t[]){2, -1, 4}).s, "[2, -1, 4]");
    assert_string_equal(ints_text(0, NULL).s, "[]");
    assert_string_equal(tuple_text(2, (int64_t[]){0, 3}).s, "(0, 3)");
    assert_string_equal(tuple_text(1, (int64_t[]){12}).s, "(12,)");
    assert_string_equal(tuple_text(0, NULL).s, "()");
}

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

static void arange_errors_are_pytorchs(void **state) {
    (void)state;
    assert_tensor_error(tensor_arange(0, 10, 0), "step must be nonzero");
    assert_tensor_error(tensor_arange(0, 10, NAN), "step must be nonzero");
    assert_tensor_error(tensor_arange(10, 0, 1),
                        "upper bound and larger bound inconsistent with step sign");
    assert_tensor_error(tensor_arange(0, INFINITY, 1), "unsupported range: 0 -> inf");
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

// ---- golden cases from PyTorch (tests/golden/tensor.txt) ----------------------

static float float_from_hex(const char *hex) {
    uint32_t bits = (uint32_t)strtoul(hex, NULL, 16);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

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
        s->data[i] = float_from_hex(hex);
        hex = strchr(hex, ',');
        if (hex) hex++;
    }
    Tensor *t = tensor_on(s, atoll(parts[2]), ndim, sizes, strides);
    storage_release(s);
    return t;
}

static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 4);
    const char *expected = c->field[3];
    if (strcmp(c->field[1], "arange") == 0) {
        double start, end, step;
        assert_int_equal(sscanf(c->field[2], "%lf,%lf,%lf", &start, &end, &step), 3);
        Tensor *t = tensor_arange(start, end, step);
        if (strncmp(expected, "err ", 4) == 0) {
            assert_tensor_error(t, expected + 4);
            return;
        }
        assert_non_null(t);
        int64_t n = 0;
        for (const char *hex = expected + 3; *hex; n++) {
            float want = float_from_hex(hex);
            if (n >= tensor_numel(t)) fail_msg("too few elements: %lld", (long long)n);
            if (memcmp(&t->storage->data[n], &want, sizeof want) != 0) {
                fail_msg("element %lld: expected %.9g, got %.9g", (long long)n,
                         (double)want, (double)t->storage->data[n]);
            }
            hex = strchr(hex, ',') ? strchr(hex, ',') + 1 : "";
        }
        assert_int_equal(tensor_numel(t), n);
        tensor_free(t);
    } else {
        Tensor *t = tensor_from_spec(c->field[2]);
        char *repr = tensor_repr(t);
        char *want = golden_unescape(strdup(expected));
        if (strcmp(repr, want) != 0) {
            fail_msg("repr differs from PyTorch's:\n--- expected\n%s\n--- got\n%s", want,
                     repr);
        }
        free(want);
        free(repr);
        tensor_free(t);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shape_macro_counts_its_arguments),
        cmocka_unit_test(constructors_are_row_major_from_offset_zero),
        cmocka_unit_test(empty_shapes_get_pytorch_strides),
        cmocka_unit_test(huge_empty_shapes_wrap_strides_like_pytorch),
        cmocka_unit_test(bad_shapes_are_refused),
        cmocka_unit_test(element_address_is_offset_plus_index_dot_stride),
        cmocka_unit_test(get_and_set_check_bounds),
        cmocka_unit_test(freeing_one_handle_keeps_the_other),
        cmocka_unit_test(next_index_runs_like_an_odometer),
        cmocka_unit_test(unravel_index_jumps_where_the_odometer_steps),
        cmocka_unit_test(contiguous_strides_treat_zero_as_one),
        cmocka_unit_test(lists_print_like_python),
        cmocka_unit_test(floats_print_like_python),
        cmocka_unit_test(text_grows_as_needed),
        cmocka_unit_test(arange_errors_are_pytorchs),
        cmocka_unit_test(dot_draws_grid_storage_and_arrows),
    };
    return run_suite(&(TestSuite){.group = "chapter 2: tensors", TEST_LIST(tests),
                                  .golden = "tensor.txt", .golden_case = golden_case});
}
