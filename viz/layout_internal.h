// Shared between the layout files: the geometry of the logical grid and of
// a storage strip, and small text helpers. Not part of layout's API.
#ifndef STRIDES_VIZ_LAYOUT_INTERNAL_H
#define STRIDES_VIZ_LAYOUT_INTERNAL_H

#include "layout.h"
#include "palette.h"

enum { FRAME_MARGIN = 12 };  // around the frame's parts, and between the view and the panel

// The shared frame's parts (layout_header.c, layout_footer.c, layout_overlay.c).
int  header_height(const Metrics *m);
// The command bar, error line and timeline, bottom up; the timeline's top.
int  layout_footer(DrawList *out, const Scene *sc, int width, int height, const Metrics *m);
void layout_help(DrawList *out, int width, int height, const Metrics *m);

// Where every visible logical cell goes. N-D tensors become small
// multiples: one 2-D panel (rows = row_axis, cols = col_axis) per index of
// the other dims, in row-major order. What does not fit is shown as a
// page (a window of rows, columns or panels) that follows the focus.
typedef struct Grid {
    const Tensor *t;
    int     ra, ca;              // row and column axes, -1 if absent
    int64_t rows, cols, slices;  // full sizes
    int64_t row0, col0, slice0;  // first visible row, column, panel
    int     vrows, vcols, vslices;
    int     across;              // panels per row of panels
    int     cell_w, cell_h;
    int     head_w, head_h;      // row index column, column index row
    int     title_h;             // a panel's "[0, :, :]" title (N-D only)
    int     title_w;             // the widest title, in pixels
    bool    title_compact;       // "[0,1,:,:]": no room for ", " between entries
    int     panel_w, panel_h, gap;  // panel_w: wide enough for the title too
    Rect    area;
    bool    empty;               // numel == 0
} Grid;

void grid_fit(Grid *g, const Tensor *t, int ra, int ca, Rect area, const Metrics *m,
              const int64_t *focus);
bool grid_cell(const Grid *g, const int64_t *index, Rect *cell);
Rect grid_panel(const Grid *g, int64_t slice);  // the panel of a visible slice
int64_t grid_slice_of(const Grid *g, const int64_t *index);
void grid_slice_index(const Grid *g, int64_t slice, int64_t *index);  // others set, axes 0

// A storage strip: the flat buffer, one cell per element, windowed (paged
// around `focus`) when it is longer than the strip is wide.
typedef struct Strip {
    const Storage *storage;
    int64_t first;       // first visible element
    int     count;       // visible elements
    int     cell_w, cell_h;
    Rect    area;        // the whole strip, labels included
    int     cells_y;     // top of the cells
    int     x0;          // left of element `first`
    int     salt;        // colour salt: which storage this is in the session
    int     label_h;     // height of the element numbers above the cells
    int     arc_room;    // height kept above the numbers for the walk's arcs
    bool    compact;     // short of room: smaller cells, no byte addresses
} Strip;

int  strip_height(const Metrics *m, bool compact);
void strip_fit(Strip *s, const Storage *storage, int salt, Rect area, const Metrics *m,
               int64_t focus, bool compact);
bool strip_cell(const Strip *s, int64_t element, Rect *cell);

// How a scene colours cells, in the logical view and in the storage
// strip alike. The plain look gives each storage element its colour; a
// scene may tint by something else (the explainer's blocks, a dropout
// mask) and put marks of its own in and over the logical cells.
typedef struct Tint {
    Color fill, text;
} Tint;

typedef struct Look Look;
struct Look {
    const void *data;   // the scene's own (a ViewExplain, a dropout mask)
    int64_t walk;       // the logical cell framed as the walk's, or -1
    int64_t selected;   // the storage element framed as picked, or -1
    int64_t filled;     // a copy under way: cells from this row-major position on are
                        // still empty (INT64_MAX: none are)
    // The colours of logical element n, which reads storage element addr
    // of the storage coloured with `salt`.
    Tint (*tint)(const Look *look, int salt, int64_t n, int64_t addr);
    // What goes inside logical cell n (at `index`, its `value`); NULL: the value.
    void (*inside)(const Look *look, DrawList *out, Rect box, const int64_t *index,
                   int64_t n, float value, const Metrics *m);
    // Marks over the painted grid (after the walk's frame); NULL: none.
    void (*over)(const Look *look, DrawList *out, const Grid *g);
};

Tint plain_tint(const Look *look, int salt, int64_t n, int64_t addr);
// A cell's value, as large as fits.
void cell_value(DrawList *out, Rect r, int64_t id, Color text, float v, const Metrics *m);

// Draw parts.
void draw_logical(DrawList *out, const Scene *sc, const Grid *g, const Grid *from,
                  const Look *look, const Metrics *m);
void draw_strip(DrawList *out, const Strip *s, const Step *step, const char *title,
                bool is_copy, const Look *look, const Metrics *m);
void draw_walk_arc(DrawList *out, const Strip *s, int64_t from, int64_t to, Color c);

// The side panel: panel_begin draws its ground and gives the area inside
// its margins; sections go down it (each returns the next free y);
// panel_end cuts what ran past its foot.
typedef struct Panel {
    Rect area, inner;
    size_t first;  // the first draw command inside it
} Panel;
Panel panel_begin(DrawList *out, Rect area);
void  panel_end(DrawList *out, const Panel *p);
// The sections every live step shows: the walk and its ledger (once a
// copy is done), the picked storage cell, aliasing, the keys.
int  step_sections(DrawList *out, const Model *mo, const Step *st, Rect a, int y,
                   const Metrics *m);
int  panel_heading(DrawList *out, Rect area, int y, const char *s, const Metrics *m);
int  paragraph(DrawList *out, Role role, Rect area, int y, TextSize size, Color c,
               const char *s, const Metrics *m);

// Colour of storage element k of the session's storage number `salt`.
Color element_color(int salt, int64_t k);
int   storage_salt(const Model *m, const Storage *s);

// Text helpers: width in pixels, and a left-to-right run of coloured pieces.
int  text_width(const Metrics *m, TextSize size, const char *s);
void fit_text(char *dst, size_t size, const char *src, int max_chars);  // "..." if cut
typedef struct Run {
    DrawList *out;
    const Metrics *m;
    TextSize size;
    Role role;
    int64_t id;
    int x, y, h;
} Run;
void run_piece(Run *r, Color c, const char *s);
void run_piecef(Run *r, Color c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
// A piece of a line that must end by `right`: once one does not fit, it
// and everything after it are left out (*cut turns true).
void piece_within(Run *r, int right, bool *cut, Color c, const char *s);

// The walk's current index and address, and its previous address (-1 at the start).
typedef struct WalkAt {
    int64_t index[MAX_DIMS];
    int64_t addr, prev_addr;
} WalkAt;
WalkAt walk_at(const Tensor *t, int64_t n);

#endif
