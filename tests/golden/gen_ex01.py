#!/usr/bin/python3
"""Randomized cases for exercise 1.1 (storage_new), decided by real PyTorch.
Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_ex01.py > tests/golden/ex01.txt

Each line is one case, three tab-separated fields:

    name  size  expected

size      the number of floats asked for (torch.empty(size))
expected  "ok" when PyTorch makes the tensor (of zeros, in Strides), or the
          Python exception it raises ("RuntimeError"). Sizes that fit but
          no machine has are left out: PyTorch would try to allocate them.
"""
import random
import torch

random.seed(20261203)

INT64_MAX = 2**63 - 1
sizes = [0, 1, 2, 4095, 4096, 4097, -1, INT64_MAX, INT64_MAX // 4 + 1]
sizes += [random.randrange(0, 5000) for _ in range(30)]
sizes += [-random.randrange(1, 2**62 + 1) for _ in range(10)]
# (PyTorch reads sizes below -2**62 as a TypeError, so the negatives stop there.)
# size * sizeof(float) past PTRDIFF_MAX: the byte count would wrap around.
sizes += [random.randrange(INT64_MAX // 4 + 1, INT64_MAX) for _ in range(10)]

for k, size in enumerate(sizes):
    try:
        t = torch.zeros(size)
        assert t.numel() == size and bool((t == 0).all())
        out = "ok"
    except RuntimeError:
        out = "RuntimeError"
    print("\t".join(["size-%d" % k, str(size), out]))
