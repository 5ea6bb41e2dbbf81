//> module-guard
// Modules: PyTorch's nn.Module as an object system in C. A module holds
// state (parameters, buffers, child modules, a training flag) and a
// pointer to its type, a table of functions that says what it computes
// and how it prints. This header is the whole object system of chapter 7.
#ifndef STRIDES_MODULE_H
#define STRIDES_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tensor.h"
#include "text.h"

typedef struct Module Module;
//< module-guard

//> module-type
// A module's type: what every Linear (or ReLU, or MLP) has in common.
// Like SQLite's sqlite3_vfs or the Linux kernel's file_operations, it is a
// struct of function pointers, one per thing the "class" can do, defined
// once as a constant and pointed at by every instance.
typedef struct ModuleType {
    // The class name, for repr and messages: "Linear".
    const char *name;
    // The computation: a new tensor the caller frees, or NULL with
    // error_message() set. NULL for a type with no forward of its own.
    Tensor *(*forward)(Module *self, const Tensor *input);
    // Appends what repr shows inside the parentheses, e.g.
    // "in_features=4, out_features=3, bias=True". NULL: nothing.
    void (*extra_repr)(const Module *self, Text *out);
    // Releases what the type's own fields hold (NULL: nothing to do).
    // The registries and the struct itself are freed by the library.
    void (*free)(Module *self);
} ModuleType;
//< module-type

//> module-parameter
// A parameter: a tensor that belongs to a model and is learned. Several
// modules may hold the same parameter (tied weights), so it counts its
// holders and the last one out frees it, like a Storage.
typedef struct Parameter {
    Tensor *data;
    int     refcount;
} Parameter;

// A new parameter holding `data`, which it takes over (the caller must not
// free it). NULL data gives NULL, so a failed constructor call inside the
// argument list just passes its failure on.
Parameter *parameter_new(Tensor *data);
Parameter *parameter_retain(Parameter *p);
void       parameter_release(Parameter *p);  // NULL is fine
//< module-parameter

//> module-struct
// An ordered map from names to values: a module's parameters, buffers
// and children each live in one. Order is registration order, the order
// in which everything is listed, saved and printed.
typedef struct Registry {
    int    count, cap;
    char **names;
    void **values;
} Registry;

struct Module {
    const ModuleType *type;
    bool     training;    // true after construction; train()/eval() set it
    int      refcount;    // owners: the creator, or the parents holding it
    Registry parameters;  // Parameter *, or NULL for an empty slot
    Registry buffers;     // Tensor *: state that is saved but not learned
    Registry children;    // Module *
};
//< module-struct

//> module-lifetime-api
// The start of every constructor: a zeroed block of `size` bytes (the
// type's own struct, which begins with a Module) with the type set, the
// training flag on and one owner. NULL if memory runs out.
Module *module_new(const ModuleType *type, size_t size);

// Take a share of a module (to put it in two places); returns `m`.
Module *module_retain(Module *m);

// Give the share back. The last owner out releases the children, the
// parameters and the buffers, calls type->free, and frees the module.
// NULL is fine.
void module_release(Module *m);
//< module-lifetime-api

//> module-register-api
// Registration, as in register_parameter, register_buffer and add_module.
// Each call *takes over* the reference it is given, even when it fails
// (CPython's "stolen reference"), so constructors can be nested without
// leaks. A NULL value means the call that made it failed: the failure is
// passed on, its message kept. A name registered again in the same
// registry is replaced in place; a name in use by another kind is an
// error. 0, or -1 with PyTorch's message.
int module_register_parameter(Module *m, const char *name, Parameter *p);
int module_register_buffer(Module *m, const char *name, Tensor *t);
int module_register_module(Module *m, const char *name, Module *child);

// register_parameter(name, None): the name is taken, but holds no
// parameter (nn.Linear registers its bias so when built without one).
// The empty slot is left out of every listing, count and state_dict;
// registering a parameter under the name fills it. 0, or -1 with
// PyTorch's message.
int module_register_empty_parameter(Module *m, const char *name);

// Lookups by name; a dotted name walks down the children, as in PyTorch's
// get_parameter("0.weight"), get_buffer and get_submodule. Borrowed (the
// module keeps its reference), or NULL with PyTorch's message.
Parameter *module_parameter(const Module *m, const char *name);
Tensor    *module_buffer(const Module *m, const char *name);
Module    *module_submodule(const Module *m, const char *name);
//< module-register-api

//> module-call-api
// Calling a module (PyTorch's __call__): runs its type's forward.
Tensor *module_call(Module *m, const Tensor *input);

// train(mode) sets the training flag of the module and, recursively, of
// every child; eval() is train(false). Both return `m`.
Module *module_train(Module *m, bool mode);
Module *module_eval(Module *m);
//< module-call-api

//> module-list-api
// Listings, PyTorch's iterators as arrays. An item has a dotted name
// ("0.weight") and what it names: for parameters the Parameter and its
// data; for buffers and state_dict entries the tensor; for modules the
// module. A list owns its names and nothing else: the items are borrowed
// from the module, valid while it is alive and unchanged.
typedef struct Named {
    char      *name;
    Parameter *param;
    Tensor    *tensor;
    Module    *module;
} Named;

typedef struct NamedList {
    int    count, cap;
    Named *items;
} NamedList;

void named_list_free(NamedList *list);

// Append an item; the list takes over item.name, which was just
// allocated (NULL means that allocation failed). 0, or -1 if memory runs
// out (and then the name is freed).
int named_list_add(NamedList *list, Named item);

// Each fills `out` (which it first empties) and returns 0, or -1 if
// memory runs out (leaving `out` empty).
// - named_parameters: pre-order (own parameters in registration order,
//   then each child's, recursively), shared parameters and modules once.
// - named_buffers: the same walk for buffers.
// - named_children: the direct children, in order.
// - named_modules: the module itself (name "") and all its descendants,
//   pre-order, each once.
int module_named_parameters(const Module *m, NamedList *out);
int module_named_buffers(const Module *m, NamedList *out);
int module_named_children(const Module *m, NamedList *out);
int module_named_modules(const Module *m, NamedList *out);

// The number of learnable numbers: sum of numel over named_parameters
// (so shared parameters count once). -1 if memory runs out.
int64_t module_parameter_count(const Module *m);

// state_dict(): what a checkpoint holds. The module's own parameters,
// then its own buffers, then each child's entries under "name.". Not
// de-duplicated: a module held in two places is listed under both names,
// so a saved model can be loaded back into the same structure. The items
// are the module's own tensors: writing into one writes the model.
int module_state_dict(const Module *m, NamedList *out);
//< module-list-api

//> module-repr-api
// The repr text, exactly PyTorch's: "Linear(in_features=4, ...)" on one
// line, or the children one per line, indented. The caller frees it.
char *module_repr(const Module *m);
int   module_print(const Module *m);  // the repr and a newline, to stdout
//< module-repr-api

//> module-end
#endif
//< module-end
