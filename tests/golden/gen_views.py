#!/usr/bin/python3
"""Golden cases for chapter 4 (the view family), computed by real PyTorch.
Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_views.py > tests/golden/views.txt

Each line is one case, five tab-separated fields:

    name  input  op  arguments  expected

input      sizes;strides;offset;storage-size. The input tensor looks into a
           storage holding 0, 1, 2, ... (arange), with those sizes, strides
           and storage offset.
op         transpose t permute narrow select slice index unsqueeze squeeze
           squeeze_dim expand broadcast_to flatten unflatten as_strided
arguments  comma-separated integers, except:
             slice       dim;start:stop:step  (Python's slice text, "" = None)
             index       the items of x[...] separated by ";": an integer,
                         a slice as above, None or ...
             unflatten   dim;sizes
             as_strided  sizes;strides;offset (offset "keep" = not given)
expected   "ok sizes;strides;offset;shares;values": shares is 1 when the
           result uses the input's storage, values are the elements in
           row-major order. Or "err <PyTorch's message>", with newlines
           written as \\n.
"""
import random
import torch

from strided_inputs import base, ints, spec, strided, values

random.seed(20261204)


def result(x, y):
    shares = int(y.storage().data_ptr() == x.storage().data_ptr())
    return "ok %s;%s;%d;%d;%s" % (ints(y.shape), ints(y.stride()), y.storage_offset(),
                                  shares, values(y))


def slice_text(s):
    def part(v):
        return "" if v is None else str(v)
    return "%s:%s:%s" % (part(s.start), part(s.stop), part(s.step))


def item_text(item):
    if item is None:
        return "None"
    if item is Ellipsis:
        return "..."
    if isinstance(item, slice):
        return slice_text(item)
    return str(item)


def py_slice(x, dim, s):
    """tensor_slice(x, dim, s): x[:, ..., s] with s on dim, PyTorch's messages."""
    if s.step is not None and s.step <= 0 or x.dim() == 0:
        return x[s]  # the slice's own errors come first, then the 0-dim one
    if not -x.dim() <= dim < x.dim():
        return torch.ops.aten.slice(x, dim)  # raises the dim-out-of-range message
    d = dim % x.dim()
    return x[(slice(None),) * d + (s,)]


def apply(x, op, args):
    if op == "transpose":
        return x.transpose(*args)
    if op == "t":
        return x.t()
    if op == "permute":
        return x.permute(*args) if args else x.permute(())
    if op == "narrow":
        return x.narrow(*args)
    if op == "select":
        return x.select(*args)
    if op == "slice":
        return py_slice(x, args[0], args[1])
    if op == "index":
        return x[args[0]] if len(args) == 1 else x[tuple(args)]
    if op == "unsqueeze":
        return x.unsqueeze(*args)
    if op == "squeeze":
        return x.squeeze()
    if op == "squeeze_dim":
        return x.squeeze(*args)
    if op == "expand":
        return x.expand(*args) if args else x.expand(())
    if op == "broadcast_to":
        return x.broadcast_to(tuple(args))
    if op == "flatten":
        return x.flatten(*args)
    if op == "unflatten":
        return x.unflatten(args[0], tuple(args[1]))
    if op == "as_strided":
        size, stride, offset = args
        return x.as_strided(size, stride) if offset is None else x.as_strided(size, stride, offset)
    raise ValueError(op)


def args_text(op, args):
    if op == "slice":
        return "%d;%s" % (args[0], slice_text(args[1]))
    if op == "index":
        return ";".join(item_text(a) for a in args)
    if op == "unflatten":
        return "%d;%s" % (args[0], ints(args[1]))
    if op == "as_strided":
        size, stride, offset = args
        return "%s;%s;%s" % (ints(size), ints(stride), "keep" if offset is None else offset)
    return ints(args)


cases = []
seen = set()
counts = {}


