// Chapter 7 exercises: write your code between the braces.
#include "exercises.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "elementwise.h"
#include "error.h"
#include "state_dict.h"
#include "view.h"
#include "views.h"

/* BEGIN SOLUTION 7.1 */
// An Embedding holds nothing but its parameter: the sizes are the
// weight's, read when needed, so a loaded weight is always the one used.
static Tensor *embedding_weight(const Module *self) {
    return module_parameter(self, "weight")->data;
}

// The index stored at element `at` of `indices`, or -1 if it names no row.
static int64_t row_index(const Tensor *indices, const int64_t *at, int64_t rows) {
    float v = indices->storage->data[tensor_storage_index(indices, at)];
    if (!(v >= 0 && v < (float)rows) || v != floorf(v)) return -1;  // NaN fails too
    return (int64_t)v;
}

static Tensor *embedding_forward(Module *self, const Tensor *indices) {
    Tensor *weight = embedding_weight(self);
    int64_t rows = weight->shape[0], dim = weight->shape[1];
    if (indices->ndim == MAX_DIMS) {
        error_set(ERR_RUNTIME, "Strides supports at most %d dimensions, but got %d", MAX_DIMS,
                               MAX_DIMS + 1);
        return NULL;
    }
    Shape shape = tensor_shape(indices);
    shape.at[shape.len++] = dim;
    Tensor *out = tensor_empty(shape);
    if (out == NULL) return NULL;
    // Element k of the indices (in row-major order) fills row k of the
    // output seen as (numel, dim): one select and one copy_ per index.
    Tensor *table = tensor_view(out, SHAPE(tensor_numel(indices), dim));
    int64_t at[MAX_DIMS] = {0};
    int status = table != NULL ? 0 : -1;
    for (int64_t k = 0; k < tensor_numel(indices) && status == 0; k++) {
        int64_t i = row_index(indices, at, rows);
        if (i < 0) {
            status = error_set(ERR_INDEX, "index out of range in self");
            break;
        }
        Tensor *src = tensor_select(weight, 0, i), *dst = tensor_select(table, 0, k);
        status = src != NULL && dst != NULL ? tensor_copy_(dst, src) : -1;
        tensor_free(dst);
        tensor_free(src);
        index_next(indices->ndim, indices->shape, at);
    }
    tensor_free(table);
    if (status < 0) {
        tensor_free(out);
        return NULL;
    }
    return out;
}

static void embedding_extra_repr(const Module *self, Text *out) {
    const Tensor *weight = embedding_weight(self);
    text_append(out, "%lld, %lld", (long long)weight->shape[0], (long long)weight->shape[1]);
}

static const ModuleType EMBEDDING = {
    .name = "Embedding", .forward = embedding_forward, .extra_repr = embedding_extra_repr};
/* END SOLUTION */
/* STUB */

Module *nn_Embedding_from_pretrained(Tensor *weight) {
    /* BEGIN SOLUTION 7.1 */
    if (weight == NULL) return NULL;  // the call that made it failed
    if (weight->ndim != 2) {
        tensor_free(weight);  // taken over, even now
        error_set(ERR_RUNTIME, "Embeddings parameter is expected to be 2-dimensional");
        return NULL;
    }
    Module *m = module_new(&EMBEDDING, sizeof(Module));
    if (m == NULL) {
        tensor_free(weight);
        return NULL;
    }
    if (module_register_parameter(m, "weight", parameter_new(weight)) < 0) {
        module_release(m);
        return NULL;
    }
    return m;
    /* END SOLUTION */
}

/* BEGIN SOLUTION 7.2 */
static const Named *find_entry(const NamedList *list, const char *name) {
    for (int i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].name, name) == 0) return &list->items[i];
    }
    return NULL;
}

// Append a copy of `item` with a name of its own.
static int add_copy(NamedList *list, Named item) {
    item.name = strdup(item.name);
    return named_list_add(list, item);
}
/* END SOLUTION */
/* STUB */

int load_state_dict_non_strict(Module *m, const NamedList *state, NamedList *missing,
                               NamedList *unexpected) {
    /* BEGIN SOLUTION 7.2 */
    *missing = *unexpected = (NamedList){0};
    NamedList mine, fitted = {0};
    if (module_state_dict(m, &mine) < 0) return -1;
    // The strict load, on a state that fits exactly: every key of the
    // model, with state's tensor when it has one and the model's own
    // otherwise (copying a tensor onto itself changes nothing). Size
    // mismatches are then the only problems it can find, with PyTorch's
    // message, and it copies all or nothing.
    int status = 0;
    for (int i = 0; i < mine.count && status == 0; i++) {
        const Named *given = find_entry(state, mine.items[i].name);
        Named item = given != NULL ? *given : mine.items[i];
        status = add_copy(&fitted, item);
        if (status == 0 && given == NULL) status = add_copy(missing, mine.items[i]);
    }
    for (int i = 0; i < state->count && status == 0; i++) {
        if (find_entry(&mine, state->items[i].name) == NULL) {
            status = add_copy(unexpected, state->items[i]);
        }
    }
    if (status == 0) status = module_load_state_dict(m, &fitted);
    named_list_free(&fitted);
    named_list_free(&mine);
    if (status < 0) {
        named_list_free(missing);
        named_list_free(unexpected);
    }
    return status;
    /* END SOLUTION */
}
