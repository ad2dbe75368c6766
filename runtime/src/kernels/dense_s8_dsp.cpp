// dense_s8 on the Cortex-M DSP extension, on the blob's weight layout (ember/dense_s8_layout.hpp). Three
// steps, each giving dense_s8_reference's bits:
//  1. The input, plus input_offset, is widened to int16 once per layer into the caller's scratch, each
//     chunk of four inputs stored as the pairs (x0, x2) and (x1, x3) (the layout's order), zero past
//     in_width; x + input_offset is within ±255, so no lane overflows. Their sum X is kept.
//  2. Four output rows per pass, from one 16-byte block per four inputs: one LDM loads it, and each of its
//     words holds two inputs' weights for a pair of rows, the even row excess-128 in the low byte of each
//     halfword and the odd row in the high byte. One SMLAD on the raw word adds
//     Σ x·(w_even + 128) + 256·Σ x·w_odd to the pair's sum A, SXTB16 ROR #8 and a second SMLAD add
//     Σ x·w_odd to the odd row's sum B: 3 instructions for 4 multiply-accumulates. The even row is then
//     A − 256·B − 128·X. Every step is exact modulo 2^32, where the reference's unsigned sum wraps too, and
//     integer addition in any order gives the same bits.
//  3. Requantization in six instructions where multiplier >= 2^30 and shift <= -2 (every layer a
//     quantizer makes for effective scales below 0.25); requantize_closed_form() (the same bits) elsewhere.
#include "dense_s8_dsp.hpp"

#include "ember/dense_s8_layout.hpp"
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
// The result is within ±2^29 (|h| <= 2^31 shifted right by at least 2), so adding a zero point cannot wrap.
__attribute__((always_inline)) inline int32_t requantize_fast(int32_t acc, int32_t multiplier, int32_t shift) {
  const int32_t high = smmlar(acc, static_cast<int32_t>(static_cast<uint32_t>(multiplier) << 1), acc);
  const int32_t k = static_cast<int32_t>(1u << static_cast<uint32_t>(32 + shift));
  return smmulr(high + (high >> 31), k);
}

// The output stage's parameters in registers: y stores are int8 and could alias a DenseS8Params in memory.
struct OutputStage {
  int32_t offset, min, max;
};

// clamp(requantize(acc) + output_offset) where requantize_fast() does not apply, out of line (its 64-bit
// arithmetic would otherwise take the fast path's registers). The sum saturates: the reference adds in 64
// bits, and a positive shift can give anything up to the int32 limits.
__attribute__((noinline)) int32_t requantize_slow(int32_t acc, int32_t multiplier, int32_t shift, int32_t offset) {
  return __qadd(requantize_closed_form(acc, multiplier, shift), offset);
}
__attribute__((always_inline)) inline int8_t output(int32_t acc, int32_t multiplier, int32_t shift,
                                                    const OutputStage& out) {
  int32_t v = __builtin_expect(multiplier >= (int32_t{1} << 30) && shift <= -2, 1)
                  ? requantize_fast(acc, multiplier, shift) + out.offset
                  : requantize_slow(acc, multiplier, shift, out.offset);
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

// One group of four rows over `chunks` chunks of four inputs (chunks >= 1): a0, a1 the sums A of the
// group's two pairs of rows, b0, b1 the sums B of their odd rows; p advances past the group's blocks.
// Per chunk: one LDRD of the input pairs, one LDM of the block, 12 multiply instructions, the loop: 16
// instructions for 16 multiply-accumulates. Assembly for the LDM (its registers must ascend) and because
// GCC keeps the rotation out of SXTB16.
__attribute__((always_inline)) inline void four_rows(const uint8_t*& p, const int16x2_t* xs, uint32_t chunks,
                                                     int32_t& a0, int32_t& b0, int32_t& a1, int32_t& b1) {
  register int32_t w0 __asm__("r4");
  register int32_t w1 __asm__("r5");
  register int32_t w2 __asm__("r6");
  register int32_t w3 __asm__("r8");
  int32_t xa, xb;
  __asm__ volatile(
      "1:\n\t"
      "ldrd %[xa], %[xb], [%[x]], #8\n\t"
      "ldmia %[p]!, {%[w0], %[w1], %[w2], %[w3]}\n\t"
      "smlad %[a0], %[w0], %[xa], %[a0]\n\t"
      "sxtb16 %[w0], %[w0], ror #8\n\t"
      "smlad %[b0], %[w0], %[xa], %[b0]\n\t"
      "smlad %[a0], %[w1], %[xb], %[a0]\n\t"
      "sxtb16 %[w1], %[w1], ror #8\n\t"
      "smlad %[b0], %[w1], %[xb], %[b0]\n\t"
      "smlad %[a1], %[w2], %[xa], %[a1]\n\t"
      "sxtb16 %[w2], %[w2], ror #8\n\t"
      "smlad %[b1], %[w2], %[xa], %[b1]\n\t"
      "smlad %[a1], %[w3], %[xb], %[a1]\n\t"
      "sxtb16 %[w3], %[w3], ror #8\n\t"
      "smlad %[b1], %[w3], %[xb], %[b1]\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b"
      : [a0] "+r"(a0), [b0] "+r"(b0), [a1] "+r"(a1), [b1] "+r"(b1), [p] "+r"(p), [x] "+r"(xs), [n] "+r"(chunks),
        [xa] "=&r"(xa), [xb] "=&r"(xb), [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3)
      :
      : "cc", "memory");
}

uint32_t u(int32_t v) { return static_cast<uint32_t>(v); }
int32_t s32(uint32_t v) { return static_cast<int32_t>(v); }

}  // namespace

