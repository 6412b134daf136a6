// Microbenchmark of tk_sgemm_abt_avx2 (Sources/CTaggerKernels/small_gemm_avx2.c) against OpenBLAS
// for x·Wᵀ with few rows of x (n = 512 outputs), the shapes behind `Matrix.usesSmallProductKernel`.
//
//   clang -O2 -o /tmp/small_gemm_bench Scripts/benchmarks/small_gemm_bench.c \
//     Sources/CTaggerKernels/small_gemm_avx2.c -ISources/CTaggerKernels/include \
//     -I/usr/include/x86_64-linux-gnu/openblas-pthread -lopenblas -lm && /tmp/small_gemm_bench
//
// Prints, per depth k and row count m, microseconds per product for both and the largest
// difference between their results. OpenBLAS runs on one thread; one row goes through sgemv as
// in `Matrix.gemm`.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <math.h>
#include <cblas.h>
void tk_sgemm_abt_avx2(long m, long n, long k, const float *a, long lda, const float *b, long ldb, float *c, long ldc, float beta);
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(){
  openblas_set_num_threads(1);
  int ks[]={200,128,256,64,50};
  int ms[]={1,2,4,8,12,16,24,32,64};
  int n=512;
  for(int ki=0;ki<5;ki++){int k=ks[ki];
  float *a=malloc(64*k*4),*b=malloc(n*k*4),*c1=malloc(64*n*4),*c2=malloc(64*n*4);
  for(int i=0;i<64*k;i++)a[i]=rand()/(float)RAND_MAX-0.5f;
  for(int i=0;i<n*k;i++)b[i]=rand()/(float)RAND_MAX-0.5f;
  for(int mi=0;mi<9;mi++){int m=ms[mi];
    int reps=200000/(m*4)+10;
    double t0=now();
    for(int r=0;r<reps;r++){ if(m==1) cblas_sgemv(CblasRowMajor,CblasNoTrans,n,k,1,b,k,a,1,0,c1,1); else cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasTrans,m,n,k,1,a,k,b,k,0,c1,n);}
    double t1=now();
    for(int r=0;r<reps;r++) tk_sgemm_abt_avx2(m,n,k,a,k,b,k,c2,n,0);
    double t2=now();
    double err=0; for(int i=0;i<m*n;i++){double d=fabs(c1[i]-c2[i]); if(d>err)err=d;}
    printf("k=%3d m=%2d  blas %7.2f us  tk %7.2f us  ratio %.2f  maxdiff %.1e\n",k,m,(t1-t0)/reps*1e6,(t2-t1)/reps*1e6,(t1-t0)/(t2-t1),err);
  }}
}
