// Chapter 5 demo: broadcasting and result layouts, in-place operations
// through views, reductions, matmul -- and the copy of a transpose, timed
// one optimisation at a time.
#include <stdio.h>
#include <time.h>

#include "elementwise.h"
#include "error.h"
#include "iter.h"
#include "matmul.h"
#include "print.h"
#include "reduce.h"
#include "tensor.h"
#include "view.h"
#include "views.h"

static void show(const char *expr, Tensor *t) {
    if (t == NULL) {
        printf("%s\nRuntimeError: %s\n\n", expr, error_message());
        return;
    }
    printf("%s  # shape %s, stride %s\n", expr, tuple_text(t->ndim, t->shape).s,
           tuple_text(t->ndim, t->stride).s);
    tensor_print(t);
    printf("\n");
    tensor_free(t);
}

static void show_status(const char *expr, int rc, const Tensor *t) {
    if (rc < 0) {
        printf("%s\nRuntimeError: %s\n\n", expr, error_message());
        return;
    }
    printf("%s\n", expr);
    tensor_print(t);
    printf("\n");
}

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(void) {
    Tensor *a = tensor_arange(0, 12, 1);
    Tensor *x = tensor_view(a, SHAPE(3, 4));
    Tensor *row = tensor_arange(0, 4, 1);
    Tensor *xt = tensor_t(x);
    if (a == NULL || x == NULL || row == NULL || xt == NULL) {
        fprintf(stderr, "error: %s\n", error_message());
        return 1;
    }
    printf(">>> x = arange(12.).view(3, 4); row = arange(4.)\n\n");
    show(">>> x + row", tensor_add(x, row));
    show(">>> x.t() * 2", tensor_mul_scalar(xt, 2));  // keeps x.t()'s memory order
    Tensor *three = tensor_arange(0, 3, 1), *col = tensor_view(three, SHAPE(3, 1));
    show(">>> x + arange(3.)", tensor_add(x, three));
    show(">>> x + arange(3.).view(3, 1)", tensor_add(x, col));

    // Writes through a view land in x.
    Tensor *cols = tensor_narrow(x, 1, 1, 2);
    show_status(">>> x[:, 1:3].mul_(10); x", tensor_mul_scalar_(cols, 10), x);
    Tensor *wide = tensor_expand(row, SHAPE(3, 4));
    show_status(">>> row.expand(3, 4).add_(1)", tensor_add_scalar_(wide, 1), wide);

    show(">>> x.sum(0)", tensor_sum_dim(x, 0, false));
    show(">>> x.mean(1, keepdim=True)", tensor_mean_dim(x, 1, true));
    Tensor *values, *indices;
    if (tensor_max_dim(xt, 1, false, &values, &indices) == 0) {
        show(">>> x.t().max(1).values", values);
        show(">>> x.t().max(1).indices", indices);  // int64 in PyTorch, float here
    }
    show(">>> x @ x.t()", tensor_matmul(x, xt));
    show(">>> x @ row", tensor_matmul(x, row));
    show(">>> x @ arange(3.)", tensor_matmul(x, three));

    // The copy of a 2048 x 2048 transpose, each step of the chapter.
    Tensor *big = tensor_arange(0, 2048.0 * 2048.0, 1);
    Tensor *t = tensor_on(big->storage, 0, 2, (int64_t[]){2048, 2048}, (int64_t[]){1, 2048});
    Tensor *dst = tensor_empty(SHAPE(2048, 2048));
    tensor_fill_(dst, 0);  // touch its pages now, so no step pays for that
    static const char *names[] = {"odometer", "coalesced", "runs", "blocked"};
    printf(">>> t = arange(2048. * 2048).view(2048, 2048).t(); t.contiguous()\n");
    double first = 0;
    for (int m = COPY_ODOMETER; m <= COPY_BLOCKED; m++) {
        double best = 1e9;
        for (int rep = 0; rep < 3; rep++) {
            double t0 = seconds();
            tensor_copy_with((CopyMethod)m, dst, t);
            double dt = seconds() - t0;
            if (dt < best) best = dt;
        }
        if (m == COPY_ODOMETER) first = best;
        printf("  %-10s %7.1f ms  (%.1fx)\n", names[m], best * 1e3, first / best);
    }

    tensor_free(dst);
    tensor_free(t);
    tensor_free(big);
    tensor_free(wide);
    tensor_free(cols);
    tensor_free(col);
    tensor_free(three);
    tensor_free(xt);
    tensor_free(row);
    tensor_free(x);
    tensor_free(a);
    return 0;
}
