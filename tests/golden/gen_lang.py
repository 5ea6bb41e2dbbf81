#!/usr/bin/python3
"""Golden cases for Appendix A (the expression language), computed by real
PyTorch. Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_lang.py > tests/golden/lang.txt
    /usr/bin/python3 tests/golden/gen_lang.py --count 5000 > build/lang-5000.txt

The language is a subset of Python, so every case is a line of it that
Python itself can run: random chains of constructors, views, indexing,
arithmetic, reductions and queries, sometimes after an assignment
(`x = ...; x.t()[0] = 5; x`). Each line is run here by PyTorch, with every
tensor float32 (Strides has no other type), and its result is written as the
JSON that `strides --json` prints for it.

Each line of the output is one case, three tab-separated fields:

    name  statements  expected-json

The test (tests/test_lang.c) runs the statements through session_run() in a
fresh session and compares value_to_json() of the result with the expected
JSON: structure, integers and strings exactly, floats within 1e-5 relative.
Errors are {"error": "<PyTorch's message>"}; only tensor errors
(RuntimeError, IndexError, ValueError raised by PyTorch) are kept, since
Strides answers argument-type errors in its own words.
"""
import argparse
import json
import math
import random
import sys

import numpy as np
import torch

F32 = torch.float32


# ---- the language's names, as PyTorch functions on float32 ----------------------
def arange(*args):
    return torch.arange(*args, dtype=F32)


NAMESPACE = {
    "torch": torch,
    "arange": arange,
    "zeros": lambda *a: torch.zeros(*a, dtype=F32),
    "ones": lambda *a: torch.ones(*a, dtype=F32),
    "full": lambda size, v: torch.full(size, float(v), dtype=F32),
    "tensor": lambda data: torch.tensor(data, dtype=F32),
    "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
    "exp": torch.exp, "log": torch.log, "abs": torch.abs, "sqrt": torch.sqrt,
    "softmax": torch.softmax, "matmul": torch.matmul,
    "len": len,
    "F": torch.nn.functional, "nn": torch.nn, "dropout": torch.nn.functional.dropout,
}


# PyTorch's indices (argmax, max(dim).indices) are int64; Strides has only
# float32, so its indices are floats. Make PyTorch's float32 too, so that a
# chain continuing from them (softmax of indices, as_strided's byte counts)
# computes what Strides computes.
_argmax, _max = torch.Tensor.argmax, torch.Tensor.max


def _float_argmax(self, *args, **kwargs):
    return _argmax(self, *args, **kwargs).to(F32)


def _float_max(self, *args, **kwargs):
    r = _max(self, *args, **kwargs)
    if isinstance(r, torch.Tensor):
        return r
    return torch.return_types.max((r.values, r.indices.to(F32)))


torch.Tensor.argmax = _float_argmax
torch.Tensor.max = _float_max


def run(line):
    """Run a line of statements as the REPL would: the last one's value."""
    env = dict(NAMESPACE)
    statements = [s.strip() for s in line.split(";")]
    for s in statements[:-1]:
        exec(s, env)
    last = statements[-1]
    try:
        return eval(last, env)
    except SyntaxError:  # an assignment
        exec(last, env)
        return None


# ---- JSON, exactly as value_to_json() writes it ---------------------------------
def number32(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == int(v) and abs(v) < 1e15:
        return int(v)
    return float(repr(np.float32(v)))  # the shortest float32 spelling


def tensor_json(t):
    return {"shape": list(t.shape), "stride": list(t.stride()),
            "offset": t.storage_offset(), "contiguous": t.is_contiguous(),
            "data": [number32(v) for v in t.reshape(-1).tolist()]}


def value_json(v):
    if isinstance(v, torch.Tensor):
        return tensor_json(v)
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))
    if type(v).__name__ == "max" and hasattr(v, "indices"):  # torch.return_types.max
        return {"values": value_json(v.values), "indices": value_json(v.indices)}
    if isinstance(v, (tuple, list, torch.Size)):
        return [value_json(x) for x in v]
    if isinstance(v, torch.nn.Module):
        return {"module": repr(v), "training": v.training}
    raise TypeError(type(v))


