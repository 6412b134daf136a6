// C = A·Bᵀ (+ beta·C) against a weight matrix B packed once into panels of 16 rows.
//
// A recurrent layer multiplies the same recurrent weights by each time step's hidden rows. A BLAS
// call packs the weights again at every step, which at a few dozen rows costs a third of the
// product; packing them once per sequence batch (`tk_pack_b16`) leaves only the multiplication.
// The panel layout puts, for each inner index p, the 16 weights of 16 consecutive outputs next to
// each other, so one vector load feeds 16 (AVX-512) or 8 (AVX2) outputs of every row of A.
//
// Each output is one chain of fused multiply-adds over p = 0, 1, …, k-1, started from beta·C (or
// zero): the AVX2 and AVX-512 versions perform the same operations per output and give
// bit-identical results.
#include "CTaggerKernels.h"


void tk_pack_b16(long n, long k, const float *b, long ldb, float *packed) {
  long panels = (n + 15) / 16;
  for (long panel = 0; panel < panels; panel++) {
    float *out = packed + panel * k * 16;
    long rows = n - panel * 16 < 16 ? n - panel * 16 : 16;
    const float *first = b + panel * 16 * ldb;
    if (rows == 16) {
      // Sequential writes, 16 sequential read streams (a store to a new line per element is
      // several times slower).
      for (long p = 0; p < k; p++) {
        for (long j = 0; j < 16; j++) out[p * 16 + j] = first[j * ldb + p];
      }
    } else {
      for (long p = 0; p < k; p++) {
        for (long j = 0; j < 16; j++) out[p * 16 + j] = j < rows ? first[j * ldb + p] : 0;
      }
    }
  }
}

#if defined(__x86_64__)
#include <immintrin.h>

// ---- AVX-512: blocks of up to 8 rows × 32 outputs (two panels), 16 accumulators ----

#define TK512 __attribute__((target("avx512f")))

TK512 static inline __attribute__((always_inline)) void tk_block512(
    const int rows, long k, const float *a, long lda, const float *panel0, const float *panel1,
    int two, float *c, long ldc, __mmask16 mask0, __mmask16 mask1, float beta) {
  __m512 acc0[8], acc1[8];
  for (int r = 0; r < rows; r++) {
    if (beta == 0) {
      acc0[r] = _mm512_setzero_ps();
      acc1[r] = _mm512_setzero_ps();
    } else {
      __m512 scale = _mm512_set1_ps(beta);
      acc0[r] = _mm512_mul_ps(scale, _mm512_maskz_loadu_ps(mask0, c + r * ldc));
      acc1[r] = two ? _mm512_mul_ps(scale, _mm512_maskz_loadu_ps(mask1, c + r * ldc + 16))
                    : _mm512_setzero_ps();
    }
  }
  if (two) {
    for (long p = 0; p < k; p++) {
      __m512 w0 = _mm512_loadu_ps(panel0 + p * 16);
      __m512 w1 = _mm512_loadu_ps(panel1 + p * 16);
      for (int r = 0; r < rows; r++) {
        __m512 x = _mm512_set1_ps(a[r * lda + p]);
        acc0[r] = _mm512_fmadd_ps(x, w0, acc0[r]);
        acc1[r] = _mm512_fmadd_ps(x, w1, acc1[r]);
      }
    }
  } else {
    for (long p = 0; p < k; p++) {
      __m512 w0 = _mm512_loadu_ps(panel0 + p * 16);
      for (int r = 0; r < rows; r++) {
        acc0[r] = _mm512_fmadd_ps(_mm512_set1_ps(a[r * lda + p]), w0, acc0[r]);
      }
    }
  }
  for (int r = 0; r < rows; r++) {
    _mm512_mask_storeu_ps(c + r * ldc, mask0, acc0[r]);
    if (two) _mm512_mask_storeu_ps(c + r * ldc + 16, mask1, acc1[r]);
  }
}

