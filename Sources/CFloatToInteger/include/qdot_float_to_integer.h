/* A double's conversion to a 64-bit integer without Swift's range checks, for the delays that
 * Sources/Physics turns into whole picoseconds (Picoseconds.rounded, three or four per laser pulse
 * that sends a photon). Swift's Int64(_: Double) checks that its argument is finite, above
 * Int64.min and below Int64.max before it converts, nine instructions, and the optimizer does not
 * drop them after the caller's own, tighter bound; C's conversion is the one instruction. Swift
 * inlines a static inline function of an imported header like its own code. */
#ifndef QDOT_FLOAT_TO_INTEGER_H
#define QDOT_FLOAT_TO_INTEGER_H

#include <stdint.h>

/* `value` truncated toward zero. `value` must be finite and its truncation must fit in int64_t:
 * the caller checks (C leaves the conversion of any other value undefined). */
static inline int64_t qdot_int64_truncating(double value) { return (int64_t)value; }

#endif
