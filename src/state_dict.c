//> state-dict-includes
#include "state_dict.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"
#include "view.h"
//< state-dict-includes

//> load-checks
static const Named *find_named(const NamedList *list, const char *name) {
    for (int i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].name, name) == 0) return &list->items[i];
    }
    return NULL;
}

// PyTorch's line for the model's keys that `state` lacks, in state_dict
// order, e.g.
//   Missing key(s) in state_dict: "bias", "weight".
// (with its trailing space), or nothing if there are none.
static void append_missing_keys(Text *out, const NamedList *mine, const NamedList *state) {
    int listed = 0;
    for (int i = 0; i < mine->count; i++) {
        if (find_named(state, mine->items[i].name) != NULL) continue;
        if (listed++ == 0) text_append(out, "\n\tMissing key(s) in state_dict: ");
        else text_append(out, ", ");
        text_append(out, "\"%s\"", mine->items[i].name);
    }
    if (listed > 0) text_append(out, ". ");
}
//< load-checks

//> load-unexpected
// Does module m claim `name` (its first `len` characters): is it one of
// m's own entries (a parameter, not an empty slot, or a buffer) or one
// of its children?
static bool claims(const Module *m, const char *name, size_t len) {
    const Registry *all[] = {&m->parameters, &m->buffers, &m->children};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < all[k]->count; i++) {
            const char *own = all[k]->names[i];
            if (all[k]->values[i] != NULL && strncmp(own, name, len) == 0 &&
                own[len] == '\0') {
                return true;
            }
        }
    }
    return false;
}

// Each module, in state_dict order, reports the keys under its prefix
// whose next name it doesn't claim, in the state's order. `prefix`
// ("", then "0.", "0.1.", ...) grows and shrinks along the walk;
// *listed counts the keys reported so far.
static void append_unexpected(Text *out, int *listed, const Module *m, Text *prefix,
                              const NamedList *state) {
    const char *p = prefix->s != NULL ? prefix->s : "";
    for (int i = 0; i < state->count; i++) {
        const char *key = state->items[i].name;
        if (strncmp(key, p, prefix->len) != 0) continue;
        const char *rest = key + prefix->len;
        if (claims(m, rest, strcspn(rest, "."))) continue;
        if ((*listed)++ == 0) text_append(out, "\n\tUnexpected key(s) in state_dict: ");
        else text_append(out, ", ");
        text_append(out, "\"%s\"", key);
    }
    for (int i = 0; i < m->children.count; i++) {
        size_t len = prefix->len;
        text_append(prefix, "%s.", m->children.names[i]);
        if (prefix->failed) {
            out->failed = true;  // text_take(out) reports it
            return;
        }
        append_unexpected(out, listed, m->children.values[i], prefix, state);
        prefix->len = len;
        prefix->s[len] = '\0';
    }
}

static void append_unexpected_keys(Text *out, const Module *m, const NamedList *state) {
    Text prefix = {0};
    int listed = 0;
    append_unexpected(out, &listed, m, &prefix, state);
    text_free(&prefix);
    if (listed > 0) text_append(out, ". ");
}
//< load-unexpected

//> load-size
static void append_size_mismatches(Text *out, const NamedList *mine,
                                   const NamedList *state) {
    for (int i = 0; i < mine->count; i++) {
        const Tensor *want = mine->items[i].tensor;
        const Named *given = find_named(state, mine->items[i].name);
        if (given == NULL) continue;
        const Tensor *have = given->tensor;
        bool same = have->ndim == want->ndim;
        for (int d = 0; same && d < want->ndim; d++) same = have->shape[d] == want->shape[d];
        if (same) continue;
        text_append(out, "\n\tsize mismatch for %s: copying a param with shape "
                    "torch.Size(%s) from checkpoint, the shape in current model is "
                    "torch.Size(%s).", mine->items[i].name,
                    ints_text(have->ndim, have->shape).s,
                    ints_text(want->ndim, want->shape).s);
    }
}
//< load-size

//> load-state-dict
int module_load_state_dict(Module *m, const NamedList *state) {
    NamedList mine;
    if (module_state_dict(m, &mine) < 0) return -1;
    // First every check, collecting all the problems as PyTorch does...
    Text problems = {0};
    append_missing_keys(&problems, &mine, state);
    append_unexpected_keys(&problems, m, state);
    append_size_mismatches(&problems, &mine, state);
    char *text = text_take(&problems);
    int status = text == NULL ? -1 : 0;
    if (text != NULL && text[0] != '\0') {
        status = error_set(ERR_RUNTIME,
                           "Error(s) in loading state_dict for %s:%s", m->type->name, text);
    }
    // ...then, only if there were none, the copies: all or nothing.
    for (int i = 0; i < mine.count && status == 0; i++) {
        tensor_copy_elements(mine.items[i].tensor, find_named(state, mine.items[i].name)->tensor);
    }
    free(text);
    named_list_free(&mine);
    return status;
}
//< load-state-dict

//> save
// Fixed byte order (little-endian) and fixed widths, whatever the machine:
// a file saved on one computer loads on any other.
static void put_u32(FILE *f, uint32_t v) {
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    fwrite(b, 1, sizeof b, f);
}

static void put_i64(FILE *f, int64_t v) {
    put_u32(f, (uint32_t)((uint64_t)v & 0xffffffffu));
    put_u32(f, (uint32_t)((uint64_t)v >> 32));
}

static void put_tensor(FILE *f, const Tensor *t) {
    put_u32(f, (uint32_t)t->ndim);
    for (int d = 0; d < t->ndim; d++) put_i64(f, t->shape[d]);
    int64_t index[MAX_DIMS] = {0};
    for (int64_t k = 0; k < tensor_numel(t); k++) {
        uint32_t bits;  // the float's own four bytes, as an integer
        memcpy(&bits, &t->storage->data[tensor_storage_index(t, index)], sizeof bits);
        put_u32(f, bits);
        index_next(t->ndim, t->shape, index);
    }
}

