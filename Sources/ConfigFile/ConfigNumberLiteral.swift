/// Decimal integer and float literals as TOML v1.0.0 writes them (section "Integer" and "Float").
///
/// Integers: optional sign, digits, `_` only between digits, no leading zeros (`1_000`, `-3`).
/// Floats: an integer part, then a fraction `.digits` and/or an exponent `e[sign]digits`
/// (`0.5`, `-2.5e-3`, `1e6`). `nan` and `inf` are refused: qdot's numbers are always finite.
enum ConfigNumberLiteral {
    static func parse(_ token: String) throws(ConfigSyntaxError) -> ConfigValue {
        let scalars = Array(token.unicodeScalars)
        guard let first = scalars.first else {
            throw failure("expected a value (a \"string\", a number, true/false or [array])")
        }
        let body = (first == "+" || first == "-") ? Array(scalars.dropFirst()) : scalars
        let bodyText = String(String.UnicodeScalarView(body))
        if bodyText == "nan" || bodyText == "inf" {
            throw failure("\(token) is not accepted; numbers must be finite")
        }
        guard let leading = body.first, isDigit(leading) else {
            throw failure("expected a value (a \"string\" in double quotes, a number, true/false or [array]), found \(token)")
        }
        if body.count > 1, leading == "0", body[1] == "x" || body[1] == "o" || body[1] == "b" {
            throw failure("only decimal numbers are supported, found \(token)")
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
            throw failure("malformed number \(token)")
        }
        try checkDigits(integerPart, of: token, allowLeadingZero: false)
        if let fraction { try checkDigits(fraction, of: token, allowLeadingZero: true) }
        if let exponent {
            let digits = exponent.first == "+" || exponent.first == "-" ? Array(exponent.dropFirst()) : exponent
            try checkDigits(digits, of: token, allowLeadingZero: true)
        }
        let cleaned = String(String.UnicodeScalarView(scalars.filter { $0 != "_" }))
        if fraction == nil && exponent == nil {
            guard let integer = Int(cleaned) else {
                throw failure("integer \(token) is out of range [\(Int.min), \(Int.max)]")
            }
            return .integer(integer)
        }
        guard let float = Double(cleaned), float.isFinite else {
            throw failure("float \(token) is out of range (it would be infinite)")
        }
        return .float(float)
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
            throw failure("malformed number \(token): digits needed on both sides of '.', after 'e', and around '_'")
        }
        for (offset, scalar) in digits.enumerated() where scalar == "_" {
            if digits[offset - 1] == "_" {
                throw failure("malformed number \(token): '_' must sit between two digits")
            }
        }
        if !allowLeadingZero, digits.count > 1, first == "0" {
            throw failure("malformed number \(token): leading zeros are not allowed")
        }
    }
}