def result_json(v):
    if v is None:
        return {"ok": True}
    if isinstance(v, torch.Tensor):
        return tensor_json(v)
    return {"value": value_json(v)}


# ---- random programs ------------------------------------------------------------
R = random.Random()


def shape_text(shape):
    return ", ".join(str(s) for s in shape)


def factor(n, parts):
    """A random shape of `parts` dims with product n."""
    shape = []
    for _ in range(parts - 1):
        divisors = [d for d in range(1, n + 1) if n % d == 0]
        d = R.choice(divisors)
        shape.append(d)
        n //= d
    shape.append(n)
    R.shuffle(shape)
    return shape


def base():
    kind = R.random()
    if kind < 0.6:
        n = R.choice([6, 8, 12, 24, 24, 30, 36, 48, 60])
        shape = factor(n, R.choice([1, 2, 2, 3, 3, 4]))
        start = R.choice(["", "", "1, ", "-5, "])
        step = "" if not start else R.choice(["", "", ", 2"])
        if start and step:
            stop = int(start.rstrip(", ")) + 2 * n
        elif start:
            stop = int(start.rstrip(", ")) + n
        else:
            stop = n
        return "arange(%s%d%s).view(%s)" % (start, stop, step, shape_text(shape))
    if kind < 0.7:
        shape = [R.randint(1, 4) for _ in range(R.randint(1, 3))]
        return R.choice(["ones", "zeros"]) + "(%s)" % shape_text(shape)
    if kind < 0.8:
        shape = [R.randint(1, 4) for _ in range(R.randint(0, 3))]
        return "full((%s), %s)" % (shape_text(shape) + ("," if len(shape) == 1 else ""),
                                   R.choice(["2", "-1.5", "0.25", "7"]))
    rows, cols = R.randint(1, 3), R.randint(1, 4)
    data = [[R.choice([-3, -1, 0, 0.5, 1, 2, 4.25, 10]) for _ in range(cols)] for _ in range(rows)]
    return "tensor(%s)" % json.dumps(data).replace(".0,", ",").replace(".0]", "]")


def dim(t, allow_bad=0.05):
    n = max(t.dim(), 1)
    if R.random() < allow_bad:
        return R.choice([n, -n - 1])
    return R.randint(-n, n - 1)


def index_item(size):
    kind = R.random()
    if kind < 0.3:
        return str(R.randint(-size, size - 1)) if size > 0 else "0"
    if kind < 0.45:
        return ":"
    if kind < 0.55:
        return "None"
    start = R.choice(["", str(R.randint(-size - 1, size + 1))])
    stop = R.choice(["", str(R.randint(-size - 1, size + 2))])
    step = R.choice(["", "", ":2", ":3", ":1"])
    return "%s:%s%s" % (start, stop, step)


def index_op(t):
    items, d = [], 0
    for _ in range(R.randint(1, max(1, t.dim()))):
        if d < t.dim() and R.random() < 0.9:
            item = index_item(t.shape[d])
            if item != "None":
                d += 1
            items.append(item)
        else:
            items.append(R.choice(["None", "...", "0"]))
    if R.random() < 0.15:
        items.insert(R.randint(0, len(items)), "...")
        if items.count("...") > 1:
            items.remove("...")
    return "[%s]" % ", ".join(items)


def other_operand(t):
    """A second operand that broadcasts with t (mostly)."""
    shape = list(t.shape)
    if R.random() < 0.3 or not shape:
        return R.choice(["2", "0.5", "-1", "3", "1.5"])
    kind = R.random()
    if kind < 0.4:
        shape = shape[R.randint(0, len(shape)):]  # trailing dims
    elif kind < 0.7:
        shape = [s if R.random() < 0.6 else 1 for s in shape]
    elif kind < 0.8:
        shape = [s + 1 if R.random() < 0.5 else s for s in shape]  # may not broadcast
    n = 1
    for s in shape:
        n *= s
    if n == 0 or n > 64:
        return "2"
    expr = "arange(%d).view(%s)" % (n, shape_text(shape) or "()")
    if len(shape) >= 2 and R.random() < 0.3:
        shape[-1], shape[-2] = shape[-2], shape[-1]
        expr = "arange(%d).view(%s).t()" % (n, shape_text(shape)) if len(shape) == 2 else expr
    return expr


