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

#endif
