// Chapter 2: tensors (shape, stride, offset), constructors, elements, and
// the integer lists of the messages. Printing is Appendix B's (test_print.c).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "test_main.h"
#include "tensor.h"
#include "tensor_asserts.h"

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

static void arange_errors_are_pytorchs(void **state) {
    (void)state;
    assert_tensor_error(tensor_arange(0, 10, 0), "step must be nonzero");
    assert_tensor_error(tensor_arange(0, 10, NAN), "step must be nonzero");
    assert_tensor_error(tensor_arange(10, 0, 1),
                        "upper bound and larger bound inconsistent with step sign");
    assert_tensor_error(tensor_arange(0, INFINITY, 1), "unsupported range: 0 -> inf");
}

// ---- golden cases from PyTorch (tests/golden/tensor.txt) ----------------------

// arange's values, bit for bit, or its error.
static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 4);
    assert_string_equal(c->field[1], "arange");
    const char *expected = c->field[3];
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
        float want = golden_float_bits(hex);
        if (n >= tensor_numel(t)) fail_msg("too few elements: %lld", (long long)n);
        if (memcmp(&t->storage->data[n], &want, sizeof want) != 0) {
            fail_msg("element %lld: expected %.9g, got %.9g", (long long)n,
                     (double)want, (double)t->storage->data[n]);
        }
        hex = strchr(hex, ',') ? strchr(hex, ',') + 1 : "";
    }
    assert_int_equal(tensor_numel(t), n);
    tensor_free(t);
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
        cmocka_unit_test(arange_errors_are_pytorchs),
    };
    return run_suite(&(TestSuite){.group = "chapter 2: tensors", TEST_LIST(tests),
                                  .golden = "tensor.txt", .golden_case = golden_case});
}
