/* The target's code is the header's one inline function; SwiftPM builds a C target from at least
 * one source file, and this is it. */
#include "qdot_float_to_integer.h"
