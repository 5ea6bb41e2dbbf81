# gdb pretty-printers for Strides' Tensor, Storage and IntList (Shape, Index)
# (docs/student-tools.md).
#
#   (gdb) p *t
#   $1 = shape (3, 4), stride (1, 3), offset 0, not contiguous
#   tensor([[ 0.,  3.,  6.,  9.],
#           [ 1.,  4.,  7., 10.],
#           [ 2.,  5.,  8., 11.]])
#
# The metadata line comes first, so the repr below it starts at column 0
# and reads exactly as src/print.c (and PyTorch) prints it. The formatting
# here is a port of src/print.c: when that file changes, change this one
# (tests/tools/test_gdb.c compares the two on the same tensors).
#
# A tensor being debugged may be broken: a stride that walks past the end
# of its storage, a garbage ndim, a freed storage. The printer never reads
# outside the storage; it says which element would have, and where.

import struct

import gdb
import gdb.printing

# PyTorch's default print options, as in src/print.c.
PRECISION = 4
THRESHOLD = 1000
EDGE_ITEMS = 3
LINE_WIDTH = 80
MAX_DIMS = 8  # src/tensor.h


class Broken(Exception):
    """The struct cannot be shown as a tensor; the message says why."""


def tuple_text(values):
    """Python's tuple syntax, as src/tensor.c's tuple_text: (2, 3), (12,), ()."""
    if len(values) == 1:
        return "(%d,)" % values[0]
    return "(" + ", ".join("%d" % v for v in values) + ")"


def is_contiguous(shape, stride):
    """src/view.c's tensor_is_contiguous: row-major, size-1 dims ignored."""
    if 0 in shape:
        return True
    expected = 1
    for size, step in zip(reversed(shape), reversed(stride)):
        if size == 1:
            continue
        if step != expected:
            return False
        expected *= size
    return True


def is_cut(size, summarize):
    return summarize and size > 2 * EDGE_ITEMS


def shown_positions(shape, stride, offset, summarize):
    """(index, storage position) of each shown element, in row-major order."""
    def walk(dim, at, index):
        if dim == len(shape):
            yield tuple(index), at
            return
        i = 0
        while i < shape[dim]:
            if is_cut(shape[dim], summarize) and i == EDGE_ITEMS:
                i = shape[dim] - EDGE_ITEMS
            yield from walk(dim + 1, at + i * stride[dim], index + [i])
            i += 1
    return walk(0, offset, [])


class Formatter:
    """src/print.c's Formatter: one format and one width for every element."""

    def __init__(self, values):
        finite = [abs(v) for v in values if v == v and abs(v) != float("inf") and v != 0]
        self.int_mode = all(v == int(v) for v in finite)
        self.sci_mode = False
        self.width = 1
        if not finite:
            return
        low, high = min(finite), max(finite)
        wide_range = high / low > 1000.0 or high > 1.0e8
        self.sci_mode = wide_range if self.int_mode else wide_range or low < 1.0e-4
        for v in values:
            if v == v and abs(v) != float("inf") and v != 0:
                self.width = max(self.width, len(self.plain(v)))

    def plain(self, v):
        if v != v:
            return "nan"
        if abs(v) == float("inf"):
            return "inf" if v > 0 else "-inf"
        if self.sci_mode:
            return "%.*e" % (PRECISION, v)
        if self.int_mode:
            return "%.0f." % v
        return "%.*f" % (PRECISION, v)

    def padded(self, v):
        return self.plain(v).rjust(self.width)


