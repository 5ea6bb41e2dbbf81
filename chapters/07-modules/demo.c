// Chapter 7 demo: modules hold the state, and calling one runs its forward.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "error.h"
#include "module.h"
#include "nn.h"
#include "print.h"
#include "rng.h"
#include "state_dict.h"
#include "tensor.h"

#include "mlp.c"  // the chapter's own module, MLP

static void list_parameters(const Module *m) {
    NamedList params;
    if (module_named_parameters(m, &params) < 0) return;
    for (int i = 0; i < params.count; i++) {
        const Tensor *t = params.items[i].tensor;
        printf("%-10s %s\n", params.items[i].name, tuple_text(t->ndim, t->shape).s);
    }
    named_list_free(&params);
    printf("parameters: %lld\n", (long long)module_parameter_count(m));
}

int main(void) {
    Rng rng = rng_new(0);  // every weight below comes from this seed

    printf(">>> net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))\n");
    Module *net = nn_Sequential(nn_Linear(4, 8, true, &rng), nn_ReLU(),
                                nn_Linear(8, 2, true, &rng));
    if (net == NULL) {
        fprintf(stderr, "error: %s\n", error_message());
        return 1;
    }
    module_print(net);
    list_parameters(net);

    printf("\n>>> net(x)   # x: a batch of 3 samples, 4 features each\n");
    Tensor *x = tensor_arange(-6, 6, 1);
    Tensor *batch = tensor_from_data(x->storage->data, SHAPE(3, 4));
    Tensor *y = module_call(net, batch);
    tensor_print(y);

    printf("\n>>> mlp = MLP(4, 8, 2)   # our own module\n");
    Module *mlp = mlp_new(4, 8, 2, &rng);
    module_print(mlp);
    list_parameters(mlp);

    // A checkpoint: save net's state_dict to a file, load it into a fresh
    // model built from another seed, and get the same outputs.
    char path[] = "/tmp/strides-demo-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) close(fd);
    Rng other = rng_new(1);
    Module *copy = nn_Sequential(nn_Linear(4, 8, true, &other), nn_ReLU(),
                                 nn_Linear(8, 2, true, &other));
    Tensor *before = module_call(copy, batch);
    printf("\n>>> copy = <the same model, another seed>; copy(x)\n");
    tensor_print(before);
    printf(">>> torch.save(net.state_dict(), f); copy.load_state_dict(torch.load(f))\n");
    if (state_dict_save(net, path) < 0 || state_dict_load(copy, path) < 0) {
        printf("error: %s\n", error_message());
    }
    Tensor *after = module_call(copy, batch);
    printf(">>> copy(x)\n");
    tensor_print(after);

    // A file for another shape of model is refused, and nothing is loaded.
    Module *wider = nn_Sequential(nn_Linear(4, 8, true, &other), nn_ReLU(),
                                  nn_Linear(8, 3, true, &other));
    printf("\n>>> wider.load_state_dict(torch.load(f))   # Linear(8, 3) at the end\n");
    if (state_dict_load(wider, path) < 0) printf("RuntimeError: %s\n", error_message());
    unlink(path);

    tensor_free(after);
    tensor_free(before);
    tensor_free(y);
    tensor_free(batch);
    tensor_free(x);
    module_release(wider);
    module_release(copy);
    module_release(mlp);
    module_release(net);
    return 0;
}
