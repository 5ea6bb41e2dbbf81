// Chapter 1 exercises: functions of your own on top of the storage API.
// The tests are in tests/exercises/ex01.c; `make grade` scores them.
#ifndef STRIDES_EXERCISES_01_H
#define STRIDES_EXERCISES_01_H

#include "storage.h"

//> make-unique
// Exercise 1.2 (copy-on-write). You hold one reference to `s` and are
// about to write to it. Return storage that you alone own, with the same
// contents: `s` itself if you are its only owner, otherwise a fresh copy
// (refcount 1), giving your reference to `s` back. If the copy can't be
// made, return NULL (with storage_new's message) and keep your reference.
Storage *storage_make_unique(Storage *s);
//< make-unique

//> copy-range
// Exercise 1.3 (bounds without overflow). Copy `count` floats from
// src->data[src_at...] to dst->data[dst_at...], like memmove: the two
// ranges may overlap (dst and src may be the same storage). Returns 0, or
// -1 without copying anything: ERR_VALUE for a negative count, ERR_INDEX
// for a range out of bounds, with messages like these:
//   "copy_range: count must be non-negative, but got -1"
//   "copy_range: range [8, 12) is out of bounds for a storage of size 10"
// (the first range that is out of bounds: src's, then dst's; an end past
// INT64_MAX is printed as INT64_MAX).
int storage_copy_range(Storage *dst, int64_t dst_at, const Storage *src,
                       int64_t src_at, int64_t count);
//< copy-range

#endif