TK512 static __mmask16 tk_mask512(long count) {
  return count >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << count) - 1u);
}

// One or two rows (a single sentence's time step, a one-word chunk): the 8×32 blocks would give
// each row only two independent accumulators, and the chain of k dependent multiply-adds would
// wait on the adder's latency. These blocks take up to 8 panels (128 outputs) of one row or 4
// panels of two rows at once: 8 independent chains. Each output is still one chain over p from
// beta·C, so the results are bit-identical to the 8×32 blocks'.
TK512 static inline __attribute__((always_inline)) void tk_wide512(
    const int rows, const int width, long k, const float *a, long lda, const float *panels,
    float *c, long ldc, long outputs, float beta) {
  __m512 acc[8];
  __mmask16 masks[8];
  for (int j = 0; j < width; j++) masks[j] = tk_mask512(outputs - 16 * j);
  for (int r = 0; r < rows; r++) {
    for (int j = 0; j < width; j++) {
      acc[r * width + j] =
          beta == 0 ? _mm512_setzero_ps()
                    : _mm512_mul_ps(_mm512_set1_ps(beta),
                                    _mm512_maskz_loadu_ps(masks[j], c + r * ldc + 16 * j));
    }
  }
  for (long p = 0; p < k; p++) {
    __m512 x0 = _mm512_set1_ps(a[p]);
    __m512 x1 = rows > 1 ? _mm512_set1_ps(a[lda + p]) : x0;
    for (int j = 0; j < width; j++) {
      __m512 w = _mm512_loadu_ps(panels + j * k * 16 + p * 16);
      acc[j] = _mm512_fmadd_ps(x0, w, acc[j]);
      if (rows > 1) acc[width + j] = _mm512_fmadd_ps(x1, w, acc[width + j]);
    }
  }
  for (int r = 0; r < rows; r++) {
    for (int j = 0; j < width; j++) {
      _mm512_mask_storeu_ps(c + r * ldc + 16 * j, masks[j], acc[r * width + j]);
    }
  }
}

#define TK_WIDE512(rows, width) \
  tk_wide512(rows, width, k, a, lda, packed + panel * k * 16, c + panel * 16, ldc, \
             n - panel * 16, beta)

TK512 static void tk_few_rows512(long m, long n, long k, const float *a, long lda,
                                 const float *packed, float *c, long ldc, float beta) {
  long panels = (n + 15) / 16;
  const long width = m == 1 ? 8 : 4;
  for (long panel = 0; panel < panels; panel += width) {
    long left = panels - panel < width ? panels - panel : width;
    if (m == 1) {
      switch (left) {
      case 8: TK_WIDE512(1, 8); break;
      case 7: TK_WIDE512(1, 7); break;
      case 6: TK_WIDE512(1, 6); break;
      case 5: TK_WIDE512(1, 5); break;
      case 4: TK_WIDE512(1, 4); break;
      case 3: TK_WIDE512(1, 3); break;
      case 2: TK_WIDE512(1, 2); break;
      default: TK_WIDE512(1, 1); break;
      }
    } else {
      switch (left) {
      case 4: TK_WIDE512(2, 4); break;
      case 3: TK_WIDE512(2, 3); break;
      case 2: TK_WIDE512(2, 2); break;
      default: TK_WIDE512(2, 1); break;
      }
    }
  }
}

