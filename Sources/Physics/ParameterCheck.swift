import Vocabulary

/// Field checks shared by the parameter structs, each returning the problem it finds.
///
/// Every check also rejects NaN and infinities, so no silent NaN reaches a sampler.
enum ParameterCheck {
    /// A probability: finite and in [0, 1].
    static func probability(_ value: Double, field: String) -> ParameterProblem? {
        value.isFinite && value >= 0 && value <= 1
            ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a probability in [0, 1]")
    }

    /// A number ≥ 0 and at most `maximum` (every field has a lab-sensible largest value, so no
    /// sample drawn from it overflows when it becomes picoseconds).
    static func nonNegative(_ value: Double, field: String, unit: String, atMost maximum: Double) -> ParameterProblem? {
        value >= 0 && value <= maximum
            ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a number 0 … \(DigitGrouping.grouped(maximum)) \(unit)")
    }

    /// A number > 0 and at most `maximum`.
    static func positive(_ value: Double, field: String, unit: String, atMost maximum: Double) -> ParameterProblem? {
        value > 0 && value <= maximum
            ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a number > 0, at most \(DigitGrouping.grouped(maximum)) \(unit)")
    }

    /// A whole number of picoseconds within `range`: "a time 0 … 1 000 000 000 ps".
    static func picoseconds(_ value: Int64, in range: ClosedRange<Int64>, field: String, what: String = "a time") -> ParameterProblem? {
        range.contains(value)
            ? nil : ParameterProblem(field: field, found: "\(value)",
                                     expected: "\(what) \(DigitGrouping.grouped(range.lowerBound)) … \(DigitGrouping.grouped(range.upperBound)) ps")
    }

    /// The longest delay or time a station field may give, 1 ms in picoseconds.
    static let longestPicoseconds: Int64 = 1_000_000_000

    /// A finite number of any sign.
    static func finite(_ value: Double, field: String, unit: String) -> ParameterProblem? {
        value.isFinite ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a finite number \(unit)")
    }
}
