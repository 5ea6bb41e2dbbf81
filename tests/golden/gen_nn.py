#!/usr/bin/python3
"""Golden cases for chapter 7 (modules) and chapter 6 (the functional API),
computed by real PyTorch. Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_nn.py tests/golden

It writes three files; each line is one case, tab-separated fields, the
first the case's name.

module.txt (chapter 7), field 2 says what the case is:

  model  SPEC  REPR  PARAMS  COUNT  STATE
         SPEC    a model in a tiny language that both sides parse:
                 Linear(4,8), Linear(4,8,False), ReLU(), Sigmoid(), Tanh(),
                 Softmax(1), Flatten(1,-1), Sequential(a,b,...)
         REPR    repr(model), with \\n for newlines
         PARAMS  named_parameters(): name=d0,d1;name=...  ("" if none)
         COUNT   sum of numel over parameters()
         STATE   state_dict() keys, comma-separated
  load   SPEC  STATE  MESSAGE
         STATE   a state_dict to load: name=d0,d1;... (zeros of those shapes)
         MESSAGE load_state_dict's error, \\n and \\t escaped ("ok" if none)
  linear SPEC  INPUT  WEIGHT  BIAS  OUTPUT
         a Linear (or Sequential of Linears and activations) with the given
         parameters (comma-separated floats, in named_parameters order,
         ';' between parameters) applied to INPUT (shape:values);
         OUTPUT is shape:values, or "err <message>"

functional.txt (chapter 6):

  NAME  OP  ARG  INPUT  EXPECTED
         OP      relu | sigmoid | tanh | softmax | log_softmax | linear
         ARG     the dim (softmax, log_softmax), else ""
         INPUT   sizes;strides;offset;values of the storage (comma-separated);
                 for linear: three such specs joined by '|' (input|weight|bias,
                 bias may be "-" for None)
         EXPECTED  "ok sizes;strides;values" or "err <PyTorch's message>"

dropout.txt (chapter 8):

  repr       CLASS  P  INPLACE  repr(CLASS(P, INPLACE)), or "err <message>"
  model      REPR  COUNT  STATE   a model holding a Dropout
  scale      P  X  Y        every element of Y is one that F.dropout(X, P)
                            kept: X * (1 / (1 - P)), rounded as PyTorch
                            rounds it
  layout     P  INPUT  sizes;strides;values   F.dropout(INPUT, P): the
                            result's layout (values only for P == 1)
  dropout2d  SHAPE  "ok SHAPE" or "err <message>"

Floats are written with repr() of the float32 value ("%.9g"), so they read
back exactly; nan, inf and -inf as such.
"""
import math
import os
import random
import sys

import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

warnings.simplefilter("ignore")  # deprecations and the zero-element init notice
random.seed(20261126)
torch.manual_seed(20261126)
out_dir = sys.argv[1] if len(sys.argv) > 1 else "tests/golden"


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def ints(xs):
    return ",".join(str(int(x)) for x in xs)


