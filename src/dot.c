//> dot-palette
#include "dot.h"

#include <stdio.h>
#include <stdlib.h>

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
// One node per tensor: a caption with its metadata above a grid of its
// elements. The last dimension runs across, the one before it down;
// higher dimensions become a stack of such grids, each headed by the
// index that selects it, like PyTorch's printout. Cells have a fixed size
// (and so does the grid), so a long caption can't stretch the grid.
enum { CELL_WIDTH = 40, CELL_HEIGHT = 24, CHAR_WIDTH = 8 };

static void append_grid(Text *out, const Tensor *t, int id, const char *name) {
    int64_t cols = t->ndim >= 1 ? t->shape[t->ndim - 1] : 1;
    int64_t rows = t->ndim >= 2 ? t->shape[t->ndim - 2] : 1;
    int64_t blocks = tensor_numel(t) / (rows * cols > 0 ? rows * cols : 1);
    int64_t span = cols > 0 ? cols : 1;
    bool headed = t->ndim > 2;  // "[1, :, :]" above each 2-D block
    int64_t cell = CELL_WIDTH;  // wide enough for the block headings too
    if (headed && cell * span < CHAR_WIDTH * 3 * t->ndim) {
        cell = (CHAR_WIDTH * 3 * t->ndim + span - 1) / span;
    }
    int64_t height = CELL_HEIGHT * (blocks * rows + (headed ? blocks : 0));

    text_append(out, "  t%d [label=<<table border=\"0\" cellspacing=\"0\">\n"
                "    <tr><td><b>", id);
    append_escaped(out, name);
    text_append(out, "</b> shape %s stride %s offset %lld</td></tr>\n"
                "    <tr><td><table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
                "cellpadding=\"0\" fixedsize=\"true\" width=\"%lld\" "
                "height=\"%lld\">\n", tuple_text(t->ndim, t->shape).s,
                tuple_text(t->ndim, t->stride).s, (long long)t->offset,
                (long long)(cell * span), (long long)(height > 0 ? height : 1));

    int64_t index[MAX_DIMS] = {0}, flat = 0;
    for (int64_t b = 0; b < blocks; b++) {
        if (headed) {
            text_append(out, "      <tr><td border=\"0\" colspan=\"%lld\" "
                        "fixedsize=\"true\" width=\"%lld\" height=\"%d\">[",
                        (long long)span, (long long)(cell * span), CELL_HEIGHT);
            for (int d = 0; d < t->ndim - 2; d++) {
                text_append(out, "%lld, ", (long long)index[d]);
            }
            text_append(out, ":, :]</td></tr>\n");
        }
        for (int64_t r = 0; r < rows; r++) {
            text_append(out, "      <tr>");
            for (int64_t c = 0; c < cols; c++, flat++) {
                if (t->ndim >= 2) index[t->ndim - 2] = r;
                if (t->ndim >= 1) index[t->ndim - 1] = c;
                int64_t at = tensor_storage_index(t, index);
                text_append(out, "<td port=\"e%lld\" fixedsize=\"true\" "
                            "width=\"%lld\" height=\"%d\" bgcolor=\"%s\">%g</td>",
                            (long long)flat, (long long)cell, CELL_HEIGHT,
                            palette[at % PALETTE_SIZE], (double)t->storage->data[at]);
            }
            text_append(out, "</tr>\n");
        }
        // On to the next block: step the leading dimensions only.
        if (headed) index_next(t->ndim - 2, t->shape, index);
    }
    text_append(out, "    </table></td></tr>\n  </table>>];\n");
}
//< dot-grid

//> dot-storage
// The storage strip: every element of the buffer in a row, numbered.
static void append_storage(Text *out, const Storage *s, int id) {
    text_append(out, "  s%d [label=<<table border=\"0\" cellborder=\"1\" "
                "cellspacing=\"0\" cellpadding=\"4\">\n    <tr>", id);
    for (int64_t k = 0; k < s->size; k++) {
        text_append(out, "<td port=\"e%lld\" width=\"32\" bgcolor=\"%s\">%g<br/>"
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
            error_set(ERR_RUNTIME, "tensors_to_dot: '%s' is too large to draw (figures "
                                   "hold at most %d elements)", names[i], DOT_MAX_ELEMENTS);
            return NULL;
        }
    }
    Text out = {0};
    text_append(&out, "digraph strides {\n  node [shape=plaintext, "
                "fontname=\"DejaVu Sans Mono\", fontsize=12];\n"
                "  edge [arrowsize=0.5];\n"
                "  nodesep=0.4; ranksep=0.9;\n");
    for (int i = 0; i < count; i++) {
        append_grid(&out, tensors[i], i, names[i]);
        if (storage_id(tensors, i) == i) append_storage(&out, tensors[i]->storage, i);
    }
    // One arrow per element, from its grid cell down to its storage cell,
    // in one ink per tensor so that two tensors' arrows can be told apart.
    static const char *const inks[] = {"#00000066", "#1f5fbf88", "#bf3f1f88"};
    for (int i = 0; i < count; i++) {
        const Tensor *t = tensors[i];
        int64_t index[MAX_DIMS] = {0};
        text_append(&out, "  edge [color=\"%s\"];\n", inks[i % 3]);
        for (int64_t flat = 0; flat < tensor_numel(t); flat++) {
            text_append(&out, "  t%d:e%lld:s -> s%d:e%lld:n;\n", i,
                        (long long)flat, storage_id(tensors, i),
                        (long long)tensor_storage_index(t, index));
            index_next(t->ndim, t->shape, index);
        }
    }
    text_append(&out, "}\n");
    return text_take(&out);
}

int dot_save_figure(const char *dir, const char *name, char *dot) {
    if (dot == NULL) return -1;  // whatever made it failed, and said why
    Text path = {0};
    text_append(&path, "%s/%s.dot", dir, name);
    char *file = text_take(&path);
    int status = file ? text_write_file(file, dot) : -1;
    free(file);
    free(dot);
    return status;
}
//< dot-figure
