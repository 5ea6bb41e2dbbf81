// What the visualizer learns from a command (viz/events.c): it listens to
// the interpreter's call records while a line runs and finds the copy, the
// dropout or the failed view() that made the step -- the very tensors the
// line used, never a second evaluation (rand() would draw again).
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dropout.h"
#include "elementwise.h"
#include "events.h"
#include "lang/lang.h"
#include "tensor.h"

// Run `line` in `s` with `ev` listening; it must succeed. Returns the
// variable `name` (the session's).
static const Tensor *heard(Session *s, CommandEvents *ev, const char *line, const char *name) {
    events_listen(ev, s);
    Value v;
    int rc = session_run(s, line, &v);
    events_stop(ev);
    if (rc != 0) fail_msg("%s failed: %s", line, session_error(s));
    value_free(&v);
    const Value *var = session_get(s, name);
    assert_non_null(var);
    assert_int_equal(var->kind, VALUE_TENSOR);
    return var->tensor;
}

static bool same_values(const Tensor *a, const Tensor *b) {
    if (a->ndim != b->ndim || tensor_numel(a) != tensor_numel(b)) return false;
    int64_t index[MAX_DIMS] = {0};
    for (int64_t n = 0; n < tensor_numel(a); n++) {
        if (a->storage->data[tensor_storage_index(a, index)] !=
            b->storage->data[tensor_storage_index(b, index)]) {
            return false;
        }
        index_next(a->ndim, a->shape, index);
    }
    return true;
}

static void a_copy_comes_from_the_tensor_that_was_copied(void **state) {
    (void)state;
    Session *s = session_new();
    CommandEvents ev;
    const Tensor *y = heard(s, &ev, "y = rand(3, 4).t().contiguous()", "y");
    Tensor *source = events_copy_source(&ev, y);
    assert_non_null(source);
    // The same random numbers, in other memory: not a second draw.
    assert_ptr_not_equal(source->storage, y->storage);
    assert_true(same_values(source, y));
    tensor_free(source);
    events_free(&ev);
    // Not a copy: a method after the copy, a copy that gave its input back
    // (x is contiguous already), a method that never copies.
    static const char *const plain[] = {
        "x = arange(12).view(3, 4); y = x.contiguous().t()", "y = x.contiguous()",
        "y = x.t()",
    };
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        y = heard(s, &ev, plain[i], "y");
        if (events_copy_source(&ev, y) != NULL) fail_msg("%s: a copy?", plain[i]);
        events_free(&ev);
    }
    session_free(s);
}

// The mask drawn again from the generator before the call, times the
// input that was used, is the step's tensor.
static void a_dropout_is_found_with_its_input_and_generator(void **state) {
    (void)state;
    Session *s = session_new();
    static const char *const lines[] = {
        "y = dropout(rand(3, 4), 0.25)", "y = F.dropout(rand(2, 5).t(), p=0.5)",
        "d = nn.Dropout(0.75); y = d(rand(4))",
    };
    static const double ps[] = {0.25, 0.5, 0.75};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        CommandEvents ev;
        const Tensor *y = heard(s, &ev, lines[i], "y");
        const DropoutEvent *d = events_dropout(&ev, y);
        assert_non_null(d);
        assert_true(d->p == ps[i] && d->training && !d->inplace);
        Rng rng = d->rng;
        Tensor *mask = dropout_mask(intlist_of(d->input->shape, (size_t)d->input->ndim), d->p,
                                    &rng);
        Tensor *expected = tensor_mul(d->input, mask);
        assert_true(same_values(expected, y));
        tensor_free(mask);
        tensor_free(expected);
        assert_null(events_copy_source(&ev, y));  // new memory, but not a copy
        events_free(&ev);
    }
    CommandEvents ev;
    const Tensor *y = heard(s, &ev, "d.eval(); y = d(rand(4))", "y");
    assert_non_null(events_dropout(&ev, y));
    assert_false(events_dropout(&ev, y)->training);
    events_free(&ev);
    // A view of the result, and an in-place dropout, are plain steps.
    static const char *const plain[] = {
        "y = dropout(rand(3, 4), 0.5).t()", "y = rand(3); dropout(y, 0.5, inplace=True)",
        "y = rand(3)",
    };
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        y = heard(s, &ev, plain[i], "y");
        if (events_dropout(&ev, y) != NULL) fail_msg("%s: a dropout step?", plain[i]);
        events_free(&ev);
    }
    session_free(s);
}

// Run a line that must fail; the explainer the events give, or NULL.
static ViewExplain *explained(Session *s, const char *line) {
    CommandEvents ev;
    events_listen(&ev, s);
    Value v;
    if (session_run(s, line, &v) == 0) fail_msg("%s ran", line);
    ViewExplain *e = events_explain_failure(&ev);
    events_free(&ev);
    return e;
}

static void a_view_that_failed_for_its_strides_is_explained(void **state) {
    (void)state;
    Session *s = session_new();
    Value v;
    assert_int_equal(session_run(s, "x = arange(12).view(3, 4)", &v), 0);
    static const char *const lines[] = {
        "x.t().view(12)", "y = (x.t().view(2, 6) + 1).sum()", "x.t().view((-1,))",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        ViewExplain *e = explained(s, lines[i]);
        if (e == NULL) fail_msg("%s: not explained", lines[i]);
        assert_int_equal(e->input->stride[0], 1);  // x.t(), the tensor view() was called on
        assert_int_equal(e->input->stride[1], 4);
        assert_true(e->bad_new_dim >= 0);
        explain_free(e);
    }
    // Other failures have no explainer. After events_free the session has
    // no hook left, and runs on.
    assert_null(explained(s, "x.view(5, -1)"));
    assert_null(explained(s, "x.view(2, 1.5)"));
    assert_null(explained(s, "x.transpose(0, 3)"));
    assert_int_equal(session_run(s, "x.t().view(4, 3)", &v), 0);
    value_free(&v);
    session_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_copy_comes_from_the_tensor_that_was_copied),
        cmocka_unit_test(a_dropout_is_found_with_its_input_and_generator),
        cmocka_unit_test(a_view_that_failed_for_its_strides_is_explained),
    };
    return cmocka_run_group_tests_name("viz events", tests, NULL, NULL);
}
