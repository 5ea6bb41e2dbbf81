// Hidden tests of the chapter 8 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include <math.h>
#include <stdlib.h>

#include "../../../chapters/08-dropout/exercises.h"
#include "../exercise_asserts.h"
#include "dropout.h"
#include "nn.h"
#include "state_dict.h"

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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(batchnorm_inside_a_model_loads_and_evaluates, release_all),
        cmocka_unit_test_teardown(mc_dropout_reaches_nested_dropouts, release_all),
    };
    return run_suite(&(TestSuite){.group = "chapter 8 hidden exercises", TEST_LIST(tests)});
}
