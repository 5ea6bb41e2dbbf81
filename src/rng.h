//> rng-api
// A small, seeded random number generator: PCG32 (Melissa O'Neill, 2014,
// https://www.pcg-random.org). The same seed gives the same numbers on
// every machine and every run, so initial weights and dropout masks are
// reproducible, and tests can fix them.
#ifndef STRIDES_RNG_H
#define STRIDES_RNG_H

#include <stdint.h>

// The whole generator is two 64-bit numbers, passed around by pointer.
// Nothing is global: whoever wants randomness is handed a generator.
typedef struct Rng {
    uint64_t state;  // advances by one step of a 64-bit LCG per number
    uint64_t inc;    // the LCG's increment (odd); picks one of 2^63 streams
} Rng;

// A generator started from `seed` (stream 0).
Rng rng_new(uint64_t seed);

// A generator started from `seed` on stream `stream`: different streams
// with the same seed give unrelated sequences.
Rng rng_new_stream(uint64_t seed, uint64_t stream);

// The next 32 random bits.
uint32_t rng_next(Rng *r);

// A float uniform in [0, 1): one of the 2^24 multiples of 2^-24 there,
// all equally likely.
float rng_uniform(Rng *r);

// A float uniform in [low, high), as PyTorch's uniform_(low, high).
float rng_uniform_range(Rng *r, float low, float high);

#endif
//< rng-api
