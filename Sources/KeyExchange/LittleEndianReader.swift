/// Reads little-endian integers; every read checks the bytes left and throws naming the message.
struct LittleEndianReader {
    private let bytes: [UInt8]
    private var position = 0
    private let message: String

    init(_ bytes: [UInt8], message: String) {
        self.bytes = bytes
        self.message = message
    }

    mutating func readByte() throws(KeyExchangeViolation) -> UInt8 { UInt8(try read(1)) }
    mutating func readUInt32() throws(KeyExchangeViolation) -> UInt32 { UInt32(try read(4)) }
    mutating func readUInt64() throws(KeyExchangeViolation) -> UInt64 { try read(8) }

    /// Throws when bytes are left over.
    func finish() throws(KeyExchangeViolation) {
        guard position == bytes.count else { throw KeyExchangeViolation("\(message): \(bytes.count - position) trailing bytes after byte \(position)") }
    }

    private mutating func read(_ count: Int) throws(KeyExchangeViolation) -> UInt64 {
        guard bytes.count - position >= count else {
            throw KeyExchangeViolation("\(message): truncated at byte \(position), \(count) more needed, \(bytes.count - position) left")
        }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += count
        return value
    }
}
