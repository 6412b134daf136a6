// Microseconds per product C = A·Bᵀ + C (B a weight matrix [n × k], A a time step's [m × k] hidden
// rows): OpenBLAS `cblas_sgemm`, which packs B on every call, against `tk_sgemm_packed_avx512`
// and `tk_sgemm_packed_avx2` on B packed once (`tk_pack_b16`, whose own time is printed apart).
// Also checks the largest difference from OpenBLAS and that the two kernels agree bit for bit.
// Not part of the build:
//   clang -O2 -o /tmp/packed_gemm_bench Scripts/benchmarks/packed_gemm_bench.c \
//     Sources/CTaggerKernels/packed_gemm.c -ISources/CTaggerKernels/include \
//     -I/usr/include/x86_64-linux-gnu/openblas-pthread -lopenblas -lm
//   OPENBLAS_NUM_THREADS=1 /tmp/packed_gemm_bench     (needs a CPU with AVX-512)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include <cblas.h>
#include "CTaggerKernels.h"
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(){
  int shapes[][2]={{512,128},{200,50},{1024,256},{384,128}};
  int ms[]={1,2,8,16,30,32,64};
  for(int s=0;s<4;s++){int n=shapes[s][0],k=shapes[s][1];
    float*w=malloc(sizeof(float)*n*k);for(int i=0;i<n*k;i++)w[i]=(rand()/(float)RAND_MAX-.5f);
    float*pk=malloc(sizeof(float)*((n+15)/16*16)*k);
    for(int mi=0;mi<7;mi++){int m=ms[mi];
      float*a=malloc(sizeof(float)*m*k),*c1=malloc(sizeof(float)*m*n),*c2=malloc(sizeof(float)*m*n),*c3=malloc(sizeof(float)*m*n);
      for(int i=0;i<m*k;i++)a[i]=(rand()/(float)RAND_MAX-.5f);
      for(int i=0;i<m*n;i++)c1[i]=c2[i]=c3[i]=(rand()/(float)RAND_MAX-.5f);
      int reps=20000000/(m*n*k)+10;
      double t0=now();for(int r=0;r<reps;r++)cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasTrans,m,n,k,1,a,k,w,k,1,c1,n);double tb=(now()-t0)/reps;
      tk_pack_b16(n,k,w,k,pk);
      t0=now();for(int r=0;r<reps;r++)tk_sgemm_packed_avx512(m,n,k,a,k,pk,c2,n,1);double t5=(now()-t0)/reps;
      t0=now();for(int r=0;r<reps;r++)tk_sgemm_packed_avx2(m,n,k,a,k,pk,c3,n,1);double t2=(now()-t0)/reps;
      t0=now();for(int r=0;r<200;r++)tk_pack_b16(n,k,w,k,pk);double tp=(now()-t0)/200;
      // correctness with beta 0
      cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasTrans,m,n,k,1,a,k,w,k,0,c1,n);
      tk_sgemm_packed_avx512(m,n,k,a,k,pk,c2,n,0);tk_sgemm_packed_avx2(m,n,k,a,k,pk,c3,n,0);
      double md=0;int same=memcmp(c2,c3,sizeof(float)*m*n)==0;for(int i=0;i<m*n;i++){double d=fabs(c1[i]-c2[i]);if(d>md)md=d;}
      printf("n=%4d k=%3d m=%2d blas %7.2f us  avx512 %7.2f (%.2fx)  avx2 %7.2f (%.2fx)  pack %6.2f us  maxdiff %.1e  avx2==avx512 %d\n",n,k,m,tb*1e6,t5*1e6,tb/t5,t2*1e6,tb/t2,tp*1e6,md,same);
      free(a);free(c1);free(c2);free(c3);}
  }
}
