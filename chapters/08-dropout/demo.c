// Chapter 8 demo: dropout in training, nothing in eval, the mean kept,
// and the classic bug next to its fix.
#include <stdio.h>

#include "dropout.h"
#include "error.h"
#include "module.h"
#include "print.h"
#include "rng.h"
#include "tensor.h"

#include "classic_bug.c"  // BuggyNet, FixedNet and the module-based fix

static void show(const char *expression, const Tensor *t) {
    printf(">>> %s\n", expression);
    if (t == NULL) printf("error: %s\n", error_message());
    else tensor_print(t);
}

// Show a tensor made only to be shown, then free it.
static void result(const char *expression, Tensor *t) {
    show(expression, t);
    tensor_free(t);
}

int main(void) {
    Rng rng = rng_new(42);  // one seed: every run prints the same masks
    Tensor *x = tensor_ones(SHAPE(2, 8));

    result("F.dropout(x, 0.5)          # x = torch.ones(2, 8)", F_dropout(x, 0.5, true, &rng));
    result("F.dropout(x, 0.5)          # a new mask", F_dropout(x, 0.5, true, &rng));
    result("F.dropout(x, 0.25)         # kept: 1/(1-p)", F_dropout(x, 0.25, true, &rng));
    result("F.dropout(x, training=False)", F_dropout(x, 0.5, false, &rng));
    result("F.dropout(x, 1.5)", F_dropout(x, 1.5, true, &rng));

    // The mean is kept: average 10000 dropouts of the same x.
    Tensor *row = tensor_from_data((float[]){-2, -1, 0, 1, 2, 3}, SHAPE(6));
    Tensor *sum = tensor_zeros(SHAPE(6));
    for (int i = 0; i < 10000; i++) {
        Tensor *y = F_dropout(row, 0.5, true, &rng);
        for (int k = 0; k < 6; k++) sum->storage->data[k] += y->storage->data[k] / 10000;
        tensor_free(y);
    }
    show("row = torch.tensor([-2., -1., 0., 1., 2., 3.])", row);
    show("mean of 10000 F.dropout(row, 0.5)", sum);

    // The module: settings, no parameters, and the training flag.
    printf("\n>>> d = nn.Dropout(0.5)\n");
    Module *d = nn_Dropout(0.5, false, &rng);
    module_print(d);
    printf("parameters: %lld\n", (long long)module_parameter_count(d));
    result("d(x)", module_call(d, x));
    module_eval(d);
    result("d.eval(); d(x)", module_call(d, x));
    module_release(d);

    // The classic bug: two copies of one network, the same weights (the
    // same seed), one calling F.dropout(h, 0.5), one passing self.training.
    // A third copy uses an nn.Dropout child instead.
    Rng seed_a = rng_new(7), seed_b = rng_new(7), seed_c = rng_new(7);
    Module *buggy = net_new(&BUGGY_NET, 8, 16, 2, 0.5, &seed_a);
    Module *fixed = net_new(&FIXED_NET, 8, 16, 2, 0.5, &seed_b);
    Module *with_module = module_net_new(8, 16, 2, 0.5, &seed_c);
    module_eval(buggy);
    module_eval(fixed);
    module_eval(with_module);
    printf("\n>>> buggy.eval(); fixed.eval(); with_module.eval()\n");
    result("buggy(x)", module_call(buggy, x));
    result("buggy(x)                   # eval, and still random", module_call(buggy, x));
    result("fixed(x)", module_call(fixed, x));
    result("fixed(x)                   # the same every time", module_call(fixed, x));
    result("with_module(x)", module_call(with_module, x));
    module_release(buggy);
    module_release(fixed);
    module_release(with_module);

    // Dropout2d: whole channels of a (1, 4, 2, 3) input, kept or zeroed.
    Tensor *img = tensor_ones(SHAPE(1, 4, 2, 3));
    result("F.dropout2d(torch.ones(1, 4, 2, 3), 0.5)", F_dropout2d(img, 0.5, true, &rng));

    tensor_free(img);
    tensor_free(sum);
    tensor_free(row);
    tensor_free(x);
    return 0;
}
