// dense_s8 on the Cortex-M DSP extension. Three steps, each giving dense_s8_reference's bits:
//  1. The input, plus input_offset, is widened to int16 once per layer into the caller's scratch, each
//     slice of four inputs stored as the pairs (x0, x2) and (x1, x3): the order in which SXTB16 splits a
//     word of four weights into (w0, w2) and (w1, w3). x + input_offset is within ±255, so no lane overflows.
//  2. Four output rows per pass: per slice, each row needs one (unaligned) word load of its weights, two
//     SXTB16 and two SMLAD; the input pairs are loaded once for the four rows. SMLAD wraps modulo 2^32 like
//     the reference's unsigned sum, and integer addition in any order gives the same bits.
//  3. Requantization in four instructions where multiplier >= 2^30 and shift <= -2 (every layer a
//     quantizer makes for effective scales below 0.25); the reference's requantize() elsewhere.
#include "dense_s8_dsp.hpp"

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

// The reference's requantization, out of line: the fast path's registers stay free.
__attribute__((noinline)) int32_t requantize_slow(int32_t acc, int32_t multiplier, int32_t shift) {
  return requantize(acc, multiplier, shift);
}

// The output stage's parameters in registers: y stores are int8 and could alias a DenseS8Params in memory.
struct OutputStage {
  int32_t offset, min, max;
};

// requantize(), by the fast path where it applies. The slow path is out of line (and its branch marked
// unlikely) so the fast one stays a straight run of instructions.
__attribute__((always_inline)) inline int32_t requantize_dsp(int32_t acc, int32_t multiplier, int32_t shift) {
  if (__builtin_expect(multiplier >= (int32_t{1} << 30) && shift <= -2, 1))
    return requantize_fast(acc, multiplier, shift);
  return requantize_slow(acc, multiplier, shift);
}

// y = clamp(requantize(acc) + output_offset) for a block of outputs. FullRange: the clamp is the whole
// int8 range, one SSAT (a ReLU layer whose output zero point is -128, as min/max calibration gives it,
// and every identity layer).
template <bool FullRange>
__attribute__((always_inline)) inline void requantize_block(const int32_t* acc, const int32_t* multiplier,
                                                            const int8_t* shift, int8_t* y, uint32_t count,
                                                            const OutputStage& out) {
  for (uint32_t r = 0; r < count; ++r) {
    int32_t v = requantize_dsp(acc[r], multiplier[r], shift[r]) + out.offset;
    if (FullRange) {
      v = __ssat(v, 8);
    } else {
      v = v < out.min ? out.min : v;
      v = v > out.max ? out.max : v;
    }
    y[r] = static_cast<int8_t>(v);
  }
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

// One slice of four inputs (the pairs xa, xb) into the sums a0 (weights at p) and a1 (at p + in_width).
#define EMBER_TWO_ROW_SLICE                   \
  "ldrd %[xa], %[xb], [%[x]], #8\n\t"       \
  "ldr %[w], [%[p], %[in]]\n\t"             \
  "sxtb16 %[t], %[w]\n\t"                   \
  "smlad %[a1], %[t], %[xa], %[a1]\n\t"     \
  "sxtb16 %[w], %[w], ror #8\n\t"           \
  "smlad %[a1], %[w], %[xb], %[a1]\n\t"     \
  "ldr %[w], [%[p]], #4\n\t"                \
  "sxtb16 %[t], %[w]\n\t"                   \
  "smlad %[a0], %[t], %[xa], %[a0]\n\t"     \
  "sxtb16 %[w], %[w], ror #8\n\t"           \
  "smlad %[a0], %[w], %[xb], %[a0]\n\t"

// Two rows' sums over the whole slices of four inputs: weights p (row 0; row 1 at p + in_width), xs the
// widened input. Assembly because GCC spilled the row pointers of the C version to the stack and kept
// the rotation out of SXTB16: 24 instructions per 16 multiply-accumulates (two slices per iteration), 12
// for a last odd slice. LDR takes the unaligned weight rows; LDRD the 4-byte aligned scratch.
__attribute__((always_inline)) inline void two_row_slices(const int8_t*& p, uint32_t in_width, const int16x2_t*& xs,
                                                          uint32_t slices, int32_t& a0, int32_t& a1) {
  int32_t xa, xb, w, t;
  if (slices >= 2) {
    const int16x2_t* end = xs + 4 * (slices / 2);
    __asm__ volatile("1:\n\t" EMBER_TWO_ROW_SLICE EMBER_TWO_ROW_SLICE
                     "cmp %[x], %[end]\n\t"
                     "bne 1b"
                     : [a0] "+r"(a0), [a1] "+r"(a1), [p] "+r"(p), [x] "+r"(xs), [xa] "=&r"(xa), [xb] "=&r"(xb),
                       [w] "=&r"(w), [t] "=&r"(t)
                     : [in] "r"(in_width), [end] "r"(end)
                     : "cc", "memory");
  }
  if (slices & 1) {
    __asm__ volatile(EMBER_TWO_ROW_SLICE
                     : [a0] "+r"(a0), [a1] "+r"(a1), [p] "+r"(p), [x] "+r"(xs), [xa] "=&r"(xa), [xb] "=&r"(xb),
                       [w] "=&r"(w), [t] "=&r"(t)
                     : [in] "r"(in_width)
                     : "memory");
  }
}
#undef EMBER_TWO_ROW_SLICE

// The sums of rows [0, count) of a block: bias + weights · widened input (steps 1 and 2).
__attribute__((always_inline)) inline void block_sums(const int8_t* weights, const int32_t* bias, const int16x2_t* xs,
                                                      uint32_t in_width, uint32_t count, int32_t* acc) {
  const uint32_t slices = in_width / 4, rest = in_width % 4;
  const int16_t* xr = reinterpret_cast<const int16_t*>(xs + 2 * slices);
  uint32_t r = 0;
  for (; r + 2 <= count; r += 2, weights += 2 * in_width) {
    int32_t a0 = bias[r], a1 = bias[r + 1];
    const int8_t* p = weights;
    const int16x2_t* x = xs;
    two_row_slices(p, in_width, x, slices, a0, a1);
    for (uint32_t j = 0; j < rest; ++j) {
      a0 = static_cast<int32_t>(static_cast<uint32_t>(a0) + static_cast<uint32_t>(xr[j] * p[j]));
      a1 = static_cast<int32_t>(static_cast<uint32_t>(a1) + static_cast<uint32_t>(xr[j] * p[in_width + j]));
    }
    acc[r] = a0;
    acc[r + 1] = a1;
  }
  if (r < count) {  // an odd last row
    int32_t a = bias[r];
    const int8_t* p = weights;
    for (uint32_t s = 0; s < slices; ++s, p += 4) {
      const int32_t w4 = load_word(p);
      a = __smlad(__sxtb16(w4), xs[2 * s], a);
      a = __smlad(sxtb16_odd(w4), xs[2 * s + 1], a);
    }
    for (uint32_t j = 0; j < rest; ++j)
      a = static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(xr[j] * p[j]));
    acc[r] = a;
  }
}

}  // namespace

