/// The logical value of a GPIO line: active or inactive.
///
/// Logical, not electrical: a line marked active-low in the board data is driven low when it is
/// `.active`. The backend applies the polarity (libgpiod's active-low flag on Linux, the line's
/// configuration on the simulated board), so the firmware never thinks about wiring.
public enum LineValue: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// Not asserted (0).
    case inactive = 0
    /// Asserted (1).
    case active = 1

    /// `.active` when `isActive`, else `.inactive`.
    @inlinable public init(_ isActive: Bool) { self = isActive ? .active : .inactive }

    /// Whether the value is `.active`.
    @inlinable public var isActive: Bool { self == .active }

    /// The other value.
    @inlinable public var toggled: LineValue { self == .active ? .inactive : .active }

    public var description: String { self == .active ? "1" : "0" }
}

/// Values for the lines of one request, one bit per line: bit `i` is line `i` of the request.
///
/// Used for the bulk set of lines that change together (for example both analyzers' basis-select
/// lines), which on Linux is one ioctl for the whole request.
public struct LineBits: Hashable, Sendable, CustomStringConvertible {
    /// The raw bits, line `i` at bit `i`.
    public var rawValue: UInt64

    /// Bits from a raw mask.
    @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// No bit set (computed and inlinable, like ``Instant/zero``).
    @inlinable public static var none: LineBits { LineBits(rawValue: 0) }

    /// Every line of a request of `count` lines.
    @inlinable public static func all(_ count: Int) -> LineBits {
        LineBits(rawValue: count >= 64 ? ~0 : (UInt64(1) << UInt64(count)) &- 1)
    }

    /// The value of line `index`.
    @inlinable public subscript(index: Int) -> LineValue {
        get { LineValue((rawValue >> UInt64(index)) & 1 == 1) }
        set {
            let bit = UInt64(1) << UInt64(index)
            rawValue = newValue.isActive ? rawValue | bit : rawValue & ~bit
        }
    }

    public var description: String { "0b" + String(rawValue, radix: 2) }
}
