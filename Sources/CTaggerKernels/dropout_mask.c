// Dropout masks from SplitMix64 in bulk.
//
// SplitMix64's i-th draw after state s depends only on s + i·γ, so a mask of n elements can be
// drawn in any order, eight or sixteen lanes at a time, and still equal the draws one at a time
// (`SplitMix64.next()` then `nextFloat(in: 0, 1)`): element i is kept, with value `kept`, when
// (z_i >> 40) · 2⁻²⁴ >= rate, z_i = mix(s + (i + 1)·γ). The three versions are the same loop,
// compiled for the baseline, AVX2 and AVX-512 (the compiler vectorises the 64-bit arithmetic).
#include "CTaggerKernels.h"

#define TK_GAMMA 0x9E3779B97F4A7C15ULL

static inline __attribute__((always_inline)) void tk_dropout_mask_body(
    unsigned long long state, long count, float rate, float kept, float *mask) {
  for (long i = 0; i < count; i++) {
    unsigned long long z = state + (unsigned long long)(i + 1) * TK_GAMMA;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    float unit = (float)(z >> 40) * (1.0f / 16777216.0f);
    mask[i] = unit >= rate ? kept : 0.0f;
  }
}

void tk_dropout_mask(unsigned long long state, long count, float rate, float kept, float *mask) {
  tk_dropout_mask_body(state, count, rate, kept, mask);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) void tk_dropout_mask_avx2(
    unsigned long long state, long count, float rate, float kept, float *mask) {
  tk_dropout_mask_body(state, count, rate, kept, mask);
}

__attribute__((target("avx512f"))) void tk_dropout_mask_avx512(
    unsigned long long state, long count, float rate, float kept, float *mask) {
  tk_dropout_mask_body(state, count, rate, kept, mask);
}
#endif
