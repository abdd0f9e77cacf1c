public import ArgumentParser
public import Records
import ConfigFile

// Choices the command line takes by their on-disk names, so `--source` accepts, lists and refuses
// exactly the spellings results use.

extension ResultDocument.Station.Source: ExpressibleByArgument {}

/// The one check every number from the command line passes where it is read: inside its range,
/// or refused naming the option, the range and the value, as file mistakes are
/// ("--window-ns: expected 1 … 1 000 000 000 ns, found 9223372036854775807"). With the ranges
/// every option declares, the arithmetic done with the values afterwards cannot overflow.
///
/// Numeric options are parsed with `parsing: .unconditional`, so `--gate-delay-ns -5` hands
/// "-5" to this check instead of being read as a missing value and an unknown flag.
enum OptionBounds {
    /// `value` of `option` within `range` (`unit` after the bounds), or a `ValidationError`.
    static func check<Number: BinaryInteger>(_ option: String, _ value: Number?, in range: ClosedRange<Number>,
                                             unit: String = "") throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option): expected \(ConfigBounds.text(range, unit: unit)), found \(value)")
    }

    /// `value` of `option` within `range` (above `range.lowerBound` when `exclusiveLower`), or a
    /// `ValidationError`; NaN and infinities are outside every range.
    static func check(_ option: String, _ value: Double?, in range: ClosedRange<Double>, unit: String = "",
                      exclusiveLower: Bool = false) throws {
        guard let value else { return }
        let inside = range.contains(value) && !(exclusiveLower && value == range.lowerBound)
        if inside { return }
        let lower = exclusiveLower ? "more than \(format(range.lowerBound))" : format(range.lowerBound)
        let bounds = exclusiveLower ? "\(lower), at most \(format(range.upperBound))" : "\(lower) … \(format(range.upperBound))"
        throw ValidationError("\(option): expected \(bounds)\(unit.isEmpty ? "" : " " + unit), found \(value)")
    }

    /// A bound as a person writes it: `0`, `1 000 000`, `0.5`.
    private static func format(_ bound: Double) -> String { ConfigBounds.grouped(bound) }
}