def vector_text(values, size, fmt, indent, summarize):
    """The innermost dimension, wrapped to LINE_WIDTH (append_vector)."""
    per_line = max(1, (LINE_WIDTH - indent) // (fmt.width + 2))
    out, item, i = ["["], 0, 0
    shown = iter(values)
    while i < size:
        if item > 0 and item % per_line == 0:
            out.append(",\n" + " " * (indent + 1))
        elif item > 0:
            out.append(", ")
        if is_cut(size, summarize) and i == EDGE_ITEMS:
            out.append(" ...")
            i = size - EDGE_ITEMS
        else:
            out.append(fmt.padded(next(shown)))
            i += 1
        item += 1
    out.append("]")
    return "".join(out)


def dims_text(values, shape, dim, fmt, indent, summarize):
    """An outer dimension: its slices one below the other (append_dims).
    `values` is an iterator over the shown elements, consumed in order."""
    ndim = len(shape)
    if dim == ndim - 1:
        count = min(shape[dim], 2 * EDGE_ITEMS) if is_cut(shape[dim], summarize) else shape[dim]
        row = [next(values) for _ in range(count)]
        return vector_text(row, shape[dim], fmt, indent, summarize)
    out, i = ["["], 0
    while i < shape[dim]:
        if i > 0:
            out.append("," + "\n" * (ndim - dim - 1) + " " * (indent + 1))
        if is_cut(shape[dim], summarize) and i == EDGE_ITEMS:
            out.append("...")
            i = shape[dim] - EDGE_ITEMS
            continue
        out.append(dims_text(values, shape, dim + 1, fmt, indent + 1, summarize))
        i += 1
    out.append("]")
    return "".join(out)


def repr_text(shape, values, summarize):
    """tensor_repr: `values` are the shown elements in row-major order."""
    prefix = "tensor("
    indent = len(prefix)
    if 0 in shape:
        body = "[]"
        if len(shape) != 1:
            suffix = "size=" + tuple_text(shape)
            sep = ",\n" + " " * indent if len(prefix) + 2 + 2 + len(suffix) + 2 > LINE_WIDTH else ", "
            body += sep + suffix
        return prefix + body + ")"
    fmt = Formatter(values)
    if not shape:
        return prefix + fmt.padded(values[0]) + ")"
    return prefix + dims_text(iter(values), shape, 0, fmt, indent, summarize) + ")"


class StorageReader:
    """Reads floats of one Storage from the inferior, refusing positions
    outside [0, size)."""

    def __init__(self, storage_ptr):
        if int(storage_ptr) == 0:
            raise Broken("storage is NULL")
        try:
            storage = storage_ptr.dereference()
            self.size = int(storage["size"])
            self.refcount = int(storage["refcount"])
            self.data = int(storage["data"])
        except gdb.MemoryError:
            raise Broken("storage at 0x%x is unreadable (freed?)" % int(storage_ptr))
        self.inferior = gdb.selected_inferior()

    def read(self, position):
        try:
            raw = self.inferior.read_memory(self.data + 4 * position, 4)
        except gdb.MemoryError:
            raise Broken("storage data at 0x%x is unreadable" % self.data)
        return struct.unpack("=f", bytes(raw))[0]


def layout_of(val):
    ndim = int(val["ndim"])
    if not 0 <= ndim <= MAX_DIMS:
        raise Broken("ndim is %d (0 to %d allowed)" % (ndim, MAX_DIMS))
    shape = [int(val["shape"][d]) for d in range(ndim)]
    stride = [int(val["stride"][d]) for d in range(ndim)]
    return shape, stride, int(val["offset"])


def tensor_values(storage, shape, stride, offset, summarize):
    values = []
    for index, position in shown_positions(shape, stride, offset, summarize):
        if not 0 <= position < storage.size:
            where = tuple_text(list(index)) if index else "()"
            raise Broken("element %s is at storage position %d, outside the storage's %d floats"
                         % (where, position, storage.size))
        values.append(storage.read(position))
    return values


class TensorPrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        try:
            shape, stride, offset = layout_of(self.val)
        except Broken as e:
            return "<broken tensor: %s>" % e
        head = "shape %s, stride %s, offset %d, %s" % (
            tuple_text(shape), tuple_text(stride), offset,
            "contiguous" if is_contiguous(shape, stride) else "not contiguous")
        if any(s < 0 for s in shape):
            return head + "\n<broken tensor: a negative size>"
        numel = 1
        for s in shape:
            numel *= s
        summarize = numel > THRESHOLD
        try:
            storage = StorageReader(self.val["storage"])
            values = [] if numel == 0 else tensor_values(storage, shape, stride, offset, summarize)
        except Broken as e:
            return head + "\n<broken tensor: %s>" % e
        return head + "\n" + repr_text(shape, values, summarize)


class StoragePrinter:
    """`p *t->storage`: its size, its owners, and its floats (summarised
    like a 1-D tensor of that size)."""

    def __init__(self, val):
        self.val = val

    def to_string(self):
        try:
            size, refcount = int(self.val["size"]), int(self.val["refcount"])
            if size < 0:
                raise Broken("size is %d" % size)
            storage = StorageReader(self.val.address)
            summarize = size > THRESHOLD
            values = tensor_values(storage, [size], [1], 0, summarize)
        except Broken as e:
            return "<broken storage: %s>" % e
        body = vector_text(values, size, Formatter(values), 0, summarize) if size else "[]"
        return "storage of %d floats, refcount %d\n%s" % (size, refcount, body)


class IntListPrinter:
    """A Shape, an Index or any IntList: `p shape` shows (2, 3, 4), the
    values that count, not the MAX_DIMS slots."""

    def __init__(self, val):
        self.val = val

    def to_string(self):
        length = int(self.val["len"])
        if not 0 <= length <= MAX_DIMS:
            return "<IntList of len %d: more than MAX_DIMS (%d) values>" % (length, MAX_DIMS)
        return tuple_text([int(self.val["at"][i]) for i in range(length)])


def build_printer():
    printers = gdb.printing.RegexpCollectionPrettyPrinter("strides")
    printers.add_printer("Tensor", "^Tensor$", TensorPrinter)
    printers.add_printer("Storage", "^Storage$", StoragePrinter)
    printers.add_printer("IntList", "^IntList$", IntListPrinter)
    return printers


gdb.printing.register_pretty_printer(gdb.current_objfile(), build_printer(), replace=True)
