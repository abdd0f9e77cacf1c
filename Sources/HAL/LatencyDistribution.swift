/// How late something happens on a board: at least `minimum`, plus an exponentially distributed
/// tail of mean `tailMean`, cut at `maximum` — the shape of a Linux wake-up or interrupt latency
/// without PREEMPT_RT (a floor set by the hardware and the handler's path, and a tail from other
/// interrupts and cache misses, cut by whatever bounds it).
public struct LatencyDistribution: Sendable, Hashable, CustomStringConvertible {
    /// The least latency.
    public var minimum: TimeSpan
    /// The mean of the exponential tail added to `minimum` (zero: always `minimum`).
    public var tailMean: TimeSpan
    /// The largest latency (the tail is cut here); at least `minimum`.
    public var maximum: TimeSpan

    /// A distribution from its figures (`maximum` raised to `minimum` if below it).
    public init(minimum: TimeSpan, tailMean: TimeSpan, maximum: TimeSpan) {
        self.minimum = minimum
        self.tailMean = tailMean
        self.maximum = maximum < minimum ? minimum : maximum
    }

    /// Always `latency`.
    public static func fixed(_ latency: TimeSpan) -> LatencyDistribution {
        LatencyDistribution(minimum: latency, tailMean: .zero, maximum: latency)
    }

    /// Always zero.
    public static let zero = LatencyDistribution.fixed(.zero)

    /// Whether every draw is the same (no tail, or no room for one).
    public var isFixed: Bool { tailMean == .zero || maximum == minimum }

    /// "2000 ns + exp(1000 ns), at most 50000 ns".
    public var description: String {
        isFixed ? "\(minimum.nanoseconds) ns"
            : "\(minimum.nanoseconds) ns + exponential tail of mean \(tailMean.nanoseconds) ns, at most \(maximum.nanoseconds) ns"
    }
}