def index_is_undefined(x, items):
    """After two `...`, PyTorch 1.13 can select a dim past the last one: it
    then reads a size out of bounds (undefined behaviour, no answer to copy)."""
    nd = x.dim()
    specified = sum(1 for i in items if i is not None and i is not Ellipsis)
    if len(items) == 1 or specified > nd:
        return False
    ptr, ndim = 0, nd
    for item in items:
        if item is Ellipsis:
            ptr += nd - specified
        elif item is None:
            ptr, ndim = ptr + 1, ndim + 1
        elif isinstance(item, slice):
            if item.step is not None and item.step <= 0 or ptr >= ndim:
                return False  # PyTorch raises a well-defined error here
            ptr += 1
        elif ptr >= ndim:
            return True
        else:
            ndim -= 1
    return False


def strides_limit(x, op, args):
    """Strides' own limit, MAX_DIMS = 8, where PyTorch allows 64 dims."""
    if op == "index" and not (x.dim() == 0 and len(args) == 1):
        ints_ = sum(1 for i in args if isinstance(i, int))
        specified = ints_ + sum(1 for i in args if isinstance(i, slice))
        ndim = x.dim() - ints_ + sum(1 for i in args if i is None)
        if specified <= x.dim() and ndim > 8:
            return "err Strides supports at most 8 dimensions, but got %d" % ndim
    return None


def add(name, x, storage_size, op, *args):
    key = (spec(x, storage_size), op, args_text(op, args))
    if key in seen or (op == "index" and index_is_undefined(x, args)):
        return
    try:
        out = strides_limit(x, op, args)
        if out is None:
            y = apply(x, op, args)
            if y.numel() > 1000:
                return  # the C test compares every element; keep the file small
            if any(s < 0 for s in y.shape):
                return  # PyTorch 1.13 let a negative size through; Strides refuses
            if y.dim() > 8:
                out = "err Strides supports at most 8 dimensions, but got %d" % y.dim()
            else:
                out = result(x, y)
    except (RuntimeError, IndexError, ValueError) as e:
        out = "err " + str(e).replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    seen.add(key)
    counts[op] = counts.get(op, 0) + 1
    cases.append("\t".join(["%s-%d" % (name, len(cases)), key[0], op, key[2], out]))


# --- named inputs ---------------------------------------------------------------
x234 = base(24).view(2, 3, 4)
inputs = {
    "contiguous": (x234, 24),
    "transposed": (base(12).view(3, 4).t(), 12),
    "permuted": (x234.permute(2, 0, 1), 24),
    "sliced": (base(48).view(4, 3, 4)[::2], 48),          # (2,3,4):(24,4,1)
    "stepped": (x234[:, :, ::2], 24),                     # (2,3,2):(12,4,2)
    "narrowed": (base(24).view(3, 8).narrow(1, 2, 4), 24),  # offset 2
    "row": (x234[1], 24),                                 # offset 12
    "expanded": (base(3).view(3, 1).expand(3, 4), 3),     # stride 0
    "expanded-lead": (base(4).expand(2, 3, 4), 4),
    "empty": (base(1)[:0].view(0, 3), 1),
    "empty-mid": (base(1)[:0].view(2, 0, 3), 1),
    "ones": (base(6).view(1, 2, 1, 3), 6),
    "size1-strides": strided((3, 1, 4), (4, 100, 1)),
    "scalar": (base(1).view(()), 1),
    "scalar-offset": (base(5)[3], 5),
    "vector": (base(5), 5),
    "column": (base(12).view(3, 4)[:, 1], 12),            # (3,):(4,) offset 1
}
for name, (x, n) in inputs.items():
    nd = x.dim()
    # Every op, with in-range and out-of-range arguments.
    for a in range(-nd - 1, nd + 1):
        add(name, x, n, "transpose", a, -1)
    add(name, x, n, "transpose", 0, nd)
    add(name, x, n, "t")
    add(name, x, n, "permute", *reversed(range(nd)))
    add(name, x, n, "permute", *range(nd))
    add(name, x, n, "permute", *range(nd + 1))
    for dim in range(-nd - 1, nd + 1):
        add(name, x, n, "unsqueeze", dim)
        add(name, x, n, "squeeze_dim", dim)
        add(name, x, n, "select", dim, 0)
        add(name, x, n, "select", dim, -1)
        add(name, x, n, "narrow", dim, -1, 1)
        add(name, x, n, "slice", dim, slice(1, None, 2))
    add(name, x, n, "squeeze")
    add(name, x, n, "flatten", 0, -1)
    add(name, x, n, "flatten", 1, -1)
    add(name, x, n, "flatten", 0, 1)
    add(name, x, n, "flatten", -1, 0)
    add(name, x, n, "expand", *x.shape)
    add(name, x, n, "expand", 2, *x.shape)
    add(name, x, n, "expand", *[-1] * nd)
    add(name, x, n, "broadcast_to", 1, *x.shape)
    add(name, x, n, "index", Ellipsis)
    add(name, x, n, "index", None)
    add(name, x, n, "index", 0)
    add(name, x, n, "index", -1)
    add(name, x, n, "index", slice(None, None, 2))
    add(name, x, n, "index", Ellipsis, None)
    add(name, x, n, "index", 0, Ellipsis)
    add(name, x, n, "index", Ellipsis, 1)
    add(name, x, n, "index", *[slice(None)] * (nd + 1))
    add(name, x, n, "as_strided", (2, 2), (1, 1), 0)
    add(name, x, n, "as_strided", tuple(x.shape), tuple(x.stride()), None)
    if nd >= 1:
        add(name, x, n, "unflatten", 0, (1, -1))
        add(name, x, n, "unflatten", -1, (-1, 1))

