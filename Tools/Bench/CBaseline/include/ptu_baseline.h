// A plain C decoder of HydraHarp-family T2 records (PicoQuant PTU), the baseline that
// `qdot-bench ptu` measures qdot's Swift decoder against. It does what PicoQuant's demo reader
// does per record — split the word, add the overflow correction, scale by the resolution —
// into an event array laid out like Records' PTUEvent. No checks: the baseline is the plain loop.
#ifndef PTU_BASELINE_H
#define PTU_BASELINE_H

#include <stddef.h>
#include <stdint.h>

/// One event, laid out like Records.PTUEvent (16 bytes): time, kind (0 photon, 1 sync,
/// 2 marker), input channel from 1, marker bits.
typedef struct {
    int64_t time_ps;
    uint8_t kind;
    uint8_t channel;
    uint8_t marker_bits;
} ptu_baseline_event;

/// What carries from one batch to the next: the overflow correction in picoseconds.
typedef struct {
    int64_t period_start_ps;
    int64_t resolution_ps;
    int64_t period_ticks;
    int counts_overflows;
    uint64_t overflow_records;
} ptu_baseline_state;

/// Decodes `count` records at `records` (little-endian 32-bit words) into `events` (room for
/// `count`), and returns the number of events written.
size_t ptu_baseline_decode(ptu_baseline_state *state, const uint8_t *records, size_t count, ptu_baseline_event *events);

/// One click matched to its cycle: the cycle's index, the time in ns (rounded up), the setting,
/// the detector and the cycle's basis codes (laid out like Firmware.ClickEvent).
typedef struct {
    int64_t cycle;
    int64_t setting;
    uint8_t detector;
    uint8_t code_a;
    uint8_t code_b;
    int64_t time_ns;
} ptu_baseline_click;

/// The sync matching of `Records.TagCycleMatcher`, written as a plain C loop: the n-th sync is
/// the n-th cycle, which begins `lead_ps` before it and lasts `period_ps`; a photon goes to the
/// cycle whose span holds its time (rounded up to whole ns), also one that comes before its sync,
/// with its cycle's setting and (fixed) codes; syncs and gaps over 1.5 periods are counted.
/// Clicks are handed on as they are placed (no per-cycle time order).
typedef struct {
    int64_t setting_count;
    const int64_t *setting_ends;
    const uint8_t *setting_codes;   /// two per setting: arm A, arm B
    int64_t setting;
    int64_t previous_setting;
    int64_t last_sync;
    uint64_t syncs;
    uint64_t long_gaps;
    int64_t period_ps;
    int64_t lead_ps;
    int64_t record_cycles;
    int8_t detector_of_input[256];
    int64_t cycle;
    int64_t cycle_start;
    int64_t previous_start;
    uint64_t outside;
    uint64_t unmapped;
    uint64_t after_run;
    size_t early_count;
    int64_t early_time[64];
    uint8_t early_detector[64];
} ptu_baseline_matcher;

/// Prepares `matcher` (detector_of_input: −1 for an input without a detector).
void ptu_baseline_matcher_init(ptu_baseline_matcher *matcher, int64_t period_ps, int64_t lead_ps, int64_t record_cycles,
                               const int8_t detector_of_input[256], int64_t setting_count, const int64_t *setting_ends,
                               const uint8_t *setting_codes);

/// Matches `count` events into `clicks` (room for `count` + 64) and returns how many clicks.
size_t ptu_baseline_match(ptu_baseline_matcher *matcher, const ptu_baseline_event *events, size_t count, ptu_baseline_click *clicks);

#endif
