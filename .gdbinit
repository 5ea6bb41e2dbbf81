# Strides' gdb settings: `p *t` prints a Tensor like PyTorch does, with its
# shape, stride, offset and contiguity (tools/gdb/strides.py).
# gdb reads this file only when started in this folder, and only once you
# allow it: docs/student-tools.md has the one line for your ~/.gdbinit.
source tools/gdb/strides.py
