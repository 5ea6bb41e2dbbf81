// The draw list's storage: two growable arrays, commands and characters.
// Growth failures are remembered, not reported per call (like Text in
// src/text.c), so layout code stays a straight list of draws.
#include "drawlist.h"

#include <stdlib.h>
#include <string.h>

void drawlist_clear(DrawList *list) {
    list->count = 0;
    list->chars_len = 0;
    list->failed = false;
}

void drawlist_free(DrawList *list) {
    free(list->cmds);
    free(list->chars);
    *list = (DrawList){0};
}

static DrawCmd *push(DrawList *list, DrawKind kind, Role role, int64_t id, Color c) {
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 1024;
        DrawCmd *cmds = realloc(list->cmds, cap * sizeof *cmds);
        if (cmds == NULL) {
            list->failed = true;
            return NULL;
        }
        list->cmds = cmds;
        list->cap = cap;
    }
    DrawCmd *cmd = &list->cmds[list->count++];
    *cmd = (DrawCmd){.kind = kind, .role = role, .id = id, .color = c};
    return cmd;
}

void draw_rect(DrawList *list, Role role, int64_t id, Rect r, Color c) {
    if (r.w <= 0 || r.h <= 0) return;
    DrawCmd *cmd = push(list, DRAW_RECT, role, id, c);
    if (cmd) cmd->r = r;
}

void draw_frame(DrawList *list, Role role, int64_t id, Rect r, int thickness, Color c) {
    if (r.w <= 0 || r.h <= 0) return;
    DrawCmd *cmd = push(list, DRAW_FRAME, role, id, c);
    if (cmd) {
        cmd->r = r;
        cmd->thickness = thickness;
    }
}

void draw_line(DrawList *list, Role role, int64_t id, int x, int y, int x2, int y2,
               int thickness, Color c) {
    DrawCmd *cmd = push(list, DRAW_LINE, role, id, c);
    if (cmd) {
        cmd->r = (Rect){x, y, 0, 0};
        cmd->x2 = x2;
        cmd->y2 = y2;
        cmd->thickness = thickness;
    }
}

void draw_arc(DrawList *list, Role role, int64_t id, int x, int y, int x2, int y2,
              int bulge, int thickness, Color c) {
    DrawCmd *cmd = push(list, DRAW_ARC, role, id, c);
    if (cmd) {
        cmd->r = (Rect){x, y, 0, 0};
        cmd->x2 = x2;
        cmd->y2 = y2;
        cmd->bulge = bulge;
        cmd->thickness = thickness;
    }
}

void draw_text(DrawList *list, Role role, int64_t id, Rect r, TextSize size,
               Align align, Color c, const char *s) {
    if (s == NULL || *s == '\0') return;
    size_t n = strlen(s) + 1;
    if (list->chars_len + n > list->chars_cap) {
        size_t cap = list->chars_cap ? list->chars_cap : 4096;
        while (cap < list->chars_len + n) cap *= 2;
        char *chars = realloc(list->chars, cap);
        if (chars == NULL) {
            list->failed = true;
            return;
        }
        list->chars = chars;
        list->chars_cap = cap;
    }
    DrawCmd *cmd = push(list, DRAW_TEXT, role, id, c);
    if (cmd == NULL) return;
    cmd->r = r;
    cmd->size = size;
    cmd->align = align;
    cmd->text = list->chars_len;
    memcpy(list->chars + list->chars_len, s, n);
    list->chars_len += n;
}

const char *drawcmd_text(const DrawList *list, const DrawCmd *cmd) {
    return cmd->kind == DRAW_TEXT ? list->chars + cmd->text : "";
}

const DrawCmd *drawlist_hit(const DrawList *list, DrawKind kind, Role role, int x, int y) {
    for (size_t i = list->count; i-- > 0;) {
        const DrawCmd *cmd = &list->cmds[i];
        if (cmd->kind == kind && cmd->role == role && rect_contains(cmd->r, x, y)) return cmd;
    }
    return NULL;
}

const DrawCmd *drawlist_find(const DrawList *list, DrawKind kind, Role role, int64_t id) {
    for (size_t i = 0; i < list->count; i++) {
        const DrawCmd *cmd = &list->cmds[i];
        if (cmd->kind == kind && cmd->role == role && cmd->id == id) return cmd;
    }
    return NULL;
}

size_t drawlist_count(const DrawList *list, DrawKind kind, Role role) {
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        n += list->cmds[i].kind == kind && list->cmds[i].role == role;
    }
    return n;
}

int utf8_length(const char *s) {
    int n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void drawlist_cut_below(DrawList *list, size_t first, int bottom) {
    size_t kept = first;
    for (size_t i = first; i < list->count; i++) {
        const DrawCmd *c = &list->cmds[i];
        bool below = c->kind == DRAW_LINE || c->kind == DRAW_ARC ? c->r.y > bottom || c->y2 > bottom
                                                                 : c->r.y + c->r.h > bottom;
        if (!below) list->cmds[kept++] = *c;
    }
    list->count = kept;
}