def next_op(t, inexact):
    n = t.dim()
    numel = t.numel()
    ops = []
    ops.append(lambda: ".t()" if n <= 2 or R.random() < 0.1 else ".transpose(%d, %d)" % (dim(t), dim(t)))
    ops.append(lambda: ".transpose(%d, %d)" % (dim(t), dim(t)))
    if n >= 1:
        def permute():
            p = list(range(n))
            R.shuffle(p)
            if R.random() < 0.05:
                p = p[:-1] or [0, 0]
            return ".permute(%s)" % shape_text(p) if R.random() < 0.6 else ".permute((%s%s))" % (
                shape_text(p), "," if len(p) == 1 else "")
        ops.append(permute)

    def view(method):
        parts = R.randint(1, 4)
        shape = factor(numel, parts) if numel else [0, R.randint(1, 3)]
        if R.random() < 0.3:
            shape[R.randrange(len(shape))] = -1
        if R.random() < 0.05:
            shape[0] += 1
        if R.random() < 0.3:
            return ".%s((%s%s))" % (method, shape_text(shape), "," if len(shape) == 1 else "")
        return ".%s(%s)" % (method, shape_text(shape))
    ops += [lambda: view("view"), lambda: view("view"), lambda: view("reshape")]
    ops += [lambda: ".contiguous()", lambda: ".clone()", lambda: index_op(t), lambda: index_op(t)]
    if n >= 1:
        def narrow():
            d = dim(t, 0)
            size = t.shape[d]
            start = R.randint(-size, size) if size else 0
            length = R.randint(0, max(0, size - (start % size if size else 0)) + (R.random() < 0.1))
            return ".narrow(%d, %d, %d)" % (d, start, length)
        ops.append(narrow)
        ops.append(lambda: ".select(%d, %d)" % (dim(t, 0), R.randint(-1, 2)))
    ops.append(lambda: ".unsqueeze(%d)" % R.randint(-n - 1, n))
    ops.append(lambda: R.choice([".squeeze()", ".squeeze(%d)" % dim(t)]))

    def expand():
        shape = [s if s != 1 or R.random() < 0.3 else R.randint(2, 4) for s in t.shape]
        if R.random() < 0.3:
            shape = [R.randint(1, 3)] + shape
        if R.random() < 0.3 and shape:
            shape[R.randrange(len(shape))] = -1
        return ".expand(%s)" % shape_text(shape) if shape else ".expand(())"
    ops.append(expand)
    ops.append(lambda: R.choice([".flatten()", ".flatten(%d)" % dim(t),
                                 ".flatten(start_dim=%d)" % dim(t),
                                 ".flatten(%d, %d)" % (dim(t), dim(t))]))
    if n >= 1:
        def unflatten():
            d = dim(t, 0)
            size = t.shape[d]
            sizes = factor(size, R.randint(1, 3)) if size else [0]
            if R.random() < 0.2:
                sizes[0] = -1
            return ".unflatten(%d, (%s%s))" % (d, shape_text(sizes), "," if len(sizes) == 1 else "")
        ops.append(unflatten)

    def as_strided():
        sizes = [R.randint(1, 3) for _ in range(R.randint(1, 2))]
        strides = [R.randint(0, 3) for _ in sizes]
        off = R.choice(["", ", 0", ", 1", ", 2"])
        return ".as_strided((%s%s), (%s%s)%s)" % (shape_text(sizes), "," if len(sizes) == 1 else "",
                                                  shape_text(strides), "," if len(strides) == 1 else "", off)
    ops.append(as_strided)
    if numel <= 64:
        ops += [lambda: " %s %s" % (R.choice("+-*/"), other_operand(t))] * 3
        ops.append(lambda: "@" + R.choice(["matmul"]))  # marker, see chain()
        ops += [lambda: "#" + R.choice(["relu", "sigmoid", "tanh", "exp", "-", "softmax", "abs"])]
        ops += [lambda: R.choice([".sum()", ".sum(%d)" % dim(t), ".sum(%d, keepdim=True)" % dim(t),
                                  ".mean(dim=%d)" % dim(t), ".mean()",
                                  ".sum(dim=(0, -1))" if n >= 2 else ".sum(0)"])]
        ops += [lambda: R.choice([".max()", ".max(%d).values" % dim(t), ".max()"])]
        if not inexact:
            # Which of two nearly equal values is the larger depends on the last
            # bit of a tanh or an exp (Strides uses libm, PyTorch its own
            # vectorised functions): indices only of exactly computed values.
            ops += [lambda: R.choice([".max(%d)[1]" % dim(t), ".argmax()", ".argmax(%d)" % dim(t),
                                      ".max(%d, keepdim=True).indices" % dim(t),
                                      ".argmax(dim=%d, keepdim=True)" % dim(t)])]
    return R.choice(ops)()


