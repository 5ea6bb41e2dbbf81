#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dropout.h"
#include "iter.h"

const double walk_speeds[SPEED_LEVELS] = {0.5, 1, 2, 4, 8, 16, 32, 64, 256, 1024, 4096, 16384};

void model_init(Model *m) {
    *m = (Model){
        .current = -1,
        .speed = SPEED_DEFAULT,
        .row_axis = -1,
        .col_axis = -1,
        .hover_addr = -1,
        .pinned_addr = -1,
        .hover_flat = -1,
        .from = -1,
        .transition = 1,
        .copy = 1,
    };
}

static void dropout_free(DropoutView *d) {
    if (d == NULL) return;
    tensor_free(d->input);
    tensor_free(d->mask);
    tensor_free(d->trained);
    free(d);
}

static void step_free(Step *s) {
    if (s->source_step) {
        step_free(s->source_step);
        free(s->source_step);
    }
    dropout_free(s->dropout);
    free(s->label);
    tensor_free(s->tensor);
    tensor_free(s->source);
    free(s->uses);
    free(s->first_use);
}

void model_free(Model *m) {
    for (int i = 0; i < m->count; i++) step_free(&m->steps[i]);
    free(m->steps);
    model_clear_error(m);
    model_init(m);
}

static char *copy_string(const char *s) {
    size_t n = strlen(s) + 1;
    char *out = malloc(n);
    if (out) memcpy(out, s, n);
    return out;
}

// The lowest and highest address any index reaches: each dim adds its
// largest step on the side its stride points to.
static void reach(const Tensor *t, int64_t *lo, int64_t *hi) {
    *lo = *hi = t->offset;
    if (tensor_numel(t) == 0) {
        *hi = *lo - 1;
        return;
    }
    for (int d = 0; d < t->ndim; d++) {
        int64_t far = (t->shape[d] - 1) * t->stride[d];
        if (far < 0) *lo += far;
        else *hi += far;
    }
}

// One pass over the tensor (chapter 5's odometer, which keeps the address
// in step with the index) fills the per-address counts. Done once per
// step, so hovering a cell later is a lookup, not a search.
static int analyse(Step *s) {
    const Tensor *t = s->tensor;
    reach(t, &s->span_lo, &s->span_hi);
    int64_t span = s->span_hi - s->span_lo + 1;
    if (span <= 0) return 0;
    s->uses = calloc((size_t)span, sizeof *s->uses);
    s->first_use = malloc((size_t)span * sizeof *s->first_use);
    if (s->uses == NULL || s->first_use == NULL) return -1;
    for (int64_t i = 0; i < span; i++) s->first_use[i] = -1;
    StridedIter it;
    iter_init(&it, t->ndim, t->shape, 1, &t);
    if (!iter_start(&it)) return 0;
    int64_t n = 0;  // the row-major position: the walk keeps the tensor's order
    do {
        int64_t k = it.offset[0] - s->span_lo;
        if (s->uses[k] == 0) s->first_use[k] = n;
        if (s->uses[k] == 1) s->aliased++;
        if (s->uses[k] < INT32_MAX) s->uses[k]++;
        n++;
    } while (iter_advance(&it, 0));
    return 0;
}

// A heap step for a tensor that is shown but is not on the timeline (a
// copy's source, an explainer's input): its own handle, analysed.
static Step *side_step(const Tensor *t) {
    Step *s = calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    s->tensor = tensor_alias(t);
    if (s->tensor == NULL || analyse(s) < 0) {
        step_free(s);
        free(s);
        return NULL;
    }
    return s;
}

int64_t step_uses(const Step *s, int64_t addr) {
    if (s == NULL || addr < s->span_lo || addr > s->span_hi) return 0;
    return s->uses[addr - s->span_lo];
}

int64_t step_first_use(const Step *s, int64_t addr) {
    if (s == NULL || addr < s->span_lo || addr > s->span_hi) return -1;
    return s->first_use[addr - s->span_lo];
}

int model_push(Model *m, const char *label, Tensor *t, Tensor *source, bool animate) {
    if (m->count == m->cap) {
        int cap = m->cap ? m->cap * 2 : 16;
        Step *steps = realloc(m->steps, (size_t)cap * sizeof *steps);
        if (steps == NULL) goto fail;
        m->steps = steps;
        m->cap = cap;
    }
    Step s = {.label = copy_string(label), .tensor = t, .source = source};
    if (source) s.source_step = side_step(source);
    if (s.label == NULL || analyse(&s) < 0 || (source && s.source_step == NULL)) {
        step_free(&s);
        return -1;
    }
    m->steps[m->count++] = s;
    model_goto(m, m->count - 1, animate);
    return 0;
fail:
    tensor_free(t);
    tensor_free(source);
    return -1;
}

