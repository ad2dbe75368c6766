#include "ember/dense_f32_vfp.hpp"

#if EMBER_HAVE_DENSE_F32_VFP
namespace ember {

// One output row per pass, in dense_f32's order, in one small assembly function (code flash is the
// constraint of the minimal image, docs/targets.md). What makes a single row fast enough is VMLA.F32: on
// the FPv4/FPv5 cores it is not fused (the product is rounded to float, then added, with the same
// rounding as the separate VMUL and VADD that GCC emits for `s += w * x` under -ffp-contract=off, which
// keeps GCC from emitting VMLA itself), so one instruction per multiply-accumulate gives the C reference's
// bits. The partial sums start at -0.0f and take VMLA from the first product: -0.0f + p == p for every p
// (+0, -0, infinities, NaNs), so the sum of the first slice is the reference's "first product". A layer
// of fewer than 4 inputs has no first slice; there the reference's sums start at +0.0f, and so do ours.
//
// Registers: r0 the weights, streamed row after row; r1 the biases, r3 y (both by VLDM/VSTM writeback);
// r2 x; r12 the input cursor of a row; r4 in_width, r5 rows left, r6 the sums' start value, r7 a counter.
// s0-s3 an input slice, s4-s7 a row's four weights (one VLDM each), s8-s11 the partial sums s_0..s_3,
// s12 the bias and output. s0-s15 are caller-saved: no VPUSH.
__attribute__((naked, noinline)) void dense_f32_vfp(const float* /* weights, r0 */, const float* /* bias, r1 */,
                                                    const float* /* x, r2 */, float* /* y, r3 */,
                                                    uint32_t /* in_width, [sp] */, uint32_t /* out_width, [sp, 4] */) {
  __asm__ volatile(
      "push {r4, r5, r6, r7, lr}\n\t"
      "ldrd r4, r5, [sp, #20]\n\t"
      "cbz r5, 5f\n\t"
      "lsrs r6, r4, #2\n\t"  // +0.0f for fewer than 4 inputs
      "it ne\n\t"
      "movne r6, #0x80000000\n\t"  // else -0.0f
      "1:\n\t"                     // one row
      "vmov s8, s9, r6, r6\n\t"
      "vmov s10, s11, r6, r6\n\t"
      "mov r12, r2\n\t"
      "lsrs r7, r4, #2\n\t"  // slices of four inputs
      "beq 3f\n\t"
      "2:\n\t"
      "vldmia r12!, {s0-s3}\n\t"
      "vldmia r0!, {s4-s7}\n\t"
      "vmla.f32 s8, s4, s0\n\t"
      "vmla.f32 s9, s5, s1\n\t"
      "vmla.f32 s10, s6, s2\n\t"
      "vmla.f32 s11, s7, s3\n\t"
      "subs r7, r7, #1\n\t"
      "bne 2b\n\t"
      "3:\n\t"  // the leftover inputs, into s_0
      "ands r7, r4, #3\n\t"
      "beq 4f\n\t"
      "6:\n\t"
      "vldmia r12!, {s0}\n\t"
      "vldmia r0!, {s4}\n\t"
      "vmla.f32 s8, s4, s0\n\t"
      "subs r7, r7, #1\n\t"
      "bne 6b\n\t"
      "4:\n\t"  // y = bias + ((s_0 + s_1) + (s_2 + s_3))
      "vadd.f32 s8, s8, s9\n\t"
      "vadd.f32 s10, s10, s11\n\t"
      "vldmia r1!, {s12}\n\t"
      "vadd.f32 s8, s8, s10\n\t"
      "vadd.f32 s12, s12, s8\n\t"
      "vstmia r3!, {s12}\n\t"
      "subs r5, r5, #1\n\t"
      "bne 1b\n\t"
      "5:\n\t"
      "pop {r4, r5, r6, r7, pc}");
}

}  // namespace ember
#endif