def chain(max_ops):
    expr = base()
    for _ in range(R.randint(1, max_ops)):
        t = run(expr)
        before = expr
        if not isinstance(t, torch.Tensor):
            break
        op = next_op(t, any(f in expr for f in ("tanh", "sigmoid", "exp", "softmax", "/", "log", "sqrt", "mean")))
        if op.startswith("@"):
            k = t.shape[-1] if t.dim() >= 1 else 1
            m = R.randint(1, 3)
            if t.dim() == 0:
                continue
            other = R.choice(["arange(%d).view(%d, %d)" % (k * m, k, m), "ones(%d)" % k,
                              "arange(%d).view(%d, %d).t()" % (k * m, m, k)])
            expr = "((%s) @ %s)" % (expr, other) if R.random() < 0.7 else "matmul(%s, %s)" % (expr, other)
        elif op.startswith("#"):
            fn = op[1:]
            if fn == "-":
                expr = "(-(%s))" % expr
            elif fn == "softmax":
                if t.numel() == 0:
                    continue  # F_softmax lays out an empty result unlike PyTorch (reported)
                expr = "softmax(%s, %d)" % (expr, dim(t))
            elif R.random() < 0.3:
                expr = "(%s).%s()" % (expr, fn)
            else:
                expr = "%s(%s)" % (fn, expr)
        elif op.startswith(" "):
            expr = "((%s)%s)" % (expr, op) if R.random() < 0.8 else "(%s %s (%s))" % (
                R.choice(["2", "1.5", "-1"]), R.choice("+-*/"), expr)
        else:
            expr = expr + op
        try:
            r = run(expr)
        except Exception:
            break  # an error ends the chain: it is the case
        if isinstance(r, torch.Tensor) and r.dim() > 8:
            expr = before  # Strides has at most 8 dims (MAX_DIMS); PyTorch 64
    if R.random() < 0.15:
        try:
            t = run(expr)
        except Exception:
            return expr
        if isinstance(t, torch.Tensor):
            expr += R.choice([".stride()", ".shape", ".size()", ".is_contiguous()",
                              ".storage_offset()", ".numel()", ".dim()",
                              ".size(%d)" % dim(t, 0) if t.dim() else ".numel()",
                              ".stride(-1)" if t.dim() else ".dim()"])
    return expr


def write_through():
    """x = ...; <view of x>[...] = value; x  -- writes are seen by the base."""
    base_expr = "arange(%d).view(%s)" % (12, R.choice(["3, 4", "2, 6", "4, 3", "2, 2, 3"]))
    view = R.choice(["x", "x.t()", "x[1]", "x[:, ::2]", "x.view(-1)[::3]", "x[..., 1:]",
                     "x.transpose(0, -1)", "x.unsqueeze(0)", "x[0:1]"])
    target = R.choice(["[0]", "[-1]", "[:, 0]", "[...]", "[1:]", "[None, 0]"])
    value = R.choice(["5", "-1.5", "arange(2)", "tensor([7])", "0", "arange(3)", "arange(4)"])
    return "x = %s; %s%s = %s; x" % (base_expr, view, target, value)


