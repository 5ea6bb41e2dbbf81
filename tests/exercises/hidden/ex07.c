// Hidden tests of the chapter 7 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

// ---- 7.3: random trees, against PyTorch (ex07_tree_cases.h) --------------------

typedef struct TreeCase {
    const char *spec, *parameters, *buffers;
    int64_t     count;
} TreeCase;

// Graded, the program holds none of PyTorch's answers (probe.h): it
// records the listings it gets, and the grader compares.
static const TreeCase TREES[] = {
#ifdef STRIDES_PROBE
#define TREE_CASE(spec, parameters, buffers, count) {spec, NULL, NULL, 0},
#else
#define TREE_CASE(spec, parameters, buffers, count) {spec, parameters, buffers, count},
#endif
#include "ex07_tree_cases.h"
#undef TREE_CASE
};

// The generator's language (gen_ex07.py): Linear(i,o[,False]), ReLU(),
// Tanh(), Sequential(...), Keep(m), Again(k), Buf(m,n), Tie(m,k).
typedef struct TreeParser {
    const char *at;
    Module     *remembered[16];
    int         nremembered;
    Rng         rng;
} TreeParser;

static int64_t tree_number(TreeParser *tp) {
    char *end;
    int64_t v = strtoll(tp->at, &end, 10);
    tp->at = end;
    if (*tp->at == ',') tp->at++;
    return v;
}

static Module *tree_parse(TreeParser *tp) {
    char name[16];
    int n = 0;
    while (*tp->at != '(' && n < 15) name[n++] = *tp->at++;
    name[n] = '\0';
    tp->at++;  // '('
    Module *m = NULL;
    if (strcmp(name, "Sequential") == 0) {
        Module *items[8];
        int count = 0;
        while (*tp->at != ')' && count < 8) {
            items[count++] = tree_parse(tp);
            if (*tp->at == ',') tp->at++;
        }
        m = nn_sequential_of(count, items);
    } else if (strcmp(name, "Keep") == 0) {
        m = tree_parse(tp);
        if (tp->nremembered < 16) tp->remembered[tp->nremembered++] = m;
    } else if (strcmp(name, "Again") == 0) {
        m = module_retain(tp->remembered[tree_number(tp)]);
    } else if (strcmp(name, "Buf") == 0) {
        m = tree_parse(tp);
        tp->at++;  // ','
        int64_t size = tree_number(tp);
        char buffer[8];
        snprintf(buffer, sizeof buffer, "b%lld", (long long)size);
        if (module_register_buffer(m, buffer, tensor_zeros(SHAPE(size))) < 0) fail();
    } else if (strcmp(name, "Tie") == 0) {
        m = tree_parse(tp);
        tp->at++;  // ','
        Parameter *w = module_parameter(tp->remembered[tree_number(tp)], "weight");
        if (w == NULL || module_register_parameter(m, "weight", parameter_retain(w)) < 0) fail();
    } else if (strcmp(name, "Linear") == 0) {
        int64_t in = tree_number(tp), out = tree_number(tp);
        bool bias = strncmp(tp->at, "False", 5) != 0;
        if (!bias) tp->at += 5;
        m = nn_Linear(in, out, bias, &tp->rng);
    } else {
        m = strcmp(name, "ReLU") == 0 ? nn_ReLU() : nn_Tanh();
    }
    if (*tp->at != ')' || m == NULL) fail_msg("cannot build %s: %s", name, error_message());
    tp->at++;
    return m;
}

// "name=d0,d1;name=..." of a listing, as the generator writes it.
static void expect_listing(const NamedList *list, const char *want, const char *what,
                           const char *spec) {
    Text got = {0};
    for (int i = 0; i < list->count; i++) {
        const Tensor *t = list->items[i].tensor;
        text_append(&got, "%s%s=", i ? ";" : "", list->items[i].name);
        for (int d = 0; d < t->ndim; d++) {
            text_append(&got, "%s%lld", d ? "," : "", (long long)t->shape[d]);
        }
    }
    char *text = text_take(&got);
    const char *listing = text != NULL ? text : "";
#ifndef STRIDES_PROBE
    if (strcmp(listing, want) != 0) {
        print_error("%s of %s:\n  PyTorch: \"%s\"\n  got:     \"%s\"\n", what, spec, want,
                    listing);
    }
#else
    (void)what;
    (void)spec;
    (void)want;
#endif
    assert_string_equal(listing, want);
    free(text);
}

static void named_parameters_of_random_trees_match_pytorch(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof TREES / sizeof TREES[0]; c++) {
        TreeParser tp = {.at = TREES[c].spec, .rng = rng_new(c)};
        kept[nkept++] = tree_parse(&tp);
        error_clear();
        int rc = module_named_parameters(kept[0], &lists[0]);
        expect_implemented("module_named_parameters(model, &list)");
        if (rc != 0) fail_msg("%s: %s", TREES[c].spec, error_message());
        expect_listing(&lists[0], TREES[c].parameters, "named_parameters()", TREES[c].spec);
        assert_int_equal(module_named_buffers(kept[0], &lists[1]), 0);
        expect_listing(&lists[1], TREES[c].buffers, "named_buffers()", TREES[c].spec);
        assert_int_equal(module_parameter_count(kept[0]), TREES[c].count);
        release_all(NULL);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(embedding_follows_a_replaced_weight, release_all),
        cmocka_unit_test_teardown(non_strict_load_into_a_shared_module, release_all),
        cmocka_unit_test_teardown(named_parameters_of_random_trees_match_pytorch, release_all),
    };
    return run_suite(&(TestSuite){.group = "chapter 7 hidden exercises", TEST_LIST(tests)});
}