int state_dict_save(const Module *m, const char *path) {
    NamedList state;
    if (module_state_dict(m, &state) < 0) return -1;
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        named_list_free(&state);
        return error_set(ERR_RUNTIME, "cannot write '%s': %s", path, strerror(errno));
    }
    fwrite("STRIDES1", 1, 8, f);
    put_u32(f, (uint32_t)state.count);
    for (int i = 0; i < state.count; i++) {
        size_t len = strlen(state.items[i].name);
        put_u32(f, (uint32_t)len);
        fwrite(state.items[i].name, 1, len, f);
        put_tensor(f, state.items[i].tensor);
    }
    named_list_free(&state);
    // Writes are buffered: a full disk may only show when the buffer is
    // flushed, by fflush or by fclose. Both must be checked.
    int err = fflush(f) != 0 || ferror(f) ? errno : 0;
    if (fclose(f) != 0 && err == 0) err = errno;
    if (err != 0) return error_set(ERR_RUNTIME, "cannot write '%s': %s", path, strerror(err));
    return 0;
}
//< save

//> reader
// Reading counts down the bytes left in the file, so a length field that
// promises more than is left is caught before anything is allocated: a
// cut-short or corrupt file can't make us ask for gigabytes.
typedef struct Reader {
    FILE       *f;
    const char *path;
    int64_t     left;  // bytes not read yet
} Reader;

static bool take(Reader *r, void *out, int64_t n) {
    if (n > r->left || fread(out, 1, (size_t)n, r->f) != (size_t)n) return false;
    r->left -= n;
    return true;
}

static bool take_u32(Reader *r, uint32_t *v) {
    unsigned char b[4];
    if (!take(r, b, 4)) return false;
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

static bool take_i64(Reader *r, int64_t *v) {
    uint32_t low, high;
    if (!take_u32(r, &low) || !take_u32(r, &high)) return false;
    *v = (int64_t)((uint64_t)high << 32 | low);
    return true;
}

static int cut_short(const Reader *r, uint32_t entry, uint32_t count) {
    return error_set(ERR_RUNTIME, "'%s' is truncated: it ends inside entry %u of %u", r->path,
                                  entry + 1, count);
}
//< reader

//> read-entry
// Entry `e` of `count`: its name, shape and values become the last item of
// `state` (which owns the name; the tensor is the caller's to free).
static int read_entry(Reader *r, NamedList *state, uint32_t e, uint32_t count) {
    uint32_t len, ndim;
    if (!take_u32(r, &len) || len > r->left) return cut_short(r, e, count);
    char *name = malloc((size_t)len + 1);
    if (name != NULL) name[len] = '\0';
    if (named_list_add(state, (Named){.name = name}) < 0) return -1;
    if (!take(r, name, len) || !take_u32(r, &ndim)) return cut_short(r, e, count);
    if (ndim > MAX_DIMS) {
        return error_set(ERR_RUNTIME, "'%s' is corrupt: entry \"%s\" has %u dimensions", r->path,
                                      name, ndim);
    }
    int64_t sizes[MAX_DIMS];
    for (uint32_t d = 0; d < ndim; d++) {
        if (!take_i64(r, &sizes[d])) return cut_short(r, e, count);
    }
    Shape shape = intlist_of(sizes, ndim);
    if (shape_check(shape) < 0) {
        return error_set(ERR_RUNTIME, "'%s' is corrupt: entry \"%s\" has the shape %s", r->path,
                                      name, ints_text(shape.len, shape.at).s);
    }
    int64_t numel = 1;
    for (uint32_t d = 0; d < ndim; d++) numel *= sizes[d];
    if (numel > r->left / 4) return cut_short(r, e, count);
    Tensor *t = state->items[state->count - 1].tensor = tensor_empty(shape);
    if (t == NULL) return -1;
    for (int64_t k = 0; k < numel; k++) {
        uint32_t bits;
        take_u32(r, &bits);
        memcpy(&t->storage->data[k], &bits, sizeof bits);
    }
    return 0;
}
//< read-entry

//> load
static int read_state(Reader *r, NamedList *state) {
    char magic[8];
    uint32_t count;
    if (!take(r, magic, 8) || memcmp(magic, "STRIDES1", 8) != 0) {
        return error_set(ERR_RUNTIME, "'%s' is not a Strides state_dict file", r->path);
    }
    if (!take_u32(r, &count)) return error_set(ERR_RUNTIME,
                                               "'%s' is truncated: it has no entry count", r->path);
    for (uint32_t e = 0; e < count; e++) {
        if (read_entry(r, state, e, count) < 0) return -1;
    }
    if (r->left > 0) {
        return error_set(ERR_RUNTIME, "'%s' has %lld byte%s after its last entry", r->path,
                                      (long long)r->left, r->left == 1 ? "" : "s");
    }
    return 0;
}

int state_dict_load(Module *m, const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return error_set(ERR_RUNTIME, "cannot open '%s': %s", path, strerror(errno));
    Reader r = {.f = f, .path = path};
    // The file's size, to know how many bytes are left at every step.
    if (fseek(f, 0, SEEK_END) == 0) r.left = ftell(f);
    rewind(f);
    NamedList state = {0};
    int status = read_state(&r, &state);
    fclose(f);
    // Only a complete, well-formed file gets as far as the model.
    if (status == 0) status = module_load_state_dict(m, &state);
    for (int i = 0; i < state.count; i++) tensor_free(state.items[i].tensor);
    named_list_free(&state);
    return status;
}
//< load
