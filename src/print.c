//> print-options
#include "print.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

// PyTorch's default print options (torch.set_printoptions).
enum {
    PRECISION = 4,    // digits after the decimal point
    THRESHOLD = 1000, // more elements than this are summarised...
    EDGE_ITEMS = 3,   // ...showing this many at each end of each dimension
    LINE_WIDTH = 80,  // 1-D rows wrap to fit this many columns
};
//< print-options

//> print-shown
// Which elements get printed: all of them, unless the tensor is
// summarised; then a dimension longer than 2 * EDGE_ITEMS shows only its
// first and last EDGE_ITEMS entries. `visit` is called on each shown
// element in row-major order.
typedef void (*Visit)(float value, void *context);

static bool is_cut(int64_t size, bool summarize) {
    return summarize && size > 2 * EDGE_ITEMS;
}

static void visit_shown(const Tensor *t, int dim, int64_t at, bool summarize,
                        Visit visit, void *context) {
    if (dim == t->ndim) {
        visit(t->storage->data[at], context);
        return;
    }
    int64_t size = t->shape[dim];
    for (int64_t i = 0; i < size; i++) {
        if (is_cut(size, summarize) && i == EDGE_ITEMS) i = size - EDGE_ITEMS;
        visit_shown(t, dim + 1, at + i * t->stride[dim], summarize, visit, context);
    }
}
//< print-shown

//> print-formatter
// One format for every element, chosen by looking at the finite,
// non-zero values that will be shown (PyTorch's _Formatter):
//   all whole numbers -> "3."          (int mode)
//   otherwise         -> "3.1416"      (4 decimals)
//   a wide range of magnitudes, or very large or tiny values, switch
//   either of those to scientific: "3.1416e+00".
// Every element is then right-aligned to the widest one.
typedef struct Formatter {
    bool   int_mode, sci_mode;
    bool   seen;       // any finite non-zero value at all?
    double min, max;   // smallest and largest magnitude among them
    int    width;
} Formatter;

static int format_plain(const Formatter *f, double v, char *buf, size_t size) {
    if (isnan(v)) return snprintf(buf, size, "nan");
    if (isinf(v)) return snprintf(buf, size, v > 0 ? "inf" : "-inf");
    if (f->sci_mode) return snprintf(buf, size, "%.*e", PRECISION, v);
    if (f->int_mode) return snprintf(buf, size, "%.0f.", v);
    return snprintf(buf, size, "%.*f", PRECISION, v);
}

static void observe(float value, void *context) {
    Formatter *f = context;
    if (!isfinite(value) || value == 0) return;
    double magnitude = fabs((double)value);
    if (value != ceilf(value)) f->int_mode = false;
    f->min = f->seen ? fmin(f->min, magnitude) : magnitude;
    f->max = f->seen ? fmax(f->max, magnitude) : magnitude;
    f->seen = true;
}

static void measure(float value, void *context) {
    Formatter *f = context;
    char buf[64];
    if (!isfinite(value) || value == 0) return;
    int len = format_plain(f, value, buf, sizeof buf);
    if (len > f->width) f->width = len;
}

static Formatter make_formatter(const Tensor *t, bool summarize) {
    Formatter f = {.int_mode = true, .width = 1};
    visit_shown(t, 0, t->offset, summarize, observe, &f);
    if (!f.seen) return f;  // only zeros, nan and inf: "0.", "nan", "inf"
    bool wide_range = f.max / f.min > 1000.0 || f.max > 1.0e8;
    f.sci_mode = f.int_mode ? wide_range : wide_range || f.min < 1.0e-4;
    visit_shown(t, 0, t->offset, summarize, measure, &f);
    return f;
}
//< print-formatter

//> print-vector
static void append_value(Text *out, const Formatter *f, float value) {
    char buf[64];
    int len = format_plain(f, value, buf, sizeof buf);
    text_repeat(out, ' ', f->width - len);
    text_append(out, "%s", buf);
}

// The innermost dimension: as many elements per line as fit in
// LINE_WIDTH after the indentation, each taking width + 2 columns (", ").
static void append_vector(Text *out, const Tensor *t, const Formatter *f,
                          int64_t at, int indent, bool summarize) {
    int64_t size = t->shape[t->ndim - 1], stride = t->stride[t->ndim - 1];
    int per_line = (LINE_WIDTH - indent) / (f->width + 2);
    if (per_line < 1) per_line = 1;

    text_append(out, "[");
    int item = 0;  // items written so far, " ..." counts as one
    for (int64_t i = 0; i < size; i++, item++) {
        if (item > 0 && item % per_line == 0) {
            text_append(out, ",\n");
            text_repeat(out, ' ', indent + 1);
        } else if (item > 0) {
            text_append(out, ", ");
        }
        if (is_cut(size, summarize) && i == EDGE_ITEMS) {
            text_append(out, " ...");
            i = size - EDGE_ITEMS - 1;
            continue;
        }
        append_value(out, f, t->storage->data[at + i * stride]);
    }
    text_append(out, "]");
}
//< print-vector

//> print-nested
// An outer dimension: its slices one below the other, separated by one
// blank line per extra level of depth (so 3-D blocks stand apart).
static void append_dims(Text *out, const Tensor *t, const Formatter *f, int dim,
                        int64_t at, int indent, bool summarize) {
    if (dim == t->ndim - 1) {
        append_vector(out, t, f, at, indent, summarize);
        return;
    }
    int64_t size = t->shape[dim];
    text_append(out, "[");
    for (int64_t i = 0; i < size; i++) {
        if (i > 0) {
            text_append(out, ",");
            text_repeat(out, '\n', t->ndim - dim - 1);
            text_repeat(out, ' ', indent + 1);
        }
        if (is_cut(size, summarize) && i == EDGE_ITEMS) {
            text_append(out, "...");
            i = size - EDGE_ITEMS - 1;
            continue;
        }
        append_dims(out, t, f, dim + 1, at + i * t->stride[dim], indent + 1,
                    summarize);
    }
    text_append(out, "]");
}
//< print-nested

//> print-repr
// An empty tensor prints "[]" and, unless it is 1-D, its size as a
// Python tuple. The suffix moves to its own line if it would pass
// column 80 (PyTorch's _add_suffixes).
static void append_empty(Text *out, const Tensor *t, int indent) {
    text_append(out, "[]");
    if (t->ndim == 1) return;
    IntsText size = tuple_text(t->ndim, t->shape);
    int suffix_len = (int)strlen("size=") + (int)strlen(size.s);
    if ((int)out->len + 2 + suffix_len + 2 > LINE_WIDTH) {
        text_append(out, ",\n");
        text_repeat(out, ' ', indent);
    } else {
        text_append(out, ", ");
    }
    text_append(out, "size=%s", size.s);
}

char *tensor_repr(const Tensor *t) {
    static const char prefix[] = "tensor(";
    int indent = (int)strlen(prefix);
    Text out = {0};
    text_append(&out, "%s", prefix);

    int64_t numel = tensor_numel(t);
    bool summarize = numel > THRESHOLD;
    if (numel == 0) {
        append_empty(&out, t, indent);
    } else {
        Formatter f = make_formatter(t, summarize);
        if (t->ndim == 0) {
            append_value(&out, &f, t->storage->data[t->offset]);
        } else {
            append_dims(&out, t, &f, 0, t->offset, indent, summarize);
        }
    }
    text_append(&out, ")");
    return text_take(&out);
}

int tensor_print(const Tensor *t) {
    char *repr = tensor_repr(t);
    if (repr == NULL) return -1;
    printf("%s\n", repr);
    free(repr);
    return 0;
}
//< print-repr
