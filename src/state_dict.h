//> state-dict-api
// Checkpoints: putting a model's state_dict into another model, or into a
// file and back. torch.save and load_state_dict, in C.
#ifndef STRIDES_STATE_DICT_H
#define STRIDES_STATE_DICT_H

#include "module.h"

// model.load_state_dict(state): `state` must hold every key of the
// model's state_dict, each with the model's shape, and no key that the
// model does not claim (a key below one of its entries, "weight.x", is
// claimed and ignored, as PyTorch ignores it); then every value is
// copied into the model. Otherwise nothing is copied, and the error is
// PyTorch's, listing every problem:
//
//   Error(s) in loading state_dict for Linear:
//   	Missing key(s) in state_dict: "bias".
//   	size mismatch for weight: copying a param with shape ...
//
// (PyTorch itself copies the entries that do fit before it raises; here
// a failed load leaves the model exactly as it was.)
int module_load_state_dict(Module *m, const NamedList *state);

// Save the state_dict to a file, or load one from a file into a model.
// 0, or -1 with a message naming the file. The format, little-endian
// throughout:
//
//   "STRIDES1"                  8 bytes: what the file is, and version 1
//   count                       u32: the number of entries
//   then count times:
//     name length, name         u32, and that many bytes (no NUL)
//     ndim, sizes               u32 (at most 8), and ndim i64
//     values                    numel f32, in row-major order
//
// and nothing after the last entry. A file that is not in this format,
// is cut short, or has extra bytes is refused with a message saying
// which, and nothing is loaded.
int state_dict_save(const Module *m, const char *path);
int state_dict_load(Module *m, const char *path);

#endif
//< state-dict-api
