// The cell kernels written once over a vector type. Included by cell_kernels_avx2.c and
// cell_kernels_avx512.c, which define before including it:
//   TK_FN(name)   the function name with the instruction-set suffix
//   TK_TARGET     the target attribute of every function
//   tk_vec, TK_LANES, and the inline operations v_set1, v_load(p, n), v_store(p, v, n),
//   v_add, v_sub, v_mul, v_div, v_fmadd (a·b + c), v_fnmadd (c - a·b), v_min, v_max, v_abs,
//   v_select_less(a, b, x, y) (x where a < b, else y), v_copysign(magnitude, sign),
//   v_exp2_scale(shifted) (2^k from the rounded value's low mantissa bits).
// The formulas are those of the portable Swift kernels (VectorMath, CellKernels).

/// e^x: clamp to [-87, 88] (NaN passes), x = k·ln2 + r, a degree-5 polynomial for e^r.
TK_TARGET static inline tk_vec TK_FN(exp)(tk_vec input) {
  tk_vec x = v_max(v_set1(-87.0f), v_min(v_set1(88.0f), input));
  const tk_vec magic = v_set1(12582912.0f);
  tk_vec shifted = v_fmadd(x, v_set1(1.44269504f), magic);
  tk_vec k = v_sub(shifted, magic);
  tk_vec r = v_fmadd(k, v_set1(2.1219444e-4f), v_fnmadd(k, v_set1(0.693359375f), x));
  tk_vec r2 = v_mul(r, r);
  tk_vec p = v_fmadd(v_set1(1.98756915e-4f), r, v_set1(1.39819995e-3f));
  p = v_fmadd(p, r, v_set1(8.3334519e-3f));
  p = v_fmadd(p, r, v_set1(4.16657959e-2f));
  p = v_fmadd(p, r, v_set1(1.66666655e-1f));
  p = v_fmadd(p, r, v_set1(5.00000012e-1f));
  tk_vec mantissa = v_add(v_fmadd(p, r2, r), v_set1(1.0f));
  return v_mul(mantissa, v_exp2_scale(shifted));
}

/// σ(x) = 1 / (1 + e^-x).
TK_TARGET static inline tk_vec TK_FN(sigmoid)(tk_vec x) {
  tk_vec one = v_set1(1.0f);
  return v_div(one, v_add(one, TK_FN(exp)(v_sub(v_set1(0.0f), x))));
}

/// tanh x: an odd polynomial for |x| < 0.625, sign(x)·(1 - 2/(e^{2|x|} + 1)) elsewhere.
TK_TARGET static inline tk_vec TK_FN(tanh)(tk_vec x) {
  tk_vec magnitude = v_abs(x);
  tk_vec one = v_set1(1.0f);
  tk_vec large = v_sub(
    one, v_div(v_set1(2.0f), v_add(TK_FN(exp)(v_add(magnitude, magnitude)), one)));
  tk_vec z = v_mul(x, x);
  tk_vec p = v_fmadd(v_set1(-5.70498872745e-3f), z, v_set1(2.06390887954e-2f));
  p = v_fmadd(p, z, v_set1(-5.37397155531e-2f));
  p = v_fmadd(p, z, v_set1(1.33314422036e-1f));
  p = v_fmadd(p, z, v_set1(-3.33332819422e-1f));
  tk_vec small = v_fmadd(v_mul(p, z), x, x);
  return v_select_less(magnitude, v_set1(0.625f), small, v_copysign(large, x));
}

TK_TARGET void TK_FN(lstm_forward_row)(float *gates, const float *previous_cell, float *cell,
                                       float *hidden, long size) {
  for (long j = 0; j < size; j += TK_LANES) {
    long n = size - j;
    tk_vec i = TK_FN(sigmoid)(v_load(gates + j, n));
    tk_vec f = TK_FN(sigmoid)(v_load(gates + size + j, n));
    tk_vec g = TK_FN(tanh)(v_load(gates + 2 * size + j, n));
    tk_vec o = TK_FN(sigmoid)(v_load(gates + 3 * size + j, n));
    tk_vec c_previous = previous_cell ? v_load(previous_cell + j, n) : v_set1(0.0f);
    tk_vec c = v_fmadd(f, c_previous, v_mul(i, g));
    v_store(gates + j, i, n);
    v_store(gates + size + j, f, n);
    v_store(gates + 2 * size + j, g, n);
    v_store(gates + 3 * size + j, o, n);
    v_store(cell + j, c, n);
    v_store(hidden + j, v_mul(o, TK_FN(tanh)(c)), n);
  }
}

TK_TARGET void TK_FN(gru_forward_row)(float *gates, const float *recurrent, const float *bias,
                                      const float *previous_hidden, float *recurrent_n,
                                      float *hidden, long size) {
  for (long j = 0; j < size; j += TK_LANES) {
    long n = size - j;
    long jr = j, jz = size + j, jn = 2 * size + j;
    tk_vec zero = v_set1(0.0f);
    tk_vec hr = recurrent ? v_load(recurrent + jr, n) : zero;
    tk_vec hz = recurrent ? v_load(recurrent + jz, n) : zero;
    tk_vec hn = recurrent ? v_load(recurrent + jn, n) : zero;
    tk_vec r = TK_FN(sigmoid)(v_add(v_add(v_load(gates + jr, n), hr), v_load(bias + jr, n)));
    tk_vec z = TK_FN(sigmoid)(v_add(v_add(v_load(gates + jz, n), hz), v_load(bias + jz, n)));
    tk_vec h_biased = v_add(hn, v_load(bias + jn, n));
    tk_vec candidate = TK_FN(tanh)(v_fmadd(r, h_biased, v_load(gates + jn, n)));
    tk_vec h_previous = previous_hidden ? v_load(previous_hidden + j, n) : zero;
    v_store(gates + jr, r, n);
    v_store(gates + jz, z, n);
    v_store(gates + jn, candidate, n);
    v_store(recurrent_n + j, h_biased, n);
    v_store(hidden + j, v_fmadd(z, v_sub(h_previous, candidate), candidate), n);
  }
}

TK_TARGET void TK_FN(tanh_row)(const float *input, float *output, long size) {
  for (long j = 0; j < size; j += TK_LANES) {
    long n = size - j;
    v_store(output + j, TK_FN(tanh)(v_load(input + j, n)), n);
  }
}
