//> dot-palette
#include "dot.h"

#include <stdio.h>

#include "error.h"
#include "text.h"

// Pale colours, so black text stays readable; storage element k gets
// palette[k % 12], and every element stored there wears the same colour.
static const char *const palette[] = {
    "#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc",
    "#e5d8bd", "#fddaec", "#f2f2f2", "#b3e2cd", "#fdcdac", "#cbd5e8",
};
enum { PALETTE_SIZE = sizeof palette / sizeof palette[0] };

// Names are user text (an expression, say) inside an HTML-like label.
static void append_escaped(Text *out, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '<': text_append(out, "&lt;"); break;
        case '>': text_append(out, "&gt;"); break;
        case '&': text_append(out, "&amp;"); break;
        case '"': text_append(out, "&quot;"); break;
        default: text_append(out, "%c", *s);
        }
    }
}
//< dot-palette

//> dot-grid
// One table for the tensor: a caption row with its metadata, then its
// elements as a grid. The last dimension runs across, the one before it
// down; higher dimensions become a stack of such grids, each headed by
// the index that selects it, like PyTorch's printout.
static void append_grid(Text *out, const Tensor *t, int id, const char *name) {
    int64_t cols = t->ndim >= 1 ? t->shape[t->ndim - 1] : 1;
    int64_t rows = t->ndim >= 2 ? t->shape[t->ndim - 2] : 1;
    int64_t blocks = tensor_numel(t) / (rows * cols > 0 ? rows * cols : 1);
    int64_t span = cols > 0 ? cols : 1;

    text_append(out, "  t%d [label=<<table border=\"0\" cellborder=\"1\" "
                "cellspacing=\"0\" cellpadding=\"6\">\n", id);
    text_append(out, "    <tr><td border=\"0\" colspan=\"%lld\"><b>",
                (long long)span);
    append_escaped(out, name);
    text_append(out, "</b> shape %s stride %s offset %lld</td></tr>\n",
                tuple_text(t->ndim, t->shape).s,
                tuple_text(t->ndim, t->stride).s, (long long)t->offset);

    int64_t index[MAX_DIMS] = {0}, flat = 0;
    for (int64_t b = 0; b < blocks; b++) {
        if (t->ndim > 2) {  // "[1, :, :]" above each 2-D block
            Text head = {0};
            for (int d = 0; d < t->ndim - 2; d++) {
                text_append(&head, "%lld, ", (long long)index[d]);
            }
            text_append(out, "    <tr><td border=\"0\" colspan=\"%lld\">"
                        "[%s:, :]</td></tr>\n", (long long)span,
                        head.s ? head.s : "");
            text_free(&head);
        }
        for (int64_t r = 0; r < rows; r++) {
            text_append(out, "    <tr>");
            for (int64_t c = 0; c < cols; c++, flat++) {
                if (t->ndim >= 2) index[t->ndim - 2] = r;
                if (t->ndim >= 1) index[t->ndim - 1] = c;
                int64_t at = tensor_storage_index(t, index);
                text_append(out, "<td port=\"e%lld\" bgcolor=\"%s\">%g</td>",
                            (long long)flat, palette[at % PALETTE_SIZE],
                            (double)t->storage->data[at]);
            }
            text_append(out, "</tr>\n");
        }
        // On to the next block: step the leading dimensions only.
        if (t->ndim > 2) next_index(t->ndim - 2, t->shape, index);
    }
    text_append(out, "  </table>>];\n");
}
//< dot-grid

//> dot-storage
// The storage strip: every element of the buffer in a row, numbered.
static void append_storage(Text *out, const Storage *s, int id) {
    text_append(out, "  s%d [label=<<table border=\"0\" cellborder=\"1\" "
                "cellspacing=\"0\" cellpadding=\"6\">\n    <tr>", id);
    for (int64_t k = 0; k < s->size; k++) {
        text_append(out, "<td port=\"e%lld\" bgcolor=\"%s\">%g<br/>"
                    "<font point-size=\"9\" color=\"#555555\">%lld</font></td>",
                    (long long)k, palette[k % PALETTE_SIZE], (double)s->data[k],
                    (long long)k);
    }
    text_append(out, "</tr>\n    <tr><td border=\"0\" colspan=\"%lld\" "
                "align=\"left\">storage (%lld elements)</td></tr>\n  </table>>];\n",
                (long long)(s->size > 0 ? s->size : 1), (long long)s->size);
}
//< dot-storage

//> dot-figure
// Tensors that share a storage share its strip: the strip's id is the
// index of the first tensor using that storage.
static int storage_id(const Tensor *const *tensors, int i) {
    for (int j = 0; j < i; j++) {
        if (tensors[j]->storage == tensors[i]->storage) return j;
    }
    return i;
}

char *tensors_to_dot(int count, const Tensor *const *tensors,
                     const char *const *names) {
    for (int i = 0; i < count; i++) {
        if (tensor_numel(tensors[i]) > DOT_MAX_ELEMENTS ||
            tensors[i]->storage->size > DOT_MAX_ELEMENTS) {
            set_error("tensors_to_dot: '%s' is too large to draw (figures "
                      "hold at most %d elements)", names[i], DOT_MAX_ELEMENTS);
            return NULL;
        }
    }
    Text out = {0};
    text_append(&out, "digraph strides {\n  node [shape=plaintext, "
                "fontname=\"DejaVu Sans Mono\", fontsize=12];\n"
                "  edge [arrowsize=0.5, color=\"#00000066\"];\n"
                "  nodesep=0.4; ranksep=0.9;\n");
    for (int i = 0; i < count; i++) {
        append_grid(&out, tensors[i], i, names[i]);
        if (storage_id(tensors, i) == i) append_storage(&out, tensors[i]->storage, i);
    }
    // One arrow per element, from its grid cell down to its storage cell.
    for (int i = 0; i < count; i++) {
        const Tensor *t = tensors[i];
        int64_t index[MAX_DIMS] = {0};
        for (int64_t flat = 0; flat < tensor_numel(t); flat++) {
            text_append(&out, "  t%d:e%lld:s -> s%d:e%lld:n;\n", i,
                        (long long)flat, storage_id(tensors, i),
                        (long long)tensor_storage_index(t, index));
            next_index(t->ndim, t->shape, index);
        }
    }
    text_append(&out, "}\n");
    return text_take(&out);
}
//< dot-figure
