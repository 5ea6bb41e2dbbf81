// The draw list: what one frame shows, as plain data. Layout writes it,
// render draws it, tests read it. Nothing here knows about SDL, so the
// whole picture can be checked (cell counts, colours, texts) without a
// screen, the way microui's command list works.
#ifndef STRIDES_VIZ_DRAWLIST_H
#define STRIDES_VIZ_DRAWLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Color {
    uint8_t r, g, b, a;
} Color;

#define RGB(r, g, b) ((Color){(r), (g), (b), 255})
#define RGBA(r, g, b, a) ((Color){(r), (g), (b), (a)})

typedef struct Rect {
    int x, y, w, h;
} Rect;

typedef enum DrawKind {
    DRAW_RECT,   // filled rectangle
    DRAW_FRAME,  // rectangle outline, `thickness` pixels inside the rect
    DRAW_LINE,   // from (x, y) to (x2, y2)
    DRAW_ARC,    // a curve from (x, y) to (x2, y2) bulging `bulge` pixels up (or down if < 0)
    DRAW_TEXT,   // a string inside the rect, aligned horizontally, centred vertically
} DrawKind;

// Three sizes of one monospace font: every string's width is its length in
// characters times the size's advance, so layout can measure without SDL.
typedef enum TextSize { TEXT_SMALL, TEXT_NORMAL, TEXT_LARGE, TEXT_SIZES } TextSize;
typedef enum Align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

// What a command stands for. Tests look things up by role, and the app
// finds what is under the mouse by role (hit testing on the same data).
typedef enum Role {
    ROLE_NONE,
    ROLE_HEADER,         // header texts
    ROLE_LOGICAL_CELL,   // id: the element's row-major position in the tensor
    ROLE_STORAGE_CELL,   // id: the storage element
    ROLE_COPY_CELL,      // id: element of the second (copy's) storage
    ROLE_WALK_LOGICAL,   // the frame on the walk's current logical cell
    ROLE_WALK_STORAGE,   // the frame on the walk's current storage cell
    ROLE_WALK_ARC,       // the jump from the previous address
    ROLE_SELECTED,       // frames on logical cells reading the selected storage cell
    ROLE_SPAN,           // the bar under the storage span the tensor can reach
    ROLE_OFFSET,         // the offset marker
    ROLE_LEDGER,         // ledger texts, id = line number
    ROLE_TIMELINE_ITEM,  // id: step number
    ROLE_COMMAND,        // the command bar
    ROLE_ERROR,          // the error line
    ROLE_EXPLAIN,        // the failed-view explainer
    ROLE_CHUNK,          // explainer: a chunk tint, id = chunk number
    ROLE_BOUNDARY,       // explainer: the boundary the new shape crosses
    ROLE_TOOLTIP,
    ROLE_HELP,
    ROLE_SUMMARY,        // "... 9,000 more" notes for what does not fit
    ROLE_AXIS,           // axis labels and index headers
    ROLE_DROPPED,        // dropout: a dropped cell's mark (rect, hatch, "0"), id = element
    ROLE_DROPOUT,        // dropout: a kept cell's badges (id = element), the banner, the panel
    ROLE_PRODUCT,        // dropout: x · mask = y under the grid; its cells' id = element
} Role;

typedef struct DrawCmd {
    DrawKind kind;
    Role     role;
    int64_t  id;
    Rect     r;          // RECT/FRAME/TEXT: the box; LINE/ARC: (x, y) is the start
    int      x2, y2;     // LINE/ARC: the end
    int      thickness;  // FRAME/LINE/ARC
    int      bulge;      // ARC
    Color    color;
    TextSize size;       // TEXT
    Align    align;      // TEXT
    size_t   text;       // TEXT: offset of the string in the list's text arena
} DrawCmd;

typedef struct DrawList {
    DrawCmd *cmds;
    size_t   count, cap;
    char    *chars;  // every string, NUL-terminated, back to back
    size_t   chars_len, chars_cap;
    bool     failed; // an allocation failed: the frame is incomplete
} DrawList;

void drawlist_clear(DrawList *list);  // empty, keeping the memory
void drawlist_free(DrawList *list);

void draw_rect(DrawList *list, Role role, int64_t id, Rect r, Color c);
void draw_frame(DrawList *list, Role role, int64_t id, Rect r, int thickness, Color c);
void draw_line(DrawList *list, Role role, int64_t id, int x, int y, int x2, int y2,
               int thickness, Color c);
void draw_arc(DrawList *list, Role role, int64_t id, int x, int y, int x2, int y2,
              int bulge, int thickness, Color c);
void draw_text(DrawList *list, Role role, int64_t id, Rect r, TextSize size,
               Align align, Color c, const char *s);

const char *drawcmd_text(const DrawList *list, const DrawCmd *cmd);

// The last (topmost) command of `kind` and `role` whose rect holds the
// point, or NULL.
const DrawCmd *drawlist_hit(const DrawList *list, DrawKind kind, Role role, int x, int y);
// The first command of `kind` and `role` with this id, or NULL.
const DrawCmd *drawlist_find(const DrawList *list, DrawKind kind, Role role, int64_t id);
size_t drawlist_count(const DrawList *list, DrawKind kind, Role role);

// Drop the commands from `first` on that reach below `bottom` (a panel
// whose content is taller than the window is cut, not spilled).
void drawlist_cut_below(DrawList *list, size_t first, int bottom);

static inline bool rect_contains(Rect r, int x, int y) {
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

// Characters in a UTF-8 string (what a monospace font advances by).
int utf8_length(const char *s);

#endif
