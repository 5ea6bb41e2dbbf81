#!/usr/bin/python3
"""Golden cases for chapter 5 (elementwise ops, broadcasting, in-place ops
through views, copy_, fill_, clone, reductions, matmul), computed by real
PyTorch. Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_ops.py > tests/golden/ops.txt

Each line is one case, five tab-separated fields:

    name  op  inputs  argument  expected

inputs    one or two tensors separated by "|", each
          "sizes;strides;offset;storage" where storage is "SIZE:FILL" (a
          new storage of SIZE floats filled by FILL, see below) or "=0" (the
          storage of the first input: the two share memory).
op        a PyTorch operation; "add_" and friends are in place, on input 0.
argument  a scalar ("2.5"), "dim,keepdim" ("-1,1") or "" for none.
expected  "err <PyTorch's message>", or "ok " followed by
          - out-of-place: "sizes;strides;values" of the result (values in
            row-major order; max with a dim adds ";indices");
          - in place: "storage;values", every element of input 0's storage
            after the operation (so writes through views are checked, and
            that nothing else was touched).

FILL makes element i of a storage (both sides compute it exactly):
    a  i                                  (arange)
    m  ((7i + 3) mod 19 - 9) / 4          (mixed signs, exact quarters)
    p  ((5i + 1) mod 17 + 1) / 8          (positive)
    b  ((11i + 5) mod 41 - 20) * 5        (large: -100 .. 100)
    n  m, except NaN where i mod 7 == 3
    r  float32(((i * 2654435761) mod 2^32) / 2^32)   (uniform in [0, 1))
Values are printed with 9 significant digits (a float32 exactly); the test
compares within 1e-5 relative.
"""
import math
import random

import numpy as np
import torch

random.seed(5)
torch.set_num_threads(1)


def fill_value(kind, i):
    if kind == "a":
        return float(i)
    if kind == "m":
        return ((7 * i + 3) % 19 - 9) / 4
    if kind == "p":
        return ((5 * i + 1) % 17 + 1) / 8
    if kind == "b":
        return ((11 * i + 5) % 41 - 20) * 5.0
    if kind == "n":
        return math.nan if i % 7 == 3 else ((7 * i + 3) % 19 - 9) / 4
    raise ValueError(kind)


def storage(kind, size):
    if kind == "r":
        i = np.arange(size, dtype=np.uint64)
        return torch.from_numpy(((i * 2654435761) % 2**32 / 2**32).astype(np.float32))
    return torch.tensor([fill_value(kind, i) for i in range(size)], dtype=torch.float32)


def span(sizes, strides, offset):
    if any(s == 0 for s in sizes):
        return offset + 1
    return offset + 1 + sum((s - 1) * st for s, st in zip(sizes, strides))


class In:
    """An input: sizes, strides and offset into a storage of `size` floats
    filled by `kind`, or sharing the storage of input 0 (share=True)."""

    def __init__(self, sizes, strides=None, offset=0, kind="m", size=None, share=False):
        sizes = list(sizes)
        if strides is None:
            strides = list(torch.empty(sizes).stride()) if sizes else []
        self.sizes, self.strides, self.offset = sizes, list(strides), offset
        self.kind, self.share = kind, share
        self.size = size if size is not None else span(sizes, strides, offset)

    def spec(self):
        where = "=0" if self.share else "%d:%s" % (self.size, self.kind)
        return "%s;%s;%d;%s" % (ints(self.sizes), ints(self.strides), self.offset, where)


def view_of(t, base_size, kind="m"):
    """An In for a tensor made by view ops on a base of base_size elements."""
    return In(t.shape, t.stride(), t.storage_offset(), kind, base_size)


def base(n):
    return torch.empty(n)  # only its views' shapes, strides and offsets matter


def ints(xs):
    return ",".join(str(int(x)) for x in xs)


