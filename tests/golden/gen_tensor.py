#!/usr/bin/python3
"""Golden cases for chapter 2 (arange values and errors), computed by real
PyTorch. Run with Debian's python3-torch:

    /usr/bin/python3 tests/golden/gen_tensor.py > tests/golden/tensor.txt

Each line is one case, tab-separated:

    name  arange  start,end,step   expected

expected is "ok <values>" with each float32 as 8 hex digits of its bits,
or "err <message>". (A tensor's repr is Appendix B's: gen_print.py.)
"""
import struct

import torch


def bits(v):
    return "%08x" % struct.unpack("<I", struct.pack("<f", v))[0]


lines = []


def arange(name, start, end, step):
    try:
        t = torch.arange(start, end, step, dtype=torch.float32)
        out = "ok " + ",".join(bits(v) for v in t.tolist())
    except RuntimeError as e:
        out = "err " + str(e)
    lines.append("\t".join([name, "arange", "%r,%r,%r" % (float(start), float(end), float(step)), out]))


for case in [(0, 10, 1), (0, 1, 0.1), (1, 2.5, 0.5), (10, 0, -1), (-3, 3, 0.7), (0, 0, 1),
             (0, 10, 0), (10, 0, 1), (0, 1, -0.1), (0, float("inf"), 1), (float("nan"), 1, 1),
             (2.5, 2.6, 1), (0.3, 7.1, 0.37), (-2.5, 3.3, 0.013), (1, 100, 0.7), (5, 5.0001, 0.00001),
             (0, 1e-3, 1e-5), (-1, -100, -0.77), (0, 1e20, 1e-3), (1, 17, 1), (0.1, 3.3, 0.1)]:
    arange("arange-%d" % len(lines), *case)


print("\n".join(lines))