TK512 void tk_sgemm_packed_avx512(long m, long n, long k, const float *a, long lda,
                                  const float *packed, float *c, long ldc, float beta) {
  if (m <= 2) {
    if (m > 0 && n > 0) tk_few_rows512(m, n, k, a, lda, packed, c, ldc, beta);
    return;
  }
  long panels = (n + 15) / 16;
  for (long panel = 0; panel < panels; panel += 2) {
    int two = panel + 1 < panels;
    const float *panel0 = packed + panel * k * 16;
    const float *panel1 = two ? panel0 + k * 16 : panel0;
    __mmask16 mask0 = tk_mask512(n - panel * 16);
    __mmask16 mask1 = two ? tk_mask512(n - panel * 16 - 16) : 0;
    float *out = c + panel * 16;
    long row = 0;
    for (; row + 8 <= m; row += 8) {
      tk_block512(8, k, a + row * lda, lda, panel0, panel1, two, out + row * ldc, ldc, mask0,
                  mask1, beta);
    }
    const float *rest = a + row * lda;
    float *restOut = out + row * ldc;
    switch (m - row) {
    case 7: tk_block512(7, k, rest, lda, panel0, panel1, two, restOut, ldc, mask0, mask1, beta); break;
    case 6: tk_block512(6, k, rest, lda, panel0, panel1, two, restOut, ldc, mask0, mask1, beta); break;
    case 5: tk_block512(5, k, rest, lda, panel0, panel1, two, restOut, ldc, mask0, mask1, beta); break;
    case 4: tk_block512(4, k, rest, lda, panel0, panel1, two, restOut, ldc, mask0, mask1, beta); break;
    case 3: tk_block512(3, k, rest, lda, panel0, panel1, two, restOut, ldc, mask0, mask1, beta); break;
    case 2: tk_block512(2, k, rest, lda, panel0, panel1, two, restOut, ldc, mask0, mask1, beta); break;
    case 1: tk_block512(1, k, rest, lda, panel0, panel1, two, restOut, ldc, mask0, mask1, beta); break;
    default: break;
    }
  }
}

// ---- AVX2: blocks of up to 6 rows × 16 outputs (one panel, two vectors), 12 accumulators ----

#define TK256 __attribute__((target("avx2,fma")))

TK256 static inline __m256i tk_mask256(long count) {
  long clamped = count < 0 ? 0 : count > 8 ? 8 : count;
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)clamped),
                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

TK256 static inline __attribute__((always_inline)) void tk_block256(
    const int rows, long k, const float *a, long lda, const float *panel, float *c, long ldc,
    __m256i mask0, __m256i mask1, float beta) {
  __m256 acc0[6], acc1[6];
  for (int r = 0; r < rows; r++) {
    if (beta == 0) {
      acc0[r] = _mm256_setzero_ps();
      acc1[r] = _mm256_setzero_ps();
    } else {
      __m256 scale = _mm256_set1_ps(beta);
      acc0[r] = _mm256_mul_ps(scale, _mm256_maskload_ps(c + r * ldc, mask0));
      acc1[r] = _mm256_mul_ps(scale, _mm256_maskload_ps(c + r * ldc + 8, mask1));
    }
  }
  for (long p = 0; p < k; p++) {
    __m256 w0 = _mm256_loadu_ps(panel + p * 16);
    __m256 w1 = _mm256_loadu_ps(panel + p * 16 + 8);
    for (int r = 0; r < rows; r++) {
      __m256 x = _mm256_broadcast_ss(a + r * lda + p);
      acc0[r] = _mm256_fmadd_ps(x, w0, acc0[r]);
      acc1[r] = _mm256_fmadd_ps(x, w1, acc1[r]);
    }
  }
  for (int r = 0; r < rows; r++) {
    _mm256_maskstore_ps(c + r * ldc, mask0, acc0[r]);
    _mm256_maskstore_ps(c + r * ldc + 8, mask1, acc1[r]);
  }
}

