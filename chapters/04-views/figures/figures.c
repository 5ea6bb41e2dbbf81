// Figures for chapter 4: DOT emitted by the library (tensors_to_dot for
// tensors over their storage, tensor_contiguous_chunks for the chunk picture),
// written into the folder given as argv[1].
#include <stdio.h>
#include <stdlib.h>

#include "dot.h"
#include "error.h"
#include "tensor.h"
#include "text.h"
#include "view.h"
#include "views.h"

// ---- the chunk picture ------------------------------------------------------------
// Each tensor is a row of its dims (size and stride), coloured by the chunk
// tensor_contiguous_chunks() puts them in, with the elements each chunk spans
// underneath, and what view() answers for a few shapes on the right.

static const char *const chunk_colours[] = {"#b3cde3", "#fed9a6", "#ccebc5", "#decbe4"};

static void append_view_verdict(Text *out, const Tensor *t, Shape shape) {
    Tensor *v = tensor_view(t, shape);
    text_append(out, "<tr><td align=\"left\">.view(");
    for (int d = 0; d < shape.len; d++) {
        text_append(out, "%s%lld", d ? ", " : "", (long long)shape.at[d]);
    }
    text_append(out, ") ");
    if (v != NULL) {
        text_append(out, "&#x2713; stride %s</td></tr>", tuple_text(v->ndim, v->stride).s);
    } else {
        text_append(out, "&#x2717; needs a copy</td></tr>");
    }
    tensor_free(v);
}

static void append_chunks(Text *out, int id, const Tensor *t, const char *name,
                          int nshapes, const Shape *shapes) {
    int chunk[MAX_DIMS];
    int count = tensor_contiguous_chunks(t, chunk);
    text_append(out, "  c%d [label=<<table border=\"0\" cellspacing=\"0\" cellpadding=\"3\">"
                "<tr><td colspan=\"%d\" align=\"left\"><b>%s</b> shape %s stride %s: "
                "%d chunk%s</td><td rowspan=\"3\" width=\"16\"></td>"
                "<td rowspan=\"3\"><table border=\"0\" cellspacing=\"0\">",
                id, t->ndim, name, tuple_text(t->ndim, t->shape).s,
                tuple_text(t->ndim, t->stride).s, count, count == 1 ? "" : "s");
    for (int i = 0; i < nshapes; i++) append_view_verdict(out, t, shapes[i]);
    text_append(out, "</table></td></tr>\n    <tr>");
    for (int d = 0; d < t->ndim; d++) {
        text_append(out, "<td border=\"1\" width=\"90\" bgcolor=\"%s\">dim %d<br/>size %lld"
                    "<br/>stride %lld</td>", chunk_colours[chunk[d] % 4], d,
                    (long long)t->shape[d], (long long)t->stride[d]);
    }
    // One cell per chunk, as wide as its dims: the elements it steps over
    // evenly, from its innermost stride.
    text_append(out, "</tr>\n    <tr>");
    for (int d = 0; d < t->ndim;) {
        int end = d;
        int64_t elements = 1;
        while (end < t->ndim && chunk[end] == chunk[d]) elements *= t->shape[end++];
        text_append(out, "<td colspan=\"%d\" bgcolor=\"%s\">chunk %d: %lld elements, "
                    "step %lld</td>", end - d, chunk_colours[chunk[d] % 4], chunk[d],
                    (long long)elements, (long long)t->stride[end - 1]);
        d = end;
    }
    text_append(out, "</tr>\n  </table>>];\n");
}

static char *chunks_figure(int count, const Tensor *const *tensors,
                           const char *const *names, const Shape shapes[][2]) {
    Text out = {0};
    text_append(&out, "digraph chunks {\n  node [shape=plaintext, "
                "fontname=\"DejaVu Sans Mono\", fontsize=12];\n  ranksep=0.3;\n");
    for (int i = 0; i < count; i++) {
        append_chunks(&out, i, tensors[i], names[i], 2, shapes[i]);
        if (i > 0) text_append(&out, "  c%d -> c%d [style=invis];\n", i - 1, i);
    }
    text_append(&out, "}\n");
    return text_take(&out);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    int failed = 0;

    // Chunks: why view() fails after a transpose and works after some permutes.
    Tensor *x24 = tensor_arange(0, 24, 1);
    Tensor *x = tensor_view(x24, SHAPE(2, 3, 4));
    Tensor *tr = tensor_transpose(x, 0, 2);
    Tensor *p = tensor_permute(x, INTS(2, 0, 1));
    Tensor *q = tensor_permute(x, INTS(1, 2, 0));
    const Shape shapes[][2] = {
        {SHAPE(24), SHAPE(6, 4)},
        {SHAPE(24), SHAPE(4, 6)},
        {SHAPE(24), SHAPE(4, 6)},
        {SHAPE(24), SHAPE(12, 2)},
    };
    failed |= dot_save_figure(dir, "chunks",
                         chunks_figure(4, (const Tensor *[]){x, tr, p, q},
                                       (const char *[]){"x", "x.transpose(0, 2)",
                                                        "x.permute(2, 0, 1)",
                                                        "x.permute(1, 2, 0)"},
                                       shapes));

    // A permute whose chunks survive, and the view that keeps them whole.
    Tensor *y12 = tensor_arange(0, 12, 1);
    Tensor *y = tensor_view(y12, SHAPE(2, 2, 3));
    Tensor *yp = tensor_permute(y, INTS(2, 0, 1));
    Tensor *yv = tensor_view(yp, SHAPE(3, 4));
    failed |= dot_save_figure(dir, "permute-view",
                          tensors_to_dot(2, (const Tensor *[]){yp, yv},
                                         (const char *[]){"p = y.permute(2, 0, 1)", "p.view(3, 4)"}));

    // Slicing and select: three views of one storage, none copied.
    Tensor *m = tensor_view(y12, SHAPE(3, 4));
    Tensor *cols = TENSOR_INDEX(m, IX_ALL, IX_SLICE(SLICE_FROM(1, 2)));
    Tensor *row = tensor_select(m, 0, 2);
    failed |= dot_save_figure(dir, "slicing",
                          tensors_to_dot(3, (const Tensor *[]){m, cols, row},
                                         (const char *[]){"m", "m[:, 1::2]", "m[2]"}));

    // expand: a (3, 1) column repeated along stride 0, no new memory.
    Tensor *c3 = tensor_arange(0, 3, 1);
    Tensor *c = tensor_view(c3, SHAPE(3, 1));
    Tensor *ce = tensor_expand(c, SHAPE(3, 4));
    failed |= dot_save_figure(dir, "expand",
                          tensors_to_dot(2, (const Tensor *[]){c, ce},
                                         (const char *[]){"c", "c.expand(3, 4)"}));

    // as_strided: windows of 4 sliding by 2 over 10 numbers.
    Tensor *w10 = tensor_arange(0, 10, 1);
    Tensor *windows = tensor_as_strided(w10, SHAPE(4, 4), INTS(2, 1), 0);
    failed |= dot_save_figure(dir, "window",
                          tensors_to_dot(1, (const Tensor *[]){windows},
                                         (const char *[]){"x.as_strided((4, 4), (2, 1))"}));

    Tensor *all[] = {windows, w10, ce, c, c3, row, cols, m, yv, yp, y, y12, q, p, tr, x, x24};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) tensor_free(all[i]);
    if (failed) fprintf(stderr, "figures: %s\n", error_message());
    return failed ? 1 : 0;
}
