// Figures for chapter 1, written as Graphviz DOT into the folder given as
// argv[1]. (`make figures` renders them to SVG.) Chapter 1 has no tensors
// yet, so this draws a storage and its owners directly.
#include <stdio.h>

#include "storage.h"

static int write_owners(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/owners.dot", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    Storage *s = storage_new(6);
    if (s == NULL) {
        fclose(f);
        return -1;
    }
    for (int64_t i = 0; i < s->size; i++) s->data[i] = (float)(i * i);
    Storage *also = storage_retain(s);

    fprintf(f, "digraph strides {\n  node [shape=plaintext, fontname=\"DejaVu Sans "
               "Mono\", fontsize=12];\n  edge [arrowsize=0.6];\n  rankdir=LR;\n");
    fprintf(f, "  a [label=<<table border=\"1\" cellborder=\"0\" cellpadding=\"6\">"
               "<tr><td>Storage *a</td></tr></table>>];\n");
    fprintf(f, "  b [label=<<table border=\"1\" cellborder=\"0\" cellpadding=\"6\">"
               "<tr><td>Storage *b = storage_retain(a)</td></tr></table>>];\n");
    fprintf(f, "  s [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
               "cellpadding=\"6\">\n    <tr><td colspan=\"2\" port=\"head\" "
               "bgcolor=\"#eeeeee\">Storage</td></tr>\n");
    fprintf(f, "    <tr><td align=\"left\">size</td><td>%lld</td></tr>\n",
            (long long)s->size);
    fprintf(f, "    <tr><td align=\"left\">refcount</td><td>%d</td></tr>\n", s->refcount);
    fprintf(f, "    <tr><td align=\"left\">data</td><td port=\"data\">&#9679;</td></tr>\n"
               "  </table>>];\n");
    fprintf(f, "  buf [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
               "cellpadding=\"6\"><tr>");
    for (int64_t i = 0; i < s->size; i++) {
        fprintf(f, "<td bgcolor=\"#dfe7fd\">%g<br/><font point-size=\"9\" "
                   "color=\"#555555\">%lld</font></td>", (double)s->data[i], (long long)i);
    }
    fprintf(f, "</tr></table>>];\n  a -> s:head;\n  b -> s:head;\n  s:data -> buf;\n}\n");

    storage_release(also);
    storage_release(s);
    return fclose(f);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    return write_owners(argv[1]) == 0 ? 0 : 1;
}
