//> module-dot
#include "module_dot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"

// Text inside a DOT string: only '"' and '\' need a backslash.
static void append_quoted(Text *out, const char *s) {
    for (; *s; s++) text_append(out, "%s%c", *s == '"' || *s == '\\' ? "\\" : "", *s);
}

// One box: "Linear(in_features=4, ...)" on top, a line per parameter and
// buffer, and for a module with children the total below it. Lines end
// with \l, DOT's "left-justify this line".
static void append_node(Text *out, int id, const Module *m) {
    Text extra = {0};
    if (m->type->extra_repr != NULL) m->type->extra_repr(m, &extra);
    text_append(out, "  m%d [label=\"", id);
    append_quoted(out, m->type->name);
    text_append(out, "(");
    if (extra.s != NULL) append_quoted(out, extra.s);
    text_append(out, ")%s\\l", m->training ? "" : "  [eval]");
    text_free(&extra);
    for (int i = 0; i < m->parameters.count; i++) {
        const Parameter *p = m->parameters.values[i];
        if (p == NULL) continue;  // an empty slot (Linear's bias=False)
        const Tensor *t = p->data;
        text_append(out, "  %s %s: %lld\\l", m->parameters.names[i],
                    tuple_text(t->ndim, t->shape).s, (long long)tensor_numel(t));
    }
    for (int i = 0; i < m->buffers.count; i++) {
        const Tensor *t = m->buffers.values[i];
        text_append(out, "  %s %s (buffer)\\l", m->buffers.names[i],
                    tuple_text(t->ndim, t->shape).s);
    }
    if (m->children.count > 0) {
        text_append(out, "parameters: %lld\\l", (long long)module_parameter_count(m));
    }
    text_append(out, "\"];\n");
}

// Where `m` is in the list of modules, which numbers the boxes.
static int node_id(const NamedList *modules, const Module *m) {
    int i = 0;
    while (modules->items[i].module != m) i++;
    return i;
}

char *module_to_dot(const Module *m) {
    NamedList modules;
    if (module_named_modules(m, &modules) < 0) return NULL;
    Text out = {0};
    text_append(&out, "digraph module {\n  node [shape=box, fontname=\"DejaVu Sans Mono\", "
                "fontsize=11, style=\"rounded,filled\", fillcolor=\"#f2f2f2\"];\n"
                "  edge [arrowsize=0.6, fontname=\"DejaVu Sans Mono\", fontsize=10];\n");
    for (int i = 0; i < modules.count; i++) append_node(&out, i, modules.items[i].module);
    for (int i = 0; i < modules.count; i++) {
        const Module *parent = modules.items[i].module;
        for (int c = 0; c < parent->children.count; c++) {
            text_append(&out, "  m%d -> m%d [label=\" %s\"];\n", i,
                        node_id(&modules, parent->children.values[c]),
                        parent->children.names[c]);
        }
    }
    text_append(&out, "}\n");
    named_list_free(&modules);
    return text_take(&out);
}
//< module-dot
