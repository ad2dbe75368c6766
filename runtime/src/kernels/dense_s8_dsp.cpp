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
//  3. Requantization, zero point and clamp in nine instructions per output where the group's four shifts are
//     all <= -2 (effective scales below 0.25: every layer the quantizer makes) and the layer's clamp is
//     SSAT's; outputs_slow() (the same bits, any shift) elsewhere. Multipliers are in [2^30, 2^31), as the
//     validator checks.
// The group loop (steps 2 and 3) is one assembly function, group_loop(); dense_s8_dsp() widens the input
// and finishes the groups the fast path leaves.
#include "dense_s8_dsp.hpp"

#include "ember/dense_s8_layout.hpp"

#if EMBER_HAVE_DENSE_S8_DSP
#include <arm_acle.h>

namespace ember {
namespace {

// The output stage's parameters in registers: y stores are int8 and could alias a DenseS8Params in memory.
struct OutputStage {
  int32_t offset, min, max;
};

// Rn * Rm + Ra * 2^32 + 2^31, high word: ACLE has no intrinsic for SMMLAR.
__attribute__((always_inline)) inline int32_t smmlar(int32_t n, int32_t m, int32_t a) {
  int32_t d;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(d) : "r"(n), "r"(m), "r"(a));
  return d;
}

// clamp(requantize(acc) + output_offset) for the groups the fast path does not take, any shift (the
// multiplier in [2^30, 2^31), as for the fast path). A positive shift saturates acc · 2^shift to int32
// first; the high multiply is the fast path's SMMLAR, exact for every int32; then the reference's rounding
// shift. The sum with the zero point saturates: with a positive shift h can be anything up to the int32
// limits, and the reference adds in 64 bits.
__attribute__((noinline, noclone)) void outputs_slow(const int32_t* sums, uint32_t rows, const int32_t* multiplier,
                                                     const int8_t* shift, int8_t* y, const OutputStage& out) {
  for (uint32_t k = 0; k < rows; ++k) {
    int32_t x = sums[k];
    const int32_t s = shift[k];
    if (s > 0) {
      const int32_t limit = INT32_MAX >> s;
      x = x > limit ? INT32_MAX : x < -limit - 1 ? INT32_MIN : static_cast<int32_t>(static_cast<uint32_t>(x) << s);
    }
    int32_t v = smmlar(x, static_cast<int32_t>(static_cast<uint32_t>(multiplier[k]) << 1), x);
    if (s < 0) v = rounding_right_shift(v, -s);
    v = __qadd(v, out.offset);
    v = v < out.min ? out.min : v;
    v = v > out.max ? out.max : v;
    y[k] = static_cast<int8_t>(v);
  }
}

// Step 1 for `chunks` whole chunks of four inputs (chunks >= 1): per chunk one (unaligned) word load, two
// SXTAB16 that widen and offset, one STRD, two SMLAD by `ones` into the sum, the loop: 8 instructions.
// Assembly for the STRD and the rotation inside SXTAB16, which GCC 12 emits separately.
__attribute__((always_inline)) inline void widen(const int8_t* x, int16x2_t* xs, uint32_t chunks, int16x2_t offset2,
                                                 int16x2_t ones, int32_t& sum) {
  int32_t x4, even, odd;
  __asm__ volatile(
      "1:\n\t"
      "ldr %[x4], [%[x]], #4\n\t"
      "sxtab16 %[even], %[off], %[x4]\n\t"
      "sxtab16 %[odd], %[off], %[x4], ror #8\n\t"
      "strd %[even], %[odd], [%[xs]], #8\n\t"
      "smlad %[sum], %[even], %[ones], %[sum]\n\t"
      "smlad %[sum], %[odd], %[ones], %[sum]\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b"
      : [x] "+r"(x), [xs] "+r"(xs), [n] "+r"(chunks), [sum] "+r"(sum), [x4] "=&r"(x4), [even] "=&r"(even),
        [odd] "=&r"(odd)
      : [off] "r"(offset2), [ones] "r"(ones)
      : "cc", "memory");
}

// What the group loop reads and advances, in memory: during a group's sums every register is taken. The
// byte offsets are the assembly's (static_asserts below).
struct GroupLoop {
  const int32_t* multiplier;  // 0
  const int8_t* shift;        // 4: four shift bytes, read as one word
  int8_t* y;                  // 8
  int32_t zero_point;         // 12: the output zero point
  int32_t c32;                // 16: 32
  int32_t one;                // 20: 1
  uint32_t fast_test;         // 24: 0x80808080, or 0xFFFFFFFF when no group may take the fast path
  uint32_t chunks_mod_4;      // 28: blocks per group modulo 4, where the first pass of four enters
  const int32_t* bias;        // 32: the group's four biases
  uint32_t minus_128x;        // 36: −128 · Σ x' (mod 2^32)
  const int16x2_t* xs;        // 40: the widened input
  uint32_t passes;            // 44: passes of four blocks per group, the first one maybe partial
  const uint8_t* weights;     // 48: the group's first block
  const int8_t* y_end;        // 52: y past the last group to run, > y on entry
  int32_t sums[4];            // 56: a group's sums, when it leaves for the slow path
};
static_assert(__builtin_offsetof(GroupLoop, fast_test) == 24 && __builtin_offsetof(GroupLoop, chunks_mod_4) == 28 &&
                  __builtin_offsetof(GroupLoop, bias) == 32 && __builtin_offsetof(GroupLoop, weights) == 48 &&
                  __builtin_offsetof(GroupLoop, y_end) == 52 && __builtin_offsetof(GroupLoop, sums) == 56,
              "the offsets group_loop() uses");

// One chunk of four inputs for a group of four rows: the LDRD of the input pairs (r9, r10), the LDM of the
// block (r4, r5, r6, r8) and 12 multiply instructions into the sums r0 (A of rows 0, 1), r1 (B, row 1),
// r2 (A of rows 2, 3), r3 (B, row 3) (the file comment, step 2).
#define EMBER_S8_CHUNK              \
  "ldrd r9, r10, [r11], #8\n\t"     \
  "ldmia lr!, {r4, r5, r6, r8}\n\t" \
  "smlad r0, r4, r9, r0\n\t"        \
  "sxtb16 r4, r4, ror #8\n\t"       \
  "smlad r1, r4, r9, r1\n\t"        \
  "smlad r0, r5, r10, r0\n\t"       \
  "sxtb16 r5, r5, ror #8\n\t"       \
  "smlad r1, r5, r10, r1\n\t"       \
  "smlad r2, r6, r9, r2\n\t"        \
  "sxtb16 r6, r6, ror #8\n\t"       \
  "smlad r3, r6, r9, r3\n\t"        \
  "smlad r2, r8, r10, r2\n\t"       \
  "sxtb16 r8, r8, ror #8\n\t"       \
  "smlad r3, r8, r10, r3\n\t"

// One output of the fast path (step 3): requantize(acc, m, s) + zero point, saturated to int8, stored at
// y + k; r4 the multipliers, r12 the four shift bytes, r9 = 32, r10 = 1, r8 the zero point, r6 y (r4 and
// r6 advance). Valid
// for m in [2^30, 2^31) and s in [-31, -2]:
//  - rounding_doubling_high_mul(acc, m) is floor((acc * m + 2^30) / 2^31) for every sign of acc * m (the
//    reference's nudge and truncating division combine to that), which is floor((acc * 2m + 2^31) / 2^32).
//    2m does not fit int32 but 2m - 2^32 does, and SMMLAR with acc as the accumulator adds the 2^32 * acc
//    back: h = smmlar(acc, 2m - 2^32, acc).
//  - rounding_right_shift(h, e), e = -s, rounds half away from zero: floor((h * 2^(32-e) + 2^31) / 2^32)
//    for h >= 0 (SMMULR by k = 2^(32-e), which fits for e >= 2), and for h < 0 the same with 2^31 - 1 in
//    place of 2^31. h * k and 2^31 are multiples of k, so subtracting k instead of 1 changes no quotient:
//    use h - 1, that is h + (h >> 31). h > INT32_MIN here (m < 2^31), so h - 1 does not wrap. SMMLAR with
//    the zero point as the accumulator adds it in the same instruction; the result is within ±2^29 + 128.
//  - k = 1 << (32 + s): SXTAB adds the sign-extended shift byte to 32, and LSL by a register reads its low
//    byte. SSAT is the clamp to −128 … 127, which is the whole clamp when the layer's is (identity, or ReLU
//    with output zero point −128).
// Nine instructions per output.
// clang-format off
#define EMBER_S8_OUTPUT(acc, rotation)          \
  "ldr r11, [r4], #4\n\t"                       \
  "lsl r11, r11, #1\n\t"                        \
  "smmlar " acc ", " acc ", r11, " acc "\n\t"   \
  "sxtab lr, r9, r12" rotation "\n\t"           \
  "lsl lr, r10, lr\n\t"                         \
  "add " acc ", " acc ", " acc ", asr #31\n\t"  \
  "smmlar " acc ", " acc ", lr, r8\n\t"         \
  "ssat " acc ", #8, " acc "\n\t"               \
  "strb " acc ", [r6], #1\n\t"
// clang-format on

// Groups of four rows, one after the other, while groups are left and each may take the fast path: sums
// (four chunks per loop pass: 14.5 instructions per 16 multiply-accumulates), then four fast
// outputs. A group that may not leaves its four sums in loop->sums (its bias and weights
// pointers already advanced, the rest not) and returns. Whole-function assembly: the sums need every
// register but the one holding `loop` (r7), and the block's LDM needs ascending ones.
__attribute__((naked, noinline)) void group_loop(GroupLoop* /* loop, r0 */) {
  __asm__ volatile(
      "push {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
      "mov r7, r0\n\t"
      "1:\n\t"
      "add lr, r7, #28\n\t"
      "ldm lr, {r4, r9, r10, r11, r12, lr}\n\t"  // chunks % 4, bias, minus_128x, xs, passes, weights
      "ldm r9!, {r0, r1, r2, r3}\n\t"
      "str r9, [r7, #32]\n\t"
      // A of a pair starts at b_even − 128 · Σ x' + 256 · b_odd, B at b_odd (step 2).
      "add r0, r0, r10\n\t"
      "add r0, r0, r1, lsl #8\n\t"
      "add r2, r2, r10\n\t"
      "add r2, r2, r3, lsl #8\n\t"
      // Passes of four chunks; with chunks % 4 = r != 0 the first pass enters at its (5 - r)th chunk. TBB
      // branches by the byte table that follows it, in halfwords from the table's start.
      "tbb [pc, r4]\n\t"
      "2:\n\t"
      ".byte (3f - 2b) / 2, (7f - 2b) / 2, (6f - 2b) / 2, (4f - 2b) / 2\n\t"
      "3:\n\t" EMBER_S8_CHUNK
      "4:\n\t" EMBER_S8_CHUNK
      "6:\n\t" EMBER_S8_CHUNK
      "7:\n\t" EMBER_S8_CHUNK
      "subs r12, r12, #1\n\t"
      "bne 3b\n\t"
      "str lr, [r7, #48]\n\t"
      "sub r0, r0, r1, lsl #8\n\t"  // the even rows: A − 256 · B
      "sub r2, r2, r3, lsl #8\n\t"
      "ldm r7, {r4, r5, r6, r8, r9, r10, r11}\n\t"  // multiplier, shift, y, zero_point, 32, 1, fast_test
      // The four shift bytes, each in -31 ... 30 (as the validator checks), are all in -31 ... -2 exactly
      // when adding 1 to each leaves its top bit set; a carry out of a byte comes only from -1, whose
      // byte then fails the test itself.
      "ldr r12, [r5], #4\n\t"
      "add lr, r12, #0x01010101\n\t"
      "and lr, lr, #0x80808080\n\t"
      "cmp lr, r11\n\t"
      "bne 5f\n\t" EMBER_S8_OUTPUT("r0", "") EMBER_S8_OUTPUT("r1", ", ror #8") EMBER_S8_OUTPUT("r2", ", ror #16")
          EMBER_S8_OUTPUT("r3", ", ror #24")
      "stm r7, {r4, r5, r6}\n\t"
      "ldr r12, [r7, #52]\n\t"
      "cmp r6, r12\n\t"
      "bne 1b\n\t"
      "pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"
      "5:\n\t"
      "add lr, r7, #56\n\t"
      "stm lr, {r0, r1, r2, r3}\n\t"
      "pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}");
}
#undef EMBER_S8_CHUNK
#undef EMBER_S8_OUTPUT

}  // namespace

