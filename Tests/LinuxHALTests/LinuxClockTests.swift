import Glibc
import HAL
import LinuxHAL
import Testing

/// The CLOCK_MONOTONIC clock: never wakes early, agrees with the kernel's clock.
@Suite struct LinuxClockTests {
    @Test func nowIsTheKernelsMonotonicClock() {
        var before = timespec(), after = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        let now = LinuxClock().now.nanoseconds
        clock_gettime(CLOCK_MONOTONIC, &after)
        #expect(Int64(before.tv_sec) * 1_000_000_000 + Int64(before.tv_nsec) <= now)
        #expect(now <= Int64(after.tv_sec) * 1_000_000_000 + Int64(after.tv_nsec))
    }

    @Test(arguments: [TimeSpan.zero, .microseconds(50)])
    func sleepsNeverWakeEarlyAndDeadlinesDoNotDrift(busyWaitTail: TimeSpan) {
        let clock = LinuxClock(busyWaitTail: busyWaitTail)
        let start = clock.now
        var deadline = start
        for _ in 0..<200 {
            deadline = deadline + .microseconds(500)
            let woke = clock.sleep(until: deadline)
            #expect(woke >= deadline)
        }
        // 200 periods of 500 µs from absolute deadlines: the total is 100 ms plus one wake-up
        // latency, not 200 latencies. 20 ms of slack covers a loaded shared CI machine.
        let total = clock.now - start
        #expect(total >= .milliseconds(100))
        #expect(total < .milliseconds(120))
    }

    @Test func pastDeadlineReturnsAtOnce() {
        let clock = LinuxClock()
        let before = clock.now
        let woke = clock.sleep(until: before - .seconds(1))
        #expect(woke >= before)
        #expect(woke - before < .milliseconds(5))
    }
}
