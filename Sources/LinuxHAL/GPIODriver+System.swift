import Glibc
public import HAL

extension GPIODriver {
    /// The running kernel's release, from `uname` (empty when it fails).
    public var kernelRelease: String {
        var names = utsname()
        guard uname(&names) == 0 else { return "" }
        return withUnsafeBytes(of: names.release) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// CLOCK_MONOTONIC now, read with `clock_gettime` (the clock `LinuxClock` sleeps on).
    public func monotonicNow() -> Instant {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Instant(nanoseconds: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec))
    }
}
