// Chapter 6 demo: functions of their arguments and nothing else.
#include <stdio.h>

#include "elementwise.h"
#include "error.h"
#include "functional.h"
#include "print.h"
#include "tensor.h"

static void show(const char *expression, const Tensor *t) {
    printf(">>> %s\n", expression);
    if (t == NULL) printf("RuntimeError: %s\n", error_message());
    else tensor_print(t);
}

int main(void) {
    // A batch of two samples with three features each, and the weights of
    // a layer with two outputs: weight (out, in) = (2, 3), bias (2,).
    Tensor *x = tensor_from_data((float[]){1, 2, 3, -1, 0, 1}, SHAPE(2, 3));
    Tensor *w = tensor_from_data((float[]){0.5f, -1, 0.25f, 1, 1, 1}, SHAPE(2, 3));
    Tensor *b = tensor_from_data((float[]){0.1f, -0.2f}, SHAPE(2));
    show("x", x);
    show("w", w);
    show("b", b);

    // Everything the layer needs is an argument: F.linear(x, w, b).
    Tensor *y = F_linear(x, w, b);
    show("y = F.linear(x, w, b)", y);
    Tensor *again = F_linear(x, w, b);
    show("F.linear(x, w, b)     # again: nothing was remembered", again);

    Tensor *relu = F_relu(y), *sigmoid = F_sigmoid(y), *tanh = F_tanh(y);
    show("F.relu(y)", relu);
    show("torch.sigmoid(y)", sigmoid);
    show("torch.tanh(y)", tanh);

    Tensor *p = F_softmax(y, 1), *logp = F_log_softmax(y, 1);
    show("F.softmax(y, dim=1)   # each row sums to 1", p);
    show("F.log_softmax(y, dim=1)", logp);

    // Large scores: exp() alone overflows, the shifted softmax doesn't.
    Tensor *big = tensor_from_data((float[]){1000, 1001, 1002}, SHAPE(3));
    Tensor *e = tensor_exp(big), *pb = F_softmax(big, 0);
    show("big = torch.tensor([1000., 1001., 1002.]); big.exp()", e);
    show("F.softmax(big, dim=0)", pb);

    // The weights must fit the input: 3 features in, so x needs 3 columns.
    Tensor *wide = tensor_zeros(SHAPE(2, 4));
    Tensor *bad = F_linear(wide, w, b);
    show("F.linear(torch.zeros(2, 4), w, b)", bad);

    Tensor *all[] = {x, w, b, y, again, relu, sigmoid, tanh, p, logp, big, e, pb, wide};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) tensor_free(all[i]);
    return 0;
}