uint32_t dense_s8_dsp_scratch_bytes(uint32_t in_width) { return (in_width * 2u + 3u) & ~3u; }

void dense_s8_dsp(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                  const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                  void* scratch) {
  int16x2_t* xs = static_cast<int16x2_t*>(scratch);
  // Step 1: both lanes of offset2 hold input_offset; SADD16 adds it to the two widened inputs of a pair.
  const int16x2_t offset2 = static_cast<int16x2_t>((static_cast<uint32_t>(params.input_offset) & 0xFFFFu) * 0x10001u);
  const uint32_t slices = in_width / 4;
  for (uint32_t s = 0; s < slices; ++s) {
    const int32_t x4 = load_word(x + 4 * s);
    xs[2 * s] = __sadd16(__sxtb16(x4), offset2);
    xs[2 * s + 1] = __sadd16(sxtb16_odd(x4), offset2);
  }
  int16_t* rest = reinterpret_cast<int16_t*>(xs + 2 * slices);
  for (uint32_t j = 0; j < in_width % 4; ++j)
    rest[j] = static_cast<int16_t>(x[4 * slices + j] + params.input_offset);

  // Blocks of outputs: their sums first (the multiply-accumulate loop has every register), then their
  // requantization (a loop of its own with the output stage in registers).
  constexpr uint32_t kBlock = 16;
  int32_t acc[kBlock];
  const OutputStage out = {params.output_offset, params.activation_min, params.activation_max};
  for (uint32_t o = 0; o < out_width; o += kBlock) {
    const uint32_t count = out_width - o < kBlock ? out_width - o : kBlock;
    block_sums(weights + o * in_width, bias + o, xs, in_width, count, acc);
    if (out.min == -128 && out.max == 127)
      requantize_block<true>(acc, multiplier + o, shift + o, y + o, count, out);
    else
      requantize_block<false>(acc, multiplier + o, shift + o, y + o, count, out);
  }
}

}  // namespace ember
#endif
