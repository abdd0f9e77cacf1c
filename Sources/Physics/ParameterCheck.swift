/// Field checks shared by the parameter structs, each returning the problem it finds.
///
/// Every check also rejects NaN and infinities, so no silent NaN reaches a sampler.
enum ParameterCheck {
    /// A probability: finite and in [0, 1].
    static func probability(_ value: Double, field: String) -> ParameterProblem? {
        value.isFinite && value >= 0 && value <= 1
            ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a probability in [0, 1]")
    }

    /// A finite number ≥ 0.
    static func nonNegative(_ value: Double, field: String, unit: String) -> ParameterProblem? {
        value.isFinite && value >= 0
            ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a finite number ≥ 0 \(unit)")
    }

    /// A finite number > 0.
    static func positive(_ value: Double, field: String, unit: String) -> ParameterProblem? {
        value.isFinite && value > 0
            ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a finite number > 0 \(unit)")
    }

    /// A finite number of any sign.
    static func finite(_ value: Double, field: String, unit: String) -> ParameterProblem? {
        value.isFinite ? nil : ParameterProblem(field: field, found: "\(value)", expected: "a finite number \(unit)")
    }
}
