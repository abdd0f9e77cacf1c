import Glibc

/// CPU time in seconds: the honest figure on a shared machine, where wall time also counts other
/// processes' turns.
enum CPUTime {
    /// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID); the simulated runs are single-threaded.
    static func thread() -> Double { read(CLOCK_THREAD_CPUTIME_ID) }

    /// CPU time of the whole process (CLOCK_PROCESS_CPUTIME_ID).
    static func process() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
