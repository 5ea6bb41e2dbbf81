// Tests of the chapter 7 exercises (chapters/07-modules/README.md,
// "Exercises"). Points are in grading/rubric.txt. Expected reprs, keys,
// layouts and messages are PyTorch 1.13's.
#include <math.h>
#include <stdlib.h>

#include "../../chapters/07-modules/exercises.h"
#include "exercise_modules.h"
#include "nn.h"
#include "state_dict.h"
#include "view.h"

// The names of a list, joined with commas.
static void expect_names(const NamedList *list, const char *want, const char *what) {
    Text names = {0};
    for (int i = 0; i < list->count; i++) {
        text_append(&names, "%s%s", i ? "," : "", list->items[i].name);
    }
    expect_text(text_take(&names), want, what);
}

// A state_dict made by hand: `name` -> `t` (kept for release).
static void add_entry(NamedList *list, const char *name, Tensor *t) {
    keep_tensor(t);
    Named item = {.name = strdup(name), .tensor = t};
    assert_int_equal(named_list_add(list, item), 0);
}

static Tensor *filled(Shape shape, float value) {
    return tensor_full(shape, value);  // add_entry keeps it
}

// ---- 7.1 nn_Embedding_from_pretrained ----------------------------------------------

static Module *table_of_arange(void) {
    // weight = arange(12).view(4, 3): row r is 3r, 3r + 1, 3r + 2.
    Tensor *w = tensor_arange(0, 12, 1);
    Tensor *weight = tensor_view(w, SHAPE(4, 3));
    tensor_free(w);
    error_clear();
    Module *e = keep_module(nn_Embedding_from_pretrained(weight));
    expect_implemented("nn_Embedding_from_pretrained(weight)");
    if (e == NULL) fail_msg("nn_Embedding_from_pretrained failed: %s", error_message());
    return e;
}

static void embedding_is_a_module_like_any_other(void **state) {
    (void)state;
    Module *e = table_of_arange();
    expect_text(module_repr(e), "Embedding(4, 3)", "repr");
    NamedList *params = new_list();
    assert_int_equal(module_named_parameters(e, params), 0);
    expect_names(params, "weight", "named_parameters");
    assert_layout(params->items[0].tensor, SHAPE(4, 3), INTS(3, 1), 0);
    if (module_parameter_count(e) != 12) {
        fail_msg("parameter count: expected 12, got %lld", (long long)module_parameter_count(e));
    }
    if (!e->training) fail_msg("a new module is in training mode");
    Module *seq = keep_module(nn_Sequential(module_retain(e), nn_Flatten(1, -1)));
    expect_text(module_repr(seq),
                "Sequential(\n  (0): Embedding(4, 3)\n  (1): Flatten(start_dim=1, end_dim=-1)\n)",
                "repr inside a Sequential");
    NamedList *sd = new_list();
    assert_int_equal(module_state_dict(seq, sd), 0);
    expect_names(sd, "0.weight", "state_dict keys");
}

static void embedding_looks_up_rows(void **state) {
    (void)state;
    Module *e = table_of_arange();
    Tensor *ix = keep_tensor(tensor_from_data((float[]){1, 3, 0, 1}, SHAPE(2, 2)));
    Tensor *y = EXPECT_TENSOR(module_call(e, ix));
    expect_layout_and_values(y, SHAPE(2, 2, 3), INTS(6, 3, 1), 0,
                             (float[]){3, 4, 5, 9, 10, 11, 0, 1, 2, 3, 4, 5}, 12);
    // Indices through a transpose: ix.t() is [[1, 0], [3, 1]].
    Tensor *ixt = keep_tensor(tensor_on(ix->storage, 0, 2, (int64_t[]){2, 2},
                                        (int64_t[]){1, 2}));
    y = EXPECT_TENSOR(module_call(e, ixt));
    expect_layout_and_values(y, SHAPE(2, 2, 3), INTS(6, 3, 1), 0,
                             (float[]){3, 4, 5, 0, 1, 2, 9, 10, 11, 3, 4, 5}, 12);
    // One index, 0-dim: one row. No indices: no rows.
    Tensor *two = keep_tensor(tensor_from_data((float[]){2}, SCALAR_SHAPE));
    y = EXPECT_TENSOR(module_call(e, two));
    expect_layout_and_values(y, SHAPE(3), INTS(1), 0, (float[]){6, 7, 8}, 3);
    Tensor *none = keep_tensor(tensor_empty(SHAPE(2, 0)));
    y = EXPECT_TENSOR(module_call(e, none));
    expect_layout_and_values(y, SHAPE(2, 0, 3), INTS(3, 3, 1), 0, NULL, 0);
}