# --- operation by operation (docs/semantics-notes.md, "The view family, operation by
# operation") ------------------------------------------------------------------------
x, n = x234, 24
# transpose / t / permute
add("t", base(6).view(2, 3), 6, "t")
add("t", base(5), 5, "t")
add("permute", x, n, "permute", 2, 0, 1)
add("permute", x, n, "permute", -1, 0, 1)
add("permute", x, n, "permute", 0, 1)
add("permute", x, n, "permute", 0, 1, 1)
add("permute", x, n, "permute", 0, 1, -2)
add("permute", x, n, "permute", 0, 1, 3)
add("permute", x, n, "permute", 0, 0, 3)
add("permute", x, n, "permute", 3, 0, 0)
add("permute", x, n, "permute", 0, -3, 5)
add("permute", base(1).view(()), 1, "permute", 0)
# narrow
for start in range(-5, 6):
    for length in (-1, 0, 1, 4):
        add("narrow", x, n, "narrow", 2, start, length)
add("narrow", base(1)[:0], 1, "narrow", 0, 0, 0)
add("narrow", base(1)[:0], 1, "narrow", 0, -1, 0)
add("narrow", base(1)[:0], 1, "narrow", 0, 1, 0)
add("narrow", base(3), 3, "narrow", 0, -3, 3)
add("narrow", base(4), 4, "narrow", 0, 2, 2 ** 62)
# select
for index in range(-4, 4):
    add("select", x, n, "select", 1, index)
    add("select", x, n, "select", -2, index)
add("select", base(1)[:0].view(0, 2), 1, "select", 1, 1)
add("select", base(1)[:0].view(0, 2), 1, "select", 0, 0)
# slicing on one dim
bounds = [None, -100, -5, -4, -3, -1, 0, 1, 2, 3, 4, 5, 100]
for start in bounds:
    for stop in bounds:
        for step in (None, 1, 2, 3, 5):
            if random.random() < 0.12:
                add("slice", x, n, "slice", 2, slice(start, stop, step))
for step in (-1, 0, -2):
    add("slice", x, n, "slice", 0, slice(None, None, step))
    add("slice", base(1).view(()), 1, "slice", 0, slice(None, None, step))
