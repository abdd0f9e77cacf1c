// libFuzzer's driver, as its own main() calls it (compiler-rt FuzzerInterface.h). The harnesses
// call it from a Swift main because SwiftPM links an executable's main under another name,
// so libFuzzer's own main() cannot be used. Linked by -sanitize=fuzzer; nothing else provides it.
#include <stddef.h>
#include <stdint.h>

/// Parses libFuzzer's command line (`-runs=`, `-max_total_time=`, corpus directories …) and runs
/// `testOneInput` on every input it makes; returns the process's exit code.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*testOneInput)(const uint8_t *data, size_t size));
