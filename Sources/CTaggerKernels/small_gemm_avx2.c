// C = A·Bᵀ (+ beta·C) for few rows of A, reading B in its stored layout: no packing.
//
// OpenBLAS packs both operands on every call. For the tagger's products with few rows (one
// sentence's input projection, a small batch's recurrent step) packing the weight matrix costs
// more than the multiplication; this kernel reads each weight row directly, four rows of A at a
// time, and reduces each dot product horizontally once at the end.
#include "CTaggerKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TK_TARGET __attribute__((target("avx2,fma")))

TK_TARGET static inline __m256i tk_tail_mask(long n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

TK_TARGET static inline float tk_sum(__m256 v) {
  __m128 low = _mm256_castps256_ps128(v);
  __m128 high = _mm256_extractf128_ps(v, 1);
  __m128 sum = _mm_add_ps(low, high);
  sum = _mm_add_ps(sum, _mm_movehl_ps(sum, sum));
  sum = _mm_add_ss(sum, _mm_shuffle_ps(sum, sum, 0x55));
  return _mm_cvtss_f32(sum);
}

/// Rows `rows` (1 to 4) of A against columns n and n+1 (two rows of B), or n alone.
TK_TARGET static inline __attribute__((always_inline)) void tk_block(long rows, long columns, long k, const float *a, long lda,
                                      const float *b, long ldb, float *c, long ldc, float beta) {
  __m256 acc[4][2];
  for (int r = 0; r < 4; r++) {
    acc[r][0] = _mm256_setzero_ps();
    acc[r][1] = _mm256_setzero_ps();
  }
  const float *b0 = b;
  const float *b1 = columns > 1 ? b + ldb : b;
  long p = 0;
  for (; p + 8 <= k; p += 8) {
    __m256 w0 = _mm256_loadu_ps(b0 + p);
    __m256 w1 = _mm256_loadu_ps(b1 + p);
    for (long r = 0; r < rows; r++) {
      __m256 x = _mm256_loadu_ps(a + r * lda + p);
      acc[r][0] = _mm256_fmadd_ps(x, w0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(x, w1, acc[r][1]);
    }
  }
  if (p < k) {
    __m256i mask = tk_tail_mask(k - p);
    __m256 w0 = _mm256_maskload_ps(b0 + p, mask);
    __m256 w1 = _mm256_maskload_ps(b1 + p, mask);
    for (long r = 0; r < rows; r++) {
      __m256 x = _mm256_maskload_ps(a + r * lda + p, mask);
      acc[r][0] = _mm256_fmadd_ps(x, w0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(x, w1, acc[r][1]);
    }
  }
  for (long r = 0; r < rows; r++) {
    for (long j = 0; j < columns; j++) {
      float value = tk_sum(acc[r][j]);
      float *out = c + r * ldc + j;
      *out = beta == 0 ? value : value + beta * *out;
    }
  }
}

TK_TARGET void tk_sgemm_abt_avx2(long m, long n, long k, const float *a, long lda, const float *b,
                                 long ldb, float *c, long ldc, float beta) {
  // Each call passes constant `rows` and `columns`, so the inlined block keeps its
  // accumulators in registers.
#define TK_BLOCK(R, C)                                                                             \
  tk_block(R, C, k, a + row * lda, lda, b + column * ldb, ldb, c + row * ldc + column, ldc, beta)
  for (long row = 0; row < m; row += 4) {
    long rows = m - row < 4 ? m - row : 4;
    long column = 0;
    for (; column + 2 <= n; column += 2) {
      switch (rows) {
      case 4: TK_BLOCK(4, 2); break;
      case 3: TK_BLOCK(3, 2); break;
      case 2: TK_BLOCK(2, 2); break;
      default: TK_BLOCK(1, 2); break;
      }
    }
    if (column < n) {
      switch (rows) {
      case 4: TK_BLOCK(4, 1); break;
      case 3: TK_BLOCK(3, 1); break;
      case 2: TK_BLOCK(2, 1); break;
      default: TK_BLOCK(1, 1); break;
      }
    }
  }
#undef TK_BLOCK
}

#else

void tk_sgemm_abt_avx2(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                       float *c, long ldc, float beta) {
  (void)m, (void)n, (void)k, (void)a, (void)lda, (void)b, (void)ldb, (void)c, (void)ldc, (void)beta;
}

#endif
