/// The type of a PTU header tag's value, as the 32-bit code in each tag names it.
///
/// Eight-byte types hold their value in the tag itself; the types with a length (`float8Array`,
/// `ansiString`, `wideString`, `binaryBlob`) hold the length in bytes there, and the data follows
/// the tag.
public enum PTUTagType: UInt32, CaseIterable, Sendable {
    /// No value (`tyEmpty8`); `Header_End` is one.
    case empty8 = 0xFFFF_0008
    /// A boolean, zero or not (`tyBool8`).
    case bool8 = 0x0000_0008
    /// A signed 64-bit integer (`tyInt8`).
    case int8 = 0x1000_0008
    /// 64 flag bits (`tyBitSet64`).
    case bitSet64 = 0x1100_0008
    /// A colour, 64 bits (`tyColor8`).
    case color8 = 0x1200_0008
    /// An IEEE 754 double (`tyFloat8`).
    case float8 = 0x2000_0008
    /// A date: days since 1899-12-30 as a double (`tyTDateTime`, Delphi's TDateTime).
    case dateTime = 0x2100_0008
    /// An array of doubles; the tag holds its length in bytes (`tyFloat8Array`).
    case float8Array = 0x2001_FFFF
    /// An 8-bit string (Windows-1252), NUL-padded; the tag holds its length in bytes (`tyAnsiString`).
    case ansiString = 0x4001_FFFF
    /// A UTF-16LE string, NUL-padded; the tag holds its length in bytes (`tyWideString`).
    case wideString = 0x4002_FFFF
    /// Bytes; the tag holds their count (`tyBinaryBlob`).
    case binaryBlob = 0xFFFF_FFFF

    /// Whether data of the length the tag holds follows the tag.
    public var hasTrailingData: Bool {
        switch self {
        case .float8Array, .ansiString, .wideString, .binaryBlob: true
        default: false
        }
    }
}
