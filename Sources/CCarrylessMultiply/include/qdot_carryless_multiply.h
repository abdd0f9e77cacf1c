/* Carry-less (GF(2)[x]) multiplication of 64-bit words for the Toeplitz hash of
 * Sources/KeyDistillation: the schoolbook base case under its Swift Karatsuba recursion.
 * Swift cannot call the PCLMULQDQ intrinsic (a C macro), so this one small C file does; on a CPU
 * without it (or another architecture) a portable loop gives the same bits, only slower. */
#ifndef QDOT_CARRYLESS_MULTIPLY_H
#define QDOT_CARRYLESS_MULTIPLY_H

#include <stdint.h>
#include <stddef.h>

/* product[0 ..< 2·count] ^= a[0 ..< count] · b[0 ..< count] over GF(2), words least significant
 * first (bit i of word w is the coefficient of x^(64·w + i)). `product` must not alias a or b. */
void qdot_gf2_multiply_accumulate(const uint64_t *a, const uint64_t *b, size_t count, uint64_t *product);

/* 1 when the hardware instruction (x86-64 PCLMULQDQ) is used, 0 for the portable loop. */
int qdot_gf2_uses_hardware(void);

/* With a nonzero argument, the portable loop is used even where the instruction exists (for the
 * tests that compare the two paths and for the benchmark's comparison); 0 restores the default.
 * Thread-safe (an atomic flag); both paths give the same bits, so a change only changes speed. */
void qdot_gf2_force_portable(int portable);

#endif
