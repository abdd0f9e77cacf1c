public import HAL

extension BoardDefinition {
    /// The share of true pairs a coincidence window must keep to be resolvable by the stamps.
    public static let resolvedPairFraction = 0.99

    /// The narrowest coincidence window the board's click stamps resolve, in picoseconds, and what
    /// sets it; nil when the board does not say (kernel stamps with no timing profile).
    ///
    /// - Kernel stamps: two clicks at one instant on two lines are stamped apart by the difference
    ///   of two independent latencies; the window must hold 99 % of such pairs
    ///   (`LatencyDistribution.differenceQuantileNanoseconds`).
    /// - A hardware timestamping engine: one tick (two stamps of one instant differ by at most one).
    /// - An external tagger: its bin width.
    public var clickResolution: (picoseconds: Int64, reason: String)? {
        switch clicks.timestamps {
        case .kernelInterrupt:
            guard let profile = timingProfile else { return nil }
            let nanoseconds = profile.edgeStampLatency.differenceQuantileNanoseconds(Self.resolvedPairFraction)
            return (Self.kernelStampResolution(of: profile),
                    "the kernel stamps each click \(profile.edgeStampLatency) late (\(profile.name) timing profile), so two "
                        + "simultaneous clicks on two lines are stamped up to \(Int(nanoseconds.rounded(.up))) ns apart in 99 % of pairs")
        case .hardwareEngine(let tick):
            return (tick.nanoseconds * 1_000, "the hardware timestamping engine stamps in \(tick.nanoseconds) ns ticks")
        case .externalTagger(let bin):
            return (bin, "the external tagger stamps in \(bin) ps bins")
        }
    }

    /// The narrowest window a kernel's interrupt stamps with `profile` resolve, in picoseconds:
    /// 99 % of the differences of two independent stamp latencies.
    public static func kernelStampResolution(of profile: TimingProfile) -> Int64 {
        Int64((profile.edgeStampLatency.differenceQuantileNanoseconds(resolvedPairFraction) * 1_000).rounded(.up))
    }
}
