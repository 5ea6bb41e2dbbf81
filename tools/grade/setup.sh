#!/bin/sh
# Gradescope runs this once, as root, when it builds the autograder's
# image (Ubuntu 22.04): install what Strides needs, and build the tools
# and the library once, so each submission compiles only what it changed.
set -eu
cd /autograder/source/strides
scripts/install-deps
make --no-print-directory build/bin/grade >/dev/null
make --no-print-directory -k grade GRADE_OUT=/tmp/strides-setup-grade >/dev/null 2>&1 || true
# The tests run as this user (tools/grade/isolate.c), who may read neither
# the hidden tests nor their expected answers (the folder stays searchable:
# make looks at the files' times when it builds).
id -u strides-student >/dev/null 2>&1 || useradd --system --no-create-home strides-student
chmod 0711 tests/exercises/hidden && chmod 0600 tests/exercises/hidden/*
