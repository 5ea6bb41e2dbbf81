// The visualizer's model: what is being looked at, with no pixels in it.
// A timeline of steps (each a tensor and the command that made it), the
// walk cursor going through the current tensor in row-major order, the
// storage element the user points at, the clocks of the animations, and
// the last error. Layout reads it; the app and scripts change it.
#ifndef STRIDES_VIZ_MODEL_H
#define STRIDES_VIZ_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "explain.h"
#include "rng.h"
#include "tensor.h"

// A dropout step (chapter 8): the mask over the input's grid, and the
// mode shown, which Ctrl+T flips. The step's tensor is always what the
// mode gives: in training x * mask (the command's own result, when it ran
// in training), in evaluation x itself (a handle on the input: the same
// storage, the same strides).
typedef struct DropoutView {
    Tensor *input;         // x
    Tensor *mask;          // 0 or 1/(1-p) per element, row-major: what dropout_mask drew
    Tensor *trained;       // x * mask
    double  p;
    float   scale;         // 1/(1-p) as the mask holds it (a float, as in PyTorch); 0 if p = 1
    int64_t kept;          // mask entries that are not 0
    bool    ran_training;  // the mode the command ran in
    bool    training;      // the mode shown
} DropoutView;

typedef struct Step {
    char    *label;      // the command that made it: "x.t()"
    Tensor  *tensor;     // owned handle
    Tensor  *source;     // a copy's source (owned): whose elements were copied, else NULL
    // The storage range the tensor can reach, [span_lo, span_hi] (empty when
    // lo > hi), and for each element of it how many logical indices read it
    // and which one reads it first. Computed once per step, so a frame never
    // walks the whole tensor.
    int64_t  span_lo, span_hi;
    int32_t *uses;       // indexed by address - span_lo (saturates at INT32_MAX)
    int64_t *first_use;  // row-major position of the first reader, or -1
    int64_t  aliased;    // storage elements read by more than one index
    struct Step *source_step;  // the same analysis for `source`, or NULL
    DropoutView *dropout;      // a dropout step's mask and modes (owned), or NULL
} Step;

// Walk speeds in steps per second; the default is SPEED_DEFAULT.
#define SPEED_LEVELS 12
#define SPEED_DEFAULT 2
extern const double walk_speeds[SPEED_LEVELS];

#define TRANSITION_SECONDS 0.6

typedef struct Model {
    Step   *steps;
    int     count, cap;
    int     current;           // index into steps, -1 when empty

    int64_t walk;              // position in the row-major walk of the current tensor
    bool    playing;
    int     speed;             // index into walk_speeds
    double  walk_clock;        // fraction of a step accumulated while playing

    int     row_axis, col_axis;  // the two dims drawn as a grid (-1: none)

    int64_t hover_addr;        // storage element under the mouse, or -1
    int64_t pinned_addr;       // storage element clicked, or -1
    int64_t hover_flat;        // logical element under the mouse, or -1

    int     from;              // the step a transition comes from, or -1
    double  transition;        // 0 -> 1 over TRANSITION_SECONDS
    double  copy;              // a copy step's animation, 0 -> 1

    char   *error;             // the last command's error ("RuntimeError: ..."), or NULL
    bool    note;              // `error` is not an error but a value to show: "(4, 1)"
    char   *error_line;        // the command that failed
    int     error_column;      // 1-based column of a syntax error, or 0
    ViewExplain *explain;      // for a failed view(): why (owned), or NULL
    Step   *explained;         // the explainer's input, analysed like a step

    bool    help;              // the help overlay is open
} Model;

void model_init(Model *m);
void model_free(Model *m);

// Append a step (taking ownership of `t` and `source`) and make it
// current; `animate` starts the transition from the previous step. Returns
// 0, or -1 if memory ran out (the tensors are freed).
int  model_push(Model *m, const char *label, Tensor *t, Tensor *source, bool animate);
void model_goto(Model *m, int step, bool animate);
const Step *model_step(const Model *m);  // the current step, or NULL
const Tensor *model_tensor(const Model *m);

// Make the current step a dropout step: its tensor came from `input`
// through dropout with probability p, in training or not, drawing from a
// generator that was `rng` just before (the mask is drawn again from a
// copy of it: dropout draws nothing else). A step made in training must
// hold exactly input * mask: if it does not, -1 and nothing changes (as
// when memory runs out).
int  model_set_dropout(Model *m, const Tensor *input, double p, bool training, Rng rng);
// Flip the current dropout step between training and evaluation: its
// tensor becomes x * mask or x itself. False if it is not a dropout step.
bool model_toggle_dropout(Model *m);
// The mask entry of a dropout step's element n (row-major): 0 if dropped.
float dropout_mask_at(const DropoutView *d, int64_t n);

void model_set_error(Model *m, const char *line, const char *message, int column,
                     ViewExplain *explain);
void model_clear_error(Model *m);
void model_set_note(Model *m, const char *line, const char *text);  // shown like an error, not red

void model_walk_to(Model *m, int64_t position);
void model_walk_by(Model *m, int64_t delta);
void model_play(Model *m, bool playing);
void model_change_speed(Model *m, int delta);
void model_set_axes(Model *m, int row_axis, int col_axis);
void model_cycle_axes(Model *m);  // the next pair of dims as the grid

// Advance the clocks by `dt` seconds. True while something still moves.
bool model_tick(Model *m, double dt);
bool model_animating(const Model *m);
double model_copy_seconds(const Model *m);  // how long the current copy animates

// The storage element the user has picked (hover wins over a click), or -1.
int64_t model_selected_addr(const Model *m);

// How many indices read storage element `addr`, and the row-major position
// of the first. (Positions and addresses themselves are chapter 2's:
// index_unravel and tensor_storage_index.)
int64_t step_uses(const Step *s, int64_t addr);  // 0 outside the span
int64_t step_first_use(const Step *s, int64_t addr);

#endif
