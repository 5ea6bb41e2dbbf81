"""What gen_view.py and gen_views.py share: the text of an input (the
strided arange the C test rebuilds) and of its values.

An input is arange(n) seen through sizes, strides and an offset; the C
tests rebuild it from "sizes;strides;offset;storage-size".
"""
import torch


def ints(xs):
    return ",".join(str(int(x)) for x in xs)


def spec(t, storage_size):
    return "%s;%s;%d;%d" % (ints(t.shape), ints(t.stride()), t.storage_offset(), storage_size)


def values(t):
    return ints(t.reshape(-1).tolist()) if t.numel() else ""


def base(n):
    return torch.arange(float(n))


def strided(sizes, strides, offset=0):
    """arange over the smallest storage that holds the view, and its size."""
    span = offset + 1 + sum((s - 1) * st for s, st in zip(sizes, strides)) if all(sizes) else offset + 1
    n = max(span, 1)
    return base(n).as_strided(sizes, strides, offset), n