add("slice", base(1).view(()), 1, "slice", 0, slice(None, None, None))
add("slice", x, n, "slice", 3, slice(None, None, None))
add("slice", x, n, "slice", -4, slice(1, 2, None))
add("slice", x, n, "slice", 1, slice(2 ** 62, 2 ** 63 - 1, None))
add("slice", x, n, "slice", 1, slice(-2 ** 62, 2, None))
add("slice", x, n, "slice", 1, slice(1, None, 2 ** 60))
add("slice", x, n, "slice", 1, slice(2 ** 63 - 1, None, None))
# x[...] with several items: the examples of docs/semantics-notes.md, "Indexing with
# several items", and every error
items_list = [
    (slice(None), slice(None, None, 2)), (slice(None), slice(1, None, 2)),
    (Ellipsis, slice(1, 3)), (slice(None), slice(5, 10)), (slice(None), slice(2, 1)),
    (1, slice(None), 2), (None,), (None, None, None), (Ellipsis, None), (slice(None), None),
    (0, None, slice(None, None, 2), None, Ellipsis, 1), (0, Ellipsis, None, 0),
    (None, Ellipsis, 0), (Ellipsis,), (), (1, 2, 3), (1, 2, -1), (-2, -3, -4),
    (5,), (-3,), (None, 5), (Ellipsis, 5), (0, None, 7), (0, 0, 0, 0), (0, 0, 0, Ellipsis),
    (slice(None),) * 4, (0, None, 0, 0), (0, None, 0, 0, None),
    (slice(None, None, -1),), (slice(None, None, 0),), (5, slice(None, None, 0)),
    (slice(None, None, 0), 5), (slice(None, None, -1), slice(None, None, 0)),
    (0, 0, 0, slice(None, None, 0)),
    # several ellipses: PyTorch 1.13 lets each stand for the unnamed dims
    (Ellipsis, 0, Ellipsis), (Ellipsis, Ellipsis), (0, Ellipsis, Ellipsis),
    (Ellipsis, slice(None), Ellipsis), (Ellipsis, Ellipsis, slice(None)),
    (Ellipsis, Ellipsis, None), (0, 0, 0, Ellipsis, Ellipsis), (0, 0, Ellipsis, 0, Ellipsis),
    (Ellipsis, None, Ellipsis), (0, Ellipsis, slice(None), Ellipsis),
    (Ellipsis, Ellipsis, Ellipsis, 1, 2, 3),
]
for items in items_list:
    add("index", x, n, "index", *items)
    add("index-t", x.transpose(0, 2), n, "index", *items)
scalar = base(1).view(())
for items in [(0,), (1,), (-1,), (slice(None),), (slice(None, None, -1),), (slice(None, None, 0),),
              (Ellipsis, 0), (None, 0), (None, slice(None)), (None, slice(None, None, 0)),
              (None,), (Ellipsis,), (Ellipsis, None), (None, None, Ellipsis), (), (0, 0)]:
    add("index-scalar", scalar, 1, "index", *items)
empty = base(1)[:0].view(0, 3)
for items in [(0,), (slice(None), None), (None,), (slice(None), 2), (slice(1, None), 1)]:
    add("index-empty", empty, 1, "index", *items)
# unsqueeze / squeeze
for dim in range(-4, 4):
    add("unsqueeze", empty, 1, "unsqueeze", dim)
    add("squeeze", base(6).view(1, 2, 1, 3), 6, "squeeze_dim", dim)
add("squeeze", base(1).view(1, 1), 1, "squeeze")
add("squeeze", base(1).view(()), 1, "squeeze_dim", 0)
add("squeeze", base(1).view(()), 1, "squeeze_dim", -1)
add("squeeze", base(1).view(()), 1, "squeeze_dim", 1)
# expand / broadcast_to
c, cn = base(3).view(3, 1), 3
for sizes in [(4,), (4, 4), (-1, 3, 4), (2, -1, 3, 4), (3, -2), (-2, 3, 1), (3, 0), (0, 3, 4),
              (1, 3, 4), (3, 1), (-1, -1), (-1, 5, 4), (5, 4, -2), (-2, 4, 4), (3, 4), (2, 3, 4),
              (1, 1, 3, 5), (2 ** 40, 3, 2 ** 40), (-1, 4), (3, -1, 4)]:
    add("expand", c, cn, "expand", *sizes)
    add("broadcast_to", c, cn, "broadcast_to", *sizes)
