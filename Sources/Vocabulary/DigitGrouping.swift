/// Numbers as qdot's messages write them: digits grouped by threes with spaces (the SI way), so a
/// person can count the zeros — `1 000 000`, and `0.5` or `1e+20` as they are. One writing for the
/// firmware's and the physics model's limits; `ConfigFile.ConfigBounds` keeps its own copy because
/// the config reader imports nothing.
public enum DigitGrouping {
    /// `number` with its digits grouped by threes: `-1 000 000`.
    public static func grouped<Number: BinaryInteger>(_ number: Number) -> String {
        let digits = String(number.magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { text.append(" ") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }

    /// A whole `number` below 10¹⁵ grouped as an integer; any other (a fraction, a huge value,
    /// an infinity or NaN) as Swift writes it — never a conversion that could trap.
    public static func grouped(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? grouped(Int64(number)) : String(number)
    }
}