// One or two rows: up to 4 panels of one row or 2 panels of two rows at once (8 independent
// chains of 8 outputs), bit-identical to the 6×16 blocks, as `tk_wide512` is to its blocks.
TK256 static inline __attribute__((always_inline)) void tk_wide256(
    const int rows, const int width, long k, const float *a, long lda, const float *panels,
    float *c, long ldc, long outputs, float beta) {
  __m256 acc[8];
  __m256i masks[8];
  for (int j = 0; j < 2 * width; j++) masks[j] = tk_mask256(outputs - 8 * j);
  for (int r = 0; r < rows; r++) {
    for (int j = 0; j < 2 * width; j++) {
      acc[r * 2 * width + j] =
          beta == 0 ? _mm256_setzero_ps()
                    : _mm256_mul_ps(_mm256_set1_ps(beta),
                                    _mm256_maskload_ps(c + r * ldc + 8 * j, masks[j]));
    }
  }
  for (long p = 0; p < k; p++) {
    __m256 x0 = _mm256_broadcast_ss(a + p);
    __m256 x1 = rows > 1 ? _mm256_broadcast_ss(a + lda + p) : x0;
    for (int j = 0; j < 2 * width; j++) {
      __m256 w = _mm256_loadu_ps(panels + (j / 2) * k * 16 + p * 16 + (j % 2) * 8);
      acc[j] = _mm256_fmadd_ps(x0, w, acc[j]);
      if (rows > 1) acc[2 * width + j] = _mm256_fmadd_ps(x1, w, acc[2 * width + j]);
    }
  }
  for (int r = 0; r < rows; r++) {
    for (int j = 0; j < 2 * width; j++) {
      _mm256_maskstore_ps(c + r * ldc + 8 * j, masks[j], acc[r * 2 * width + j]);
    }
  }
}

#define TK_WIDE256(rows, width) \
  tk_wide256(rows, width, k, a, lda, packed + panel * k * 16, c + panel * 16, ldc, \
             n - panel * 16, beta)

TK256 static void tk_few_rows256(long m, long n, long k, const float *a, long lda,
                                 const float *packed, float *c, long ldc, float beta) {
  long panels = (n + 15) / 16;
  const long width = m == 1 ? 4 : 2;
  for (long panel = 0; panel < panels; panel += width) {
    long left = panels - panel < width ? panels - panel : width;
    if (m == 1) {
      switch (left) {
      case 4: TK_WIDE256(1, 4); break;
      case 3: TK_WIDE256(1, 3); break;
      case 2: TK_WIDE256(1, 2); break;
      default: TK_WIDE256(1, 1); break;
      }
    } else {
      switch (left) {
      case 2: TK_WIDE256(2, 2); break;
      default: TK_WIDE256(2, 1); break;
      }
    }
  }
}

TK256 void tk_sgemm_packed_avx2(long m, long n, long k, const float *a, long lda,
                                const float *packed, float *c, long ldc, float beta) {
  if (m <= 2) {
    if (m > 0 && n > 0) tk_few_rows256(m, n, k, a, lda, packed, c, ldc, beta);
    return;
  }
  long panels = (n + 15) / 16;
  for (long panel = 0; panel < panels; panel++) {
    const float *weights = packed + panel * k * 16;
    __m256i mask0 = tk_mask256(n - panel * 16);
    __m256i mask1 = tk_mask256(n - panel * 16 - 8);
    float *out = c + panel * 16;
    long row = 0;
    for (; row + 6 <= m; row += 6) {
      tk_block256(6, k, a + row * lda, lda, weights, out + row * ldc, ldc, mask0, mask1, beta);
    }
    const float *rest = a + row * lda;
    float *restOut = out + row * ldc;
    switch (m - row) {
    case 5: tk_block256(5, k, rest, lda, weights, restOut, ldc, mask0, mask1, beta); break;
    case 4: tk_block256(4, k, rest, lda, weights, restOut, ldc, mask0, mask1, beta); break;
    case 3: tk_block256(3, k, rest, lda, weights, restOut, ldc, mask0, mask1, beta); break;
    case 2: tk_block256(2, k, rest, lda, weights, restOut, ldc, mask0, mask1, beta); break;
    case 1: tk_block256(1, k, rest, lda, weights, restOut, ldc, mask0, mask1, beta); break;
    default: break;
    }
  }
}

#endif
