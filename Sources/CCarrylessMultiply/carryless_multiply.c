#include "qdot_carryless_multiply.h"

static int force_portable = 0;

void qdot_gf2_force_portable(int portable) { __atomic_store_n(&force_portable, portable != 0, __ATOMIC_RELAXED); }

/* The portable 64 × 64 → 128 carry-less product, four bits of a at a time: a table of the 16
 * multiples t·b' of b' = b's low 60 bits (each fits in 64 bits), the product built from a's top
 * nibble down by shifting the 128-bit result 4 places per nibble, then b's top 4 bits added back
 * (t·b for each of them set), branch-free. */
static void portable_multiply(uint64_t a, uint64_t b, uint64_t *low, uint64_t *high) {
    uint64_t table[16];
    uint64_t b_low = b & 0x0FFFFFFFFFFFFFFFull;
    table[0] = 0;
    for (int t = 1; t < 16; t++) table[t] = (table[t >> 1] << 1) ^ ((t & 1) ? b_low : 0);
    uint64_t l = 0, h = 0;
    for (int shift = 60; shift >= 0; shift -= 4) {
        h = (h << 4) | (l >> 60);
        l = (l << 4) ^ table[(a >> shift) & 15];
    }
    for (int k = 60; k < 64; k++) {
        uint64_t mask = 0 - ((b >> k) & 1);
        l ^= (a << k) & mask;
        h ^= (a >> (64 - k)) & mask;
    }
    *low = l; *high = h;
}

static void portable_accumulate(const uint64_t *a, const uint64_t *b, size_t count, uint64_t *product) {
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < count; j++) {
            uint64_t low, high;
            portable_multiply(a[i], b[j], &low, &high);
            product[i + j] ^= low;
            product[i + j + 1] ^= high;
        }
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("pclmul,sse4.1")))
static void hardware_accumulate(const uint64_t *a, const uint64_t *b, size_t count, uint64_t *product) {
    /* One row per word of a; the high half of each product is carried in a register into the next
     * column, so each column is loaded and stored once per row. */
    for (size_t i = 0; i < count; i++) {
        __m128i va = _mm_cvtsi64_si128((long long)a[i]);
        uint64_t carry = 0;
        for (size_t j = 0; j < count; j++) {
            __m128i r = _mm_clmulepi64_si128(va, _mm_cvtsi64_si128((long long)b[j]), 0x00);
            product[i + j] ^= (uint64_t)_mm_cvtsi128_si64(r) ^ carry;
            carry = (uint64_t)_mm_extract_epi64(r, 1);
        }
        product[i + count] ^= carry;
    }
}

static int has_hardware(void) {
    if (__atomic_load_n(&force_portable, __ATOMIC_RELAXED)) return 0;
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}
#endif

void qdot_gf2_multiply_accumulate(const uint64_t *a, const uint64_t *b, size_t count, uint64_t *product) {
#if defined(__x86_64__)
    if (has_hardware()) { hardware_accumulate(a, b, count, product); return; }
#endif
    portable_accumulate(a, b, count, product);
}

int qdot_gf2_uses_hardware(void) {
#if defined(__x86_64__)
    return has_hardware();
#else
    return 0;
#endif
}