void dense_s8_dsp(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                  const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                  void* scratch) {
  int16x2_t* xs = static_cast<int16x2_t*>(scratch);
  // Step 1: both lanes of offset2 hold input_offset, which SXTAB16 adds to the two inputs it widens. SMLAD
  // by `ones` adds a pair's two lanes to the sum.
  const int16x2_t offset2 = static_cast<int16x2_t>((static_cast<uint32_t>(params.input_offset) & 0xFFFFu) * 0x10001u);
  const int16x2_t ones = static_cast<int16x2_t>(0x10001);
  const uint32_t full = in_width / 4, rest = in_width % 4;
  int32_t sum = 0;  // |Σ x'| <= 65,535 × 255: no overflow
  if (full != 0) widen(x, xs, full, offset2, ones, sum);
  if (rest != 0) {
    int16_t* last = reinterpret_cast<int16_t*>(xs + 2 * full);
    last[0] = last[1] = last[2] = last[3] = 0;
    for (uint32_t j = 0; j < rest; ++j) {
      const int32_t v = x[4 * full + j] + params.input_offset;
      last[2 * (j % 2) + j / 2] = static_cast<int16_t>(v);
      sum += v;
    }
  }

  dense_s8_dsp_groups(weights, bias, multiplier, shift, reinterpret_cast<const int16_t*>(xs),
                      static_cast<uint32_t>(sum), y, in_width, out_width, params);
}

