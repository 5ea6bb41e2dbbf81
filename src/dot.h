//> dot-api
// Figures for the book, drawn by the library itself: Graphviz DOT text
// showing each tensor's logical grid above the storage it reads, with an
// arrow from every element to the storage cell it lives in. Storage cells
// have one colour each, and an element takes its cell's colour, so two
// elements sharing memory are visibly the same colour.
#ifndef STRIDES_DOT_H
#define STRIDES_DOT_H

#include "tensor.h"

// Figures stay readable only while small.
#define DOT_MAX_ELEMENTS 128

// DOT text for `count` tensors with their names (tensors sharing a storage
// point into one storage strip). The caller frees it; NULL and
// error_message() if a tensor is too large to draw.
char *tensors_to_dot(int count, const Tensor *const *tensors,
                     const char *const *names);

// For the chapters' figure programs: write the DOT text `dot` (from
// tensors_to_dot, module_to_dot, ...) to dir/name.dot and free it. A NULL
// `dot` means its maker failed: -1, keeping that maker's message. So one
// line both draws and saves: dot_save_figure(dir, "matrix", tensors_to_dot(...)).
int dot_save_figure(const char *dir, const char *name, char *dot);

#endif
//< dot-api