HAND = [
    "arange(12).view(3, 4).t().stride()",
    "arange(12).view(3, 4).t().view(12)",
    "arange(12).view(3, 4).t().reshape(12)",
    "arange(24).view(2, 3, 4)[1].view(2, 6)",
    "arange(24).view(2, 3, 4)[:, :, ::2].reshape(-1)",
    "arange(12).view(3, 4)[:, 1::2]",
    "arange(24).view(2, 3, 4)[1, :, 2]",
    "arange(24).view(2, 3, 4)[:, 5:10]",
    "arange(24).view(2, 3, 4)[..., 1:3]",
    "arange(24).view(2, 3, 4)[None, ..., None].shape",
    "arange(12).view(3, 4)[5]",
    "arange(12).view(3, 4)[1, 2, 3]",
    "arange(12).view(3, 4)[::0]",
    "arange(3).view(3, 1).expand(3, 4).t() * 2",
    "arange(3).view(3, 1).expand(3, 4).t() + arange(12).view(3, 4).t()",
    "arange(24).view(2, 3, 4).permute(2, 0, 1)[:, :, ::2] * 2",
    "arange(24).view(2, 3, 4).transpose(0, 2) + arange(2)",
    "arange(24).view(2, 3, 4).permute(2, 0, 1).sum(1)",
    "arange(12).view(3, 4) + arange(5)",
    "arange(12).view(3, 4) @ arange(20).view(5, 4)",
    "arange(12).view(3, 4) @ arange(8).view(4, 2)",
    "softmax(arange(6).view(2, 3) * 100, 1)",
    "softmax(arange(6).view(2, 3), 0).sum(0)",
    "arange(10).as_strided((3, 3), (1, 1))",
    "arange(10).as_strided((4, 4), (4, 1))",
    "arange(12).view(3, 4).unflatten(1, (2, 2))",
    "arange(12).view(3, 4).unflatten(1, (3, 2))",
    "arange(12).view(3, 4).flatten(1, 0)",
    "arange(12).view(3, 4).max(0)",
    "arange(12).view(3, 4).max(dim=1, keepdim=True)",
    "arange(12).view(3, 4).sum(dim=0, keepdim=True)",
    "arange(12).view(3, 4).mean(dim=(0, 1))",
    "arange(12).view(3, 4).view(5, -1)",
    "arange(12).view(3, 4).view(-1, -1)",
    "arange(12).view(3, 4).view(-2, 6)",
    "zeros(0, 3).view(-1, 0)",
    "zeros(2, 0, 3).stride()",
    "arange(6).view(2, 3).expand(4)",
    "arange(6).view(2, 3).expand(4, 3)",
    "arange(3).expand(-1, 3)",
    "arange(6).view(2, 3).permute(0, 0)",
    "arange(6).view(2, 3).permute(0)",
    "arange(6).view(2, 3).narrow(1, 2, 2)",
    "arange(6).view(2, 3).select(1, 3)",
    "arange(24).view(2, 3, 4).t()",
    "tensor(3.5)",
    "tensor([])",
    "tensor([[1, 2], [3, 4]]) / 0",
    "tensor([-1, 0, 1]) / 0",
    "exp(arange(100, 103))",
    "arange(12).view(3, 4).size(-1)",
    "arange(12).view(3, 4).size(2)",
    "arange(12).view(3, 4).is_contiguous()",
    "arange(12).view(3, 4).t().is_contiguous()",
    "arange(12).view(3, 4)[1].storage_offset()",
    "x = arange(12).view(3, 4); x.t()[1] = 5; x",
    "x = arange(12).view(3, 4); x[:, 1] = arange(3); x",
    "x = arange(3).expand(2, 3); x[0] = 1",
    "x = arange(6); y = x.view(2, 3); y[1, 1] = 50; x",
    "x = arange(6)",
    "(2, 3) + (4,)",
    "7 / 2",
    "2 ** 10",
    "-arange(3)",
    "len(arange(12).view(3, 4))",
    "arange(12).view(3, 4).T",
    "arange(12).view(3, 4).ndim",
    "torch.arange(12.).view(3, 4).sum(1)",
    "arange(12).view(3, 4).sum(0).item()" if False else "arange(12).view(3, 4).sum().item()",
]


