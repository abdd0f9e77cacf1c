/// Cascade's opening message, from the correcting side (Bob) to the answering side (Alice): the
/// seed of the passes' permutations, the key length, the number of passes, the first block size
/// and how the blocks grow. Both sides derive the same ``CascadeSchedule`` from it.
///
/// Wire: kind 0x03, UInt64 seed, UInt32 key length, UInt8 pass count, UInt32 first block size,
/// UInt8 block schedule.
public struct CascadeSetup: Hashable, Sendable {
    static let kind: UInt8 = 0x03
    /// The most passes a setup may ask for.
    public static let maximumPasses = 16

    /// Seed of the permutations of passes 2, 3, … (pass 1 keeps the key's order).
    public var seed: UInt64
    /// The reconciled key's length in bits (both sides must hold this many).
    public var keyLength: Int
    /// The number of passes.
    public var passCount: Int
    /// The block size of pass 1 in bits.
    public var firstBlockSize: Int
    /// How the later passes' blocks grow.
    public var blockSchedule: CascadeBlockSchedule

    /// A setup.
    public init(seed: UInt64, keyLength: Int, passCount: Int, firstBlockSize: Int, blockSchedule: CascadeBlockSchedule = .doubling) {
        self.seed = seed
        self.keyLength = keyLength
        self.passCount = passCount
        self.firstBlockSize = firstBlockSize
        self.blockSchedule = blockSchedule
    }

    /// The message bytes.
    public func encode() -> [UInt8] {
        var writer = WireWriter(kind: Self.kind)
        writer.append(seed)
        writer.append(UInt32(keyLength))
        writer.append(UInt8(passCount))
        writer.append(UInt32(firstBlockSize))
        writer.append(blockSchedule.rawValue)
        return writer.bytes
    }

    /// Decodes `bytes`; throws on a wrong kind, wrong length, or fields out of range.
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "Cascade setup", limitBytes: 19)
        let seed = try reader.readUInt64()
        let keyLength = try reader.readCount("key length", limit: WireFormat.maximumBlockBits)
        let passCount = Int(try reader.readByte())
        let firstBlockSize = Int(try reader.readUInt32())
        let scheduleByte = try reader.readByte()
        try reader.finish()
        guard let blockSchedule = CascadeBlockSchedule(rawValue: scheduleByte) else {
            throw .malformedMessage(message: "Cascade setup", detail: "unknown block schedule \(scheduleByte)")
        }
        self.init(seed: seed, keyLength: keyLength, passCount: passCount, firstBlockSize: firstBlockSize, blockSchedule: blockSchedule)
        do { try validate() } catch { throw .malformedMessage(message: "Cascade setup", detail: error.description) }
    }

    func validate() throws(KeyDistillationError) {
        guard keyLength >= 2, keyLength <= WireFormat.maximumBlockBits else {
            throw .invalidParameter(name: "Cascade key length", value: "\(keyLength) bits", expected: "2 … \(WireFormat.maximumBlockBits) bits")
        }
        guard passCount >= 1, passCount <= Self.maximumPasses else {
            throw .invalidParameter(name: "Cascade pass count", value: "\(passCount)", expected: "1 … \(Self.maximumPasses)")
        }
        guard firstBlockSize >= 2, firstBlockSize <= keyLength else {
            throw .invalidParameter(name: "Cascade first block size", value: "\(firstBlockSize) bits", expected: "2 … key length \(keyLength) bits")
        }
    }
}

/// One parity asked for: the bits at positions start ..< end of a pass's permuted key.
public struct CascadeParityQuery: Hashable, Sendable {
    /// The pass (0-based) whose permutation orders the key.
    public var pass: Int
    /// First position, in the pass's order.
    public var start: Int
    /// One past the last position.
    public var end: Int

    /// A query.
    public init(pass: Int, start: Int, end: Int) {
        self.pass = pass
        self.start = start
        self.end = end
    }
}

/// A batch of parity questions from the correcting side: all block parities of a new pass, or
/// one bisection step of every block being searched (so the link carries one round trip per
/// bisection level, not one per question).
///
/// Wire: kind 0x04, UInt32 count, count × (UInt8 pass, UInt32 start, UInt32 end).
public struct CascadeParityRequest: Hashable, Sendable {
    static let kind: UInt8 = 0x04
    /// The questions, answered in order.
    public var queries: [CascadeParityQuery]

    /// A request.
    public init(queries: [CascadeParityQuery]) { self.queries = queries }

    /// The message bytes.
    public func encode() -> [UInt8] {
        var writer = WireWriter(kind: Self.kind)
        writer.append(UInt32(queries.count))
        for query in queries {
            writer.append(UInt8(query.pass))
            writer.append(UInt32(query.start))
            writer.append(UInt32(query.end))
        }
        return writer.bytes
    }

    /// Decodes `bytes`; throws on a wrong kind, truncation, trailing bytes, more than 2²⁴
    /// queries or a query whose end is not after its start. (Whether the ranges fit the key is
    /// checked by the responder, which knows its length.)
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "Cascade parity request",
                                    limitBytes: 5 + 9 * WireFormat.maximumBlockBits)
        let count = try reader.readCount("query count", limit: WireFormat.maximumBlockBits)
        var queries: [CascadeParityQuery] = []
        queries.reserveCapacity(count)
        for number in 0..<count {
            let query = CascadeParityQuery(pass: Int(try reader.readByte()), start: Int(try reader.readUInt32()), end: Int(try reader.readUInt32()))
            guard query.end > query.start else {
                throw .malformedMessage(message: "Cascade parity request", detail: "query \(number) has an empty range \(query.start) ..< \(query.end)")
            }
            queries.append(query)
        }
        try reader.finish()
        self.queries = queries
    }
}

/// The answering side's parities, one bit per query of the request, in order. Each is one bit of
/// leakage about the key.
///
/// Wire: kind 0x05, then the parities as a bit string.
public struct CascadeParityReply: Hashable, Sendable {
    static let kind: UInt8 = 0x05
    /// Bit i: the parity asked for by query i.
    public var parities: BitString

    /// A reply.
    public init(parities: BitString) { self.parities = parities }

    /// The message bytes.
    public func encode() -> [UInt8] {
        var writer = WireWriter(kind: Self.kind)
        writer.append(parities)
        return writer.bytes
    }

    /// Decodes `bytes`; throws on a wrong kind, truncation or trailing bytes.
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "Cascade parity reply")
        parities = try reader.readBits("parities")
        try reader.finish()
    }
}