void model_goto(Model *m, int step, bool animate) {
    if (step < 0 || step >= m->count) return;
    int from = m->current;
    const Tensor *old = model_tensor(m);
    m->current = step;
    const Tensor *t = m->steps[step].tensor;
    m->from = animate && from >= 0 && from != step ? from : -1;
    m->transition = m->from >= 0 ? 0 : 1;
    // A copy replays when reached by stepping forward, not when stepping back.
    m->copy = m->steps[step].source != NULL && animate && step > from ? 0 : 1;
    m->walk = 0;
    m->walk_clock = 0;
    m->hover_addr = m->pinned_addr = m->hover_flat = -1;
    if (old == NULL || old->ndim != t->ndim) model_set_axes(m, -1, -1);
}

// ---- dropout steps -------------------------------------------------------------

float dropout_mask_at(const DropoutView *d, int64_t n) {
    return d->mask->storage->data[n];  // the mask is row-major, offset 0
}

// Is `out`, element for element (row-major, nan equal to nan), x * mask?
static bool is_masked_input(const Tensor *out, const Tensor *x, const Tensor *mask) {
    if (out->ndim != x->ndim) return false;
    for (int d = 0; d < x->ndim; d++) {
        if (out->shape[d] != x->shape[d]) return false;
    }
    int64_t index[MAX_DIMS] = {0};
    for (int64_t n = 0; n < tensor_numel(x); n++) {
        float want = x->storage->data[tensor_storage_index(x, index)] * mask->storage->data[n];
        float got = out->storage->data[tensor_storage_index(out, index)];
        if (got != want && !(isnan(got) && isnan(want))) return false;
        index_next(x->ndim, x->shape, index);
    }
    return true;
}

int model_set_dropout(Model *m, const Tensor *input, double p, bool training, Rng rng) {
    Step *st = m->current >= 0 ? &m->steps[m->current] : NULL;
    if (st == NULL) return -1;
    DropoutView *d = calloc(1, sizeof *d);
    if (d == NULL) return -1;
    *d = (DropoutView){.p = p, .ran_training = training, .training = training};
    Rng draw = rng, again = rng;
    d->input = tensor_alias(input);
    d->mask = dropout_mask(intlist_of(input->shape, (size_t)input->ndim), p, &draw);
    // What training gives: the step itself, or dropout run now from the
    // same generator state, which draws the same mask.
    d->trained = training ? tensor_alias(st->tensor) : F_dropout(input, p, true, &again);
    if (d->input == NULL || d->mask == NULL || d->trained == NULL ||
        !is_masked_input(d->trained, input, d->mask)) {
        dropout_free(d);
        return -1;
    }
    d->scale = p < 1 ? 1.0f / (float)(1.0 - p) : 0.0f;
    for (int64_t n = 0; n < tensor_numel(d->mask); n++) d->kept += dropout_mask_at(d, n) != 0;
    dropout_free(st->dropout);
    st->dropout = d;
    return 0;
}

// Point a step at another tensor, analysed afresh; the old one is let go
// only once the new one is ready.
static int retarget(Step *s, const Tensor *t) {
    Step fresh = {.tensor = tensor_alias(t)};
    if (fresh.tensor == NULL || analyse(&fresh) < 0) {
        step_free(&fresh);
        return -1;
    }
    tensor_free(s->tensor);
    free(s->uses);
    free(s->first_use);
    s->tensor = fresh.tensor;
    s->span_lo = fresh.span_lo;
    s->span_hi = fresh.span_hi;
    s->uses = fresh.uses;
    s->first_use = fresh.first_use;
    s->aliased = fresh.aliased;
    return 0;
}

bool model_toggle_dropout(Model *m) {
    Step *st = m->current >= 0 ? &m->steps[m->current] : NULL;
    if (st == NULL || st->dropout == NULL) return false;
    DropoutView *d = st->dropout;
    if (retarget(st, d->training ? d->input : d->trained) < 0) return false;
    d->training = !d->training;
    m->hover_addr = m->pinned_addr = -1;  // addresses of the other storage
    return true;
}

const Step *model_step(const Model *m) {
    return m->current >= 0 ? &m->steps[m->current] : NULL;
}

const Tensor *model_tensor(const Model *m) {
    return m->current >= 0 ? m->steps[m->current].tensor : NULL;
}