def fl(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return "%.9g" % x


def floats(t):
    return ",".join(fl(v) for v in t.reshape(-1).tolist())


def build(spec):
    names = {"Linear": nn.Linear, "ReLU": nn.ReLU, "Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh,
             "Softmax": nn.Softmax, "Flatten": nn.Flatten, "Sequential": nn.Sequential,
             "False": False, "True": True}
    return eval(spec, names)


def error(e):
    return "err " + str(e).split("\n")[0] if "\n" not in str(e) else "err " + esc(str(e))


# ---- module.txt -------------------------------------------------------------
module_lines = []

models = [
    "Linear(4,3)",
    "Linear(4,3,False)",
    "Linear(0,3)",
    "Linear(3,0)",
    "ReLU()",
    "Sigmoid()",
    "Tanh()",
    "Softmax(1)",
    "Softmax(-1)",
    "Flatten(1,-1)",
    "Flatten(0,2)",
    "Sequential()",
    "Sequential(ReLU())",
    "Sequential(Linear(4,8),ReLU(),Linear(8,2))",
    "Sequential(Linear(4,8),ReLU(),Sequential(Linear(8,8),Tanh()),Linear(8,2))",
    "Sequential(Flatten(1,-1),Linear(12,5),Sigmoid(),Linear(5,3,False),Softmax(1))",
    "Sequential(Sequential(Sequential(Linear(1,1))))",
    "Sequential(Sequential(),Sequential(ReLU(),Sequential()),Linear(2,2))",
    "Sequential(Linear(784,128),ReLU(),Linear(128,64),ReLU(),Linear(64,10))",
]
for i, spec in enumerate(models):
    m = build(spec)
    params = ";".join("%s=%s" % (n, ints(p.shape)) for n, p in m.named_parameters())
    count = sum(p.numel() for p in m.parameters())
    state = ",".join(m.state_dict().keys())
    module_lines.append("\t".join(["model-%d" % i, "model", spec, esc(repr(m)), params,
                                   str(count), state]))

loads = [
    ("Linear(4,3)", "weight=3,4;bias=3"),
    ("Linear(4,3)", "weight=3,5;foo=1"),
    ("Linear(4,3)", "weight=3,4"),
    ("Linear(4,3)", "weight=3,4;bias=3;x=1;y=2"),
    ("Linear(4,3)", "bias=4;weight=4,3"),
    ("Linear(4,3)", ""),
    ("Linear(4,3,False)", "weight=3,4;bias=3"),
    ("Sequential(Linear(4,3),ReLU())", "0.weight=3,5;0.bias=4"),
    ("Sequential(Linear(4,3),ReLU())", "weight=3,4;bias=3"),
    ("Sequential(Linear(4,8),ReLU(),Linear(8,2))", "0.weight=8,4;0.bias=8;2.weight=2,8;2.bias=2"),
    ("Sequential(Linear(4,8),ReLU(),Linear(8,2))", "2.bias=2;0.bias=8;2.weight=2,8;0.weight=8,4"),
    ("Sequential(Linear(4,8),ReLU(),Linear(8,2))", "0.weight=8;0.bias=8;2.weight=8,2;3.bias=2"),
    ("ReLU()", ""),
    ("ReLU()", "weight=1"),
]


def state_of(text):
    sd = {}
    for item in filter(None, text.split(";")):
        name, shape = item.split("=")
        sd[name] = torch.zeros([int(s) for s in shape.split(",") if s != ""])
    return sd


for i, (spec, state) in enumerate(loads):
    m = build(spec)
    try:
        m.load_state_dict(state_of(state))
        msg = "ok"
    except RuntimeError as e:
        msg = esc(str(e))
    module_lines.append("\t".join(["load-%d" % i, "load", spec, state, msg]))


def rand(*shape):
    return torch.randn(*shape) if shape else torch.randn(())


linear_cases = [
    ("Linear(4,3)", (2, 4)),
    ("Linear(4,3)", (4,)),
    ("Linear(4,3)", (2, 3, 4)),
    ("Linear(4,3,False)", (5, 4)),
    ("Linear(4,3)", (2, 5)),
    ("Linear(4,3)", (2, 3, 5)),
    ("Linear(4,3)", (0, 4)),
    ("Linear(0,3)", (2, 0)),
    ("Linear(4,3)", ()),
    ("Sequential(Linear(4,8),ReLU(),Linear(8,2))", (5, 4)),
    ("Sequential(Linear(4,8),Tanh(),Linear(8,3),Softmax(1))", (2, 4)),
    ("Sequential(Flatten(1,-1),Linear(6,4),Sigmoid())", (3, 2, 3)),
]
for i, (spec, shape) in enumerate(linear_cases):
    m = build(spec)
    params = ";".join(floats(p.detach()) for p in m.parameters())
    x = rand(*shape)
    try:
        with torch.no_grad():
            y = m(x)
        out = "%s:%s" % (ints(y.shape), floats(y))
    except RuntimeError as e:
        out = error(e)
    module_lines.append("\t".join(["forward-%d" % i, "linear", spec,
                                   "%s:%s" % (ints(x.shape), floats(x)), params, out]))

with open(os.path.join(out_dir, "module.txt"), "w") as f:
    f.write("# Generated by tests/golden/gen_nn.py from PyTorch %s; see there.\n" % torch.__version__)
    f.write("\n".join(module_lines) + "\n")

# ---- functional.txt -----------------------------------------------------------
fn_lines = []


def strided(sizes, strides, offset, values):
    """A tensor over a storage of `values`, as_strided."""
    base = torch.tensor(values, dtype=torch.float32)
    return base.as_strided(sizes, strides, offset)


def spec_of(sizes, strides, offset, values):
    return "%s;%s;%d;%s" % (ints(sizes), ints(strides), offset, ",".join(fl(v) for v in values))


def result(y):
    return "ok %s;%s;%s" % (ints(y.shape), ints(y.stride()), floats(y))


def randvals(n, scale=3.0):
    return [round(random.gauss(0, scale), 3) for _ in range(n)]


layouts = [  # sizes, strides, offset, storage size
    ((6,), (1,), 0, 6),
    ((2, 3), (3, 1), 0, 6),
    ((3, 2), (1, 3), 0, 6),            # a transpose
    ((2, 2), (3, 1), 1, 6),            # a narrowed block at an offset
    ((2, 3, 4), (12, 4, 1), 0, 24),
    ((4, 2, 3), (1, 12, 4), 0, 24),    # permuted
    ((2, 3), (0, 1), 0, 3),            # expanded
    ((3, 2), (2, 0), 0, 6),            # expanded inner dim
    ((), (), 2, 4),                    # 0-dim at an offset
    ((0, 3), (3, 1), 0, 1),            # empty
    ((2, 2, 2), (8, 2, 4), 1, 16),     # gaps and an offset
]
special = [0.0, -0.0, 1.0, -1.0, 1000.0, -1000.0, 88.0, -88.0, 20.0, -20.0, 1e-8, -1e-8,
           float("inf"), float("-inf"), float("nan"), 0.5]

case = 0
for op in ["relu", "sigmoid", "tanh"]:
    for sizes, strides, offset, n in layouts:
        vals = randvals(n)
        x = strided(sizes, strides, offset, vals)
        y = getattr(F, op)(x) if op != "relu" else F.relu(x)
        fn_lines.append("\t".join(["%s-%d" % (op, case), op, "", spec_of(sizes, strides, offset, vals), result(y)]))
        case += 1
    x = torch.tensor(special)
    y = getattr(torch, op)(x)
    fn_lines.append("\t".join(["%s-special-%d" % (op, case), op, "", spec_of((16,), (1,), 0, special), result(y)]))
    case += 1

softmax_inputs = [
    (layouts[1], [0, 1, -1, -2]),
    (layouts[2], [0, 1, -1]),
    (layouts[3], [0, 1]),
    (layouts[4], [0, 1, 2, -1]),
    (layouts[5], [0, 1, 2]),
    (layouts[6], [0, 1]),
    (layouts[7], [0, 1]),
    (layouts[8], [0, -1, 1]),
    (layouts[9], [0, 1]),
    (layouts[10], [0, 1, 2]),
    (layouts[0], [0, 1, -2]),
]
for op in ["softmax", "log_softmax"]:
    for (sizes, strides, offset, n), dims in softmax_inputs:
        vals = randvals(n)
        for dim in dims:
            x = strided(sizes, strides, offset, vals)
            try:
                y = getattr(F, op)(x, dim)
                out = result(y)
            except (RuntimeError, IndexError) as e:
                out = error(e)
            fn_lines.append("\t".join(["%s-%d" % (op, case), op, str(dim),
                                       spec_of(sizes, strides, offset, vals), out]))
            case += 1
    # numerically hard rows: huge values, -inf, all -inf, nan, inf
    rows = [[1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -999.0], [float("-inf"), 0.0, 1.0],
            [float("-inf")] * 3, [1.0, float("nan"), 2.0], [float("inf"), 1.0, 2.0],
            [88.0, 89.0, 90.0], [1e-30, 0.0, -1e-30]]
    for row in rows:
        x = torch.tensor(row)
        y = getattr(F, op)(x, 0)
        fn_lines.append("\t".join(["%s-hard-%d" % (op, case), op, "0", spec_of((3,), (1,), 0, row), result(y)]))
        case += 1

linear_inputs = [
    ((2, 4), (3, 4), (3,)),
    ((4,), (3, 4), (3,)),
    ((2, 3, 4), (3, 4), (3,)),
    ((5, 4), (3, 4), None),
    ((2, 5), (3, 4), (3,)),
    ((2, 3, 5), (3, 4), (3,)),
    ((5,), (3, 4), (3,)),
    ((2, 4), (3, 4), (2,)),
    ((2, 4), (3, 4), (1,)),
    ((2, 4), (3, 4), (2, 3)),
    ((), (3, 4), (3,)),
    ((2, 4), (4,), None),
    ((2, 4), (3, 4, 1), None),
    ((0, 4), (3, 4), (3,)),
    ((2, 0), (3, 0), (3,)),
    ((4,), (3, 4), (2,)),
    ((4,), (3, 4), (1,)),
    ((4,), (3, 4), (2, 3)),
    ((2, 3, 4), (3, 4), (2,)),
]
for x_shape, w_shape, b_shape in linear_inputs:
    parts = []
    tensors = []
    for shape in (x_shape, w_shape, b_shape):
        if shape is None:
            parts.append("-")
            tensors.append(None)
            continue
        n = 1
        for s in shape:
            n *= s
        vals = randvals(n, 1.0)
        strides = []
        acc = 1
        for s in reversed(shape):
            strides.insert(0, acc)
            acc *= max(s, 1)
        parts.append(spec_of(shape, strides, 0, vals))
        tensors.append(torch.tensor(vals, dtype=torch.float32).reshape(shape))
    try:
        y = F.linear(*tensors)
        out = result(y)
    except RuntimeError as e:
        out = error(e)
    fn_lines.append("\t".join(["linear-%d" % case, "linear", "", "|".join(parts), out]))
    case += 1

# A transposed weight (as a tied decoder would use) and a permuted input.
w = torch.tensor(randvals(12, 1.0)).reshape(4, 3).t()      # (3, 4):(1, 3)
x = torch.tensor(randvals(8, 1.0)).reshape(4, 2).t()       # (2, 4):(1, 2)
b = torch.tensor(randvals(3, 1.0))
y = F.linear(x, w, b)
fn_lines.append("\t".join(["linear-strided-%d" % case, "linear", "", "|".join([
    spec_of((2, 4), (1, 2), 0, x.t().reshape(-1).tolist()),
    spec_of((3, 4), (1, 3), 0, w.t().reshape(-1).tolist()),
    spec_of((3,), (1,), 0, b.tolist())]), result(y)]))

# The computations of chapters/06-functional/demo.c, whose output the
# chapter prints.
x = [1.0, 2.0, 3.0, -1.0, 0.0, 1.0]
w = [0.5, -1.0, 0.25, 1.0, 1.0, 1.0]
b = [0.1, -0.2]
xt = torch.tensor(x).reshape(2, 3)
wt = torch.tensor(w).reshape(2, 3)
bt = torch.tensor(b)
y = F.linear(xt, wt, bt)
fn_lines.append("\t".join(["demo-linear", "linear", "", "|".join([
    spec_of((2, 3), (3, 1), 0, x), spec_of((2, 3), (3, 1), 0, w), spec_of((2,), (1,), 0, b)]),
    result(y)]))
ys = spec_of((2, 2), (2, 1), 0, y.reshape(-1).tolist())
for op, fn, arg in [("relu", F.relu, None), ("sigmoid", torch.sigmoid, None),
                    ("tanh", torch.tanh, None), ("softmax", F.softmax, 1),
                    ("log_softmax", F.log_softmax, 1)]:
    out = fn(y, arg) if arg is not None else fn(y)
    fn_lines.append("\t".join(["demo-" + op, op, "" if arg is None else str(arg), ys, result(out)]))
big = [1000.0, 1001.0, 1002.0]
fn_lines.append("\t".join(["demo-big-softmax", "softmax", "0", spec_of((3,), (1,), 0, big),
                           result(F.softmax(torch.tensor(big), 0))]))

with open(os.path.join(out_dir, "functional.txt"), "w") as f:
    f.write("# Generated by tests/golden/gen_nn.py from PyTorch %s; see there.\n" % torch.__version__)
    f.write("\n".join(fn_lines) + "\n")

# ---- dropout.txt (chapter 8) ---------------------------------------------------
drop_lines = []

# repr of Dropout and Dropout2d, and the messages for a bad p.
for i, (cls, p, inplace) in enumerate([
        ("Dropout", 0.5, False), ("Dropout", 0.1, True), ("Dropout", 1.0, False),
        ("Dropout", 0.0, False), ("Dropout", 1e-05, False), ("Dropout", 1 / 3, False),
        ("Dropout", 0.25, True), ("Dropout", 0.999, False), ("Dropout", 0.0001, False),
        ("Dropout2d", 0.5, False), ("Dropout2d", 0.2, True),
        ("Dropout", 1.5, False), ("Dropout", -0.1, False), ("Dropout", 2.0, False),
        ("Dropout", 100.0, False), ("Dropout", 1e16, False), ("Dropout", -1e-05, False),
        ("Dropout2d", 1.25, False)]):
    try:
        m = getattr(nn, cls)(p, inplace)
        out = repr(m)
    except ValueError as e:
        out = "err " + str(e)
    drop_lines.append("\t".join(["repr-%d" % i, "repr", cls, repr(p), str(int(inplace)), out]))

# nan passes nn.Dropout's Python check but fails in F.dropout's C++ one.
try:
    F.dropout(torch.ones(3), float("nan"))
except RuntimeError as e:
    drop_lines.append("\t".join(["repr-nan", "repr", "Dropout", "nan", "0", "err " + str(e)]))

# Dropout inside a model: not trainable, nothing in the state_dict.
m = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 2))
drop_lines.append("\t".join(["model-mlp", "model", esc(repr(m)),
                             str(sum(p.numel() for p in m.parameters())),
                             ",".join(m.state_dict().keys())]))