void dense_s8_dsp(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                  const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                  void* scratch) {
  int16x2_t* xs = static_cast<int16x2_t*>(scratch);
  // Step 1: both lanes of offset2 hold input_offset; SADD16 adds it to the two widened inputs of a pair.
  // SMLAD by `ones` adds a pair's two lanes to the sum.
  const int16x2_t offset2 = static_cast<int16x2_t>((static_cast<uint32_t>(params.input_offset) & 0xFFFFu) * 0x10001u);
  const int16x2_t ones = static_cast<int16x2_t>(0x10001);
  const uint32_t full = in_width / 4, rest = in_width % 4;
  int32_t sum = 0;  // |Σ x'| <= 65,535 × 255: no overflow
  for (uint32_t c = 0; c < full; ++c) {
    const int32_t x4 = load_word(x + 4 * c);
    const int16x2_t even = __sadd16(__sxtb16(x4), offset2), odd = __sadd16(sxtb16_odd(x4), offset2);
    xs[2 * c] = even;
    xs[2 * c + 1] = odd;
    sum = __smlad(even, ones, __smlad(odd, ones, sum));
  }
  if (rest != 0) {
    int16_t* last = reinterpret_cast<int16_t*>(xs + 2 * full);
    last[0] = last[1] = last[2] = last[3] = 0;
    for (uint32_t j = 0; j < rest; ++j) {
      const int32_t v = x[4 * full + j] + params.input_offset;
      last[2 * (j % 2) + j / 2] = static_cast<int16_t>(v);
      sum += v;
    }
  }
  const uint32_t minus_128x = 0u - 128u * u(sum);

  // Steps 2 and 3, four rows at a time; a last group of fewer rows computes its padding rows and drops them.
  const OutputStage out = {params.output_offset, params.activation_min, params.activation_max};
  const uint32_t chunks = full + (rest != 0 ? 1 : 0);
  for (uint32_t o = 0; o < out_width; o += 4) {
    const uint32_t rows = out_width - o < 4 ? out_width - o : 4;
    int32_t b[4] = {bias[o], 0, 0, 0};
    for (uint32_t k = 1; k < rows; ++k) b[k] = bias[o + k];
    int32_t a0 = s32(u(b[0]) + minus_128x + (u(b[1]) << 8)), b0 = b[1];
    int32_t a1 = s32(u(b[2]) + minus_128x + (u(b[3]) << 8)), b1 = b[3];
    four_rows(weights, xs, chunks, a0, b0, a1, b1);
    const int32_t sums[4] = {s32(u(a0) - (u(b0) << 8)), b0, s32(u(a1) - (u(b1) << 8)), b1};
    for (uint32_t k = 0; k < rows; ++k) y[o + k] = output(sums[k], multiplier[o + k], shift[o + k], out);
  }
}

}  // namespace ember
#endif