for sizes in [(2, 3), (), (-1,), (1, 1), (1, 2), (-1, 2), (0, 3), (5,)]:
    add("expand-scalar", scalar, 1, "expand", *sizes)
z01 = base(1)[:0].view(0, 1)
for sizes in [(0, 3), (2, 3), (1, 0, 3), (0, -1), (-1, 0)]:
    add("expand-empty", z01, 1, "expand", *sizes)
add("expand", base(6).view(2, 1, 3), 6, "expand", 4, 2, 5, 3)
add("expand", x234[:, :1, ::2], 24, "expand", 1, 1, 2, 3, 2)
add("expand", base(6).view(2, 1, 3), 6, "expand", 0, 2, 1, 3)
# flatten / unflatten
for s in range(-4, 4):
    for e in range(-4, 4):
        add("flatten", x, n, "flatten", s, e)
        if random.random() < 0.3:
            add("flatten-perm", x.permute(2, 0, 1), n, "flatten", s, e)
for s, e in [(0, 0), (-1, 0), (0, -1), (0, 1), (1, 0)]:
    add("flatten-scalar", scalar, 1, "flatten", s, e)
add("flatten-empty", base(1)[:0].view(0, 1, 3, 0), 1, "flatten", 1, 2)
for dim, sizes in [(2, (2, 2)), (2, (3, 2)), (2, ()), (2, (-1, 2)), (2, (-1, 3)), (2, (-1, -1)),
                   (2, (-2, -2)), (2, (4, 1, 1)), (2, (1, 1, 1, 1, 1, 1, 4)),
                   (2, (1, 1, 1, 1, 1, 1, 1, 4)), (-1, (2, -1)), (3, (2,)), (-4, (2,)),
                   (0, (2, 1)), (1, (1, 3, 1))]:
    add("unflatten", x, n, "unflatten", dim, sizes)
for dim, sizes in [(0, (1,)), (-1, (1,)), (1, (1,)), (0, ()), (0, (2,))]:
    add("unflatten-scalar", scalar, 1, "unflatten", dim, sizes)
tt = base(12).view(3, 4).t()
for dim, sizes in [(0, (4, 1)), (0, (1, 4)), (1, (3, 1)), (1, (1, 3)), (0, (2, 2)), (0, (2, -1))]:
    add("unflatten-t", tt, 12, "unflatten", dim, sizes)
add("unflatten", x.permute(2, 1, 0), n, "unflatten", 0, (2, 2))
add("unflatten", base(24).view(4, 6)[:, ::2], 24, "unflatten", 1, (3, 1))
for dim, sizes in [(0, (0, 5)), (0, (-1, 5)), (0, (-1, 0)), (1, (-1, 0)), (1, (3, 0))]:
    add("unflatten-empty", empty, 1, "unflatten", dim, sizes)
et = base(1)[:0].view(0, 3).t()
add("unflatten-empty", et, 1, "unflatten", 0, (3, 1))
add("unflatten-empty", et, 1, "unflatten", 1, (1, 0))
# as_strided
b10 = base(10)
for size, stride, offset in [
        ((3, 3), (1, 1), None), ((4, 4), (4, 1), None), ((2, 2), (4, 1), 5), ((4, 4), (4,), None),
        ((2, 2), (-1, 1), None), ((2, 2), (1, 1), -1), ((-2, 2), (1, 1), None),
        ((2 ** 62, 4), (4, 1), None), ((2 ** 40, 2 ** 40), (2 ** 40, 1), None),
        ((2,), (2 ** 62,), None), ((2,), (2 ** 61,), None), ((0, 3), (2 ** 62, 2 ** 62), None),
        ((0, 3), (1, 1), 100), ((0, 3), (1, 1), -1), ((2, 2, 2), (-1, 1), None),
        ((20, 2), (-1, 1), None), ((20, 2), (1, 1), -1), ((), (), 9), ((), (), 10),
        ((2 ** 40, 2 ** 40), (0, 0), None), ((2 ** 32, 2 ** 31), (0, 0), None),
        ((8,), (1,), 2), ((8,), (1,), 3), ((5, 2), (2, 1), None), ((4, 3), (2, 1), 0),
        ((3, 4), (0, 1), 6), ((2, 3, 2), (3, 0, 1), 0), ((1, 3), (2 ** 62, 1), 0),
        ((10,), (1,), 0), ((11,), (1,), 0), ((1,), (1,), 10), ((1,), (1,), 9),
        ((2,), (-1,), -1), ((-1,), (0,), 0)]:
    add("as_strided", b10, 10, "as_strided", size, stride, offset)
