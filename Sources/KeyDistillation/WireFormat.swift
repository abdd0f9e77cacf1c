/// The byte layout every distillation message shares: a kind byte, then fixed-width
/// little-endian integers and bit strings (a UInt32 bit count, then ⌈count/64⌉ UInt64 words).
/// The link's framing (LinkProtocol) adds version, length and authentication around these bytes.
enum WireFormat {
    /// The largest key block a message may describe: 2²⁴ bits (16.7 Mbit, 2 MiB of key).
    static let maximumBlockBits = 1 << 24
    /// The largest message: one full-size bit string plus room for the fixed fields.
    static let maximumMessageBytes = maximumBlockBits / 8 + 4096
}

/// Appends a message's fields.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init(kind: UInt8) { bytes.append(kind) }

    mutating func append(_ value: UInt8) { bytes.append(value) }
    mutating func append(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
    mutating func append(_ value: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) } }
    mutating func append(_ bits: BitString) {
        append(UInt32(bits.count))
        bytes.reserveCapacity(bytes.count + bits.words.count * 8)
        for word in bits.words { append(word) }
    }
}

/// Reads a message's fields; every read checks the bytes left and throws, naming the message.
struct WireReader {
    private let bytes: [UInt8]
    private var position = 0
    let message: String

    /// Checks the size limit and the kind byte.
    init(_ bytes: [UInt8], kind: UInt8, message: String, limitBytes: Int = WireFormat.maximumMessageBytes) throws(KeyDistillationError) {
        guard bytes.count <= limitBytes else { throw .oversizedMessage(message: message, byteCount: bytes.count, limitBytes: limitBytes) }
        self.bytes = bytes
        self.message = message
        let found = try readByte()
        guard found == kind else { throw .malformedMessage(message: message, detail: "kind byte \(found), expected \(kind)") }
    }

    mutating func readByte() throws(KeyDistillationError) -> UInt8 {
        guard position < bytes.count else { throw .malformedMessage(message: message, detail: "truncated at byte \(position)") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt32() throws(KeyDistillationError) -> UInt32 {
        try need(4)
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << UInt32(8 * index) }
        position += 4
        return value
    }

    mutating func readUInt64() throws(KeyDistillationError) -> UInt64 {
        try need(8)
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += 8
        return value
    }

    /// A count field, checked against `limit` before anything is allocated for it.
    mutating func readCount(_ field: String, limit: Int) throws(KeyDistillationError) -> Int {
        let value = Int(try readUInt32())
        guard value <= limit else { throw .malformedMessage(message: message, detail: "\(field) \(value) exceeds \(limit)") }
        return value
    }

    mutating func readBits(_ field: String, limit: Int = WireFormat.maximumBlockBits) throws(KeyDistillationError) -> BitString {
        let count = try readCount("\(field) bit count", limit: limit)
        let wordCount = (count + 63) >> 6
        try need(wordCount * 8)
        var words = [UInt64](repeating: 0, count: wordCount)
        for index in 0..<wordCount { words[index] = try readUInt64() }
        do { return try BitString(words: words, count: count) } catch {
            throw .malformedMessage(message: message, detail: "\(field): \(error)")
        }
    }

    /// Throws when bytes are left over.
    func finish() throws(KeyDistillationError) {
        guard position == bytes.count else {
            throw .malformedMessage(message: message, detail: "\(bytes.count - position) trailing bytes")
        }
    }

    private func need(_ count: Int) throws(KeyDistillationError) {
        guard bytes.count - position >= count else {
            throw .malformedMessage(message: message, detail: "truncated: \(count) bytes needed at byte \(position), \(bytes.count - position) left")
        }
    }
}
