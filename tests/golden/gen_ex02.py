#!/usr/bin/python3
"""Randomized cases for exercise 2.4 (row-major strides and the element
address), computed by real PyTorch. Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_ex02.py > tests/golden/ex02.txt

Each line is one case, seven tab-separated fields:

    name  kind  shape  strides  offset  index  expected

kind "strides": expected is torch.empty(shape).stride() (strides, offset
and index are empty). kind "index": a tensor with that shape, strides and
storage offset over a storage holding 0, 1, 2, ... (torch.as_strided);
expected is the value of its element at `index`, which is that element's
storage index. Lists are comma-separated; "" is the empty list.
"""
import random
import torch


def ints(xs):
    return ",".join(str(int(v)) for v in xs)


random.seed(20261203)
lines = []

for k in range(60):
    ndim = random.randrange(0, 6)
    shape = [random.choice([0, 1, 1, 2, 3, 4, 5, 7]) for _ in range(ndim)]
    lines.append(["strides-%d" % k, "strides", ints(shape), ints(torch.empty(shape).stride()),
                  "", "", ""])

for k in range(100):
    ndim = random.randrange(0, 5)
    shape = [random.randrange(1, 6) for _ in range(ndim)]
    strides = [random.choice([0, 1, 2, 3, 5, 7, 12, 20]) for _ in range(ndim)]
    offset = random.randrange(0, 31)
    size = offset + sum((n - 1) * s for n, s in zip(shape, strides)) + 1
    x = torch.arange(size).as_strided(shape, strides, offset)
    index = [random.randrange(0, n) for n in shape]
    value = x[tuple(index)].item() if ndim else x.item()
    lines.append(["index-%d" % k, "index", ints(shape), ints(strides), str(offset),
                  ints(index), str(value)])

for line in lines:
    print("\t".join(line))
