/// A point on one board's monotonic timebase, in nanoseconds.
///
/// On a Linux board this is `CLOCK_MONOTONIC`, the clock the kernel stamps GPIO edge events
/// with; on the simulated board it is simulated time since the board was built. Instants of two
/// different boards are never compared.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the timebase's origin.
    public var nanoseconds: Int64

    /// The instant `nanoseconds` after the timebase's origin.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The timebase's origin. (Computed and inlinable rather than a stored `static let`, which
    /// other modules reach through a lazy-initialization accessor call, in the cycle loop too.)
    @inlinable public static var zero: Instant { Instant(nanoseconds: 0) }

    @inlinable public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The instant `span` later (earlier for a negative span).
    @inlinable public static func + (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
    }

    /// The instant `span` earlier.
    @inlinable public static func - (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(nanoseconds: lhs.nanoseconds &- rhs.nanoseconds)
    }

    /// The time from `rhs` to `lhs` (negative when `lhs` is earlier).
    @inlinable public static func - (lhs: Instant, rhs: Instant) -> TimeSpan {
        TimeSpan(nanoseconds: lhs.nanoseconds &- rhs.nanoseconds)
    }

    public var description: String { "\(nanoseconds) ns" }
}

/// A signed length of time, in nanoseconds.
///
/// Kept as one 64-bit integer (not `Swift.Duration`) so the real-time cycle does plain integer
/// arithmetic; ±292 years of range.
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    /// A span of `nanoseconds`.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// No time at all (computed and inlinable, like ``Instant/zero``).
    @inlinable public static var zero: TimeSpan { TimeSpan(nanoseconds: 0) }

    /// A span of `value` nanoseconds.
    @inlinable public static func nanoseconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value) }
    /// A span of `value` microseconds.
    @inlinable public static func microseconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value * 1_000) }
    /// A span of `value` milliseconds.
    @inlinable public static func milliseconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value * 1_000_000) }
    /// A span of `value` seconds.
    @inlinable public static func seconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value * 1_000_000_000) }

    /// The span in seconds, as a floating-point number (for reports, not for timing).
    @inlinable public var seconds: Double { Double(nanoseconds) * 1e-9 }
    /// The span in microseconds, as a floating-point number (for reports, not for timing).
    @inlinable public var microseconds: Double { Double(nanoseconds) * 1e-3 }

    @inlinable public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    @inlinable public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
    }
    @inlinable public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(nanoseconds: lhs.nanoseconds &- rhs.nanoseconds)
    }
    @inlinable public static func * (lhs: TimeSpan, rhs: Int64) -> TimeSpan {
        TimeSpan(nanoseconds: lhs.nanoseconds &* rhs)
    }
    @inlinable public static prefix func - (span: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: -span.nanoseconds) }

    public var description: String { "\(nanoseconds) ns" }
}

extension Instant: Codable {
    /// Decodes a plain integer of nanoseconds.
    public init(from decoder: any Decoder) throws {
        nanoseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes as a plain integer of nanoseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(nanoseconds)
    }
}

extension TimeSpan: Codable {
    /// Decodes a plain integer of nanoseconds.
    public init(from decoder: any Decoder) throws {
        nanoseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes as a plain integer of nanoseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(nanoseconds)
    }
}
