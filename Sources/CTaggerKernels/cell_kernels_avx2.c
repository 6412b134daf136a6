#include "CTaggerKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TK_FN(name) tk_##name##_avx2
#define TK_TARGET __attribute__((target("avx2,fma")))
#define TK_LANES 8
typedef __m256 tk_vec;

TK_TARGET static inline __m256i tk_mask_avx2(long n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n < 8 ? n : 8)),
                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
TK_TARGET static inline tk_vec v_set1(float x) { return _mm256_set1_ps(x); }
TK_TARGET static inline tk_vec v_load(const float *p, long n) {
  return n >= 8 ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, tk_mask_avx2(n));
}
TK_TARGET static inline void v_store(float *p, tk_vec v, long n) {
  if (n >= 8) {
    _mm256_storeu_ps(p, v);
  } else {
    _mm256_maskstore_ps(p, tk_mask_avx2(n), v);
  }
}
TK_TARGET static inline tk_vec v_add(tk_vec a, tk_vec b) { return _mm256_add_ps(a, b); }
TK_TARGET static inline tk_vec v_sub(tk_vec a, tk_vec b) { return _mm256_sub_ps(a, b); }
TK_TARGET static inline tk_vec v_mul(tk_vec a, tk_vec b) { return _mm256_mul_ps(a, b); }
TK_TARGET static inline tk_vec v_div(tk_vec a, tk_vec b) { return _mm256_div_ps(a, b); }
TK_TARGET static inline tk_vec v_fmadd(tk_vec a, tk_vec b, tk_vec c) {
  return _mm256_fmadd_ps(a, b, c);
}
TK_TARGET static inline tk_vec v_fnmadd(tk_vec a, tk_vec b, tk_vec c) {
  return _mm256_fnmadd_ps(a, b, c);
}
// min/max return the second operand when either is NaN, so NaN inputs pass through.
TK_TARGET static inline tk_vec v_min(tk_vec a, tk_vec b) { return _mm256_min_ps(a, b); }
TK_TARGET static inline tk_vec v_max(tk_vec a, tk_vec b) { return _mm256_max_ps(a, b); }
TK_TARGET static inline tk_vec v_abs(tk_vec a) {
  return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a);
}
TK_TARGET static inline tk_vec v_copysign(tk_vec magnitude, tk_vec sign) {
  return _mm256_or_ps(magnitude, _mm256_and_ps(_mm256_set1_ps(-0.0f), sign));
}
TK_TARGET static inline tk_vec v_select_less(tk_vec a, tk_vec b, tk_vec x, tk_vec y) {
  return _mm256_blendv_ps(y, x, _mm256_cmp_ps(a, b, _CMP_LT_OQ));
}
TK_TARGET static inline tk_vec v_exp2_scale(tk_vec shifted) {
  __m256i exponent = _mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_set1_epi32(0x4B400000));
  return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(exponent, _mm256_set1_epi32(127)), 23));
}

#include "cell_kernels_body.h"

#else

void tk_lstm_forward_row_avx2(float *gates, const float *previous_cell, float *cell,
                              float *hidden, long size) { __builtin_trap(); }
void tk_gru_forward_row_avx2(float *gates, const float *recurrent, const float *bias,
                             const float *previous_hidden, float *recurrent_n, float *hidden,
                             long size) { __builtin_trap(); }
void tk_tanh_row_avx2(const float *input, float *output, long size) { __builtin_trap(); }

#endif
