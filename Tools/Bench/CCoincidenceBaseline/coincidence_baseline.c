#include "coincidence_baseline.h"
#include <stdlib.h>
#include <string.h>

int64_t coincidence_baseline_count(const int64_t *a, size_t a_count, const int64_t *b, size_t b_count,
                                   int64_t window_ps, int64_t delay_ps) {
    size_t lo = 0, hi = 0;
    int64_t pairs = 0;
    for (size_t i = 0; i < a_count; i++) {
        const int64_t earliest = a[i] + delay_ps - window_ps;
        const int64_t latest = a[i] + delay_ps + window_ps;
        while (lo < b_count && b[lo] < earliest) lo++;
        if (hi < lo) hi = lo;
        while (hi < b_count && b[hi] <= latest) hi++;
        pairs += (int64_t)(hi - lo);
    }
    return pairs;
}

void coincidence_baseline_stream_init(coincidence_baseline_stream *stream, int64_t window_ps, int64_t delay_ps) {
    memset(stream, 0, sizeof *stream);
    stream->window_ps = window_ps;
    stream->delay_ps = delay_ps;
    stream->latest_a = INT64_MIN;
    stream->latest_b = INT64_MIN;
}

static void append(int64_t **buffer, size_t *count, size_t *capacity, const int64_t *tags, size_t n) {
    if (*count + n > *capacity) {
        size_t grown = *capacity ? *capacity : 1024;
        while (grown < *count + n) grown *= 2;
        *buffer = realloc(*buffer, grown * sizeof **buffer);
        *capacity = grown;
    }
    memcpy(*buffer + *count, tags, n * sizeof *tags);
    *count += n;
}

void coincidence_baseline_stream_add(coincidence_baseline_stream *s, const int64_t *a, size_t a_count,
                                     const int64_t *b, size_t b_count) {
    append(&s->a, &s->a_count, &s->a_capacity, a, a_count);
    append(&s->b, &s->b_count, &s->b_capacity, b, b_count);
    if (a_count) { s->latest_a = a[a_count - 1]; s->seen_a = 1; }
    if (b_count) { s->latest_b = b[b_count - 1]; s->seen_b = 1; }
    if (!s->seen_a || !s->seen_b) return;
    const int64_t known = s->latest_a < s->latest_b ? s->latest_a : s->latest_b;
    // The A tags whose window closes before every tag still to come.
    size_t ready = 0;
    while (ready < s->a_count && s->a[ready] + s->delay_ps + s->window_ps < known) ready++;
    if (ready == 0) return;
    s->pairs += coincidence_baseline_count(s->a, ready, s->b, s->b_count, s->window_ps, s->delay_ps);
    memmove(s->a, s->a + ready, (s->a_count - ready) * sizeof *s->a);
    s->a_count -= ready;
    // The B tags before the next A tag's window can go.
    const int64_t next_a = s->a_count ? s->a[0] : s->latest_a;
    size_t spent = 0;
    while (spent < s->b_count && s->b[spent] < next_a + s->delay_ps - s->window_ps) spent++;
    memmove(s->b, s->b + spent, (s->b_count - spent) * sizeof *s->b);
    s->b_count -= spent;
}

int64_t coincidence_baseline_stream_finish(coincidence_baseline_stream *s) {
    s->pairs += coincidence_baseline_count(s->a, s->a_count, s->b, s->b_count, s->window_ps, s->delay_ps);
    free(s->a);
    free(s->b);
    s->a = s->b = NULL;
    s->a_count = s->b_count = s->a_capacity = s->b_capacity = 0;
    return s->pairs;
}
