// dense_s8 on the Cortex-M DSP extension, on the blob's weight layout (ember/dense_s8_layout.hpp). Three
// steps, each giving dense_s8_reference's bits:
//  1. The input, plus input_offset, is widened to int16 once per layer into the caller's scratch, each
//     chunk of four inputs stored as the pairs (x0, x2) and (x1, x3) (the layout's order), zero past
//     in_width; x + input_offset is within ±255, so no lane overflows. Their sum X is kept. Kind 3's int16
//     input (ember/dense_s16x8.hpp: params.input_offset == kInt16Input) is only put in that order.
//  2. Four output rows per pass, from one 16-byte block per four inputs: one LDM loads it, and each of its
//     words holds two inputs' weights for a pair of rows, the even row excess-128 in the low byte of each
//     halfword and the odd row in the high byte. One SMLAD on the raw word adds
//     Σ x·(w_even + 128) + 256·Σ x·w_odd to the pair's sum A, SXTB16 ROR #8 and a second SMLAD add
//     Σ x·w_odd to the odd row's sum B: 3 instructions for 4 multiply-accumulates. The even row is then
//     A − 256·B − 128·X. Every step is exact modulo 2^32, where the reference's unsigned sum wraps too, and
//     integer addition in any order gives the same bits.
//  3. Requantization, zero point and clamp in seven instructions per output where the group's four shifts
//     are all <= -2 (effective scales below 0.25: every layer the quantizer makes) and the layer's clamp is
//     SSAT's; outputs_slow() (the same bits, any shift) elsewhere. Multipliers are in [2^30, 2^31), as the
//     validator checks.
// The group loop (steps 2 and 3) is one assembly function, group_loop(), which calls outputs_slow() for
// the groups the fast path leaves; dense_s8() widens the input and runs the loop over the whole groups, then
// over a last partial group. One entry for both input kinds, and the loop's state in one struct that the
// assembly and the slow path share: code flash is what the minimal image counts. So the file
// is built with -Os (runtime/CMakeLists.txt: the assembly is the same, and the C around it runs a few times
// per layer), and the group loop takes one chunk per pass: unrolled by two, it ran the int8 5D model in 160
// Cortex-M4F instructions fewer for 68 bytes more (docs/targets.md, the second flash round).
#include "dense_s8_dsp.hpp"

#if EMBER_HAVE_DENSE_S8_DSP
#include <arm_acle.h>

#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"

