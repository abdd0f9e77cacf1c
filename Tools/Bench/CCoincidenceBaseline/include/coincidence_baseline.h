// The plain C coincidence counters `qdot-bench analysis` measures Analysis's
// CoincidenceCounter and StreamingCoincidenceCounter against, over the same tags in the same
// run: the classic two-pointer loop a lab writes (advance the window's low edge, advance its
// high edge, add the tags between), and the same loop over chunks with the state carried in
// growing buffers. No checks: the baseline is the plain loop.
#ifndef COINCIDENCE_BASELINE_H
#define COINCIDENCE_BASELINE_H

#include <stddef.h>
#include <stdint.h>

/// The pairs (i, j) with |b[j] − a[i] − delay_ps| ≤ window_ps over sorted `a` and `b`.
int64_t coincidence_baseline_count(const int64_t *a, size_t a_count, const int64_t *b, size_t b_count,
                                   int64_t window_ps, int64_t delay_ps);

/// A chunked count: A tags wait in `a` until the tags of both channels have passed their window,
/// and B tags stay in `b` while a waiting A tag may still pair with them.
typedef struct {
    int64_t window_ps;
    int64_t delay_ps;
    int64_t *a;
    size_t a_count, a_capacity;
    int64_t *b;
    size_t b_count, b_capacity;
    int64_t latest_a, latest_b;
    int seen_a, seen_b;
    int64_t pairs;
} coincidence_baseline_stream;

void coincidence_baseline_stream_init(coincidence_baseline_stream *stream, int64_t window_ps, int64_t delay_ps);

/// Takes the next chunk of each channel (either may be empty) and counts the A tags now complete.
void coincidence_baseline_stream_add(coincidence_baseline_stream *stream, const int64_t *a, size_t a_count,
                                     const int64_t *b, size_t b_count);

/// Counts the tags still waiting, frees the buffers, and returns the pairs in all.
int64_t coincidence_baseline_stream_finish(coincidence_baseline_stream *stream);

#endif
