//> args-includes
// Calling a builtin: matching the arguments of a call to the builtin's
// signatures, with Python's and PyTorch's messages for every way a call
// can be wrong.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/interp.h"
#include "text.h"
//< args-includes

//> args-signatures
// A signature is a comma-separated list of parameters, each `type name`
// with an optional `=default` (None, False, True, an int or a float). The
// types:
//   Tensor    a tensor
//   int       an int (not a bool, as in PyTorch)
//   int?      an int or None
//   float     any number (PyTorch's "Number")
//   bool      True or False
//   int[]     a tuple, list or torch.Size of ints
//   int[1]    the same, or a single int: sum(0) and sum((0, 1))
//   int...    a tuple of ints, or the rest of the positional ints: view(2, 3)
//   object    anything (tensor()'s data)
//   Module    a module (nn.Dropout): the `self` of a module's methods
// For a method, the first parameter is the tensor (or module) before the
// dot; messages leave it out, as Python does.
typedef enum ParamType {
    P_TENSOR, P_INT, P_OPTIONAL_INT, P_FLOAT, P_BOOL,
    P_INTS, P_INTS1, P_VARARGS, P_OBJECT, P_MODULE,
} ParamType;

typedef struct Param {
    ParamType type;
    char      name[24];
    bool      has_default;
    Value     fallback;  // the default
} Param;

typedef struct Signature {
    Param params[MAX_PARAMS];
    int   count;
} Signature;

static const struct {
    const char *spelling, *shown;  // as written in signatures, as shown in messages
    ParamType   type;
} param_types[] = {
    {"Tensor", "Tensor", P_TENSOR},     {"int?", "int", P_OPTIONAL_INT},
    {"int[]", "tuple of ints", P_INTS}, {"int[1]", "tuple of ints", P_INTS1},
    {"int...", "tuple of ints", P_VARARGS},
    {"int", "int", P_INT},              {"float", "Number", P_FLOAT},
    {"bool", "bool", P_BOOL},           {"object", "object", P_OBJECT},
    {"Module", "Module", P_MODULE},
};
enum { NPARAM_TYPES = sizeof param_types / sizeof param_types[0] };

static Value parse_default(const char *p) {
    if (strncmp(p, "None", 4) == 0) return (Value){.kind = VALUE_NONE};
    if (strncmp(p, "False", 5) == 0) return (Value){.kind = VALUE_BOOL};
    if (strncmp(p, "True", 4) == 0) return (Value){.kind = VALUE_BOOL, .bool_value = true};
    if (p[strcspn(p, ".,")] == '.') {  // p=0.5
        return (Value){.kind = VALUE_FLOAT, .float_value = strtod(p, NULL)};
    }
    return (Value){.kind = VALUE_INT, .int_value = strtoll(p, NULL, 10)};
}

// The signatures are constants of builtins.c, so a malformed one is a bug
// there (which the tests would show), never a user's error.
static Signature parse_signature(const char *text) {
    Signature sig = {0};
    for (const char *p = text; *p && sig.count < MAX_PARAMS;) {
        Param *param = &sig.params[sig.count++];
        for (int i = 0; i < NPARAM_TYPES; i++) {
            size_t n = strlen(param_types[i].spelling);
            if (strncmp(p, param_types[i].spelling, n) == 0 && p[n] == ' ') {
                param->type = param_types[i].type;
                p += n + 1;
                break;
            }
        }
        size_t n = strcspn(p, "=,");
        snprintf(param->name, sizeof param->name, "%.*s", (int)n, p);
        p += n;
        if (*p == '=') {
            param->has_default = true;
            param->fallback = parse_default(++p);
            p += strcspn(p, ",");
        }
        while (*p == ',' || *p == ' ') p++;
    }
    return sig;
}

static const char *shown_type(ParamType type) {
    for (int i = 0; i < NPARAM_TYPES; i++) {
        if (param_types[i].type == type) return param_types[i].shown;
    }
    return "object";
}
//< args-signatures

//> args-matching
// Does a value fit a parameter's type? For the int lists, also collect the
// ints. On a mismatch, `why` says what PyTorch would say (or is left
// empty, for the caller's general message).
typedef struct Why {
    char text[512];
} Why;

