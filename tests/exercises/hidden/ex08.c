// Hidden tests of the chapter 8 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../../chapters/08-dropout/exercises.h"
#include "../exercise_asserts.h"
#include "dropout.h"
#include "nn.h"
#include "state_dict.h"
#include "view.h"

static Module *kept;
static NamedList list;

static int release_all(void **state) {
    named_list_free(&list);
    module_release(kept);
    kept = NULL;
    return release_kept(state);
}

static void add(const char *name, Tensor *t) {
    assert_int_equal(named_list_add(&list, (Named){.name = strdup(name), .tensor = keep_tensor(t)}),
                     0);
}

static void batchnorm_inside_a_model_loads_and_evaluates(void **state) {
    (void)state;
    error_clear();
    Module *bn = nn_BatchNorm1d(2, 1e-5, 0.1);
    expect_implemented("nn_BatchNorm1d(2, 1e-5, 0.1)");
    kept = nn_Sequential(nn_Flatten(1, -1), bn);
    assert_non_null(kept);
    add("1.running_mean", tensor_from_data((float[]){1, 2}, SHAPE(2)));
    add("1.running_var", tensor_from_data((float[]){4, 0.25f}, SHAPE(2)));
    add("1.num_batches_tracked", tensor_from_data((float[]){7}, SCALAR_SHAPE));
    assert_int_equal(module_load_state_dict(kept, &list), 0);
    module_eval(kept);  // reaches the BatchNorm1d
    Tensor *x = keep_tensor(tensor_from_data((float[]){3, 2, 1, 3}, SHAPE(2, 2)));
    Tensor *y = EXPECT_TENSOR(module_call(kept, x));
    assert_layout(y, SHAPE(2, 2), INTS(2, 1), 0);
    assert_values_near(y, 1e-5, (float[]){0.999998808f, 0, 0, 1.99995995f}, 4);  // PyTorch 1.13
    assert_values(module_buffer(kept, "1.num_batches_tracked"), (float[]){7}, 1);
}

static void mc_dropout_reaches_nested_dropouts(void **state) {
    (void)state;
    Rng rng = rng_new(4), twin = rng_new(4);
    kept = nn_Sequential(nn_Sequential(nn_ReLU(), nn_Dropout(0.5, false, &rng)));
    assert_non_null(kept);
    module_eval(kept);
    Tensor *x = keep_tensor(tensor_ones(SHAPE(3, 4)));
    error_clear();
    Tensor *mean = EXPECT_TENSOR(mc_dropout_mean(kept, x, 3));
    // Three masks drawn in a row from the twin generator, averaged.
    float want[12] = {0};
    for (int s = 0; s < 3; s++) {
        Tensor *m = keep_tensor(dropout_mask(SHAPE(3, 4), 0.5, &twin));
        for (int i = 0; i < 12; i++) want[i] += m->storage->data[i] / 3;
    }
    assert_layout(mean, SHAPE(3, 4), INTS(4, 1), 0);
    assert_values_near(mean, 1e-5, want, 12);
    assert_false(module_submodule(kept, "0.1")->training);
}

// ---- 8.4: masks of random shapes and p, against PyTorch (ex08_mask_cases.h) ------
// Graded, the program holds none of PyTorch's values (probe.h): it
// records what the code gives, and the grader compares.

typedef struct MaskCase {
    double       p;
    Shape        shape;
    float        kept;       // PyTorch's kept value of a 1
    const float *x, *y;      // 8 inputs, and what PyTorch keeps of each
} MaskCase;

#ifdef STRIDES_PROBE
#define MASK_CASE(p, shape, kept, x, y) {p, shape, 0, x, NULL},
#define expect_exactly(label, got, want) probe_float(__FILE__, __LINE__, label, got, 0)
#else
#define MASK_CASE(p, shape, kept, x, y) {p, shape, kept, x, y},
static void expect_exactly(const char *label, float got, float want) {
    if (memcmp(&got, &want, sizeof got) != 0) {
        fail_msg("%s: expected %.9g (PyTorch's), got %.9g", label, (double)want, (double)got);
    }
}
#endif

// The mask of a random shape: one draw per element, row-major, kept
// where the twin generator's draw falls below 1 - p, every kept element
// alike.
static void expect_mask_pattern(const MaskCase *c, uint64_t seed) {
    Rng rng = rng_new(seed), twin = rng_new(seed);
    error_clear();
    Tensor *mask = dropout_mask(c->shape, c->p, &rng);
    expect_implemented("dropout_mask(shape, p, &rng)");
    assert_non_null(mask);
    assert_int_equal(mask->ndim, c->shape.len);
    for (int d = 0; d < mask->ndim && d < c->shape.len; d++) {
        assert_int_equal(mask->shape[d], c->shape.at[d]);
    }
    assert_true(tensor_is_contiguous(mask));
    float kept = 0;
    bool pattern = true;
    int64_t count = tensor_numel(mask);
    for (int64_t i = 0; i < count; i++) {
        float v = mask->storage->data[mask->offset + i];
        bool keep = rng_uniform(&twin) < 1.0 - c->p;
        if (keep && kept == 0) kept = v;
        pattern = pattern && (keep ? v == kept && v != 0 : v == 0);
    }
    tensor_free(mask);
    if (!pattern) print_error("p=%.9g: the mask is not the twin generator's\n", c->p);
    assert_true(pattern);
    assert_true(rng_uniform(&rng) == rng_uniform(&twin));  // one draw per element
}

// The kept value, and F.dropout of 8 numbers, against PyTorch's.
static void expect_kept_values(const MaskCase *c, uint64_t seed) {
    Rng rng = rng_new(seed);
    Tensor *big = dropout_mask(SHAPE(4096), c->p, &rng);
    assert_non_null(big);
    float kept = 0;
    for (int i = 0; i < 4096 && kept == 0; i++) kept = big->storage->data[i];
    tensor_free(big);
    expect_exactly("the kept value of a 1", kept, c->kept);
    Rng twin = rng_new(seed);
    rng = rng_new(seed);
    Tensor *x = keep_tensor(tensor_from_data(c->x, SHAPE(8)));
    Tensor *y = keep_tensor(F_dropout(x, c->p, true, &rng));
    assert_non_null(y);
    for (int i = 0; i < 8; i++) {
        bool keep = c->p < 1 && rng_uniform(&twin) < 1.0 - c->p;
        float want = keep && c->y != NULL ? c->y[i] : c->x[i] * 0.0f;  // x * 0: -0 for x < 0
        expect_exactly("F_dropout(x, p)[i]", y->storage->data[y->offset + i * y->stride[0]],
                       want);
    }
    release_kept(NULL);
}

static void masks_of_random_shapes_keep_pytorchs_values(void **state) {
    (void)state;
    const MaskCase cases[] = {
#include "ex08_mask_cases.h"
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expect_mask_pattern(&cases[i], i);
        expect_kept_values(&cases[i], 1000 + i);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(batchnorm_inside_a_model_loads_and_evaluates, release_all),
        cmocka_unit_test_teardown(mc_dropout_reaches_nested_dropouts, release_all),
        cmocka_unit_test_teardown(masks_of_random_shapes_keep_pytorchs_values, release_all),
    };
    return run_suite(&(TestSuite){.group = "chapter 8 hidden exercises", TEST_LIST(tests)});
}
