//> rng-includes
#include "rng.h"
//< rng-includes

//> rng-next
// PCG32 ("XSH RR"): the state steps by a linear congruential generator,
// whose low bits are poor on their own; the output hides that by mixing
// the high bits (xorshift) and rotating by an amount read from the top
// five bits. The constants are O'Neill's reference ones.
uint32_t rng_next(Rng *r) {
    uint64_t old = r->state;
    r->state = old * 6364136223846793005ULL + r->inc;
    uint32_t mixed = (uint32_t)(((old >> 18) ^ old) >> 27);
    uint32_t rotation = (uint32_t)(old >> 59);
    return (mixed >> rotation) | (mixed << ((32 - rotation) & 31));
}
//< rng-next

//> rng-seed
// O'Neill's pcg32_srandom_r: choose the stream, then mix the seed into
// the state with two steps, so that nearby seeds start far apart.
Rng rng_new_stream(uint64_t seed, uint64_t stream) {
    Rng r = {.state = 0, .inc = (stream << 1) | 1};  // the increment must be odd
    rng_next(&r);
    r.state += seed;
    rng_next(&r);
    return r;
}

Rng rng_new(uint64_t seed) {
    return rng_new_stream(seed, 0);
}
//< rng-seed

//> rng-uniform
float rng_uniform(Rng *r) {
    // A float has a 24-bit significand: keep the top 24 bits of the draw
    // and scale by 2^-24. Every result is exact, and 1.0 is impossible
    // (dividing all 32 bits by 2^32 could round up to 1.0f).
    return (float)(rng_next(r) >> 8) * 0x1.0p-24f;
}

float rng_uniform_range(Rng *r, float low, float high) {
    return low + (high - low) * rng_uniform(r);
}
//< rng-uniform