// `count` values that must all be ints, into an IntList that keeps the
// true count even past MAX_DIMS (the library then refuses it).
static bool collect_ints(const Value *values, int count, IntList *ints, const char *fn,
                         const char *param, Why *why) {
    int64_t kept[MAX_DIMS];
    for (int i = 0; i < count; i++) {
        if (values[i].kind != VALUE_INT) {
            snprintf(why->text, sizeof why->text, "%s(): argument '%s' must be tuple of "
                     "ints, but found element of type %s at pos %d", fn, param,
                     value_type_name(&values[i]), i + 1);
            return false;
        }
        if (i < MAX_DIMS) kept[i] = values[i].int_value;
    }
    *ints = intlist_of(kept, (size_t)(count < MAX_DIMS ? count : MAX_DIMS));
    ints->len = count;
    return true;
}

static bool fits(const Param *param, const Value *v, IntList *ints, const char *fn,
                 Why *why) {
    switch (param->type) {
    case P_TENSOR: return v->kind == VALUE_TENSOR;
    case P_INT: return v->kind == VALUE_INT;
    case P_OPTIONAL_INT: return v->kind == VALUE_INT || v->kind == VALUE_NONE;
    case P_FLOAT: return is_number(v);
    case P_BOOL: return v->kind == VALUE_BOOL;
    case P_OBJECT: return true;
    case P_MODULE: return v->kind == VALUE_MODULE;
    case P_INTS: case P_INTS1: case P_VARARGS:
        if (v->kind == VALUE_INT && param->type != P_INTS) {
            *ints = intlist_of(&v->int_value, 1);
            return true;
        }
        return is_sequence(v) && collect_ints(v->items, v->count, ints, fn, param->name, why);
    }
    return false;
}
//< args-matching

//> args-bind
// Match the call's arguments to one signature, as Python would: the
// positional ones in order (for a method, the tensor before the dot
// first), then keywords by name, then defaults.
static const Value *positional(const CallArgs *call, int i) {
    if (call->self) return i == 0 ? call->self : &call->positional[i - 1];
    return &call->positional[i];
}

static int keyword_index(const CallArgs *call, const char *name) {
    for (int k = 0; k < call->nkeywords; k++) {
        if (strcmp(call->names[k], name) == 0) return k;
    }
    return -1;
}

static void missing(const Signature *sig, int first, const CallArgs *call, Why *why) {
    int count = 0, len = snprintf(why->text, sizeof why->text, "%s() missing ", call->name);
    char names[256] = "";
    for (int j = first, n = 0; j < sig->count; j++) {
        const Param *p = &sig->params[j];
        if (p->has_default || keyword_index(call, p->name) >= 0) continue;
        count++;
        n += snprintf(names + n, sizeof names - (size_t)n, "%s\"%s\"", n ? ", " : "", p->name);
        if (n >= (int)sizeof names) n = (int)sizeof names - 1;
    }
    // PyTorch says "arguments" even for one.
    snprintf(why->text + len, sizeof why->text - (size_t)len,
             "%d required positional arguments: %s", count, names);
}

