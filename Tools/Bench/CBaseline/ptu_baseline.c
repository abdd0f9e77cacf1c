#include "ptu_baseline.h"
#include <string.h>

size_t ptu_baseline_decode(ptu_baseline_state *state, const uint8_t *records, size_t count, ptu_baseline_event *events) {
    int64_t start = state->period_start_ps;
    const int64_t resolution = state->resolution_ps;
    size_t out = 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t word;
        memcpy(&word, records + 4 * i, 4);   // little-endian hosts only, as the demo readers
        const uint32_t time_tag = word & 0x01FFFFFFu;
        const uint8_t channel = (uint8_t)((word >> 25) & 0x3Fu);
        const int64_t time = start + (int64_t)time_tag * resolution;
        if ((word & 0x80000000u) == 0) {
            events[out].time_ps = time;
            events[out].kind = 0;
            events[out].channel = channel + 1;
            events[out].marker_bits = 0;
            out++;
        } else if (channel == 0) {
            events[out].time_ps = time;
            events[out].kind = 1;
            events[out].channel = 0;
            events[out].marker_bits = 0;
            out++;
        } else if (channel == 0x3F) {
            const int64_t periods = (state->counts_overflows && time_tag != 0) ? (int64_t)time_tag : 1;
            start += periods * state->period_ticks * resolution;
            state->overflow_records++;
        } else if (channel <= 15) {
            events[out].time_ps = time;
            events[out].kind = 2;
            events[out].channel = 0;
            events[out].marker_bits = channel;
            out++;
        }
    }
    state->period_start_ps = start;
    return out;
}
