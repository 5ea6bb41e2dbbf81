#!/usr/bin/python3
"""Golden cases for chapter 3 (view, reshape, is_contiguous, contiguous),
computed by real PyTorch. Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_view.py > tests/golden/view.txt

Each line is one case, five tab-separated fields:

    name  input  op  argument  expected

input     sizes;strides;offset;storage-size. The input tensor looks into a
          storage holding 0, 1, 2, ... (arange), with those sizes, strides
          and storage offset.
op        view | reshape | is_contiguous | contiguous
argument  the requested shape, comma-separated ("" for a 0-dim shape)
expected  "ok sizes;strides;offset;contiguous;shares;values" where shares
          is 1 when the result uses the input's storage, values the
          elements in row-major order; or "err <PyTorch's message>";
          for is_contiguous just "true" or "false".
"""
import random
import torch

from strided_inputs import base, ints, spec, strided, values

random.seed(20261126)


def result(x, y):
    shares = int(y.storage().data_ptr() == x.storage().data_ptr())
    return "ok %s;%s;%d;%d;%d;%s" % (ints(y.shape), ints(y.stride()), y.storage_offset(),
                                     int(y.is_contiguous()), shares, values(y))


cases = []
seen = set()


def add(name, x, storage_size, op, shape=None):
    arg = ints(shape) if shape is not None else ""
    key = (spec(x, storage_size), op, arg)
    if key in seen:
        return
    seen.add(key)
    try:
        if op == "view":
            out = result(x, x.view(*shape) if shape else x.view(()))
        elif op == "reshape":
            out = result(x, x.reshape(*shape) if shape else x.reshape(()))
        elif op == "contiguous":
            out = result(x, x.contiguous())
        else:
            out = "true" if x.is_contiguous() else "false"
    except RuntimeError as e:
        out = "err " + str(e).split("\n")[0]
    cases.append("\t".join(["%s-%d" % (name, len(cases)), spec(x, storage_size), op, arg, out]))


# --- the worked examples (docs/semantics-notes.md, "view(): worked examples") ---
examples = [
    ((2, 3, 4), (12, 4, 1), 0, [(6, 4), (4, -1), (24,), (2, 12), (-1,)]),
    ((4, 3), (1, 4), 0, [(12,), (2, 2, 3), (4, 1, 3), (4, 3, 1), (-1,), (3, 4)]),
    ((2, 3, 4), (24, 4, 1), 0, [(2, 12), (2, 3, 2, 2), (6, 4), (-1,)]),
    ((3, 4), (8, 1), 0, [(3, 2, 2), (12,), (3, 4, 1)]),
    ((3, 1, 4), (4, 100, 1), 0, [(12,), (1, 3, 4), (3, 4, 1), (3, 4)]),
    ((2, 3, 2), (12, 4, 2), 0, [(12,), (3, 4), (6, 2), (2, 6)]),
    ((2, 3), (0, 1), 0, [(1, 2, 3), (2, 3, 1), (6,), (3, 2)]),
    ((0, 3), (3, 1), 0, [(2, 0, 5), (0, 3), (-1,), (-1, 0), (0, -1), (3, 0)]),
    ((4, 0, 2), (3, 3, 2), 0, [(4, 0, 2), (8, 0), (0,), (-1, 2)]),
    ((2, 2), (2, 1), 0, [(4, -1, 1), (-1, 4), (1, 1, 4)]),
    ((2, 3, 4), (12, 4, 1), 0, [(5, -1), (-1, -1), (-2, 12), (0, -1), (7,), (2, 6, 2, 1, 1)]),
]
for sizes, strides, offset, shapes in examples:
    x, n = strided(sizes, strides, offset)
    for shape in shapes:
        add("example", x, n, "view", shape)
        add("example", x, n, "reshape", shape)
    add("example", x, n, "is_contiguous")
    add("example", x, n, "contiguous")

# 0-dim
s = base(1).view(())
for shape in [(1, 1, 1), (-1,), (2,), (), (1,), (-1, 1), (0,)]:
    add("scalar", s, 1, "view", shape)
    add("scalar", s, 1, "reshape", shape)
add("scalar", s, 1, "is_contiguous")
add("scalar", s, 1, "contiguous")

# The widely copied note: torch.range(3, 4).view(2, 6) has 2 elements.
r = base(2)  # torch.range(3, 4) holds the 2 values 3. and 4.
add("range-note", r, 2, "view", (2, 6))
add("range-note", base(12), 12, "view", (2, 6))