for size, stride, offset in [((2, 2), (1, 1), None), ((4, 2), (2, 1), None), ((3, 3), (1, 1), None),
                             ((2,), (1,), 0), ((7,), (1,), None), ((8,), (1,), None)]:
    add("as_strided-offset", b10[3:], 10, "as_strided", size, stride, offset)
# The sliding window: windows of 4 moving 2 at a time over 10 numbers.
add("as_strided-window", b10, 10, "as_strided", (4, 4), (2, 1), None)
add("as_strided-window", b10, 10, "as_strided", (3, 2, 2), (3, 1, 1), None)


# --- random inputs and arguments ---------------------------------------------------
def random_input():
    kind = random.choice(["contiguous", "transposed", "permuted", "sliced", "narrowed",
                          "expanded", "unsqueezed", "strided", "offset-slice", "empty",
                          "scalar"])
    if kind == "scalar":
        n = random.randint(1, 4)
        return kind, base(n)[random.randrange(n)], n
    nd = random.randint(1, 4)
    sizes = [random.randint(1, 4) for _ in range(nd)]
    if kind == "empty":
        sizes[random.randrange(nd)] = 0
    numel = 1
    for s in sizes:
        numel *= s
    n = max(numel, 1)
    x = base(n)[:numel].view(sizes)
    if kind == "transposed" and nd >= 2:
        a, b = random.sample(range(nd), 2)
        x = x.transpose(a, b)
    elif kind == "permuted":
        p = list(range(nd))
        random.shuffle(p)
        x = x.permute(*p)
    elif kind in ("sliced", "offset-slice"):
        d = random.randrange(nd)
        start = random.randint(0, max(x.shape[d] - 1, 0)) if kind == "offset-slice" else 0
        idx = [slice(None)] * nd
        idx[d] = slice(start, None, random.randint(1, 3))
        x = x[tuple(idx)]
    elif kind == "narrowed":
        d = random.randrange(nd)
        if x.shape[d] > 1:
            start = random.randint(0, x.shape[d] - 1)
            x = x.narrow(d, start, random.randint(1, x.shape[d] - start))
    elif kind == "expanded":
        d = random.randrange(nd + 1)
        x = x.unsqueeze(d)
        target = list(x.shape)
        target[d] = random.randint(2, 3)
        x = x.expand(*target)
    elif kind == "unsqueezed":
        x = x.unsqueeze(random.randrange(nd + 1))
    elif kind == "strided":
        strides = [random.choice([0, 1, 2, 3, 4, 6, 12]) for _ in range(nd)]
        x, n = strided(sizes, strides, random.randint(0, 3))
    return kind, x, n


def rdim(nd):
    return random.randint(-nd - 1, nd) if random.random() < 0.15 else random.randint(-max(nd, 1), max(nd, 1) - 1)


def rbound(size):
    if random.random() < 0.3:
        return None
    return random.randint(-size - 2, size + 2)


def random_slice(size):
    step = random.choice([None, 1, 1, 2, 2, 3, 5]) if random.random() > 0.05 else random.choice([0, -1])
    return slice(rbound(size), rbound(size), step)