static bool bind(Bound *b, const Signature *sig, Why *why) {
    const CallArgs *call = b->call;
    const char *fn = call->name;
    int hidden = call->self ? 1 : 0;  // the tensor before the dot
    int given = call->npositional + hidden, next = 0;
    int used = 0;  // keywords matched
    for (int i = 0; i < sig->count; i++) {
        const Param *p = &sig->params[i];
        int k = keyword_index(call, p->name);
        const Value *v;
        if (p->type == P_VARARGS && next >= hidden && next < given &&
            !(given - next == 1 && is_sequence(positional(call, next)))) {
            // view(2, 3): the rest of the positional arguments are the list,
            // and the argument is a tuple of them (which borrows them).
            const Value *rest = positional(call, next);
            if (!collect_ints(rest, given - next, &b->ints[i], fn, p->name, why)) {
                return false;
            }
            b->fallback[i] = (Value){.kind = VALUE_TUPLE, .items = (Value *)rest,
                                     .count = given - next};
            b->arg[i] = &b->fallback[i];
            next = given;
            continue;
        }
        if (next < given) {
            v = positional(call, next++);
            if (k >= 0) {
                snprintf(why->text, sizeof why->text, "%s() got multiple values for "
                         "argument '%s'", fn, p->name);
                return false;
            }
        } else if (k >= 0) {
            v = &call->keywords[k];
            used++;
        } else if (p->has_default) {
            b->fallback[i] = p->fallback;  // a number, a bool or None: a plain copy
            b->arg[i] = &b->fallback[i];
            continue;
        } else {
            missing(sig, i, call, why);
            return false;
        }
        if (!fits(p, v, &b->ints[i], fn, why)) {
            if (why->text[0] == '\0' && k >= 0 && v == &call->keywords[k]) {
                snprintf(why->text, sizeof why->text, "%s(): argument '%s' must be %s, "
                         "not %s", fn, p->name, shown_type(p->type), value_type_name(v));
            } else if (why->text[0] == '\0') {
                snprintf(why->text, sizeof why->text, "%s(): argument '%s' (position %d) "
                         "must be %s, not %s", fn, p->name, i - hidden + 1,
                         shown_type(p->type), value_type_name(v));
            }
            return false;
        }
        b->arg[i] = v;
    }
    if (next < given) {
        int takes = sig->count - hidden;
        snprintf(why->text, sizeof why->text, "%s() takes %d positional argument%s but "
                 "%d %s given", fn, takes, takes == 1 ? "" : "s", given - hidden,
                 given - hidden == 1 ? "was" : "were");
        return false;
    }
    for (int k = 0; used < call->nkeywords && k < call->nkeywords; k++) {
        bool known = false;
        for (int i = 0; i < sig->count; i++) {
            known = known || strcmp(sig->params[i].name, call->names[k]) == 0;
        }
        if (!known) {
            snprintf(why->text, sizeof why->text, "%s() got an unexpected keyword "
                     "argument '%s'", fn, call->names[k]);
            return false;
        }
    }
    b->count = sig->count;
    return true;
}
//< args-bind

//> args-overloads
// A builtin with several signatures (sum() and sum(dim, keepdim)) takes
// the first that fits. When none does, a builtin with one signature says
// exactly what was wrong; one with several lists them, as PyTorch does:
//   sum() received an invalid combination of arguments - got (float), but
//   expected one of:
//    * ()
//    * (tuple of ints dim, bool keepdim)
static void invalid_combination(const CallArgs *call, const Signature *sigs, int nsigs,
                                Why *why) {
    Text t = {0};
    text_append(&t, "%s() received an invalid combination of arguments - got (", call->name);
    for (int i = 0; i < call->npositional; i++) {
        text_append(&t, "%s%s", i ? ", " : "", value_type_name(&call->positional[i]));
    }
    for (int k = 0; k < call->nkeywords; k++) {
        text_append(&t, "%s%s=%s", k || call->npositional ? ", " : "", call->names[k],
                    value_type_name(&call->keywords[k]));
    }
    text_append(&t, "), but expected one of:");
    int hidden = call->self ? 1 : 0;
    for (int v = 0; v < nsigs; v++) {
        text_append(&t, "\n * (");
        for (int i = hidden; i < sigs[v].count; i++) {
            const Param *p = &sigs[v].params[i];
            text_append(&t, "%s%s %s", i > hidden ? ", " : "", shown_type(p->type), p->name);
        }
        text_append(&t, ")");
    }
    char *message = text_take(&t);
    snprintf(why->text, sizeof why->text, "%s", message ? message : "invalid arguments");
    free(message);
}

int bind_arguments(Session *s, const CallArgs *call, const char *const *signatures,
                   Bound *b) {
    Signature sigs[MAX_SIGNATURES];
    int nsigs = 0;
    while (nsigs < MAX_SIGNATURES && signatures[nsigs]) {
        sigs[nsigs] = parse_signature(signatures[nsigs]);
        nsigs++;
    }
    Why why = {""};
    for (int v = 0; v < nsigs; v++) {
        why.text[0] = '\0';
        *b = (Bound){.call = call, .variant = v};
        if (bind(b, &sigs[v], &why)) return 0;
    }
    if (nsigs > 1) invalid_combination(call, sigs, nsigs, &why);
    return raise_error(s, EXC_TYPE, -1, "%s", why.text);
}
//< args-overloads
