//> module-dot-api
// A figure of a model: the module tree as Graphviz DOT, one box per
// module with its type, its settings and its parameters (name, shape,
// count), and an arrow to each child labelled with the child's name.
#ifndef STRIDES_MODULE_DOT_H
#define STRIDES_MODULE_DOT_H

#include "module.h"

// The DOT text (the caller frees it), or NULL if memory runs out. A module
// held in two places is drawn once, with two arrows into it; a module in
// eval mode says so.
char *module_to_dot(const Module *m);

#endif
//< module-dot-api
