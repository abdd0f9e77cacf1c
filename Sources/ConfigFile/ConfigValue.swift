/// One value of a config file: a string, an integer, a float, a boolean or a one-line array.
///
/// The subset of TOML v1.0.0 (https://toml.io/en/v1.0.0) that qdot's human-written files use.
/// Floats are always finite: the parser rejects `nan`, `inf` and literals that overflow.
public enum ConfigValue: Hashable, Sendable, CustomStringConvertible {
    /// A basic string in double quotes, escapes already decoded.
    case string(String)
    /// A decimal integer (64-bit).
    case integer(Int)
    /// A finite floating-point number.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// A one-line array `[a, b, c]`.
    case array([ConfigValue])

    /// The kind of value, as error messages name it: "string", "integer", "float", "boolean", "array".
    public var kindName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .array: "array"
        }
    }

    /// The value written back as a literal: `"qdot-sim"`, `3`, `1.3`, `true`, `[1, 2]`.
    public var description: String {
        switch self {
        case .string(let text): ConfigValue.quoted(text)
        case .integer(let number): String(number)
        case .float(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// Kind and literal together, for "found …" in error messages: `integer 3`, `string "x"`.
    public var kindAndLiteral: String { "\(kindName) \(description)" }

    /// `text` in double quotes with `"`, `\`, newline and tab escaped as the file would write them.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
