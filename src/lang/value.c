//> value-includes
// Values: freeing them, and writing them out, as Python's repr() for the
// REPL and as JSON for tools.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "print.h"
#include "pyfloat.h"
#include "text.h"
#include "view.h"
//< value-includes

//> value-free
void value_free(Value *v) {
    if (v == NULL) return;
    if (v->kind == VALUE_TENSOR) {
        tensor_free(v->tensor);
    } else if (v->kind == VALUE_TUPLE || v->kind == VALUE_LIST || v->kind == VALUE_SIZE) {
        for (int i = 0; i < v->count; i++) value_free(&v->items[i]);
        free(v->items);
    } else if (v->kind == VALUE_MODULE) {
        module_release(v->module);
    }
    *v = (Value){.kind = VALUE_NONE};
}
//< value-free

//> value-repr
// repr() as Python would print it. Tuples show one item with a trailing
// comma, "(3,)"; a named tuple shows its fields one per line, as PyTorch's
// torch.return_types do; a tensor and a module are the library's text.
static void append_text(Text *out, char *text) {  // takes `text` over
    if (text == NULL) out->failed = true;
    else text_append(out, "%s", text);
    free(text);
}

// The cap on an answer (lang.h's LANG_MAX_ANSWER): checked after each
// item of a list, so a long list stops early instead of filling memory.
// (A tensor's repr is short whatever its size: PyTorch's summary.)
static bool too_long(Text *out) {
    if (out->failed || out->len <= LANG_MAX_ANSWER) return out->failed;
    out->failed = true;
    error_set(ERR_RUNTIME, "answer too long: more than %d characters (ask for part of it, as in "
                           "x[:10])", LANG_MAX_ANSWER);
    return true;
}

static void append_repr(Text *out, const Value *v) {
    switch (v->kind) {
    case VALUE_NONE: text_append(out, "None"); return;
    case VALUE_INT: text_append(out, "%lld", (long long)v->int_value); return;
    case VALUE_FLOAT: text_append(out, "%s", pyfloat_repr(v->float_value).s); return;
    case VALUE_BOOL: text_append(out, v->bool_value ? "True" : "False"); return;
    case VALUE_TENSOR: append_text(out, tensor_repr(v->tensor)); return;
    case VALUE_MODULE: append_text(out, module_repr(v->module)); return;
    case VALUE_TUPLE: case VALUE_LIST: case VALUE_SIZE:
        break;
    }
    const char *open = v->kind == VALUE_LIST   ? "["
                       : v->kind == VALUE_SIZE ? "torch.Size(["
                                               : "(";
    const char *close = v->kind == VALUE_LIST ? "]" : v->kind == VALUE_SIZE ? "])" : ")";
    if (v->type_name) text_append(out, "%s(\n", v->type_name);
    else text_append(out, "%s", open);
    for (int i = 0; i < v->count && !too_long(out); i++) {
        if (i > 0) text_append(out, v->type_name ? ",\n" : ", ");
        if (v->type_name) text_append(out, "%s=", v->field_names[i]);
        append_repr(out, &v->items[i]);
    }
    if (v->type_name) text_append(out, ")");
    else text_append(out, "%s", v->kind == VALUE_TUPLE && v->count == 1 ? ",)" : close);
}

char *value_repr(const Value *v) {
    Text out = {0};
    append_repr(&out, v);
    too_long(&out);
    return text_take(&out);
}
//< value-repr

//> value-json-numbers
// JSON numbers. A float32 element in its shortest round-trip form ("0.1",
// "3", "1e+20"; JSON accepts all of them); nan and the infinities, which
// JSON has no spelling for, as strings.
static void append_json_number(Text *out, double v, bool single) {
    if (isnan(v)) {
        text_append(out, "\"nan\"");
    } else if (isinf(v)) {
        text_append(out, v > 0 ? "\"inf\"" : "\"-inf\"");
    } else if (v == rint(v) && fabs(v) < (single ? 0x1p24 : 0x1p53)) {
        // Whole numbers, the common case, fast. Below 2^24 (2^53 for a
        // double) every whole number is exact, so no shorter text is the
        // same number: "16777215", not "1.6777215e+07".
        text_append(out, "%.0f", v);
    } else {
        char buf[40];
        int digits = pyfloat_shortest_digits(v, single, buf, sizeof buf);
        text_append(out, "%.*g", digits, v);
    }
}

// A JSON string: quotes, backslashes and control characters escaped.
static void append_json_string(Text *out, const char *s) {
    text_append(out, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') text_append(out, "\\%c", c);
        else if (c == '\n') text_append(out, "\\n");
        else if (c < 0x20) text_append(out, "\\u%04x", c);
        else text_append(out, "%c", c);
    }
    text_append(out, "\"");
}

static void append_json_ints(Text *out, int n, const int64_t *values) {
    text_append(out, "[");
    for (int i = 0; i < n; i++) {
        text_append(out, "%s%lld", i ? "," : "", (long long)values[i]);
    }
    text_append(out, "]");
}
//< value-json-numbers

