// The foot of the frame, bottom up: the command bar, the error line (or
// a value's note), the timeline of steps.
#include <stdio.h>
#include <string.h>

#include "layout_internal.h"

enum {
    BAR_PAD_Y = 7,          // above and below the command bar's text
    ERROR_GAP = 6,          // between the error line and the command bar
    ERROR_MAX_LINES = 3,    // a longer error is cut, with "..."
    CHIP_PAD_Y = 5,         // above and below a timeline chip's text
    TIMELINE_GAP = 8,       // between the timeline and what is under it
    CHIP_GAP = 6,           // between timeline chips
    LABEL_GAP = 4,          // after "TIMELINE"
    CHIP_LABEL_CHARS = 28,  // a chip shows at most this much of its command
    MAX_CHIPS = 512,        // chips measured; a longer timeline shows its first ones
    BAR_INSET = 8,          // the command bar's text from its left and right edges
    PROMPT_CHARS = 2,       // the prompt "›" and a space
    CURSOR_INSET = 5,       // the text cursor, from the bar's top and bottom
    UNDERLINE_UP = 6,       // a syntax error's underline, from the bar's bottom
};

// A chip's text: "3 x.t().contiguous() ⧉", the mark saying the step copied.
static void chip_text(char *text, size_t size, const Step *step, int number) {
    char fitted[128];
    fit_text(fitted, sizeof fitted, step->label, CHIP_LABEL_CHARS);
    snprintf(text, size, "%d %s%s", number, fitted, step->source ? " \xe2\xa7\x89" : "");
}

static void timeline(DrawList *out, const Model *mo, Rect area, const Metrics *m) {
    int adv = m->advance[TEXT_SMALL];
    Run label = {out, m, TEXT_SMALL, ROLE_AXIS, 0, area.x, area.y, area.h};
    run_piece(&label, COLOR_FAINT, "TIMELINE ");
    int x0 = label.x + LABEL_GAP, right = area.x + area.w;
    char text[160], fitted[128];
    // Chip widths, then the first chip to show so the current one is in view.
    int widths[MAX_CHIPS];
    int n = mo->count < MAX_CHIPS ? mo->count : MAX_CHIPS;
    for (int i = 0; i < n; i++) {
        chip_text(text, sizeof text, &mo->steps[i], i + 1);
        widths[i] = text_width(m, TEXT_SMALL, text) + 2 * adv;
    }
    int first = 0, span = 0;
    for (int i = mo->current < n ? mo->current : n - 1; i >= 0; i--) {
        if (span + widths[i] + CHIP_GAP > right - x0 && i != mo->current) break;
        span += widths[i] + CHIP_GAP;
        first = i;
    }
    if (first > 0) {
        run_piece(&label, COLOR_FAINT, "\xe2\x80\xa6 ");
        x0 = label.x + LABEL_GAP;
    }
    for (int i = first, x = x0; i < n && x < right; i++) {
        chip_text(text, sizeof text, &mo->steps[i], i + 1);
        Rect chip = {x, area.y, widths[i], area.h};
        if (chip.x + chip.w > right) chip.w = right - chip.x;
        bool current = i == mo->current;
        draw_rect(out, ROLE_TIMELINE_ITEM, i, chip, current ? COLOR_PANEL_EDGE : COLOR_PANEL);
        if (current) draw_frame(out, ROLE_NONE, i, chip, 1, COLOR_WALK);
        fit_text(fitted, sizeof fitted, text, (chip.w - adv) / adv);
        draw_text(out, ROLE_TIMELINE_ITEM, i, chip, TEXT_SMALL, ALIGN_CENTER,
                  current ? COLOR_TEXT : COLOR_MUTED, fitted);
        x += widths[i] + CHIP_GAP;
    }
}

