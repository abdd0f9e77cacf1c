/// Decimal integer and float literals as TOML v1.0.0 writes them (section "Integer" and "Float").
///
/// Integers: optional sign, digits, `_` only between digits, no leading zeros (`1_000`, `-3`).
/// Floats: an integer part, then a fraction `.digits` and/or an exponent `e[sign]digits`
/// (`0.5`, `-2.5e-3`, `1e6`). `nan` and `inf` are refused: qdot's numbers are always finite.
enum ConfigNumberLiteral {
    static func parse(_ token: String) throws(ConfigSyntaxError) -> ConfigValue {
        if let plain = plainInteger(token) { return .integer(plain) }
        let scalars = Array(token.unicodeScalars)
        guard let first = scalars.first else {
            throw failure("expected a value (a \"string\", a number, true/false or [array]), found nothing")
        }
        let body = (first == "+" || first == "-") ? Array(scalars.dropFirst()) : scalars
        let bodyText = ConfigLineScanner.text(body)
        if bodyText == "nan" || bodyText == "inf" {
            throw failure("expected a finite number, found \(token)")
        }
        guard let leading = body.first, isDigit(leading) else {
            throw failure("expected a value (a \"string\" in double quotes, a number, true/false or [array]), found \(token)")
        }
        if body.count > 1, leading == "0", body[1] == "x" || body[1] == "o" || body[1] == "b" {
            throw failure("expected a decimal number, found \(token)")
        }
        // Split into integer part, fraction and exponent.
        var position = 0
        let integerPart = digitRun(body, &position)
        var fraction: [Unicode.Scalar]? = nil
        var exponent: [Unicode.Scalar]? = nil
        if position < body.count, body[position] == "." {
            position += 1
            fraction = digitRun(body, &position)
        }
        if position < body.count, body[position] == "e" || body[position] == "E" {
            position += 1
            var exponentDigits: [Unicode.Scalar] = []
            if position < body.count, body[position] == "+" || body[position] == "-" {
                exponentDigits.append(body[position])
                position += 1
            }
            exponentDigits += digitRun(body, &position)
            exponent = exponentDigits
        }
        guard position == body.count else {
            throw failure("expected a number like 1_000, -2.5 or 1e6, found \(token)")
        }
        try checkDigits(integerPart, of: token, allowLeadingZero: false)
        if let fraction { try checkDigits(fraction, of: token, allowLeadingZero: true) }
        if let exponent {
            let digits = exponent.first == "+" || exponent.first == "-" ? Array(exponent.dropFirst()) : exponent
            try checkDigits(digits, of: token, allowLeadingZero: true)
        }
        let cleaned = ConfigLineScanner.text(scalars.filter { $0 != "_" })
        if fraction == nil && exponent == nil {
            guard let integer = Int(cleaned) else {
                throw failure("expected an integer \(Int.min) … \(Int.max), found \(token)")
            }
            return .integer(integer)
        }
        guard let float = Double(cleaned), float.isFinite else {
            throw failure("expected a finite number (at most about 1.8e308), found \(token)")
        }
        return .float(float)
    }

    /// The common case, read without building arrays: an optional `-`, then 1 to 18 digits
    /// without a leading zero (so it fits in 64 bits); nil for anything else, which the full
    /// grammar judges.
    private static func plainInteger(_ token: String) -> Int? {
        let utf8 = token.utf8
        var digits = utf8[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard let first = digits.first, (1...18).contains(digits.count),
              first != UInt8(ascii: "0") || digits.count == 1 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    private static func failure(_ message: String) -> ConfigSyntaxError {
        ConfigSyntaxError(column: 0, message: message)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func digitRun(_ scalars: [Unicode.Scalar], _ position: inout Int) -> [Unicode.Scalar] {
        let start = position
        while position < scalars.count, isDigit(scalars[position]) || scalars[position] == "_" { position += 1 }
        return Array(scalars[start..<position])
    }

    /// Digits with `_` only between two digits; no leading zero in an integer part of several digits.
    private static func checkDigits(_ digits: [Unicode.Scalar], of token: String,
                                    allowLeadingZero: Bool) throws(ConfigSyntaxError) {
        guard let first = digits.first, let last = digits.last, isDigit(first), isDigit(last) else {
            throw failure("expected digits on both sides of '.', after 'e', and around '_', found \(token)")
        }
        for (offset, scalar) in digits.enumerated() where scalar == "_" {
            if digits[offset - 1] == "_" {
                throw failure("expected '_' only between two digits, found \(token)")
            }
        }
        if !allowLeadingZero, digits.count > 1, first == "0" {
            throw failure("expected no leading zeros, found \(token)")
        }
    }
}
