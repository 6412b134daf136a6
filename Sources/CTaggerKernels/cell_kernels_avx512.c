#include "CTaggerKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TK_FN(name) tk_##name##_avx512
#define TK_TARGET __attribute__((target("avx512f")))
#define TK_LANES 16
typedef __m512 tk_vec;

TK_TARGET static inline __mmask16 tk_mask_avx512(long n) {
  return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1u);
}
TK_TARGET static inline tk_vec v_set1(float x) { return _mm512_set1_ps(x); }
TK_TARGET static inline tk_vec v_load(const float *p, long n) {
  return n >= 16 ? _mm512_loadu_ps(p) : _mm512_maskz_loadu_ps(tk_mask_avx512(n), p);
}
TK_TARGET static inline void v_store(float *p, tk_vec v, long n) {
  if (n >= 16) {
    _mm512_storeu_ps(p, v);
  } else {
    _mm512_mask_storeu_ps(p, tk_mask_avx512(n), v);
  }
}
TK_TARGET static inline tk_vec v_add(tk_vec a, tk_vec b) { return _mm512_add_ps(a, b); }
TK_TARGET static inline tk_vec v_sub(tk_vec a, tk_vec b) { return _mm512_sub_ps(a, b); }
TK_TARGET static inline tk_vec v_mul(tk_vec a, tk_vec b) { return _mm512_mul_ps(a, b); }
TK_TARGET static inline tk_vec v_div(tk_vec a, tk_vec b) { return _mm512_div_ps(a, b); }
TK_TARGET static inline tk_vec v_fmadd(tk_vec a, tk_vec b, tk_vec c) {
  return _mm512_fmadd_ps(a, b, c);
}
TK_TARGET static inline tk_vec v_fnmadd(tk_vec a, tk_vec b, tk_vec c) {
  return _mm512_fnmadd_ps(a, b, c);
}
// min/max return the second operand when either is NaN, so NaN inputs pass through.
TK_TARGET static inline tk_vec v_min(tk_vec a, tk_vec b) { return _mm512_min_ps(a, b); }
TK_TARGET static inline tk_vec v_max(tk_vec a, tk_vec b) { return _mm512_max_ps(a, b); }
TK_TARGET static inline tk_vec v_abs(tk_vec a) {
  return _mm512_castsi512_ps(
    _mm512_and_si512(_mm512_castps_si512(a), _mm512_set1_epi32(0x7FFFFFFF)));
}
TK_TARGET static inline tk_vec v_copysign(tk_vec magnitude, tk_vec sign) {
  __m512i sign_bits = _mm512_and_si512(_mm512_castps_si512(sign), _mm512_set1_epi32((int)0x80000000u));
  return _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(magnitude), sign_bits));
}
TK_TARGET static inline tk_vec v_select_less(tk_vec a, tk_vec b, tk_vec x, tk_vec y) {
  return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(a, b, _CMP_LT_OQ), y, x);
}
TK_TARGET static inline tk_vec v_exp2_scale(tk_vec shifted) {
  __m512i exponent = _mm512_sub_epi32(_mm512_castps_si512(shifted), _mm512_set1_epi32(0x4B400000));
  return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(exponent, _mm512_set1_epi32(127)), 23));
}

#include "cell_kernels_body.h"

#else

void tk_lstm_forward_row_avx512(float *gates, const float *previous_cell, float *cell,
                                float *hidden, long size) { __builtin_trap(); }
void tk_gru_forward_row_avx512(float *gates, const float *recurrent, const float *bias,
                               const float *previous_hidden, float *recurrent_n, float *hidden,
                               long size) { __builtin_trap(); }
void tk_tanh_row_avx512(const float *input, float *output, long size) { __builtin_trap(); }

#endif