// Steps 2 and 3: the whole groups by group_loop(), each one that may not take the fast path (a shift above
// -2, or a clamp narrower than SSAT's) finished by outputs_slow(); then a last group of fewer rows, from a
// zero-padded copy of its biases, its padding rows computed and dropped.
void dense_s8_dsp_groups(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                         const int16_t* widened, uint32_t sum, int8_t* y, uint32_t in_width, uint32_t out_width,
                         const DenseS8Params& params) {
  const int16x2_t* xs = reinterpret_cast<const int16x2_t*>(widened);
  const OutputStage out = {params.output_offset, params.activation_min, params.activation_max};
  const uint32_t chunks = dense_s8_padded(in_width) / 4;
  GroupLoop loop = {multiplier,
                    shift,
                    y,
                    params.output_offset,
                    32,
                    1,
                    out.min == -128 && out.max == 127 ? 0x80808080u : 0xFFFFFFFFu,
                    chunks % 4,
                    bias,
                    0u - 128u * sum,
                    xs,
                    (chunks + 3) / 4,
                    weights,
                    y + (out_width & ~3u),
                    {0, 0, 0, 0}};
  while (loop.y != loop.y_end) {
    group_loop(&loop);
    if (loop.y == loop.y_end) break;
    outputs_slow(loop.sums, 4, loop.multiplier, loop.shift, loop.y, out);
    loop.multiplier += 4;
    loop.shift += 4;
    loop.y += 4;
  }
  const uint32_t rows = out_width % 4;
  if (rows != 0) {
    int32_t last_bias[4] = {0, 0, 0, 0};
    for (uint32_t k = 0; k < rows; ++k) last_bias[k] = loop.bias[k];
    const int8_t* last_shift = loop.shift;
    const int32_t no_shifts = 0;  // read as the group's shift word, which then fails the fast test
    loop.bias = last_bias;
    loop.shift = reinterpret_cast<const int8_t*>(&no_shifts);
    loop.fast_test = 0xFFFFFFFFu;
    loop.y_end = loop.y + 4;
    group_loop(&loop);
    outputs_slow(loop.sums, rows, loop.multiplier, last_shift, loop.y, out);
  }
}

}  // namespace ember
#endif
