// Chapter 7 exercises: a module of your own, and checkpoints that don't
// have to fit exactly. The tests are in tests/exercises/ex07.c; `make
// grade` scores them.
#ifndef STRIDES_EXERCISES_07_H
#define STRIDES_EXERCISES_07_H

#include "module.h"

//> embedding
// Exercise 7.1 (a module of your own). nn.Embedding.from_pretrained(weight):
// a lookup table of num_embeddings rows of embedding_dim numbers, the rows
// of `weight` (num_embeddings, embedding_dim). The module takes `weight`
// over (the caller must not free it, even when the call fails; NULL gives
// NULL, as parameter_new) and registers it as its parameter "weight". Its
// repr is PyTorch's, "Embedding(4, 3)". Its forward takes a tensor of
// indices of any shape and strides (whole numbers stored as floats) and
// returns a new row-major tensor of shape indices.shape + (embedding_dim,)
// whose row [i, j, ...] is row indices[i, j, ...] of the module's current
// "weight" parameter, whatever its strides. Errors: NULL, and an error of
// the kind given (the tests check the kind; PyTorch's words, for reference):
//   ERR_RUNTIME at construction, a weight that is not 2-D: "Embeddings
//     parameter is expected to be 2-dimensional"
//   ERR_INDEX in forward, an index that is not a whole number in
//     [0, num_embeddings): "index out of range in self"
Module *nn_Embedding_from_pretrained(Tensor *weight);
//< embedding

//> load-non-strict
// Exercise 7.2. model.load_state_dict(state, strict=False): copy in every
// entry of `state` whose key the model has, and list the keys that don't
// match instead of failing on them, as PyTorch's _IncompatibleKeys does:
// `missing` gets the model's entries that `state` lacks (in state_dict
// order), `unexpected` the entries of `state` that the model lacks (in
// state's order; PyTorch groups them module by module and skips keys
// below an entry, see "Loading, strictly", which the tests here don't
// need), each item a copy of the entry with a name of its own.
// The caller frees both lists with named_list_free. Returns 0, or -1 when
// memory runs out or when a shape doesn't match, which even strict=False
// refuses, with module_load_state_dict's message, e.g.
//   Error(s) in loading state_dict for Linear:
//   	size mismatch for weight: copying a param with shape torch.Size([2, 4]) from checkpoint, the shape in current model is torch.Size([3, 4]).
// After -1 nothing has been copied and both lists are empty.
int load_state_dict_non_strict(Module *m, const NamedList *state, NamedList *missing,
                               NamedList *unexpected);
//< load-non-strict

#endif