void model_set_error(Model *m, const char *line, const char *message, int column,
                     ViewExplain *explain) {
    model_clear_error(m);
    m->error = copy_string(message ? message : "error");
    m->error_line = copy_string(line ? line : "");
    m->error_column = column;
    m->explain = explain;
    if (explain) m->explained = side_step(explain->input);
}

void model_set_note(Model *m, const char *line, const char *text) {
    model_set_error(m, line, text, 0, NULL);
    m->note = true;
}

void model_clear_error(Model *m) {
    m->note = false;
    free(m->error);
    free(m->error_line);
    explain_free(m->explain);
    if (m->explained) {
        step_free(m->explained);
        free(m->explained);
    }
    m->explained = NULL;
    m->error = m->error_line = NULL;
    m->explain = NULL;
    m->error_column = 0;
}

static int64_t walk_length(const Model *m) {
    const Tensor *t = model_tensor(m);
    return t ? tensor_numel(t) : 0;
}

void model_walk_to(Model *m, int64_t position) {
    int64_t n = walk_length(m);
    m->walk = position < 0 ? 0 : position >= n ? (n > 0 ? n - 1 : 0) : position;
    m->walk_clock = 0;
}

void model_walk_by(Model *m, int64_t delta) {
    model_walk_to(m, m->walk + delta);
}

void model_play(Model *m, bool playing) {
    // Play at the end starts over, like a media player.
    if (playing && m->walk >= walk_length(m) - 1) m->walk = 0;
    m->playing = playing && walk_length(m) > 1;
    m->walk_clock = 0;
}

void model_change_speed(Model *m, int delta) {
    int s = m->speed + delta;
    m->speed = s < 0 ? 0 : s >= SPEED_LEVELS ? SPEED_LEVELS - 1 : s;
}

void model_set_axes(Model *m, int row_axis, int col_axis) {
    const Tensor *t = model_tensor(m);
    int nd = t ? t->ndim : 0;
    bool valid = row_axis >= 0 && col_axis >= 0 && row_axis < nd && col_axis < nd &&
                 row_axis != col_axis;
    if (valid) {
        m->row_axis = row_axis;
        m->col_axis = col_axis;
    } else {  // the default: the last two dims, as PyTorch prints
        m->row_axis = nd >= 2 ? nd - 2 : -1;
        m->col_axis = nd >= 1 ? nd - 1 : -1;
    }
}

// Go through every ordered pair (row, col) of distinct dims, starting from
// the default; for 2-D that is just the grid and its transpose.
void model_cycle_axes(Model *m) {
    const Tensor *t = model_tensor(m);
    if (t == NULL || t->ndim < 2) return;
    int nd = t->ndim, pairs = nd * (nd - 1);
    int at = 0;  // the current pair's number: row * (nd - 1) + col rank
    int r = m->row_axis, c = m->col_axis;
    at = r * (nd - 1) + (c < r ? c : c - 1);
    int next = (at + 1) % pairs;
    r = next / (nd - 1);
    c = next % (nd - 1);
    if (c >= r) c++;
    model_set_axes(m, r, c);
}

double model_copy_seconds(const Model *m) {
    const Tensor *t = model_tensor(m);
    double s = t ? 0.15 * (double)tensor_numel(t) : 1;
    return s < 1.2 ? 1.2 : s > 3.5 ? 3.5 : s;
}

bool model_animating(const Model *m) {
    return m->playing || m->transition < 1 || m->copy < 1;
}

bool model_tick(Model *m, double dt) {
    if (m->transition < 1) {
        m->transition += dt / TRANSITION_SECONDS;
        if (m->transition >= 1) {
            m->transition = 1;
            m->from = -1;
        }
    } else if (m->copy < 1) {  // a copy starts once the transition is over
        m->copy += dt / model_copy_seconds(m);
        if (m->copy > 1) m->copy = 1;
    }
    if (m->playing) {
        int64_t last = walk_length(m) - 1;
        m->walk_clock += dt * walk_speeds[m->speed];
        // (A hair of slack: sixty ticks of 1/60 s must make a whole second.)
        int64_t steps = (int64_t)(m->walk_clock + 1e-9);
        m->walk_clock -= (double)steps;
        m->walk = m->walk + steps >= last ? last : m->walk + steps;
        if (m->walk >= last) m->playing = false;
    }
    return model_animating(m);
}

int64_t model_selected_addr(const Model *m) {
    return m->hover_addr >= 0 ? m->hover_addr : m->pinned_addr;
}
