internal import Foundation

/// A key's secret bytes. Printing, debug-printing, string interpolation and `dump` all show only
/// the length, so a key cannot reach a log by accident; ``withUnsafeKeyBytes(_:)`` and
/// ``base64`` are the only ways out, for the ETSI response and the disk file.
public struct KeyMaterial: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let bytes: [UInt8]

    /// Key material holding `bytes`.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The key's length in bits.
    public var bitCount: Int { bytes.count * 8 }

    /// The first `bits` bits (a multiple of 8, at most ``bitCount``).
    func prefix(bits: Int) -> KeyMaterial { KeyMaterial(bytes: Array(bytes.prefix(bits / 8))) }

    /// Calls `body` with the bytes; what `body` does with them is the caller's responsibility.
    public func withUnsafeKeyBytes<Result>(_ body: ([UInt8]) throws -> Result) rethrows -> Result { try body(bytes) }

    /// Key material from standard base64 with padding (RFC 4648 section 4), the store's files'
    /// form; nil for any other text (unpadded, other alphabets, whitespace: Foundation's decoder
    /// without options refuses them).
    init?(base64 text: String) {
        guard let data = Data(base64Encoded: text) else { return nil }
        bytes = Array(data)
    }

    /// The bytes in standard base64 with padding (RFC 4648 section 4), as ETSI GS QKD 014's `key`.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// "‹N-bit key, redacted›".
    public var description: String { "‹\(bitCount)-bit key, redacted›" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// No children: `dump` and mirrors see only ``description``.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