def random_items(x):
    nd = x.dim()
    items = []
    real = 0
    for _ in range(random.randint(0, nd + 2)):
        r = random.random()
        size = x.shape[real] if real < nd else 3
        if r < 0.3:
            items.append(random.randint(-size - 1, size) if random.random() < 0.2
                         else random.randint(-size, size - 1) if size else 0)
            real += 1
        elif r < 0.65:
            items.append(random_slice(size))
            real += 1
        elif r < 0.8:
            items.append(None)
        elif Ellipsis not in items or random.random() < 0.1:
            items.append(Ellipsis)
    return items


def random_sizes_for_expand(x):
    sizes = []
    for s in x.shape:
        r = random.random()
        sizes.append(-1 if r < 0.3 else random.randint(2, 3) if s == 1 and r < 0.8
                     else s if r < 0.95 else random.randint(0, 4))
    lead = [random.choice([1, 2, 3, 0, -1]) if random.random() < 0.1 else random.randint(1, 3)
            for _ in range(random.randint(0, 2))]
    return lead + sizes


ops = ["transpose", "t", "permute", "narrow", "select", "slice", "index", "index", "index",
       "unsqueeze", "squeeze", "squeeze_dim", "expand", "broadcast_to", "flatten", "unflatten",
       "as_strided"]
hand_picked = len(cases)
while len(cases) < hand_picked + 300:
    kind, x, n = random_input()
    nd = x.dim()
    op = random.choice(ops)
    if op == "transpose":
        add(kind, x, n, op, rdim(nd), rdim(nd))
    elif op == "t":
        add(kind, x, n, op)
    elif op == "permute":
        p = list(range(nd))
        random.shuffle(p)
        if random.random() < 0.2 and p:
            p[random.randrange(nd)] = random.randint(-nd, nd)
        p = [d - nd if random.random() < 0.3 else d for d in p]
        add(kind, x, n, op, *p)
    elif op in ("narrow", "select", "slice"):
        d = rdim(nd)
        size = x.shape[d] if nd and -nd <= d < nd else 3
        if op == "narrow":
            start = random.randint(-size - 1, size + 1)
            add(kind, x, n, op, d, start, random.randint(-1, size + 1))
        elif op == "select":
            add(kind, x, n, op, d, random.randint(-size - 1, size))
        else:
            add(kind, x, n, op, d, random_slice(size))
    elif op == "index":
        add(kind, x, n, op, *random_items(x))
    elif op in ("unsqueeze", "squeeze_dim"):
        add(kind, x, n, op, rdim(nd + (op == "unsqueeze")))
    elif op == "squeeze":
        add(kind, x, n, op)
    elif op in ("expand", "broadcast_to"):
        add(kind, x, n, op, *random_sizes_for_expand(x))
    elif op == "flatten":
        add(kind, x, n, op, rdim(nd), rdim(nd))
    elif op == "unflatten":
        d = rdim(nd)
        size = x.shape[d] if nd and -nd <= d < nd else 1
        divisors = [k for k in range(1, size + 1) if size % k == 0] or [1]
        k = random.choice(divisors)
        sizes = [k, size // k] if size else random.choice([[0, 2], [2, 0], [-1, 2]])
        if random.random() < 0.3:
            sizes[random.randrange(2)] = -1
        elif random.random() < 0.1:
            sizes[0] += 1
        if random.random() < 0.2:
            sizes.insert(random.randint(0, len(sizes)), 1)
        add(kind, x, n, op, d, tuple(sizes))
    else:  # as_strided within (or just beyond) the storage
        k = random.randint(0, 3)
        size = tuple(random.randint(0, 4) for _ in range(k))
        stride = tuple(random.randint(0, 3) for _ in range(k))
        offset = None if random.random() < 0.5 else random.randint(0, 4)
        add(kind, x, n, op, size, stride, offset)

print("\n".join(cases))
import sys
print("%d cases: %s" % (len(cases), ", ".join("%s %d" % kv for kv in sorted(counts.items()))),
      file=sys.stderr)
