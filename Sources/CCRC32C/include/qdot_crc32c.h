/* CRC-32C (Castagnoli) by the processor's own instruction, for Sources/Records' CRC32C: SSE4.2's
 * CRC32 on x86-64, the CRC32C instructions of the ARMv8 CRC extension on 64-bit ARM (Linux).
 * Swift cannot call either intrinsic, so this one small C file does; where neither is present
 * (checked at run time), the caller keeps its portable table loop, which gives the same bits. */
#ifndef QDOT_CRC32C_H
#define QDOT_CRC32C_H

#include <stdint.h>
#include <stddef.h>

/* 1 when this processor has the instruction (checked at run time), 0 when the caller must use its
 * portable loop. */
int qdot_crc32c_uses_hardware(void);

/* The CRC register after `count` bytes at `bytes`, starting from `crc` (the register, already
 * inverted as the algorithm's initial XOR asks: no inversion is done here). Call only when
 * qdot_crc32c_uses_hardware() is 1. */
uint32_t qdot_crc32c_update(uint32_t crc, const uint8_t *bytes, size_t count);

#endif