def fmt(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return "%.9g" % v


def values(t):
    return ",".join(fmt(v) for v in t.reshape(-1).tolist()) if t.numel() else ""


def layout(t):
    return "%s;%s;%s" % (ints(t.shape), ints(t.stride()), values(t))


cases = []


def add(name, op, inputs, arg=""):
    storages = []
    tensors = []
    for x in inputs:
        s = storages[0] if x.share else storage(x.kind, x.size)
        storages.append(s)
        tensors.append(s.as_strided(x.sizes, x.strides, x.offset))
    try:
        expected = "ok " + run(op, tensors, arg, storages[0])
    except (RuntimeError, IndexError) as e:
        expected = "err " + str(e).split("\n")[0]
    specs = "|".join(x.spec() for x in inputs)
    cases.append("\t".join(["%s-%d" % (name, len(cases)), op, specs, arg, expected]))


UNARY = ["neg", "exp", "log", "relu", "sigmoid", "tanh", "abs", "sqrt"]
BINARY = ["add", "sub", "mul", "div"]


def run(op, t, arg, storage0):
    if op in UNARY:
        return layout(getattr(torch, op)(t[0]))
    if op in BINARY:
        return layout(getattr(torch, op)(t[0], t[1]))
    if op.endswith("_scalar"):
        return layout(getattr(torch, op[:-7])(t[0], float(arg)))
    if op.endswith("_"):
        name = op[:-1]
        if name.endswith("_scalar"):
            getattr(t[0], name[:-7] + "_")(float(arg))
        elif name in UNARY:
            getattr(t[0], op)()
        elif name == "fill":
            t[0].fill_(float(arg))
        else:
            getattr(t[0], op)(t[1])
        return "storage;" + values(storage0)
    if op == "clone":
        return layout(t[0].clone())
    if op in ("sum", "mean", "max", "argmax"):
        x = t[0]
        if arg == "":
            r = getattr(x, op)()
            return layout(r.float())
        dim, keep = (int(a) for a in arg.split(","))
        r = getattr(x, op)(dim, keepdim=bool(keep))
        if op == "max":
            return layout(r.values) + ";" + values(r.indices.float())
        return layout(r.float())
    if op in ("dot", "mv", "mm", "bmm", "matmul"):
        return layout(getattr(torch, op)(t[0], t[1]))
    raise ValueError(op)


# --- layouts -------------------------------------------------------------------
def layouts(kind="m"):
    """(label, In) pairs: contiguous and not, of every kind of view."""
    x34 = base(12).view(3, 4)
    x234 = base(24).view(2, 3, 4)
    return [
        ("contig", In((2, 3), kind=kind)),
        ("transposed", view_of(x34.t(), 12, kind)),
        ("sliced", view_of(x34[:, ::2], 12, kind)),
        ("offset-slice", view_of(x234[1, 1:, 1:3], 24, kind)),
        ("permuted", view_of(x234.permute(2, 0, 1), 24, kind)),
        ("permuted-sliced", view_of(x234.permute(2, 0, 1)[:, :, ::2], 24, kind)),
        ("expanded", view_of(base(3).view(3, 1).expand(3, 4), 3, kind)),
        ("expanded-t", view_of(base(3).view(3, 1).expand(3, 4).t(), 3, kind)),
        ("scalar", In((), kind=kind)),
        ("empty", In((0, 3), kind=kind)),
        ("size1-stride", In((3, 1, 4), (4, 99, 1), kind=kind)),
        ("nod-size1", In((3, 1, 4), (1, 100, 3), kind=kind)),
        ("channels-last", In((2, 3, 4, 1), (12, 1, 3, 99), kind=kind)),
        ("channels-last-2", In((2, 3, 2, 2), (12, 1, 6, 3), kind=kind)),
        ("overlap", In((3, 3), (1, 1), kind=kind)),
        ("overlap-tie", In((2, 3), (1, 1), kind=kind)),
    ]


# --- unary -------------------------------------------------------------------------
for op in UNARY:
    for label, x in layouts():
        add("unary-" + label, op, [x])
    add("unary-large", op, [In((41,), kind="b")])
    add("unary-positive", op, [view_of(base(12).view(3, 4).t(), 12, "p")])
add("unary-nan", "relu", [In((2, 7), kind="n")])
add("unary-nan", "sigmoid", [In((2, 7), kind="n")])

# --- binary, tensor with tensor ----------------------------------------------------------
x34, x43 = base(12).view(3, 4), base(12).view(4, 3)
x234 = base(24).view(2, 3, 4)
pairs = [
    ("contig", In((3, 4)), In((3, 4), kind="p")),
    ("t-contig", view_of(x34.t(), 12), In((4, 3), kind="p")),
    ("contig-t", In((4, 3)), view_of(x34.t(), 12, "p")),
    ("t-row", view_of(x34.t(), 12), In((3,), kind="p")),
    ("row-t", In((3,), kind="p"), view_of(x34.t(), 12)),
    ("expanded-t", view_of(base(3).view(3, 1).expand(3, 4).t(), 3), view_of(x34.t(), 12, "p")),
    ("col-row", In((3, 1)), In((4,), kind="p")),
    ("permuted-row", view_of(x234.transpose(0, 2), 24), In((2,), kind="p")),
    ("permuted-permuted", view_of(x234.permute(2, 0, 1), 24), view_of(x234.permute(2, 0, 1), 24, "p")),
    ("sliced-sliced", view_of(x34[:, ::2], 12), view_of(x34[:, 1::2], 12, "p")),
    ("scalar-matrix", In(()), In((2, 3), kind="p")),
    ("matrix-scalar", view_of(x34.t(), 12), In((), kind="p")),
    ("zero-broadcast", view_of(x34.t(), 12), In((0, 4, 3), kind="p")),
    ("channels-last", In((2, 3, 4, 1), (12, 1, 3, 99)), In((2, 3, 4, 1), (12, 1, 3, 99), kind="p")),
    ("nod-same", In((3, 1, 4), (1, 100, 3)), In((3, 1, 4), (1, 100, 3), kind="p")),
    ("size1-stride", In((3, 1, 4), (4, 99, 1)), In((3, 1, 4), kind="p")),
    ("3d-broadcast", In((2, 1, 4)), view_of(x34.t()[:, :1].t(), 12, "p")),
    ("mismatch", In((2, 3)), In((2, 5), kind="p")),
    ("mismatch-3d", In((4, 3, 2)), In((3, 3, 1), kind="p")),
]
for op in BINARY:
    for label, a, b in pairs:
        add("binary-" + label, op, [a, b])
add("binary-zero", "div", [In((6,), kind="a"), In((6,), (0,), size=1, kind="a")])

# --- binary with a scalar ---------------------------------------------------------------
for op in BINARY:
    for label, x in [l for l in layouts() if l[0] in ("contig", "transposed", "sliced", "scalar",
                                                       "size1-stride", "nod-size1",
                                                       "channels-last", "expanded-t")]:
        add("scalar-" + label, op + "_scalar", [x], "2.5")
    add("scalar-negative", op + "_scalar", [In((5,), kind="a")], "-0.5")
add("scalar-by-zero", "div_scalar", [In((5,), kind="m")], "0")

# --- in place, through views ----------------------------------------------------------------
row = base(24).view(2, 3, 4)[1]  # offset 12
dsts = [
    ("contig", In((3, 4), size=12)),
    ("transposed", view_of(x34.t(), 12)),
    ("row-of-3d", view_of(row, 24)),
    ("sliced", view_of(x34[:, 1::2], 12)),
    ("permuted", view_of(x234.permute(1, 2, 0)[:, 1:], 24)),
]
others = [
    ("same-shape", lambda d: In(d.sizes, kind="p")),
    ("row", lambda d: In(d.sizes[-1:], kind="p")),
    ("scalar", lambda d: In((), kind="p")),
]
for op in ["add_", "sub_", "mul_", "div_"]:
    for dl, d in dsts:
        for ol, o in others:
            if op in ("add_", "mul_") or ol == "same-shape":
                add("inplace-%s-%s" % (dl, ol), op, [d, o(d)])
for op in ["add_scalar_", "sub_scalar_", "mul_scalar_", "div_scalar_"]:
    for dl, d in dsts[:3]:
        add("inplace-" + dl, op, [d], "-1.5")
for op in ["neg_", "relu_", "exp_", "sigmoid_", "abs_", "sqrt_", "tanh_", "log_"]:
    add("inplace-transposed", op, [view_of(x34.t(), 12)])
add("inplace-row", "relu_", [view_of(row, 24)])
# the errors, in PyTorch's order: overlap inside, overlap with input, shape
expanded = view_of(base(3).view(3, 1).expand(3, 4), 3)
add("inplace-expanded", "add_", [expanded, In((3, 4), kind="p")])
add("inplace-expanded", "add_scalar_", [expanded], "1")
add("inplace-expanded", "relu_", [expanded])
add("inplace-expanded-shape", "add_", [expanded, In((5,), kind="p")])
add("inplace-broadcast-out", "add_", [In((3,)), In((2, 3), kind="p")])
add("inplace-broadcast-out", "mul_", [In((3, 1)), In((3, 4), kind="p")])
add("inplace-mismatch", "add_", [In((3, 4)), In((5,), kind="p")])
add("inplace-partial", "add_", [In((4,), offset=1, size=5), In((4,), share=True)])
add("inplace-partial-t", "add_", [In((3, 2), size=6), In((3, 2), (1, 3), share=True)])
add("inplace-full-overlap", "mul_", [In((2, 3), size=6), In((2, 3), share=True)])
add("inplace-disjoint", "add_", [In((3,), (2,), 0, size=6), In((3,), (2,), 1, share=True)])
add("inplace-self-row", "add_", [In((3, 4)), In((4,), share=True)])
add("inplace-too-hard", "add_", [In((2, 2), (4, 1), size=8), In((2, 2), (4, 1), 2, share=True)])

# --- copy_, fill_, clone ---------------------------------------------------------------------
for dl, d in dsts:
    add("copy-" + dl, "copy_", [d, In(d.sizes, kind="p")])
    add("copy-" + dl + "-row", "copy_", [d, In(d.sizes[-1:], kind="p")])
    n = math.prod(d.sizes)
    add("copy-" + dl + "-t", "copy_", [d, view_of(base(n).view(*reversed(d.sizes)).permute(
        *reversed(range(len(d.sizes)))), n, "p")])
add("copy-scalar", "copy_", [view_of(x34.t(), 12), In((), kind="p")])
add("copy-expanded-src", "copy_", [view_of(x34.t(), 12), view_of(base(3).view(1, 3).expand(4, 3), 3, "p")])
add("copy-expanded-dst", "copy_", [expanded, In((3, 4), kind="p")])
add("copy-onto-itself", "copy_", [expanded, In((3, 4), (1, 0), share=True)])
add("copy-broadcast-out", "copy_", [In((3,)), In((2, 3), kind="p")])
add("copy-mismatch", "copy_", [In((2, 3)), In((4,), kind="p")])
add("copy-full-overlap", "copy_", [In((2, 3), size=6), In((2, 3), share=True)])
add("copy-partial", "copy_", [In((4,), offset=1, size=5), In((4,), share=True)])
add("copy-empty", "copy_", [In((0, 3)), In((3,), kind="p")])
add("copy-4d", "copy_", [In((2, 3, 4, 5)), view_of(base(120).view(5, 4, 3, 2).permute(3, 2, 1, 0), 120, "p")])
for label, d in [("contig", In((2, 3))), ("transposed", view_of(x34.t(), 12)),
                 ("expanded", expanded), ("row-of-3d", view_of(row, 24))]:
    add("fill-" + label, "fill_", [d], "7.25")
for label, x in layouts():
    add("clone-" + label, "clone", [x])
add("clone-empty-t", "clone", [In((3, 0), (1, 3))])
add("clone-empty-z", "clone", [In((0, 3), (1, 0))])
add("clone-t-sliced", "clone", [view_of(x34.t()[:, ::2], 12)])

# --- reductions --------------------------------------------------------------------------------
red_layouts = [
    ("contig", In((3, 4), kind="m")),
    ("transposed", view_of(x34.t(), 12, "m")),
    ("permuted", view_of(x234.permute(2, 0, 1), 24, "m")),
    ("sliced", view_of(x234[:, ::2, 1:], 24, "m")),
    ("expanded", view_of(base(4).view(1, 4).expand(3, 4), 4, "a")),
    ("ties", In((2, 6), kind="p")),
    ("nan", In((3, 5), kind="n")),
    ("scalar", In((), kind="m")),
    ("empty", In((0, 3), kind="m")),
    ("empty-inner", In((2, 0), kind="m")),
    ("long-rows", In((3, 300), kind="m")),
    ("long-cols", In((300, 3), kind="m")),
]
for label, x in red_layouts:
    for op in ("sum", "mean", "max", "argmax"):
        add("reduce-" + label, op, [x])
        dims = list(range(-len(x.sizes), len(x.sizes))) if x.sizes else [0, -1]
        for dim in dims:
            for keep in (0, 1):
                if dim < 0 and keep == 1 and len(dims) > 2:
                    continue
                add("reduce-%s" % label, op + "", [x], "%d,%d" % (dim, keep))
wide = In((40, 5000), kind="m")  # more outputs than one chunk of accumulators
for op, arg in [("sum", "0,0"), ("max", "0,0"), ("mean", "0,1"), ("argmax", "0,0"), ("sum", "1,0")]:
    add("reduce-wide", op, [wide], arg)
for op in ("sum", "max", "argmax", "mean"):
    add("reduce-dim-range", op, [In((2, 3))], "2,0")
    add("reduce-dim-range", op, [In((2, 3))], "-3,1")
    add("reduce-dim-range", op, [In(())], "1,0")
big = In((4096, 4096), kind="r")
add("reduce-big", "sum", [big])
add("reduce-big", "mean", [big])
add("reduce-big", "sum", [big], "0,0")
add("reduce-big", "sum", [big], "1,0")
add("reduce-big-t", "sum", [view_of(base(4096 * 4096).view(4096, 4096).t(), 4096 * 4096, "r")], "1,1")

# --- matmul and friends --------------------------------------------------------------------
def mat(r, c, t=False, kind="m"):
    return view_of(base(r * c).view(c, r).t(), r * c, kind) if t else In((r, c), kind=kind)


mm_cases = [
    ("dot", [In((5,)), In((5,), kind="p")]),
    ("dot", [view_of(base(10)[::2], 10), view_of(base(15)[::3], 15, "p")]),
    ("dot", [In((0,)), In((0,), kind="p")]),
    ("dot", [In((3,)), In((4,))]),
    ("dot", [In((0,)), In((1,))]),
    ("dot", [In((3, 1)), In((4,))]),
    ("dot", [In(()), In((4,))]),
    ("mv", [mat(3, 4), In((4,), kind="p")]),
    ("mv", [mat(3, 4, t=True), view_of(base(8)[::2], 8, "p")]),
    ("mv", [mat(3, 4), In((5,))]),
    ("mv", [In((3, 4, 5)), In((5,))]),
    ("mv", [In(()), In((4,))]),
    ("mv", [In((4,)), In((4, 2))]),
    ("mv", [In((3, 4)), In(())]),
    ("mm", [mat(3, 4), mat(4, 5, kind="p")]),
    ("mm", [mat(3, 4, t=True), mat(4, 5, t=True, kind="p")]),
    ("mm", [view_of(base(60).view(6, 10)[::2, 1:9], 60), view_of(base(40).view(8, 5), 40, "p")]),
    ("mm", [mat(7, 300), mat(300, 5, kind="p")]),
    ("mm", [mat(100, 20), mat(20, 3, t=True, kind="p")]),
    ("mm", [mat(2, 3), mat(3, 1030, kind="p")]),
    ("mm", [mat(13, 17), mat(17, 19, kind="p")]),
    ("mm", [mat(3, 0), mat(0, 5)]),
    ("mm", [mat(0, 4), mat(4, 5)]),
    ("mm", [mat(3, 4), mat(5, 6)]),
    ("mm", [In((3,)), mat(3, 4)]),
    ("mm", [mat(3, 4), In((4,))]),
    ("mm", [In((2, 3, 4)), mat(4, 5)]),
    ("bmm", [In((2, 3, 4)), In((2, 4, 5), kind="p")]),
    ("bmm", [view_of(base(24).view(4, 3, 2).permute(2, 1, 0), 24), view_of(base(40).view(2, 5, 4).transpose(1, 2), 40, "p")]),
    ("bmm", [view_of(base(12).view(1, 3, 4).expand(2, 3, 4), 12), In((2, 4, 5), kind="p")]),
    ("bmm", [In((0, 3, 4)), In((0, 4, 5))]),
    ("bmm", [In((2, 3, 4)), In((2, 5, 6))]),
    ("bmm", [In((2, 3, 4)), In((3, 4, 6))]),
    ("bmm", [In((3, 4)), In((3, 4, 6))]),
    ("bmm", [In((2, 3, 4)), In((4, 5))]),
    ("bmm", [In((1, 2, 3, 4)), In((2, 4, 5))]),
]
matmul_pairs = [
    (In((4,)), In((4,), kind="p")),
    (In((3,)), In((4,))),
    (mat(3, 4, t=True), In((4,), kind="p")),
    (In((3, 4)), In((5,))),
    (In((3,)), mat(3, 5, kind="p")),
    (In((3,)), In((4, 5))),
    (mat(3, 4), mat(4, 2, t=True, kind="p")),
    (mat(3, 4), mat(5, 6)),
    (In((2, 3, 4)), In((4,), kind="p")),
    (In((2, 3, 4)), In((5,))),
    (In((4,)), In((2, 4, 3), kind="p")),
    (In((4,)), In((2, 5, 6))),
    (In((2, 3, 4)), mat(4, 5, kind="p")),
    (In((2, 3, 4)), In((5, 6))),
    (view_of(base(30).view(2, 5, 3).transpose(1, 2), 30), mat(5, 4, kind="p")),
    (view_of(base(30).view(2, 5, 3).transpose(1, 2), 30), In((4, 6))),
    (view_of(base(60).view(2, 2, 5, 3).transpose(2, 3), 60), In((4, 6))),
    (mat(3, 4), In((2, 4, 6), kind="p")),
    (mat(3, 4), In((2, 5, 6))),
    (mat(3, 4), view_of(base(48).view(2, 6, 4).transpose(1, 2), 48, "p")),
    (mat(3, 4), view_of(base(60).view(2, 6, 5).transpose(1, 2), 60)),
    (In((3,)), view_of(base(48).view(2, 6, 4).transpose(1, 2), 48)),
    (In((5,)), In((2, 2, 3, 4))),
    (In((2, 2, 3, 4)), In((5,))),
    (In((3, 5)), In((2, 2, 4, 6))),
    (In((2, 3, 4)), In((2, 4, 5), kind="p")),
    (In((2, 3, 4)), In((2, 5, 6))),
    (In((2, 3, 4)), In((3, 4, 6))),
    (In((2, 2, 3, 4)), In((3, 4, 6))),
    (In((2, 1, 3, 4)), In((1, 5, 4, 2), kind="p")),
    (view_of(base(24).view(4, 3, 2).permute(2, 1, 0), 24), view_of(base(12).view(1, 4, 3), 12, "p")),
    (In((3, 5, 0)), In((0, 0))),
    (In((0, 3, 4)), In((1, 4, 5))),
    (In(()), In((3, 4))),
    (In((3,)), In(())),
    (In(()), In(())),
]
for op, ins in mm_cases:
    add("linalg", op, ins)
for a, b in matmul_pairs:
    add("matmul", "matmul", [a, b])

print("\n".join(cases))
