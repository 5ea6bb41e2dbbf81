// The header: the command that made the tensor (or what the scene says it
// shows), the step number, then shape, stride, offset, numel, contiguous,
// and the scene's last words on how the step relates to earlier ones.
#include <stdio.h>
#include <string.h>

#include "scene.h"
#include "view.h"

enum {
    LINE_GAP = 2,       // between the header's two lines
    HEADER_BELOW = 10,  // under the header, before the body
};

int header_height(const Metrics *m) {
    return FRAME_MARGIN + m->line[TEXT_LARGE] + LINE_GAP + m->line[TEXT_NORMAL] + HEADER_BELOW;
}

// "(2, 3, 4)", each entry in its dim's colour; "(2,3,4)" when compact.
static void tuple_run(Run *r, int n, const int64_t *v, bool compact) {
    run_piece(r, COLOR_MUTED, "(");
    for (int d = 0; d < n; d++) {
        run_piecef(r, dim_color(d), "%lld", (long long)v[d]);
        if (d + 1 < n) run_piece(r, COLOR_MUTED, compact ? "," : ", ");
    }
    run_piece(r, COLOR_MUTED, n == 1 ? ",)" : ")");
}

// The same tuple's length in characters.
static int tuple_chars(int n, const int64_t *v, bool compact) {
    char buf[24];
    int chars = n == 1 ? 3 : 2;
    for (int d = 0; d < n; d++) {
        chars += snprintf(buf, sizeof buf, "%lld", (long long)v[d]);
        if (d + 1 < n) chars += compact ? 1 : 2;
    }
    return chars;
}

// The header's second line: shape, stride, offset, numel, contiguous.
// Eight dims of large strides do not fit a small window: the tuples drop
// their spaces, then the items that still do not fit are left out (from
// the end), rather than drawn off the edge. Returns where the line ends,
// or -1 when something was left out.
static int layout_line(DrawList *out, const Tensor *t, int y, int width, const Metrics *m) {
    static const char shape_label[] = "shape ", stride_label[] = "   stride ";
    static const char *const labels[] = {"   offset ", "   numel ", "   contiguous "};
    char numbers[2][48];
    snprintf(numbers[0], sizeof numbers[0], "%lld", (long long)t->offset);
    snprintf(numbers[1], sizeof numbers[1], "%lld", (long long)tensor_numel(t));
    bool contiguous = tensor_is_contiguous(t);
    const char *values[] = {numbers[0], numbers[1], contiguous ? "yes" : "no"};
    int room = (width - 2 * FRAME_MARGIN) / m->advance[TEXT_NORMAL];
    int rest = (int)strlen("yes");  // the widest answer to "contiguous"
    for (int i = 0; i < 2; i++) rest += utf8_length(labels[i]) + utf8_length(values[i]);
    rest += utf8_length(labels[2]);
    bool compact = utf8_length(shape_label) + tuple_chars(t->ndim, t->shape, false) +
                   utf8_length(stride_label) + tuple_chars(t->ndim, t->stride, false) + rest >
                   room;
    Run r = {out, m, TEXT_NORMAL, ROLE_HEADER, 2, FRAME_MARGIN, y, m->line[TEXT_NORMAL]};
    int used = utf8_length(shape_label) + tuple_chars(t->ndim, t->shape, compact);
    if (used > room) return -1;
    run_piece(&r, COLOR_FAINT, shape_label);
    tuple_run(&r, t->ndim, t->shape, compact);
    used += utf8_length(stride_label) + tuple_chars(t->ndim, t->stride, compact);
    if (used > room) return -1;
    run_piece(&r, COLOR_FAINT, stride_label);
    tuple_run(&r, t->ndim, t->stride, compact);
    Color colors[] = {COLOR_OFFSET, COLOR_TEXT, contiguous ? COLOR_OK : COLOR_ERROR};
    for (int i = 0; i < 3; i++) {
        used += utf8_length(labels[i]) + utf8_length(values[i]);
        if (used > room) return -1;
        run_piece(&r, COLOR_FAINT, labels[i]);
        run_piece(&r, colors[i], values[i]);
    }
    return r.x;
}

void layout_header(DrawList *out, const Model *mo, const SceneModule *scene,
                   const Subject *subject, int width, const Metrics *m) {
    int big = m->line[TEXT_LARGE], margin = FRAME_MARGIN;
    if (subject->tensor == NULL) {
        draw_text(out, ROLE_HEADER, 0, (Rect){margin, margin, width - 2 * margin, big},
                  TEXT_LARGE, ALIGN_LEFT, COLOR_TEXT,
                  "Strides \xe2\x80\x94 the stride visualizer");
        return;
    }
    char buf[256], fitted[256];
    if (subject->status) snprintf(buf, sizeof buf, "%s", subject->status);
    else snprintf(buf, sizeof buf, "step %d of %d", mo->current + 1, mo->count);
    int right = text_width(m, TEXT_NORMAL, buf);
    draw_text(out, ROLE_HEADER, 1, (Rect){width - margin - right, margin, right, big},
              TEXT_NORMAL, ALIGN_RIGHT, subject->status_color, buf);
    fit_text(fitted, sizeof fitted, subject->label,
             (width - 3 * margin - right) / m->advance[TEXT_LARGE]);
    draw_text(out, ROLE_HEADER, 0, (Rect){margin, margin, width - 3 * margin - right, big},
              TEXT_LARGE, ALIGN_LEFT, COLOR_TEXT, fitted);

    int y = margin + big + LINE_GAP, end = layout_line(out, subject->tensor, y, width, m);
    if (end < 0 || scene->relation == NULL) return;  // no room for more, or nothing to say
    Run r = {out, m, TEXT_NORMAL, ROLE_HEADER, 2, end, y, m->line[TEXT_NORMAL]};
    scene->relation(&r, mo, width);
}
