/// How errors write the bounds of a field: "1 … 1 000 000 000 ns", digits grouped by threes
/// with spaces (the SI way), so a person can count the zeros.
public enum ConfigBounds {
    /// `range` as "lower … upper unit".
    public static func text<Number: BinaryInteger>(_ range: ClosedRange<Number>, unit: String = "") -> String {
        "\(grouped(range.lowerBound)) … \(grouped(range.upperBound))" + (unit.isEmpty ? "" : " \(unit)")
    }

    /// `number` with its digits grouped by threes: `-1 000 000`.
    public static func grouped<Number: BinaryInteger>(_ number: Number) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(" ") }
            grouped.append(digit)
        }
        return (number < 0 ? "-" : "") + grouped
    }
}
