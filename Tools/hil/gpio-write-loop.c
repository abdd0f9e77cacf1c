/*
 * gpio-write-loop: the time of one output-line write from a minimal C loop on libgpiod 1.6
 * (gpiod_line_set_value, one ioctl), the reference for qdot's backend in the gpio-sim lane
 * (qdot-bench gpio-write makes the same writes through LinuxOutputLine.set).
 *
 * usage: gpio-write-loop CHIP-LABEL LINE-NAME [WRITES-PER-ROUND [ROUNDS]]
 * Writes WRITES-PER-ROUND / 10 untimed warm-up toggles first (as qdot-bench gpio-write does), then
 * times each round. Prints the median round, a "gpio-write-result backend=c ns-per-write=N" line
 * and a "gpio-write-rounds backend=c ns-per-write=R1 R2 ..." line (every round, in the order run)
 * from which the gpio-sim lane takes the minimum and median over interleaved runs.
 */
#include <gpiod.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s CHIP-LABEL LINE-NAME [WRITES-PER-ROUND [ROUNDS]]\n", argv[0]);
        return 2;
    }
    long writes = argc > 3 ? atol(argv[3]) : 20000;
    int rounds = argc > 4 ? atoi(argv[4]) : 5;
    if (writes <= 0 || rounds <= 0 || rounds > 100) {
        fprintf(stderr, "gpio-write-loop: writes must be > 0 and rounds 1...100\n");
        return 2;
    }
    struct gpiod_chip *chip = gpiod_chip_open_by_label(argv[1]);
    if (!chip) {
        fprintf(stderr, "gpio-write-loop: no chip labelled %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    struct gpiod_line *line = gpiod_chip_find_line(chip, argv[2]);
    if (!line || gpiod_line_request_output(line, "gpio-write-loop", 0) != 0) {
        fprintf(stderr, "gpio-write-loop: cannot request %s:%s: %s\n", argv[1], argv[2], strerror(errno));
        return 1;
    }
    double ns_per_write[100];
    int value = 0;
    for (long i = 0; i < writes / 10; i++) {
        value = !value;
        if (gpiod_line_set_value(line, value) != 0) {
            fprintf(stderr, "gpio-write-loop: set %s: %s\n", argv[2], strerror(errno));
            return 1;
        }
    }
    for (int round = 0; round < rounds; round++) {
        long long start = monotonic_ns();
        for (long i = 0; i < writes; i++) {
            value = !value;
            if (gpiod_line_set_value(line, value) != 0) {
                fprintf(stderr, "gpio-write-loop: set %s: %s\n", argv[2], strerror(errno));
                return 1;
            }
        }
        ns_per_write[round] = (double)(monotonic_ns() - start) / (double)writes;
    }
    gpiod_line_set_value(line, 0);
    gpiod_line_release(line);
    gpiod_chip_close(chip);
    printf("gpio-write-rounds backend=c ns-per-write=");
    for (int round = 0; round < rounds; round++) printf(round ? " %.0f" : "%.0f", ns_per_write[round]);
    printf("\n");
    qsort(ns_per_write, (size_t)rounds, sizeof ns_per_write[0], compare_doubles);
    double median = ns_per_write[rounds / 2];
    printf("== gpio-write: %s:%s through gpiod_line_set_value (C), %d rounds of %ld writes\n",
           argv[1], argv[2], rounds, writes);
    printf("  per write  median %.0f ns  (rounds:", median);
    for (int round = 0; round < rounds; round++) printf(" %.0f", ns_per_write[round]);
    printf(" ns)\n  rate       %.0f writes per second\n", 1e9 / median);
    printf("gpio-write-result backend=c ns-per-write=%.0f\n", median);
    return 0;
}