static void embedding_reads_its_current_weight(void **state) {
    (void)state;
    // A weight with strides (1, 4): arange(12).view(3, 4).t().
    Tensor *w = tensor_arange(0, 12, 1);
    Tensor *weight = tensor_on(w->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    tensor_free(w);
    error_clear();
    Module *e = keep_module(nn_Embedding_from_pretrained(weight));
    expect_implemented("nn_Embedding_from_pretrained(weight)");
    if (e == NULL) fail_msg("nn_Embedding_from_pretrained failed: %s", error_message());
    Tensor *ix = keep_tensor(tensor_from_data((float[]){3, 0, 3}, SHAPE(3)));
    Tensor *y = EXPECT_TENSOR(module_call(e, ix));
    expect_layout_and_values(y, SHAPE(3, 3), INTS(3, 1), 0,
                             (float[]){3, 7, 11, 0, 4, 8, 3, 7, 11}, 9);
    // After loading a checkpoint, the forward uses the loaded numbers.
    NamedList *sd = new_list();
    add_entry(sd, "weight", tensor_from_data((float[]){1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                                             SHAPE(4, 3)));
    assert_int_equal(module_load_state_dict(e, sd), 0);
    y = EXPECT_TENSOR(module_call(e, ix));
    expect_layout_and_values(y, SHAPE(3, 3), INTS(3, 1), 0,
                             (float[]){10, 11, 12, 1, 2, 3, 10, 11, 12}, 9);
    // In a Sequential, then flattened: (2, 2) indices, (2, 6) out.
    Module *seq = keep_module(nn_Sequential(module_retain(e), nn_Flatten(1, -1)));
    Tensor *pairs = keep_tensor(tensor_from_data((float[]){1, 2, 3, 0}, SHAPE(2, 2)));
    y = EXPECT_TENSOR(module_call(seq, pairs));
    expect_layout_and_values(y, SHAPE(2, 6), INTS(6, 1), 0,
                             (float[]){4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3}, 12);
}

static void embedding_errors(void **state) {
    (void)state;
    error_clear();
    Module *bad = keep_module(nn_Embedding_from_pretrained(tensor_zeros(SHAPE(3))));
    expect_implemented("nn_Embedding_from_pretrained(tensor_zeros(SHAPE(3)))");
    if (bad != NULL) fail_msg("a 1-D weight should be refused");
    assert_int_equal(error_kind(), ERR_RUNTIME);
    // NULL in, NULL out: the message of the call that failed is kept.
    error_set(ERR_RUNTIME, "an earlier failure");
    if (keep_module(nn_Embedding_from_pretrained(NULL)) != NULL) {
        fail_msg("nn_Embedding_from_pretrained(NULL) should return NULL");
    }
    assert_error_message("an earlier failure");
    Module *e = table_of_arange();
    const float wrong[] = {4, -1, 1.5f, NAN};
    for (int i = 0; i < 4; i++) {
        Tensor *ix = keep_tensor(tensor_from_data((float[]){0, wrong[i]}, SHAPE(2)));
        EXPECT_REFUSED(module_call(e, ix), ERR_INDEX);
    }
}

// ---- 7.2 load_state_dict_non_strict ----------------------------------------------

static void non_strict_load_lists_missing_and_unexpected_keys(void **state) {
    (void)state;
    Rng rng = rng_new(0);
    Module *lin = keep_module(nn_Linear(4, 3, true, &rng));
    Tensor *bias = module_parameter(lin, "bias")->data;
    float bias_before[3];
    memcpy(bias_before, bias->storage->data, sizeof bias_before);
    NamedList *sd = new_list(), *missing = new_list(), *unexpected = new_list();
    add_entry(sd, "weight", filled(SHAPE(3, 4), 0.5f));
    add_entry(sd, "extra", filled(SHAPE(1), 7));
    error_clear();
    int rc = load_state_dict_non_strict(lin, sd, missing, unexpected);
    expect_implemented("load_state_dict_non_strict(lin, sd, missing, unexpected)");
    if (rc != 0) fail_msg("expected 0, got %d with the error \"%s\"", rc, error_message());
    expect_names(missing, "bias", "missing keys");
    expect_names(unexpected, "extra", "unexpected keys");
    if (missing->items[0].tensor != bias) fail_msg("the missing entry should be the model's bias");
    if (unexpected->items[0].tensor != sd->items[1].tensor) {
        fail_msg("the unexpected entry should be the state's tensor");
    }
    if (unexpected->items[0].name == sd->items[1].name) {
        fail_msg("each list item needs a name of its own (the caller frees both lists)");
    }
    const Tensor *weight = module_parameter(lin, "weight")->data;
    for (int i = 0; i < 12; i++) {
        if (weight->storage->data[i] != 0.5f) fail_msg("the weight was not loaded");
    }
    if (memcmp(bias->storage->data, bias_before, sizeof bias_before) != 0) {
        fail_msg("the bias, missing from the state, must keep its values");
    }
}

static void non_strict_load_into_a_sequential(void **state) {
    (void)state;
    Rng rng = rng_new(1);
    Module *seq = keep_module(
        nn_Sequential(nn_Linear(2, 2, true, &rng), nn_ReLU(), nn_Linear(2, 1, true, &rng)));
    NamedList *sd = new_list(), *missing = new_list(), *unexpected = new_list();
    add_entry(sd, "2.bias", filled(SHAPE(1), 1));
    add_entry(sd, "1.weight", filled(SHAPE(1), 1));
    // A checkpoint tensor with strides (1, 2): [[0, 2], [1, 3]].
    Tensor *w = keep_tensor(tensor_arange(0, 4, 1));
    add_entry(sd, "0.weight", tensor_on(w->storage, 0, 2, (int64_t[]){2, 2},
                                        (int64_t[]){1, 2}));
    error_clear();
    int rc = load_state_dict_non_strict(seq, sd, missing, unexpected);
    expect_implemented("load_state_dict_non_strict(seq, sd, missing, unexpected)");
    if (rc != 0) fail_msg("expected 0, got %d with the error \"%s\"", rc, error_message());
    expect_names(missing, "0.bias,2.weight", "missing keys");
    expect_names(unexpected, "1.weight", "unexpected keys");
    assert_values(module_parameter(seq, "0.weight")->data, (float[]){0, 2, 1, 3}, 4);
    assert_values(module_parameter(seq, "2.bias")->data, (float[]){1}, 1);
    // A state that fits exactly: nothing to report.
    NamedList *full = new_list(), *none_missing = new_list(), *none_unexpected = new_list();
    assert_int_equal(module_state_dict(seq, full), 0);
    assert_int_equal(load_state_dict_non_strict(seq, full, none_missing, none_unexpected), 0);
    assert_int_equal(none_missing->count, 0);
    assert_int_equal(none_unexpected->count, 0);
}

static void non_strict_load_still_refuses_wrong_shapes(void **state) {
    (void)state;
    Rng rng = rng_new(2);
    Module *lin = keep_module(nn_Linear(4, 3, true, &rng));
    const Tensor *weight = module_parameter(lin, "weight")->data;
    float before[12];
    memcpy(before, weight->storage->data, sizeof before);
    NamedList *sd = new_list(), *missing = new_list(), *unexpected = new_list();
    add_entry(sd, "weight", filled(SHAPE(2, 4), 0));
    add_entry(sd, "bias", filled(SHAPE(3), 0));
    add_entry(sd, "extra", filled(SHAPE(1), 0));
    error_clear();
    int rc = load_state_dict_non_strict(lin, sd, missing, unexpected);
    expect_implemented("load_state_dict_non_strict(lin, sd, missing, unexpected)");
    if (rc != -1) fail_msg("a size mismatch: expected -1, got %d", rc);
    assert_error_message("Error(s) in loading state_dict for Linear:\n\tsize mismatch for "
                         "weight: copying a param with shape torch.Size([2, 4]) from "
                         "checkpoint, the shape in current model is torch.Size([3, 4]).");
    if (missing->count != 0 || unexpected->count != 0) {
        fail_msg("after a failed load both lists must be empty (%d and %d items)",
                 missing->count, unexpected->count);
    }
    if (memcmp(weight->storage->data, before, sizeof before) != 0) {
        fail_msg("a failed load must leave the model as it was");
    }
    const Tensor *bias = module_parameter(lin, "bias")->data;
    for (int i = 0; i < 3; i++) {
        if (bias->storage->data[i] == 0) fail_msg("the bias was loaded by a failed load");
    }
}

// ---- 7.3 named_members: parameters() and buffers() --------------------------------

// module_named_parameters (or _buffers) of `m`, into a list the teardown frees.
static NamedList *members(const Module *m, bool parameters) {
    NamedList *list = new_list();
    error_clear();
    int rc = parameters ? module_named_parameters(m, list) : module_named_buffers(m, list);
    expect_implemented(parameters ? "module_named_parameters(m, &list)"
                                  : "module_named_buffers(m, &list)");
    if (rc != 0) fail_msg("expected 0, got %d: %s", rc, error_message());
    return list;
}

static Module *linear(int64_t in, int64_t out, bool bias) {
    Rng rng = rng_new(0);
    Module *m = nn_Linear(in, out, bias, &rng);
    assert_non_null(m);
    return m;
}

static void named_parameters_of_one_linear(void **state) {
    (void)state;
    Module *lin = keep_module(linear(3, 2, true));
    NamedList *params = members(lin, true);
    expect_names(params, "weight,bias", "named_parameters() of Linear(3, 2)");
    // Each item is the registered object itself, not a copy.
    for (int i = 0; i < params->count; i++) {
        Parameter *p = module_parameter(lin, params->items[i].name);
        if (params->items[i].param != p || params->items[i].tensor != p->data) {
            fail_msg("item %s is not the module's own parameter", params->items[i].name);
        }
    }
    assert_int_equal(members(lin, false)->count, 0);  // a Linear has no buffers
    // Without a bias the name is registered, empty: nothing to list.
    Module *plain = keep_module(linear(3, 2, false));
    expect_names(members(plain, true), "weight", "named_parameters() of Linear(3, 2, False)");
}

// Sequential(Linear(2, 3), ReLU(), Sequential(Linear(3, 3, False), Linear(3, 1))),
// with a buffer "steps" on the outer module and "scale" on the inner one.
static Module *tree(void) {
    Module *inner = nn_Sequential(linear(3, 3, false), linear(3, 1, true));
    Module *net = keep_module(nn_Sequential(linear(2, 3, true), nn_ReLU(), inner));
    assert_non_null(net);
    assert_int_equal(module_register_buffer(inner, "scale", tensor_ones(SHAPE(1))), 0);
    assert_int_equal(module_register_buffer(net, "steps", tensor_zeros(SHAPE(1))), 0);
    return net;
}

static void named_parameters_of_a_tree_have_dotted_names(void **state) {
    (void)state;
    Module *net = tree();
    expect_names(members(net, true), "0.weight,0.bias,2.0.weight,2.1.weight,2.1.bias",
                 "named_parameters() of the tree");
    error_clear();
    int64_t count = module_parameter_count(net);
    expect_implemented("module_parameter_count(net)");
    assert_int_equal(count, 6 + 3 + 9 + 3 + 1);
    NamedList *buffers = members(net, false);
    expect_names(buffers, "steps,2.scale", "named_buffers() of the tree");
    if (buffers->items[0].param != NULL) fail_msg("a buffer is not a parameter");
    assert_ptr_equal(buffers->items[1].tensor, module_buffer(net, "2.scale"));
}

static void shared_members_are_listed_once(void **state) {
    (void)state;
    // One Linear reached twice, as "0" and as "2": its parameters once,
    // under their first names.
    Module *lin = linear(2, 2, true);
    Module *net = keep_module(nn_Sequential(lin, nn_ReLU(), module_retain(lin)));
    assert_non_null(net);
    expect_names(members(net, true), "0.weight,0.bias", "named_parameters() of a shared Linear");
    error_clear();
    int64_t count = module_parameter_count(net);
    expect_implemented("module_parameter_count(net)");
    assert_int_equal(count, 6);
    // Two Linears that share one weight Parameter (tied weights).
    Module *a = linear(2, 2, true), *b = linear(2, 2, true);
    Module *tied = keep_module(nn_Sequential(a, b));
    assert_non_null(tied);
    Parameter *w = parameter_retain(module_parameter(a, "weight"));
    assert_int_equal(module_register_parameter(b, "weight", w), 0);
    expect_names(members(tied, true), "0.weight,0.bias,1.bias",
                 "named_parameters() with a tied weight");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        MODULE_TEST(embedding_is_a_module_like_any_other),
        MODULE_TEST(embedding_looks_up_rows),
        MODULE_TEST(embedding_reads_its_current_weight),
        MODULE_TEST(embedding_errors),
        MODULE_TEST(non_strict_load_lists_missing_and_unexpected_keys),
        MODULE_TEST(non_strict_load_into_a_sequential),
        MODULE_TEST(non_strict_load_still_refuses_wrong_shapes),
        MODULE_TEST(named_parameters_of_one_linear),
        MODULE_TEST(named_parameters_of_a_tree_have_dotted_names),
        MODULE_TEST(shared_members_are_listed_once),
    };
    return run_suite(&(TestSuite){.group = "chapter 7 exercises", TEST_LIST(tests)});
}
