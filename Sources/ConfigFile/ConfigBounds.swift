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

    /// A whole `number` below 10¹⁵ grouped as an integer (`0`, `1 000 000`); any other (`0.5`,
    /// `1e+20`, inf, nan) as Swift writes it — never a conversion that could trap.
    public static func grouped(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? grouped(Int64(number)) : String(number)
    }
}
