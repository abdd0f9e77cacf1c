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

void ptu_baseline_matcher_init(ptu_baseline_matcher *matcher, int64_t period_ps, int64_t lead_ps, int64_t record_cycles,
                               const int8_t detector_of_input[256], int64_t setting_count, const int64_t *setting_ends,
                               const uint8_t *setting_codes) {
    memset(matcher, 0, sizeof *matcher);
    matcher->setting_count = setting_count;
    matcher->setting_ends = setting_ends;
    matcher->setting_codes = setting_codes;
    matcher->last_sync = INT64_MIN;
    matcher->period_ps = period_ps;
    matcher->lead_ps = lead_ps;
    matcher->record_cycles = record_cycles;
    memcpy(matcher->detector_of_input, detector_of_input, 256);
    matcher->cycle = -1;
    matcher->cycle_start = INT64_MIN;
    matcher->previous_start = INT64_MIN;
}

static size_t place(ptu_baseline_matcher *m, int64_t time, uint8_t detector, ptu_baseline_click *out) {
    int64_t owner, start;
    if (m->cycle >= 0 && time >= m->cycle_start) {
        owner = m->cycle; start = m->cycle_start;
    } else if (m->cycle >= 1 && time >= m->previous_start) {
        owner = m->cycle - 1; start = m->previous_start;
    } else {
        m->outside++;
        return 0;
    }
    if (time - start >= m->period_ps) { m->outside++; return 0; }
    const int64_t setting = owner == m->cycle ? m->setting : m->previous_setting;
    out->cycle = owner;
    out->setting = setting;
    out->detector = detector;
    out->code_a = m->setting_codes[2 * setting];
    out->code_b = m->setting_codes[2 * setting + 1];
    out->time_ns = time / 1000;
    return 1;
}

size_t ptu_baseline_match(ptu_baseline_matcher *m, const ptu_baseline_event *events, size_t count, ptu_baseline_click *clicks) {
    size_t out = 0;
    for (size_t i = 0; i < count; i++) {
        const ptu_baseline_event e = events[i];
        if (e.kind == 0) {
            const int8_t detector = m->detector_of_input[e.channel];
            if (detector < 0) { m->unmapped++; continue; }
            const int64_t ns = e.time_ps >= 0 ? (e.time_ps + 999) / 1000 : e.time_ps / 1000;
            const int64_t time = ns * 1000;
            if (m->cycle >= m->record_cycles) { m->after_run++; continue; }
            if (m->cycle < 0 || time - m->cycle_start >= m->period_ps) {
                if (m->early_count < 64) {
                    m->early_time[m->early_count] = time;
                    m->early_detector[m->early_count] = (uint8_t)detector;
                    m->early_count++;
                } else {
                    m->outside++;
                }
                continue;
            }
            out += place(m, time, (uint8_t)detector, clicks + out);
        } else if (e.kind == 1) {
            m->syncs++;
            if (m->last_sync != INT64_MIN && e.time_ps - m->last_sync > m->period_ps + m->period_ps / 2) m->long_gaps++;
            m->last_sync = e.time_ps;
            if (m->cycle + 1 >= m->record_cycles) {
                if (m->cycle + 1 == m->record_cycles) m->cycle++;
                continue;
            }
            m->cycle++;
            m->previous_setting = m->setting;
            while (m->cycle >= m->setting_ends[m->setting] && m->setting < m->setting_count - 1) m->setting++;
            m->previous_start = m->cycle_start;
            m->cycle_start = e.time_ps - m->lead_ps;
            for (size_t k = 0; k < m->early_count; k++) out += place(m, m->early_time[k], m->early_detector[k], clicks + out);
            m->early_count = 0;
        }
    }
    return out;
}
