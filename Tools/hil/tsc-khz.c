/*
 * tsc-khz: the host's time-stamp-counter rate in kHz, measured against CLOCK_MONOTONIC_RAW over
 * 200 ms. Under TCG the guest's TSC runs at the host's rate, but the guest kernel cannot
 * calibrate it (no PIT reference, no HPET without ACPI) and falls back to the 4 ms jiffies
 * clock; the lane passes this figure as tsc_early_khz so the guest gets a nanosecond clock.
 */
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static long long raw_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_RAW, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

int main(void) {
    long long start_ns = raw_ns();
    unsigned long long start_ticks = __rdtsc();
    struct timespec pause = { 0, 200000000L };
    nanosleep(&pause, NULL);
    unsigned long long ticks = __rdtsc() - start_ticks;
    long long elapsed_ns = raw_ns() - start_ns;
    printf("%.0f\n", (double)ticks / (double)elapsed_ns * 1e6);
    return 0;
}