# size-1 dims with arbitrary strides, is_contiguous rules
for sizes, strides in [((2, 1, 3), (3, 99, 1)), ((1, 5), (7, 1)), ((3, 1), (1, 3)),
                       ((0, 3), (5, 7)), ((2, 3), (1, 2)), ((2, 3), (0, 1)),
                       ((1, 1), (5, 9)), ((3, 0), (1, 1)), ((2, 1, 1, 2), (2, 5, 7, 1))]:
    x, n = strided(sizes, strides)
    add("contig", x, n, "is_contiguous")
    add("contig", x, n, "contiguous")
    add("contig", x, n, "view", (-1,))
    add("contig", x, n, "reshape", (-1,))


# --- random inputs -------------------------------------------------------------
def random_sizes(max_dims=4, max_size=5):
    nd = random.randint(1, max_dims)
    return [random.choice([0, 1, 1, 2, 2, 3, 3, 4, 5][: max_size + 4]) if random.random() < 0.1
            else random.randint(1, max_size) for _ in range(nd)]


def random_input():
    kind = random.choice(["contiguous", "transposed", "permuted", "sliced", "narrowed",
                          "expanded", "unsqueezed", "strided", "offset-slice"])
    sizes = random_sizes()
    numel = 1
    for s in sizes:
        numel *= s
    x = base(max(numel, 1))[:numel].view(sizes)
    n = max(numel, 1)
    if kind == "transposed" and x.dim() >= 2:
        a, b = random.sample(range(x.dim()), 2)
        x = x.transpose(a, b)
    elif kind == "permuted":
        p = list(range(x.dim()))
        random.shuffle(p)
        x = x.permute(*p)
    elif kind in ("sliced", "offset-slice"):
        d = random.randrange(x.dim())
        start = random.randint(0, max(x.shape[d] - 1, 0)) if kind == "offset-slice" else 0
        step = random.randint(1, 3)
        idx = [slice(None)] * x.dim()
        idx[d] = slice(start, None, step)
        x = x[tuple(idx)]
    elif kind == "narrowed":
        d = random.randrange(x.dim())
        if x.shape[d] > 1:
            start = random.randint(0, x.shape[d] - 1)
            x = x.narrow(d, start, random.randint(1, x.shape[d] - start))
    elif kind == "expanded":
        d = random.randrange(x.dim() + 1)
        x = x.unsqueeze(d)
        target = list(x.shape)
        target[d] = random.randint(1, 4)
        x = x.expand(*target)
    elif kind == "unsqueezed":
        x = x.unsqueeze(random.randrange(x.dim() + 1))
    elif kind == "strided":
        nd = random.randint(1, 4)
        sizes = [random.randint(1, 4) for _ in range(nd)]
        strides = [random.choice([0, 1, 2, 3, 4, 6, 8, 12, 24]) for _ in range(nd)]
        x, n = strided(sizes, strides, random.randint(0, 3))
        return kind, x, n
    return kind, x, n


def factorizations(n, max_dims=4):
    """Random shapes with product n (n > 0)."""
    shape = []
    rest = n
    dims = random.randint(1, max_dims)
    for _ in range(dims - 1):
        divisors = [d for d in range(1, rest + 1) if rest % d == 0]
        d = random.choice(divisors)
        shape.append(d)
        rest //= d
    shape.append(rest)
    random.shuffle(shape)
    if random.random() < 0.2:
        shape.insert(random.randint(0, len(shape)), 1)
    return shape


def random_shape(numel):
    r = random.random()
    if numel == 0:
        return random.choice([[0], [0, 3], [2, 0], [-1], [-1, 0], [0, -1], [3, -1], [1, 0, 1]])
    shape = factorizations(numel)
    if r < 0.3:
        shape[random.randrange(len(shape))] = -1
    elif r < 0.4:  # a wrong count
        shape[random.randrange(len(shape))] += random.choice([1, 2])
    elif r < 0.45:
        shape = shape + [-1, -1]
    elif r < 0.5:
        shape[random.randrange(len(shape))] = -2
    return shape


while len(cases) < 420:
    kind, x, n = random_input()
    add(kind, x, n, "is_contiguous")
    add(kind, x, n, "contiguous")
    for _ in range(3):
        shape = random_shape(x.numel())
        add(kind, x, n, "view", shape)
        add(kind, x, n, "reshape", shape)

print("\n".join(cases))