//> value-json
// A tensor as its metadata and its elements in row-major order, walked
// with chapter 2's odometer whatever the strides. A tensor may be huge
// and still cheap (ones(1).expand(2**28) is one float in memory), but its
// elements as JSON would not be: beyond LANG_JSON_MAX_ELEMENTS of them,
// the answer says how many there are and that they were left out, in the
// time it takes to say so.
static void append_json_tensor(Text *out, const Tensor *t) {
    text_append(out, "{\"shape\":");
    append_json_ints(out, t->ndim, t->shape);
    text_append(out, ",\"stride\":");
    append_json_ints(out, t->ndim, t->stride);
    text_append(out, ",\"offset\":%lld,\"contiguous\":%s,", (long long)t->offset,
                tensor_is_contiguous(t) ? "true" : "false");
    int64_t index[MAX_DIMS] = {0}, numel = tensor_numel(t);
    if (numel > LANG_JSON_MAX_ELEMENTS) {
        text_append(out, "\"numel\":%lld,\"data_omitted\":true}", (long long)numel);
        return;
    }
    text_append(out, "\"data\":[");
    for (int64_t n = 0; n < numel && !out->failed; n++) {
        if (n > 0) text_append(out, ",");
        append_json_number(out, t->storage->data[tensor_storage_index(t, index)], true);
        index_next(t->ndim, t->shape, index);
    }
    text_append(out, "]}");
}

static void append_json(Text *out, const Value *v) {
    switch (v->kind) {
    case VALUE_NONE: text_append(out, "null"); return;
    case VALUE_TENSOR: append_json_tensor(out, v->tensor); return;
    case VALUE_INT: text_append(out, "%lld", (long long)v->int_value); return;
    case VALUE_FLOAT: append_json_number(out, v->float_value, false); return;
    case VALUE_BOOL: text_append(out, v->bool_value ? "true" : "false"); return;
    case VALUE_MODULE: {  // its repr and its mode
        char *repr = module_repr(v->module);
        if (repr == NULL) {
            out->failed = true;
            return;
        }
        text_append(out, "{\"module\":");
        append_json_string(out, repr);
        text_append(out, ",\"training\":%s}", v->module->training ? "true" : "false");
        free(repr);
        return;
    }
    case VALUE_TUPLE: case VALUE_LIST: case VALUE_SIZE:
        break;
    }
    // A named tuple is an object of its fields; other sequences arrays.
    text_append(out, v->type_name ? "{" : "[");
    for (int i = 0; i < v->count && !too_long(out); i++) {
        if (i > 0) text_append(out, ",");
        if (v->type_name) text_append(out, "\"%s\":", v->field_names[i]);
        append_json(out, &v->items[i]);
    }
    text_append(out, v->type_name ? "}" : "]");
}

char *value_to_json(const Value *v) {
    Text out = {0};
    if (v->kind == VALUE_TENSOR) {
        append_json_tensor(&out, v->tensor);
    } else if (v->kind == VALUE_NONE) {
        text_append(&out, "{\"ok\":true}");
    } else {
        text_append(&out, "{\"value\":");
        append_json(&out, v);
        text_append(&out, "}");
    }
    too_long(&out);
    return text_take(&out);
}
//< value-json

//> value-copy
const char *value_type_name(const Value *v) {
    switch (v->kind) {
    case VALUE_NONE: return "NoneType";
    case VALUE_TENSOR: return "Tensor";
    case VALUE_INT: return "int";
    case VALUE_FLOAT: return "float";
    case VALUE_BOOL: return "bool";
    case VALUE_TUPLE: return v->type_name ? v->type_name : "tuple";
    case VALUE_LIST: return "list";
    case VALUE_SIZE: return "torch.Size";
    case VALUE_MODULE: return v->module->type->name;  // "Dropout", as Python says
    }
    return "object";
}

int value_copy(Value *out, const Value *v) {
    *out = *v;
    if (v->kind == VALUE_TENSOR) {
        out->tensor = tensor_alias(v->tensor);
        if (out->tensor == NULL) return -1;
    } else if (v->kind == VALUE_MODULE) {
        module_retain(v->module);  // the same module, as in Python
    } else if (v->kind == VALUE_TUPLE || v->kind == VALUE_LIST || v->kind == VALUE_SIZE) {
        out->items = calloc((size_t)(v->count ? v->count : 1), sizeof *out->items);
        out->count = 0;
        if (out->items == NULL) {
            return error_set_alloc((int64_t)v->count * (int64_t)sizeof *out->items);
        }
        for (int i = 0; i < v->count; i++) {
            if (value_copy(&out->items[i], &v->items[i]) < 0) {
                value_free(out);
                return -1;
            }
            out->count++;
        }
    }
    return 0;
}
//< value-copy