# Dropout (chapter 8), after the random chains so that their numbering
# stays put. Strides' masks come from its own generator, not PyTorch's, so
# only what no mask decides is compared: evaluation and p = 0 (the input
# itself, strides and offset included: a write through the result reaches
# x), p = 1 (x * 0), the layout and shape of a training result, the
# messages, and nn.Dropout as a value.
DROPOUT = [
    "dropout(arange(12).view(3, 4), 0.5, False)",
    "F.dropout(arange(12).view(3, 4).t(), training=False)",
    "torch.nn.functional.dropout(arange(24).view(2, 3, 4)[:, ::2], 0.3, False)",
    "torch.dropout(arange(6).view(2, 3).t(), 0.5, train=False)",
    "torch.dropout(arange(6).view(2, 3)[1:], p=0.5, train=False)",
    "F.dropout(arange(12).view(3, 4)[:, 1::2], 0.0)",
    "F.dropout(arange(12).view(3, 4).t(), 1.0)",
    "F.dropout(arange(-3, 3).view(2, 3)[:, ::2], 1)",
    "F.dropout(tensor([1, -1, 0]) / 0, 1.0)",
    "F.dropout(arange(12).view(3, 4).t(), 0.5).stride()",
    "F.dropout(arange(12).view(3, 4)[:, ::2], 0.25).stride()",
    "F.dropout(arange(24).view(2, 3, 4).permute(2, 0, 1), 0.5).shape",
    "dropout(zeros(0, 3), 0.5)",
    "F.dropout(arange(12), 1.5)",
    "F.dropout(arange(12), -0.5, False)",
    "F.dropout(arange(4), 2)",
    "x = arange(6).view(2, 3); y = F.dropout(x, 0.7, False); y[0, 0] = 100; x",
    "x = arange(6).view(2, 3); y = F.dropout(x.t(), 0.0); y[0, 1] = -1; x",
    "x = ones(2, 3); F.dropout(x, 1.0, True, True); x",
    "x = ones(2, 3); F.dropout(x[:, 1:], 1.0, inplace=True); x",
    "nn.Dropout(0.5)",
    "nn.Dropout(p=1e-05)",
    "nn.Dropout(0.2, inplace=True)",
    "nn.Dropout()",
    "nn.Dropout(0.5).eval()",
    "nn.Dropout(0.5).train(False).training",
    "nn.Dropout(0.5).training",
    "nn.Dropout(0.125).p",
    "nn.Dropout(1.5)",
    "nn.Dropout(-0.25)",
    "nn.Dropout(0.5).eval()(arange(12).view(3, 4).t())",
    "d = nn.Dropout(0.25); d.eval(); d(arange(6).view(2, 3))",
    "d = nn.Dropout(0.25); e = d.eval(); d.training",
    "d = nn.Dropout(0.25); d.eval(); d.train(); d.training",
    "torch.nn.Dropout(1.0)(arange(6).view(3, 2).t())",
    "nn.Dropout(0.0)(arange(6).view(3, 2).t())",
    "nn.Dropout(0.5)(arange(6).view(3, 2)).shape",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=700, help="random cases")
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    R.seed(args.seed)
    torch.manual_seed(0)
    print("# Golden cases for tests/test_lang.c, written by tests/golden/gen_lang.py")
    print("# (PyTorch %s). name<TAB>statements<TAB>expected JSON" % torch.__version__)
    cases, seen = [], set()

    def add(name, line):
        if line in seen:
            return
        try:
            expected = result_json(run(line))
        except (RuntimeError, IndexError, ValueError) as e:
            message = str(e)
            if "\n" in message or isinstance(e, TypeError):
                return
            expected = {"error": message}
        except Exception:  # TypeError, ZeroDivisionError: Python's, not PyTorch's
            return
        seen.add(line)
        cases.append("%s-%d\t%s\t%s" % (name, len(cases), line,
                                         json.dumps(expected, separators=(",", ":"))))

    for line in HAND:
        add("hand", line)
    while len(cases) < len(HAND) + args.count:
        if R.random() < 0.08:
            add("write", write_through())
        else:
            add("chain", chain(R.choice([2, 3, 4, 5, 6])))
    for line in DROPOUT:
        add("dropout", line)
    print("\n".join(cases))


if __name__ == "__main__":
    main()
