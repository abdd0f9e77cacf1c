#include "qdot_crc32c.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

static int has_hardware(void) { return __builtin_cpu_supports("sse4.2"); }

__attribute__((target("sse4.2")))
static uint32_t hardware_update(uint32_t crc, const uint8_t *bytes, size_t count) {
    uint64_t register64 = crc;
    for (; count >= 8; bytes += 8, count -= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);   /* any alignment; the instruction reads the word little-endian */
        register64 = _mm_crc32_u64(register64, word);
    }
    uint32_t register32 = (uint32_t)register64;
    for (; count > 0; bytes++, count--) register32 = _mm_crc32_u8(register32, *bytes);
    return register32;
}
#define QDOT_HAS_HARDWARE_PATH 1

#elif defined(__aarch64__) && defined(__linux__)
#include <arm_acle.h>
#include <sys/auxv.h>

#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)   /* Linux arch/arm64/include/uapi/asm/hwcap.h */
#endif

static int has_hardware(void) { return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0; }

__attribute__((target("crc")))
static uint32_t hardware_update(uint32_t crc, const uint8_t *bytes, size_t count) {
    for (; count >= 8; bytes += 8, count -= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);   /* little-endian on aarch64 Linux, as the CRC reads it */
        crc = __crc32cd(crc, word);
    }
    for (; count > 0; bytes++, count--) crc = __crc32cb(crc, *bytes);
    return crc;
}
#define QDOT_HAS_HARDWARE_PATH 1
#endif

int qdot_crc32c_uses_hardware(void) {
#if defined(QDOT_HAS_HARDWARE_PATH)
    return has_hardware();
#else
    return 0;
#endif
}

uint32_t qdot_crc32c_update(uint32_t crc, const uint8_t *bytes, size_t count) {
#if defined(QDOT_HAS_HARDWARE_PATH)
    return hardware_update(crc, bytes, count);
#else
    (void)bytes; (void)count;
    return crc;   /* unreachable when the caller checks qdot_crc32c_uses_hardware() first */
#endif
}
