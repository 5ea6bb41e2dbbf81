#!/usr/bin/python3
"""Golden cases for Appendix B (a tensor's repr), computed by real PyTorch.
Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_print.py > tests/golden/print.txt

Each line is one case, tab-separated:

    name  repr  input  expected

input is sizes;strides;offset;storage where storage is the float32 bits of
every storage element (hex, comma-separated); expected is repr(tensor) with
\\n, \\t and \\\\ escaped.
"""
import random
import struct

import torch

random.seed(2)
torch.manual_seed(2)


def bits(v):
    return "%08x" % struct.unpack("<I", struct.pack("<f", v))[0]


def ints(xs):
    return ",".join(str(int(x)) for x in xs)


def escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


lines = []


def spec_of(t):
    # Describe any strided tensor by its own storage.
    storage = t.storage().tolist()
    return "%s;%s;%d;%s" % (ints(t.shape), ints(t.stride()), t.storage_offset(),
                            ",".join(bits(v) for v in storage))


def rep(name, t):
    lines.append("\t".join(["%s-%d" % (name, len(lines)), "repr", spec_of(t), escape(repr(t))]))


f = torch.float32
rep("scalar", torch.tensor(3.5))
rep("scalar", torch.tensor(-2.0))
rep("scalar", torch.tensor(1e-7))
rep("scalar", torch.tensor(0.0))
rep("scalar", torch.tensor(float("nan")))
rep("scalar", torch.tensor(123456789.0))
rep("ints", torch.arange(6.0).view(2, 3))
rep("ints", torch.arange(12.0).view(3, 4).t())
rep("ints", torch.arange(24.0).view(2, 3, 4))
rep("ints", torch.arange(24.0).view(2, 3, 4).permute(2, 0, 1))
rep("ints", torch.arange(48.0).view(2, 2, 3, 4))
rep("ints", torch.tensor([-1.0, 10.0, -100.0]))
rep("ints", torch.tensor([1.0, 2000.0]))
rep("ints", torch.tensor([1.0, 1000.0]))
rep("ints", torch.tensor([1.0, 1e9]))
rep("ints", torch.tensor([1e8, 2.0]))
rep("ints", torch.tensor([-0.0, 0.0, 1.0]))
rep("zeros", torch.zeros(3))
rep("zeros", torch.zeros(2, 3))
rep("fixed", torch.tensor([[1.2346, 100.5], [-3.0, 4.0]]))
rep("fixed", torch.tensor([0.5, 0.25, 0.125]))
rep("fixed", torch.tensor([1.5, -2.25]).view(2, 1))
rep("fixed", torch.arange(30.0) / 7)
rep("fixed", torch.tensor([0.03125, 0.09375]))
rep("sci", torch.tensor([1e-5, 1.0]))
rep("sci", torch.tensor([1.5, 2000.25]))
rep("sci", torch.tensor([1.5e9, -2.0]))
rep("sci", torch.tensor([1e-30, 3e38, -1e10]))
rep("special", torch.tensor([float("nan"), 1.0, float("inf")]))
rep("special", torch.tensor([float("nan"), 1.5, float("-inf")]))
rep("special", torch.tensor([float("nan"), 0.0]))
rep("special", torch.tensor([float("inf"), float("-inf")]))
rep("special", torch.tensor([float("nan"), 1e-6, 2.0]))
rep("empty", torch.zeros(0))
rep("empty", torch.zeros(0, 3))
rep("empty", torch.zeros(2, 0, 3))
rep("empty", torch.zeros(3, 0))
rep("empty", torch.zeros(1, 0, 1, 1, 0, 1, 1, 1))
rep("wrap", torch.arange(1.0, 1001.0))
rep("wrap", torch.arange(40.0) * 1.5)
rep("wrap", torch.arange(100.0).view(2, 50) / 3)
rep("summary", torch.arange(2000.0).view(2, 1000))
rep("summary", torch.arange(1001.0))
rep("summary", torch.arange(2500.0).view(50, 50))
rep("summary", torch.arange(1100.0).view(10, 10, 11) / 4)
rep("summary", torch.arange(1200.0).view(3, 400).t())
rep("summary", torch.arange(4096.0).view(4, 4, 4, 4, 4, 4) - 2048)
rep("summary", torch.arange(1500.0).view(1500, 1))

# random values at many scales and shapes, some non-contiguous
for i in range(60):
    nd = random.randint(1, 4)
    shape = [random.randint(1, 5) for _ in range(nd)]
    scale = 10 ** random.uniform(-6, 10)
    kind = random.random()
    t = torch.randn(*shape) * scale
    if kind < 0.2:
        t = torch.round(t)
    elif kind < 0.3:
        t = torch.randint(-20, 20, shape).to(f)
    if nd >= 2 and random.random() < 0.3:
        t = t.transpose(0, nd - 1)
    if random.random() < 0.2:
        t = t.flatten()[::2]
    if random.random() < 0.1:
        t.view(-1)[0] = float(random.choice(["nan", "inf", "-inf"])) if t.is_contiguous() else 0.0
    rep("random", t)

print("\n".join(lines))
