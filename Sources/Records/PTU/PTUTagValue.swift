/// A PTU header tag's value, decoded according to its type.
public enum PTUTagValue: Equatable, Sendable {
    /// `tyEmpty8`: no value.
    case empty
    /// `tyBool8`.
    case bool(Bool)
    /// `tyInt8`.
    case int(Int64)
    /// `tyBitSet64`.
    case bitSet(UInt64)
    /// `tyColor8`.
    case color(UInt64)
    /// `tyFloat8`.
    case float(Double)
    /// `tyTDateTime`: days since 1899-12-30 00:00 UTC (Delphi's TDateTime).
    case dateTime(days: Double)
    /// `tyFloat8Array`.
    case floatArray([Double])
    /// `tyAnsiString`, up to its first NUL (Windows-1252; read as UTF-8 when it is valid UTF-8,
    /// else byte by byte as Latin-1).
    case ansiString(String)
    /// `tyWideString`, up to its first NUL.
    case wideString(String)
    /// `tyBinaryBlob`.
    case binaryBlob([UInt8])

    /// The type code this value is written with.
    public var type: PTUTagType {
        switch self {
        case .empty: .empty8
        case .bool: .bool8
        case .int: .int8
        case .bitSet: .bitSet64
        case .color: .color8
        case .float: .float8
        case .dateTime: .dateTime
        case .floatArray: .float8Array
        case .ansiString: .ansiString
        case .wideString: .wideString
        case .binaryBlob: .binaryBlob
        }
    }

    /// The integer of an `int` value.
    public var int: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The double of a `float` value.
    public var float: Double? {
        if case .float(let value) = self { return value }
        return nil
    }

    /// The text of an ANSI or wide string.
    public var string: String? {
        switch self {
        case .ansiString(let text), .wideString(let text): text
        default: nil
        }
    }

    /// Seconds since 1970-01-01 00:00 UTC of a `dateTime` value (TDateTime day 25569 is 1970-01-01).
    public var secondsSince1970: Double? {
        if case .dateTime(let days) = self { return (days - 25_569) * 86_400 }
        return nil
    }
}