static void command_bar(DrawList *out, const Scene *sc, Rect area, const Metrics *m) {
    const Model *mo = sc->model;
    int adv = m->advance[TEXT_NORMAL];
    draw_rect(out, ROLE_COMMAND, 0, area, sc->focused ? COLOR_PANEL_EDGE : COLOR_PANEL);
    if (sc->focused) draw_frame(out, ROLE_NONE, 0, area, 1, COLOR_SELECT);
    Rect prompt = {area.x + BAR_INSET, area.y, PROMPT_CHARS * adv, area.h};
    draw_text(out, ROLE_COMMAND, 1, prompt, TEXT_NORMAL, ALIGN_LEFT, COLOR_WALK, "\xe2\x80\xba");
    int x = prompt.x + prompt.w;
    int room = (area.w - 2 * BAR_INSET - prompt.w) / adv;
    const char *cmd = sc->command ? sc->command : "";
    if (*cmd == '\0' && !sc->focused) {
        char hint[200];
        fit_text(hint, sizeof hint,
                 "type a command: x.t()   x[:, ::2]   x.view(2, 6)   x.expand(3, 4)   "
                 "(Enter to start, ? for help)", room);
        draw_text(out, ROLE_COMMAND, 2, (Rect){x, area.y, area.w - x, area.h}, TEXT_NORMAL,
                  ALIGN_LEFT, COLOR_FAINT, hint);
        return;
    }
    // Scroll a long command so the cursor stays visible.
    int cursor_chars = 0;
    for (int i = 0; i < sc->cursor && cmd[i]; i++) cursor_chars += ((unsigned char)cmd[i] & 0xC0) != 0x80;
    int skip = cursor_chars > room - 1 ? cursor_chars - room + 1 : 0;
    const char *shown = cmd;
    for (int k = 0; k < skip && *shown;) {
        shown++;
        if (((unsigned char)*shown & 0xC0) != 0x80) k++;
    }
    char fitted[512];
    fit_text(fitted, sizeof fitted, shown, room);
    draw_text(out, ROLE_COMMAND, 3, (Rect){x, area.y, area.w - x, area.h}, TEXT_NORMAL,
              ALIGN_LEFT, COLOR_TEXT, fitted);
    // A syntax error's column, underlined in red while the text is unchanged.
    if (mo->error && mo->error_column > 0 && mo->error_line && strcmp(mo->error_line, cmd) == 0) {
        int col = mo->error_column - 1 - skip;
        if (col >= 0 && col < room) {
            draw_rect(out, ROLE_ERROR, 1,
                      (Rect){x + col * adv, area.y + area.h - UNDERLINE_UP, adv, 2}, COLOR_ERROR);
        }
    }
    if (sc->focused) {
        draw_rect(out, ROLE_COMMAND, 4,
                  (Rect){x + (cursor_chars - skip) * adv, area.y + CURSOR_INSET, 2,
                       area.h - 2 * CURSOR_INSET}, COLOR_TEXT);
    }
}

static int error_lines(const Model *mo, int width, const Metrics *m) {
    if (mo->error == NULL) return 0;
    int per_line = (width - 2 * FRAME_MARGIN) / m->advance[TEXT_NORMAL];
    int n = (utf8_length(mo->error) + per_line - 1) / per_line;
    return n < 1 ? 1 : n > ERROR_MAX_LINES ? ERROR_MAX_LINES : n;
}

static void error_line(DrawList *out, const Model *mo, Rect area, const Metrics *m) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", mo->error);
    Color color = mo->note ? COLOR_TEXT : COLOR_ERROR;
    int per_line = area.w / m->advance[TEXT_NORMAL];
    int lines = area.h / m->line[TEXT_NORMAL];
    const char *s = buf;
    for (int i = 0; i < lines && *s; i++) {
        char line[1024];
        if (i == lines - 1) {
            fit_text(line, sizeof line, s, per_line);
            s += strlen(s);
        } else {
            int cut = 0, chars = 0, k = 0;
            for (; s[k] && chars < per_line; k++) {
                if (s[k] == ' ') cut = k;
                chars += ((unsigned char)s[k] & 0xC0) != 0x80;
            }
            if (!s[k]) cut = k;
            if (cut == 0) cut = k;
            snprintf(line, sizeof line, "%.*s", cut, s);
            s += cut;
            while (*s == ' ') s++;
        }
        draw_text(out, ROLE_ERROR, 0,
                  (Rect){area.x, area.y + i * m->line[TEXT_NORMAL], area.w, m->line[TEXT_NORMAL]},
                  TEXT_NORMAL, ALIGN_LEFT, color, line);
    }
}

int layout_footer(DrawList *out, const Scene *sc, int width, int height, const Metrics *m) {
    const Model *mo = sc->model;
    int margin = FRAME_MARGIN, inner_w = width - 2 * margin;
    int cmd_h = m->line[TEXT_NORMAL] + 2 * BAR_PAD_Y;
    int err_h = error_lines(mo, width, m) * m->line[TEXT_NORMAL];
    int tl_h = m->line[TEXT_SMALL] + 2 * CHIP_PAD_Y;
    Rect cmd = {margin, height - margin - cmd_h, inner_w, cmd_h};
    Rect err = {margin, cmd.y - err_h - (err_h ? ERROR_GAP : 0), inner_w, err_h};
    Rect tl = {margin, err.y - tl_h - TIMELINE_GAP, inner_w, tl_h};
    command_bar(out, sc, cmd, m);
    if (err_h) error_line(out, mo, err, m);
    timeline(out, mo, tl, m);
    return tl.y;
}
