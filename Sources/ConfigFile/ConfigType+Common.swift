extension ConfigType where Value == String {
    /// Any string; `example` shows the user what one looks like.
    public static func string(like example: String) -> ConfigType {
        ConfigType(expected: "a string like \(ConfigValue.quoted(example))") { value in
            guard case .string(let text) = value else { return .mismatch(found: value.kindAndLiteral) }
            return .decoded(text)
        }
    }

    /// A string with at least one non-blank character; an empty one is "found an empty string".
    public static func nonEmptyString(like example: String) -> ConfigType {
        ConfigType(expected: "a string like \(ConfigValue.quoted(example))") { value in
            guard case .string(let text) = value else { return .mismatch(found: value.kindAndLiteral) }
            guard text.contains(where: { !$0.isWhitespace }) else { return .mismatch(found: "an empty string") }
            return .decoded(text)
        }
    }
}

extension ConfigType where Value == Bool {
    /// `true` or `false`.
    public static var boolean: ConfigType {
        ConfigType(expected: "true or false") { value in
            guard case .boolean(let flag) = value else { return .mismatch(found: value.kindAndLiteral) }
            return .decoded(flag)
        }
    }
}

extension ConfigType where Value == Int {
    /// An integer within `range`, which every integer field declares (so no value read from a
    /// file can overflow the arithmetic done with it afterwards); `meaning` names it ("a time in
    /// nanoseconds") and `unit` follows the bounds: "expected a time in nanoseconds, 1 … 1 000 000 000 ns".
    public static func integer(_ meaning: String, in range: ClosedRange<Int>, unit: String = "") -> ConfigType {
        let expected = "\(meaning), \(ConfigBounds.text(range, unit: unit))"
        return ConfigType(expected: expected) { value in
            guard case .integer(let number) = value else { return .mismatch(found: value.kindAndLiteral) }
            if !range.contains(number) { return .mismatch(found: value.description) }
            return .decoded(number)
        }
    }
}

extension ConfigType where Value == Double {
    /// A number (integer or float), optionally within `range`; `meaning` names it ("a wavelength in nanometres").
    public static func number(_ meaning: String = "a number", in range: ClosedRange<Double>? = nil, unit: String = "") -> ConfigType {
        let expected = range.map { "\(meaning), \(format($0.lowerBound)) … \(format($0.upperBound))\(unit.isEmpty ? "" : " " + unit)" } ?? meaning
        return ConfigType(expected: expected) { value in
            guard let number = numericValue(value) else { return .mismatch(found: value.kindAndLiteral) }
            if let range, !range.contains(number) { return .mismatch(found: value.description) }
            return .decoded(number)
        }
    }

    /// A number greater than zero and at most `maximum`: "expected a positive number (board time
    /// per setting, in seconds), at most 1 000 000 s".
    public static func positiveNumber(_ meaning: String, atMost maximum: Double, unit: String = "") -> ConfigType {
        ConfigType(expected: "a positive number (\(meaning)), at most \(format(maximum))\(unit.isEmpty ? "" : " " + unit)") { value in
            guard let number = numericValue(value) else { return .mismatch(found: value.kindAndLiteral) }
            return number > 0 && number <= maximum ? .decoded(number) : .mismatch(found: value.description)
        }
    }

    /// A probability: a number in [0, 1].
    public static var probability: ConfigType { number("a probability", in: 0...1) }

    private static func numericValue(_ value: ConfigValue) -> Double? {
        switch value {
        case .float(let number): number
        case .integer(let number): Double(number)
        default: nil
        }
    }

    /// Bounds as a person writes them: `0` and `1`, not `0.0` and `1.0`.
    private static func format(_ bound: Double) -> String { ConfigBounds.grouped(bound) }
}

extension ConfigType where Value: CaseIterable & RawRepresentable & Sendable, Value.RawValue == String {
    /// One of an enumeration's raw values: "expected one of: as-is, disabled, pull-up, pull-down".
    public static func oneOf(_ type: Value.Type) -> ConfigType {
        oneOf(type.allCases.map { ($0.rawValue, $0) })
    }
}

extension ConfigType where Value: Sendable {
    /// One of the named `choices`, written as a string: "expected one of: inactive, active".
    public static func oneOf(_ choices: [(name: String, value: Value)]) -> ConfigType {
        let names = choices.map(\.name)
        return ConfigType(expected: "one of: " + names.joined(separator: ", ")) { value in
            guard case .string(let text) = value else { return .mismatch(found: value.kindAndLiteral) }
            guard let choice = choices.first(where: { $0.name == text }) else { return .mismatch(found: value.description) }
            return .decoded(choice.value)
        }
    }
}

extension ConfigType {
    /// A one-line array whose elements are each of type `element` (an empty array is allowed).
    public static func array<Element>(of element: ConfigType<Element>) -> ConfigType where Value == [Element] {
        ConfigType(expected: "an array of \(element.expected)") { value in
            guard case .array(let elements) = value else { return .mismatch(found: value.kindAndLiteral) }
            var decoded: [Element] = []
            decoded.reserveCapacity(elements.count)
            for (index, item) in elements.enumerated() {
                switch element.decode(item) {
                case .decoded(let itemValue): decoded.append(itemValue)
                case .mismatch(let found): return .mismatch(found: "\(found) at index \(index)")
                }
            }
            return .decoded(decoded)
        }
    }
}
