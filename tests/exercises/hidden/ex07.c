// Hidden tests of the chapter 7 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include <stdio.h>
#include <stdlib.h>

#include "../../../chapters/07-modules/exercises.h"
#include "../exercise_asserts.h"
#include "nn.h"
#include "view.h"

static Module *kept[4];
static NamedList lists[4];
static int nkept;

static int release_all(void **state) {
    for (int i = 0; i < 4; i++) named_list_free(&lists[i]);
    while (nkept > 0) module_release(kept[--nkept]);
    return release_kept(state);
}

static void embedding_follows_a_replaced_weight(void **state) {
    (void)state;
    error_clear();
    Module *e = nn_Embedding_from_pretrained(tensor_zeros(SHAPE(2, 2)));
    expect_implemented("nn_Embedding_from_pretrained(tensor_zeros(SHAPE(2, 2)))");
    assert_non_null(e);
    kept[nkept++] = e;
    // Registering "weight" again replaces the parameter in place: a new
    // table, with a different number of rows.
    Tensor *w = tensor_from_data((float[]){1, 2, 3, 4, 5, 6}, SHAPE(3, 2));
    assert_int_equal(module_register_parameter(e, "weight", parameter_new(w)), 0);
    Tensor *ix = keep_tensor(tensor_from_data((float[]){2, 0}, SHAPE(2)));
    Tensor *y = EXPECT_TENSOR(module_call(e, ix));
    expect_layout_and_values(y, SHAPE(2, 2), INTS(2, 1), 0, (float[]){5, 6, 1, 2}, 4);
    char *repr = module_repr(e), shown[64];
    snprintf(shown, sizeof shown, "%s", repr ? repr : "(NULL)");
    free(repr);
    assert_string_equal(shown, "Embedding(3, 2)");  // the current weight
}

static void non_strict_load_into_a_shared_module(void **state) {
    (void)state;
    Rng rng = rng_new(0);
    Module *lin = nn_Linear(2, 2, true, &rng);
    Module *seq = nn_Sequential(lin, module_retain(lin));
    assert_non_null(seq);
    kept[nkept++] = seq;
    NamedList *sd = &lists[0];
    Tensor *zeros = keep_tensor(tensor_zeros(SHAPE(2, 2)));
    assert_int_equal(named_list_add(sd, (Named){.name = strdup("1.weight"), .tensor = zeros}), 0);
    error_clear();
    int rc = load_state_dict_non_strict(seq, sd, &lists[1], &lists[2]);
    expect_implemented("load_state_dict_non_strict(seq, sd, &missing, &unexpected)");
    assert_int_equal(rc, 0);
    assert_int_equal(lists[1].count, 3);
    assert_string_equal(lists[1].items[0].name, "0.weight");
    assert_string_equal(lists[1].items[1].name, "0.bias");
    assert_string_equal(lists[1].items[2].name, "1.bias");
    assert_int_equal(lists[2].count, 0);
    // The one Linear, reached as "0" and "1", got the zeros.
    assert_values(module_parameter(lin, "weight")->data, (float[]){0, 0, 0, 0}, 4);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(embedding_follows_a_replaced_weight, release_all),
        cmocka_unit_test_teardown(non_strict_load_into_a_shared_module, release_all),
    };
    return run_suite(&(TestSuite){.group = "chapter 7 hidden exercises", TEST_LIST(tests)});
}
