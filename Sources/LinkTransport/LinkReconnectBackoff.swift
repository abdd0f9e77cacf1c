/// Alice's waits between reconnection attempts: capped exponential backoff,
/// delay(n) = min(initialDelay · 2ⁿ, maximumDelay) after n failed attempts in a row
/// (n resets when a connection completes its resume handshake). No jitter: one Alice per link,
/// so there is no herd to spread, and the tests stay deterministic.
public struct LinkReconnectBackoff: Sendable, Equatable {
    /// The wait after the first failure (n = 0).
    public var initialDelay: Duration
    /// The longest wait.
    public var maximumDelay: Duration

    /// A backoff from `initialDelay` doubling up to `maximumDelay`.
    public init(initialDelay: Duration, maximumDelay: Duration) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// 0.1 s doubling to 10 s.
    public static let standard = LinkReconnectBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(10))

    /// The wait after `failures` failed attempts in a row: min(initialDelay · 2^failures, maximumDelay).
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = initialDelay
        for _ in 0..<max(0, failures) {
            if delay >= maximumDelay { break }
            delay = delay * 2
        }
        return min(delay, maximumDelay)
    }

    /// Throws unless 0 < initialDelay ≤ maximumDelay.
    public func validate() throws(LinkTransportError) {
        guard initialDelay > .zero else {
            throw .invalidConfiguration(field: "reconnectBackoff.initialDelay", value: initialDelay.description, requirement: "above zero")
        }
        guard maximumDelay >= initialDelay else {
            throw .invalidConfiguration(field: "reconnectBackoff.maximumDelay", value: maximumDelay.description,
                                        requirement: "at least initialDelay (\(initialDelay))")
        }
    }
}