namespace ember {
namespace {

// Rn * Rm + Ra * 2^32 + 2^31, high word: ACLE has no intrinsic for SMMLAR.
__attribute__((always_inline)) inline int32_t smmlar(int32_t n, int32_t m, int32_t a) {
  int32_t d;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(d) : "r"(n), "r"(m), "r"(a));
  return d;
}

// Step 1 for an int8 input, `chunks` chunks of four: per chunk one (unaligned) word load, two SXTAB16 that
// widen and offset, one STRD, two SMLAD by 0x10001 into the sum, the loop: 8 instructions. Returns the sum
// of the widened values (mod 2^32), x and xs moved past the chunks. Assembly for the STRD, the rotation
// inside SXTAB16 and the PKHBT that puts input_offset in both lanes, which GCC 12 emits separately.
__attribute__((always_inline)) inline uint32_t widen_s8(const int8_t*& x, int16x2_t*& xs, uint32_t chunks,
                                                        int32_t offset) {
  uint32_t sum = 0;
  int32_t x4, even, odd, offset2;
  __asm__ volatile(
      "pkhbt %[off], %[offset], %[offset], lsl #16\n\t"  // both lanes input_offset, added by SXTAB16
      "cbz %[n], 2f\n\t"
      "1:\n\t"
      "ldr %[x4], [%[x]], #4\n\t"
      "sxtab16 %[even], %[off], %[x4]\n\t"
      "sxtab16 %[odd], %[off], %[x4], ror #8\n\t"
      "strd %[even], %[odd], [%[xs]], #8\n\t"
      "smlad %[sum], %[even], %[ones], %[sum]\n\t"
      "smlad %[sum], %[odd], %[ones], %[sum]\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b\n\t"
      "2:"
      : [x] "+r"(x), [xs] "+r"(xs), [n] "+l"(chunks), [sum] "+r"(sum), [x4] "=&r"(x4), [even] "=&r"(even),
        [odd] "=&r"(odd), [off] "=&r"(offset2)
      : [offset] "r"(offset), [ones] "r"(0x10001)
      : "cc", "memory");
  return sum;
}

// What the group loop reads and advances, in memory: during a group's sums every register is taken. The
// byte offsets are the assembly's (static_asserts below); it keeps r12 at offset 44, so that one LDM loads
// the fields above it and one LDMDB those below, and a slow group's sums go to the start, where one STM
// from the loop's own address puts them. The biases are read only once a group is known to take
// the fast path (the slow one adds them itself), so a last partial group reads none past the array.
struct GroupLoop {
  uint32_t sums[4];             // 0: a group's sums without its biases, when it leaves for the slow path
  int32_t zero_point;           // 16: the output zero point
  uint32_t fast_test;           // 20: 0xFEFEFEFE, or 0xBEBEBEBE when no group may take the fast path
  uint32_t bit30;               // 24: 2^30, which the outputs shift right by -2 - s
  const int32_t* multiplier;    // 28
  const int8_t* shift;          // 32: four shift bytes, read as one word
  int8_t* y;                    // 36
  const int32_t* bias;          // 40: the group's four biases
  uint32_t start[4];            // 44: the sums a group starts from, A = −128 · Σ x' and B = 0 for each pair
  uint32_t chunks;              // 60: blocks per group
  const int16x2_t* xs;          // 64: the widened input
  const uint8_t* weights;       // 68: the group's first block
  const int8_t* y_end;          // 72: y past the last group to run
  const DenseS8Params* params;  // 76: the clamp, for outputs_slow()
};
static_assert(__builtin_offsetof(GroupLoop, zero_point) == 16 && __builtin_offsetof(GroupLoop, bias) == 40 &&
                  __builtin_offsetof(GroupLoop, start) == 44 && __builtin_offsetof(GroupLoop, weights) == 68 &&
                  __builtin_offsetof(GroupLoop, y_end) == 72,
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
// y + k; `m` the low register holding the multiplier (an LDRD loads two; LSLS doubles it in 16 bits, no
// flag is live here), then 2^(32 + s); the low byte of r7 the shift test's -2 - s (the group loop moves
// the next output's byte down), r8 = 2^30, r4 the zero point, r11 y (advances).
// Valid for m in [2^30, 2^31) and s in [-31, -2]:
//  - rounding_doubling_high_mul(acc, m) is floor((acc * m + 2^30) / 2^31) for every sign of acc * m (the
//    reference's nudge and truncating division combine to that), which is floor((acc * 2m + 2^31) / 2^32).
//    2m does not fit int32 but 2m - 2^32 does, and SMMLAR with acc as the accumulator adds the 2^32 * acc
//    back: h = smmlar(acc, 2m - 2^32, acc).
//  - rounding_right_shift(h, e), e = -s, rounds half away from zero: floor((h * 2^(32-e) + 2^31) / 2^32)
//    for h >= 0 (SMMULR by k = 2^(32-e), which fits for e >= 2), and for h < 0 the same with 2^31 - 1 in
//    place of 2^31. h * k and 2^31 are multiples of k, so subtracting k instead of 1 changes no quotient:
//    use h - 1, that is h + (h >> 31). h > INT32_MIN here (m < 2^31), so h - 1 does not wrap. SMMLAR with
//    the zero point as the accumulator adds it in the same instruction; the result is within ±2^29 + 128.
//  - k = 2^(32 + s) = 2^30 >> (-2 - s), the byte the shift test left (0 ... 29, no borrows on the fast
//    path), which is all LSR by a register reads. SSAT is the clamp to −128 … 127, which is the whole clamp
//    when the layer's is (identity, or ReLU with output zero point −128).
// Seven instructions per output, one LSRS to move to the next output's byte, and half an LDRD.
// clang-format off
#define EMBER_S8_OUTPUT(acc, m)                 \
  "lsls " m ", " m ", #1\n\t"                   \
  "smmlar " acc ", " acc ", " m ", " acc "\n\t" \
  "lsr " m ", r8, r7\n\t"                       \
  "add " acc ", " acc ", " acc ", asr #31\n\t"  \
  "smmlar " acc ", " acc ", " m ", r4\n\t"      \
  "ssat " acc ", #8, " acc "\n\t"               \
  "strb " acc ", [r11], #1\n\t"
// clang-format on

// clamp(requantize(acc) + output_offset) for the sums a group left in loop.sums plus their biases, four
// rows or up to loop.y_end if that comes first (a last partial group), any shift (the multiplier in
// [2^30, 2^31), as for the fast path), the bias, multiplier, shift and y pointers moving on by one row each.
// A positive shift saturates acc · 2^shift to int32 first (s saturating doublings); the high multiply is
// the fast path's SMMLAR, exact for every int32; then the reference's rounding shift by e = -s, as
// floor((h' + 2^(e-1)) / 2^e) with the fast path's h' = h - 1 for h < 0 (EMBER_S8_OUTPUT): h' >> e, plus 1
// where bit e - 1 of h' is set, both from one shift by e - 1, with no sum that could overflow. The sum with
// the zero point saturates: with a positive shift h can be anything up to the int32 limits, and the
// reference adds in 64 bits. No model the quantizer makes takes this path (its shifts are all <= -2): cold,
// and the struct read in place (reloaded after each int8 store, which could alias it), which takes fewer
// bytes than locals. Called by group_loop() (hence the assembler name, and `used`: the compiler sees no
// call), which goes on from the loop it returns.
GroupLoop* outputs_slow(GroupLoop& loop) __asm__("ember_dense_s8_outputs_slow");
__attribute__((used, noinline, noclone, cold)) GroupLoop* outputs_slow(GroupLoop& loop) {
  for (uint32_t k = 0; k < 4 && loop.y != loop.y_end; ++k) {
    int32_t x = static_cast<int32_t>(loop.sums[k] + static_cast<uint32_t>(*loop.bias++));
    const int32_t s = *loop.shift++;
    for (int32_t i = 0; i < s; ++i) x = __qadd(x, x);  // x · 2^s saturated: once saturated, it stays
    int32_t v = smmlar(x, static_cast<int32_t>(static_cast<uint32_t>(*loop.multiplier++) << 1), x);
    if (s < 0) {
      const int32_t h = v + (v >> 31);  // v > INT32_MIN: no wrap
      const int32_t t = h >> (-1 - s);  // h' >> (e - 1): its low bit is bit e - 1 of h'
      v = (t >> 1) + (t & 1);
    }
    v = __qadd(v, loop.zero_point);
    v = v < loop.params->activation_min ? loop.params->activation_min : v;
    v = v > loop.params->activation_max ? loop.params->activation_max : v;
    *loop.y++ = static_cast<int8_t>(v);
  }
  return &loop;
}

// Groups of four rows, one after the other, while y != loop->y_end: sums (one chunk per loop pass: 16
// instructions per 16 multiply-accumulates), then the biases and four fast outputs, or for a group that
// may not take the fast path its four sums without the biases in loop->sums (its weights pointer already
// advanced, the rest not) and outputs_slow(). Whole-function assembly: the sums need every register but the
// one holding `loop` + 44 (r12), and the block's LDM needs ascending ones; the chunk count in r7, a low
// register, so that its SUBS takes 16 bits. Ten registers pushed (r3 for the stack's 8-byte alignment at the
// call).
__attribute__((naked, noinline)) void group_loop(GroupLoop* /* loop, r0 */) {
  __asm__ volatile(
      "push {r3, r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
      "7:\n\t"  // also where outputs_slow() returns loop
      "add r12, r0, #44\n\t"
      "ldr r11, [r12, #-8]\n\t"  // y
      "b 6f\n\t"                 // the test at the end first: no group at all when y == y_end
      "1:\n\t"
      "ldm r12, {r0, r1, r2, r3, r7, r11, lr}\n\t"  // start (A, B, A, B), chunks, xs, weights
      "2:\n\t" EMBER_S8_CHUNK
      "subs r7, r7, #1\n\t"
      "bne 2b\n\t"
      "str lr, [r12, #24]\n\t"
      "sub r0, r0, r1, lsl #8\n\t"  // the even rows: A − 256 · B
      "sub r2, r2, r3, lsl #8\n\t"
      "ldmdb r12, {r4, r5, r8, r9, r10, r11, lr}\n\t"  // zero_point, fast_test, 2^30, multiplier, shift, y, bias
      // The four shift bytes s, each in -31 ... 30 (as the validator checks), are all in -31 ... -2 exactly
      // when 0xFEFEFEFE less their word leaves every byte's top bit clear: 254 - (256 + s) = -2 - s is in
      // 0 ... 29 for those, and 254 - s or, for -1, 255 with a borrow has its top bit set; a borrow into a
      // byte comes only from a -1 below it, whose byte fails the test itself. From 0xBEBEBEBE the lowest
      // byte, 190 - s or 190 - (256 + s), always has its top bit set: no group takes the fast path. The
      // outputs take their 2^(32 + s) from these bytes (EMBER_S8_OUTPUT).
      "ldr r7, [r10], #4\n\t"
      "subs r7, r5, r7\n\t"
      "tst r7, #0x80808080\n\t"
      "bne 5f\n\t"
      "ldrd r5, r6, [lr], #8\n\t"
      "add r0, r5\n\t"
      "add r1, r6\n\t"
      "ldrd r5, r6, [lr], #8\n\t"
      "add r2, r5\n\t"
      "add r3, r6\n\t"
      "ldrd r5, r6, [r9], #8\n\t" EMBER_S8_OUTPUT("r0", "r5") "lsrs r7, r7, #8\n\t" EMBER_S8_OUTPUT("r1", "r6")
      "lsrs r7, r7, #8\n\t"
      "ldrd r5, r6, [r9], #8\n\t" EMBER_S8_OUTPUT("r2", "r5") "lsrs r7, r7, #8\n\t" EMBER_S8_OUTPUT("r3", "r6")
      "stmdb r12, {r9, r10, r11, lr}\n\t"
      "6:\n\t"
      "ldr lr, [r12, #28]\n\t"
      "cmp r11, lr\n\t"
      "bne 1b\n\t"
      "pop {r3, r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"
      "5:\n\t"
      "sub r6, r12, #44\n\t"
      "stm r6, {r0, r1, r2, r3}\n\t"
      "mov r0, r6\n\t"
      "bl ember_dense_s8_outputs_slow\n\t"  // returns loop
      "b 7b");
}
#undef EMBER_S8_CHUNK
#undef EMBER_S8_OUTPUT

}  // namespace

// The target's dense_s8 (dense_s8_dsp.hpp), so a layer calls it with no forwarding function in between.
void dense_s8(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
              const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
              void* scratch) {
  // Field by field, the arguments first (fewer bytes); the sums are outputs, no need to zero them.
  GroupLoop loop;
  loop.weights = weights;
  loop.bias = bias;
  loop.multiplier = multiplier;
  loop.shift = shift;
  loop.y = y;
  loop.y_end = y + (out_width & ~3u);
  loop.params = &params;
  loop.zero_point = params.output_offset;
  loop.bit30 = 0x40000000u;
  // SSAT's clamp is the layer's when min is -128 and max 127 (one test of both takes fewer bytes).
  loop.fast_test = ((params.activation_min + 128) | (params.activation_max - 127)) == 0 ? 0xFEFEFEFEu : 0xBEBEBEBEu;

  // Step 1: an int8 input's whole chunks by widen_s8(); the rest (kind 3's whole input, or the inputs of
  // a last partial chunk) one input at a time, each to its place in the chunk order, into a last chunk zeroed
  // first (its padding). Kind 3's first layers are narrow (5 inputs on the 5D model), so a plain loop costs
  // few instructions there, and one loop for both kinds and the tails takes fewer bytes than a copy each.
  int16x2_t* xs = static_cast<int16x2_t*>(scratch);
  loop.xs = xs;
  const int32_t offset = params.input_offset;
  const bool int16 = offset == kInt16Input;
  const uint32_t chunks = dense_s8_padded(in_width) / 4;
  loop.chunks = chunks;
  // rest: the inputs left for the loop below; sum: Σ x' (mod 2^32)
  uint32_t rest = in_width, sum = 0;
  xs[2 * chunks - 2] = xs[2 * chunks - 1] = 0;  // the last chunk, for its padding if it is partial
  if (!int16) {
    sum = widen_s8(x, xs, in_width / 4, offset);  // x and xs now at the last partial chunk
    rest = in_width % 4;
  }
  int16_t* xh = reinterpret_cast<int16_t*>(xs);
  for (uint32_t i = 0; i < rest; ++i) {
    const int32_t v = int16 ? reinterpret_cast<const int16_t*>(x)[i] : x[i] + offset;
    xh[i ^ ((i ^ i >> 1) & 1u) * 3u] = static_cast<int16_t>(v);  // inputs 1 and 2 of a chunk swap places
    sum += static_cast<uint32_t>(v);
  }
  loop.start[0] = loop.start[2] = 0u - 128u * sum;
  loop.start[1] = loop.start[3] = 0;

  // Steps 2 and 3: the whole groups by group_loop() (each one that may not take the fast path, a shift
  // above -2 or a clamp narrower than SSAT's, by outputs_slow()); then a last group of fewer rows, its
  // padding rows computed and dropped.
  group_loop(&loop);
  const uint32_t rows = out_width % 4;
  if (rows != 0) {
    // Its shifts from a zero-padded copy, so that the group loop's word of four reads nothing past the
    // array: shift 0 on the padding rows sends the group to outputs_slow() before any bias or multiplier
    // is read, which stops at y_end.
    uint32_t shifts = 0;
    loop.y_end = loop.y + rows;
    loop.shift = static_cast<const int8_t*>(__builtin_memcpy(&shifts, loop.shift, rows));
    group_loop(&loop);
  }
}

}  // namespace ember
#endif