d = nn.Dropout(0.5)
drop_lines.append("\t".join(["model-dropout", "model", esc(repr(d)),
                             str(sum(p.numel() for p in d.parameters())),
                             ",".join(d.state_dict().keys())]))

# The kept values: x * (1 / (1 - p)) exactly as PyTorch rounds it. PyTorch's
# mask is its own, so the test checks its kept elements only.
for i, p in enumerate([0.1, 0.2, 0.25, 0.3, 1 / 3, 0.5, 0.7, 0.9, 0.99, 0.999, 1e-05,
                       0.123456789]):
    x = torch.randn(64) * 10
    # Draw until every element has been kept once (for large p that takes
    # many draws); each kept value is one PyTorch computed.
    y = torch.zeros(64)
    for _ in range(100000):
        y = torch.where(y != 0, y, F.dropout(x, p))
        if bool((y != 0).all()):
            break
    drop_lines.append("\t".join(["scale-%d" % i, "scale", repr(p), floats(x), floats(y)]))

# Layouts and special values: strides of the result, p == 1 multiplies by 0.
for i, (sizes, strides, offset, n) in enumerate(layouts[:9]):
    vals = randvals(n)
    for p in (0.5, 1.0):
        x = strided(sizes, strides, offset, vals)
        y = F.dropout(x, p)
        drop_lines.append("\t".join(["layout-%d-%g" % (i, p), "layout", repr(p),
                                     spec_of(sizes, strides, offset, vals),
                                     "%s;%s;%s" % (ints(y.shape), ints(y.stride()),
                                                   floats(y) if p == 1.0 else "")]))
x = torch.tensor(special)
drop_lines.append("\t".join(["special-p1", "layout", "1.0", spec_of((16,), (1,), 0, special),
                             "%s;%s;%s" % (ints(x.shape), ints(x.stride()), floats(F.dropout(x, 1.0)))]))

# dropout2d: shapes it accepts, and the message for fewer than 2 dims.
for i, shape in enumerate([(2, 3, 4, 4), (3, 4, 4), (3, 4), (1, 2, 3, 4, 4), (3,), ()]):
    try:
        y = F.dropout2d(torch.ones(shape), 0.5)
        out = "ok " + ints(y.shape)
    except RuntimeError as e:
        out = "err " + str(e)
    drop_lines.append("\t".join(["dropout2d-%d" % i, "dropout2d", ints(shape), out]))

with open(os.path.join(out_dir, "dropout.txt"), "w") as f:
    f.write("# Generated by tests/golden/gen_nn.py from PyTorch %s; see there.\n" % torch.__version__)
    f.write("\n".join(drop_lines) + "\n")
