/*
 * gpio-event-clock-probe: what the guest kernel answers when a line request of the GPIO uAPI v2
 * (the one libgpiod 2.x speaks) asks for each edge event clock. The lane's qdot is built on
 * libgpiod 1.6 (uAPI v1, no event clock), so this raw-ioctl probe stands in for the request
 * qdot's 2.x path makes (gpiod_line_settings_set_event_clock sets these same flags).
 *
 * usage: gpio-event-clock-probe /dev/gpiochipN OFFSET
 * For monotonic (no clock flag), realtime (GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME) and hte
 * (GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE) in turn, requests line OFFSET as an input with edge
 * detection on both edges through GPIO_V2_GET_LINE_IOCTL and prints one line:
 *   "event-clock CLOCK granted" or "event-clock CLOCK refused errno N (MESSAGE)".
 * A kernel without CONFIG_HTE (the lane's) refuses hte with EOPNOTSUPP (95) before any line is
 * touched (gpio_v2_line_flags_validate). Exit status 0 when every request got an answer, 1 when
 * the chip cannot be opened.
 */
#include <linux/gpio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s /dev/gpiochipN OFFSET\n", argv[0]);
        return 2;
    }
    int chip = open(argv[1], O_RDWR | O_CLOEXEC);
    if (chip < 0) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    const struct { const char *name; __u64 flag; } clocks[] = {
        { "monotonic", 0 },
        { "realtime", GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME },
        { "hte", GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE },
    };
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        struct gpio_v2_line_request request;
        memset(&request, 0, sizeof request);
        request.offsets[0] = (__u32)strtoul(argv[2], NULL, 10);
        request.num_lines = 1;
        request.event_buffer_size = 16;
        request.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING |
                               GPIO_V2_LINE_FLAG_EDGE_FALLING | clocks[i].flag;
        snprintf(request.consumer, sizeof request.consumer, "event-clock-probe");
        if (ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &request) < 0) {
            int error = errno;
            printf("event-clock %s refused errno %d (%s)\n", clocks[i].name, error, strerror(error));
        } else {
            printf("event-clock %s granted\n", clocks[i].name);
            close(request.fd);
        }
    }
    close(chip);
    return 0;
}
