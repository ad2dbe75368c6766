/* Vector table and reset handler shared by the Cortex-M boards: copy .data from flash, zero .bss, enable
 * the FPU when the code uses it, run static constructors, call main() and hand its status to the host. */
#include <stdint.h>
#include <stdlib.h>

extern uint32_t __stack_top;
extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end;

int main(void);
void __libc_init_array(void);
void Reset_Handler(void);
void SysTick_Handler(void);

static void hang(void) {
  /* A fault in a test image: end the QEMU run with a distinctive status instead of spinning forever. */
  exit(0x7F);
}

void NMI_Handler(void) __attribute__((weak, alias("hang")));
void HardFault_Handler(void) __attribute__((weak, alias("hang")));
void MemManage_Handler(void) __attribute__((weak, alias("hang")));
void BusFault_Handler(void) __attribute__((weak, alias("hang")));
void UsageFault_Handler(void) __attribute__((weak, alias("hang")));
void SecureFault_Handler(void) __attribute__((weak, alias("hang")));

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(&__stack_top),
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler,
    0,
    0,
    0,
    0, /* SVCall */
    0, /* DebugMonitor */
    0,
    0, /* PendSV */
    SysTick_Handler,
};

void Reset_Handler(void) {
  for (uint32_t *from = &__data_load, *to = &__data_start; to < &__data_end;) *to++ = *from++;
  for (uint32_t* p = &__bss_start; p < &__bss_end;) *p++ = 0;
#if defined(__ARM_FP)
  /* CPACR: full access to CP10 and CP11 (the FPU) before any floating-point instruction runs. */
  volatile uint32_t* cpacr = (volatile uint32_t*)0xE000ED88u;
  *cpacr |= 0xFu << 20;
  __asm__ volatile("dsb\n isb" ::: "memory");
#endif
  __libc_init_array();
  exit(main());
}
