/// The stable key of a certified figure ("chsh-s", "qber-hv"): how results, dashboards and scripts
/// find a figure, so its spelling never changes.
///
/// An open set, like an enumeration whose cases are spread over the files that own them: each
/// experiment kind declares its keys beside its analysis (`extension FigureKey { static let … }`),
/// and the keys of every kind are here.
public struct FigureKey: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The key as results spell it.
    public let rawValue: String

    /// The key spelled `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The key spelled `value`.
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
}

extension FigureKey {
    /// Coincidences within the window per board second, all settings (every kind).
    public static let coincidenceRate: FigureKey = "coincidence-rate"
    /// A salvaged record's coincidences per complete trigger cycle, in place of the rate.
    public static let coincidencesPerCycle: FigureKey = "coincidences-per-cycle"
}
