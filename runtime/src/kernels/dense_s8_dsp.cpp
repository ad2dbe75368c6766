// dense_s8 on the Cortex-M DSP extension. Three steps, each giving dense_s8_reference's bits:
//  1. The input, plus input_offset, is widened to int16 once per layer into the caller's scratch, each
//     slice of four inputs stored as the pairs (x0, x2) and (x1, x3): the order in which SXTB16 splits a
//     word of four weights into (w0, w2) and (w1, w3). x + input_offset is within ±255, so no lane overflows.
//  2. Two output rows per pass: per slice, each row needs one (unaligned) word load of its weights, two
//     SXTB16 and two SMLAD; the input pairs are loaded once for both rows. SMLAD wraps modulo 2^32 like
//     the reference's unsigned sum, and integer addition in any order gives the same bits.
//  3. Requantization in six instructions where multiplier >= 2^30 and shift <= -2 (every layer a
//     quantizer makes for effective scales below 0.25); requantize_closed_form() (the same bits) elsewhere.
// Measured on the 5D shape (tests/targets/dense_s8_bench_firmware.cpp, M4F): 10,195 instructions per
// inference against the reference's 25,742, in 812 bytes of code. A build that summed blocks of 16 rows
// before a separate requantization loop, kept layers of at most 8 inputs in registers and clamped with
// SSAT took 9,058 in 2,316 bytes: not worth 1.4 KB against the int8 image's 2.5 KB flash budget.
#include "dense_s8_dsp.hpp"

#include "requantize_closed_form.hpp"

#if EMBER_HAVE_DENSE_S8_DSP
#include <arm_acle.h>

namespace ember {
namespace {

// Rn * Rm + Ra * 2^32 + 2^31, high word (SMMLAR), and Rn * Rm + 2^31, high word (SMMULR): ACLE has no
// intrinsic for either.
__attribute__((always_inline)) inline int32_t smmlar(int32_t n, int32_t m, int32_t a) {
  int32_t d;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(d) : "r"(n), "r"(m), "r"(a));
  return d;
}
__attribute__((always_inline)) inline int32_t smmulr(int32_t n, int32_t m) {
  int32_t d;
  __asm__("smmulr %0, %1, %2" : "=r"(d) : "r"(n), "r"(m));
  return d;
}

// requantize(acc, multiplier, shift) for multiplier in [2^30, 2^31) and shift in [-31, -2]:
//  - rounding_doubling_high_mul(acc, m) is floor((acc * m + 2^30) / 2^31) for every sign of acc * m (the
//    reference's nudge and truncating division combine to that), which is floor((acc * 2m + 2^31) / 2^32).
//    2m does not fit int32 but 2m - 2^32 does, and SMMLAR with acc as the accumulator adds the 2^32 * acc
//    back: smmlar(acc, 2m - 2^32, acc).
//  - rounding_right_shift(h, e), e = -shift, rounds half away from zero: floor((h * 2^(32-e) + 2^31) / 2^32)
//    for h >= 0 (SMMULR by k = 2^(32-e), which fits for e >= 2), and for h < 0 the same with 2^31 - 1 in
//    place of 2^31. h * k and 2^31 are multiples of k, so subtracting k instead of 1 changes no quotient:
//    smmulr(h - 1, k). h > INT32_MIN here (|m| < 2^31), so h - 1 does not wrap.
__attribute__((always_inline)) inline int32_t requantize_fast(int32_t acc, int32_t multiplier, int32_t shift) {
  const int32_t high = smmlar(acc, static_cast<int32_t>(static_cast<uint32_t>(multiplier) << 1), acc);
  const int32_t k = static_cast<int32_t>(1u << static_cast<uint32_t>(32 + shift));
  return smmulr(high + (high >> 31), k);
}

// The output stage's parameters in registers: y stores are int8 and could alias a DenseS8Params in memory.
struct OutputStage {
  int32_t offset, min, max;
};

// clamp(requantize(acc) + output_offset): the fast path where it applies, else requantize_closed_form()
// out of line (its 64-bit arithmetic would otherwise take the fast path's registers).
__attribute__((noinline)) int32_t requantize_slow(int32_t acc, int32_t multiplier, int32_t shift) {
  return requantize_closed_form(acc, multiplier, shift);
}
__attribute__((always_inline)) inline int8_t output(int32_t acc, int32_t multiplier, int32_t shift,
                                                    const OutputStage& out) {
  int32_t v = __builtin_expect(multiplier >= (int32_t{1} << 30) && shift <= -2, 1)
                  ? requantize_fast(acc, multiplier, shift)
                  : requantize_slow(acc, multiplier, shift);
  v = __qadd(v, out.offset);  // saturating: the reference adds in 64 bits, and the clamp below cannot tell
  v = v < out.min ? out.min : v;
  v = v > out.max ? out.max : v;
  return static_cast<int8_t>(v);
}

__attribute__((always_inline)) inline int32_t load_word(const void* p) {
  int32_t v;
  __builtin_memcpy(&v, p, sizeof v);  // one LDR: these cores load unaligned words from normal memory
  return v;
}

// Bytes 1 and 3 of v sign-extended to two int16 lanes: SXTB16 with its ROR #8 (GCC 12 emits a separate
// rotation for __sxtb16 of a rotated value).
__attribute__((always_inline)) inline int16x2_t sxtb16_odd(int32_t v) {
  int16x2_t d;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(d) : "r"(v));
  return d;
}

