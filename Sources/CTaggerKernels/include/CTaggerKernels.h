/// Vectorised recurrent-cell kernels for x86-64, one set per instruction set, chosen at run time
/// by the Swift side (`CellKernelLevel`). Each function computes one sequence's row of one time
/// step exactly like the portable Swift kernels in `CellKernels` (same formulas, same order of
/// gates), with fused multiply-adds, so results agree with them to a few units in the last place.
///
/// The AVX2 and AVX-512 versions perform the same operations lane by lane and give bit-identical
/// results. Calling a version the CPU lacks is undefined: ask `tk_cpu_has_*` first.
#ifndef C_TAGGER_KERNELS_H
#define C_TAGGER_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the CPU (and the operating system) supports AVX2 and FMA.
int tk_cpu_has_avx2_fma(void);
/// 1 when the CPU (and the operating system) supports AVX-512F.
int tk_cpu_has_avx512f(void);

/// LSTM step of one row. `gates` holds the 4·size pre-activations `i, f, g, o` and receives the
/// activations; `previous_cell` may be NULL (zero state); `cell` and `hidden` receive c_t, h_t.
void tk_lstm_forward_row_avx2(float *gates, const float *previous_cell, float *cell,
                              float *hidden, long size);
void tk_lstm_forward_row_avx512(float *gates, const float *previous_cell, float *cell,
                                float *hidden, long size);

/// GRU step of one row (gates `r, z, n`). `gates` holds `Wx·x + bx` (3·size) and receives
/// `r, z, n`; `recurrent` (`Wh·h`, 3·size) and `previous_hidden` may be NULL (first step);
/// `bias` is `bh` (3·size); `recurrent_n` receives `Wh_n·h + bh_n`, `hidden` receives h_t.
void tk_gru_forward_row_avx2(float *gates, const float *recurrent, const float *bias,
                             const float *previous_hidden, float *recurrent_n, float *hidden,
                             long size);
void tk_gru_forward_row_avx512(float *gates, const float *recurrent, const float *bias,
                               const float *previous_hidden, float *recurrent_n, float *hidden,
                               long size);

/// `output[j] = tanh(input[j])` for `size` values (the Elman step).
void tk_tanh_row_avx2(const float *input, float *output, long size);
void tk_tanh_row_avx512(const float *input, float *output, long size);

/// `C = A·Bᵀ + beta·C` (row-major; `beta` 0 ignores C's old values) without packing: A is
/// `m × k` (row stride `lda`), B is `n × k` (a weight matrix in its stored layout, stride `ldb`),
/// C is `m × n` (stride `ldc`). Meant for few rows of A, where packing B for a BLAS call costs
/// more than the product. Needs AVX2 and FMA.
void tk_sgemm_abt_avx2(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                       float *c, long ldc, float beta);

/// Packs B (`n × k`, row stride `ldb`: a weight matrix in its stored layout) for
/// `tk_sgemm_packed_*`: panels of 16 rows, `packed[(panel·k + p)·16 + j] = B[panel·16 + j][p]`,
/// rows beyond `n` zero. `packed` holds `ceil(n / 16) · 16 · k` floats.
void tk_pack_b16(long n, long k, const float *b, long ldb, float *packed);

/// `C = A·Bᵀ + beta·C` (row-major; `beta` 0 ignores C's old values) with B packed by
/// `tk_pack_b16`: A is `m × k` (row stride `lda`), C is `m × n` (stride `ldc`). Each output is one
/// chain of fused multiply-adds in the order of p, so both versions give bit-identical results.
void tk_sgemm_packed_avx2(long m, long n, long k, const float *a, long lda, const float *packed,
                          float *c, long ldc, float beta);
void tk_sgemm_packed_avx512(long m, long n, long k, const float *a, long lda, const float *packed,
                            float *c, long ldc, float beta);

/// A dropout mask of `count` elements from SplitMix64 `state` (before the first draw): element i
/// is `kept` when draw i + 1's float in [0, 1) is >= `rate`, else 0; equal to drawing one at a
/// time. The caller advances its state by `count` draws. The three versions are bit-identical.
void tk_dropout_mask(unsigned long long state, long count, float rate, float kept, float *mask);
void tk_dropout_mask_avx2(unsigned long long state, long count, float rate, float kept,
                          float *mask);
void tk_dropout_mask_avx512(unsigned long long state, long count, float rate, float kept,
                            float *mask);

#ifdef __cplusplus
}
#endif

#endif
