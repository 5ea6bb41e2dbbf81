#!/bin/sh
# Gradescope runs this once, as root, when it builds the autograder's
# image (Ubuntu 22.04): install what Strides needs, and build the tools
# and the library once, so each submission compiles only what it changed.
set -eu
cd /autograder/source/strides
scripts/install-deps
make --no-print-directory build/bin/grade >/dev/null
make --no-print-directory -k grade GRADE_OUT=/tmp/strides-setup-grade >/dev/null 2>&1 || true