// Two rows' sums over `slices` slices of four inputs (slices >= 1): row 0's weights at p, row 1's at
// p + stride, xs the widened input. Per slice: one LDRD of the input pairs, then per row one (unaligned)
// LDR of four weights, two SXTB16 and two SMLAD: 13 instructions for 8 multiply-accumulates with the loop.
// Assembly because GCC spilled the pointers of the C version to the stack and kept the rotation out of
// SXTB16.
__attribute__((always_inline)) inline void two_row_slices(const int8_t*& p, uint32_t stride, const int16x2_t*& xs,
                                                          uint32_t slices, int32_t& a0, int32_t& a1) {
  int32_t xa, xb, w, t;
  __asm__ volatile(
      "1:\n\t"
      "ldrd %[xa], %[xb], [%[x]], #8\n\t"
      "ldr %[w], [%[p], %[stride]]\n\t"
      "sxtb16 %[t], %[w]\n\t"
      "smlad %[a1], %[t], %[xa], %[a1]\n\t"
      "sxtb16 %[w], %[w], ror #8\n\t"
      "smlad %[a1], %[w], %[xb], %[a1]\n\t"
      "ldr %[w], [%[p]], #4\n\t"
      "sxtb16 %[t], %[w]\n\t"
      "smlad %[a0], %[t], %[xa], %[a0]\n\t"
      "sxtb16 %[w], %[w], ror #8\n\t"
      "smlad %[a0], %[w], %[xb], %[a0]\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b"
      : [a0] "+r"(a0), [a1] "+r"(a1), [p] "+r"(p), [x] "+r"(xs), [n] "+r"(slices), [xa] "=&r"(xa), [xb] "=&r"(xb),
        [w] "=&r"(w), [t] "=&r"(t)
      : [stride] "r"(stride)
      : "cc", "memory");
}

}  // namespace

void dense_s8_dsp(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                  const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                  void* scratch) {
  int16x2_t* xs = static_cast<int16x2_t*>(scratch);
  // Step 1: both lanes of offset2 hold input_offset; SADD16 adds it to the two widened inputs of a pair.
  const int16x2_t offset2 = static_cast<int16x2_t>((static_cast<uint32_t>(params.input_offset) & 0xFFFFu) * 0x10001u);
  const uint32_t slices = in_width / 4, rest = in_width % 4;
  for (uint32_t s = 0; s < slices; ++s) {
    const int32_t x4 = load_word(x + 4 * s);
    xs[2 * s] = __sadd16(__sxtb16(x4), offset2);
    xs[2 * s + 1] = __sadd16(sxtb16_odd(x4), offset2);
  }
  int16_t* xr = reinterpret_cast<int16_t*>(xs + 2 * slices);
  for (uint32_t j = 0; j < rest; ++j) xr[j] = static_cast<int16_t>(x[4 * slices + j] + params.input_offset);

  // Step 2 and 3, two rows at a time; an odd last row runs as a pair with itself and keeps one result.
  const OutputStage out = {params.output_offset, params.activation_min, params.activation_max};
  for (uint32_t o = 0; o < out_width; o += 2, weights += 2 * in_width) {
    const uint32_t second = o + 1 < out_width ? 1 : 0;
    const uint32_t stride = second * in_width;
    int32_t a0 = bias[o], a1 = bias[o + second];
    const int8_t* p = weights;
    const int16x2_t* xp = xs;
    if (slices != 0) two_row_slices(p, stride, xp, slices, a0, a1);
    for (uint32_t j = 0; j < rest; ++j) {
      a0 = static_cast<int32_t>(static_cast<uint32_t>(a0) + static_cast<uint32_t>(xr[j] * p[j]));
      a1 = static_cast<int32_t>(static_cast<uint32_t>(a1) + static_cast<uint32_t>(xr[j] * p[stride + j]));
    }
    y[o] = output(a0, multiplier[o], shift[o], out);
    if (second) y[o + 1] = output(a1, multiplier[o + 1], shift[o + 1], out);
  }
}

}  // namespace ember
#endif
