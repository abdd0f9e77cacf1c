
/// A string of bits packed 64 to a word: bit i is bit (i mod 64) of word i / 64, least significant
/// first — the order in which a bit string is also a GF(2) polynomial (bit i = coefficient of xⁱ),
/// as the Toeplitz hash reads it. Bits past `count` in the last word are always zero, so word-wise
/// popcount, parity and equality need no masking.
///
/// Every step of the distillation (sifted key, Cascade blocks, hash inputs, final key) is one.
public struct BitString: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The packed words, ⌈count / 64⌉ of them.
    public private(set) var words: [UInt64]
    /// The number of bits.
    public private(set) var count: Int

    /// `count` zero bits.
    public init(zeros count: Int) {
        self.count = max(0, count)
        words = [UInt64](repeating: 0, count: (self.count + 63) >> 6)
    }

    /// The bits of `bits`, in order.
    public init<Bits: Sequence>(bits: Bits) where Bits.Element == Bool {
        self.init(zeros: 0)
        for bit in bits { append(bit) }
    }

    /// `count` bits taken from `words` (least significant first). Throws when the words are too
    /// few for `count` or too many, or when a bit past `count` in the last word is set.
    public init(words: [UInt64], count: Int) throws(KeyDistillationError) {
        guard count >= 0, words.count == (count + 63) >> 6 else {
            throw .invalidParameter(name: "bit string words", value: "\(words.count) words for \(count) bits",
                                    expected: "\((max(0, count) + 63) >> 6) words")
        }
        if count & 63 != 0, let last = words.last, last >> UInt64(count & 63) != 0 {
            throw .invalidParameter(name: "bit string padding", value: "bits set past bit \(count)", expected: "zero padding")
        }
        self.words = words
        self.count = count
    }

    /// `count` uniformly random bits from `generator` (64 per draw).
    public static func random(count: Int, using generator: inout some RandomNumberGenerator) -> BitString {
        var result = BitString(zeros: count)
        for index in result.words.indices { result.words[index] = generator.next() }
        result.clearPadding()
        return result
    }

    /// Bit `index` (0 ..< count).
    public subscript(index: Int) -> Bool {
        get { (words[index >> 6] >> UInt64(index & 63)) & 1 == 1 }
        set {
            let mask: UInt64 = 1 << UInt64(index & 63)
            if newValue { words[index >> 6] |= mask } else { words[index >> 6] &= ~mask }
        }
    }

    /// Inverts bit `index`.
    public mutating func flip(_ index: Int) {
        words[index >> 6] ^= 1 << UInt64(index & 63)
    }

    /// Appends one bit.
    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        if bit { words[(count - 1) >> 6] |= 1 << UInt64((count - 1) & 63) }
    }

    /// The number of ones (Hamming weight).
    public var popcount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The parity (XOR of all bits): true when the number of ones is odd.
    public var parity: Bool { words.reduce(0, ^).nonzeroBitCount & 1 == 1 }

    /// The parity of the bits in `range` (a sub-range of 0 ..< count), a word at a time.
    public func parity(of range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let firstWord = range.lowerBound >> 6, lastWord = (range.upperBound - 1) >> 6
        let lowMask: UInt64 = ~0 << UInt64(range.lowerBound & 63)
        let highShift = UInt64(63 - ((range.upperBound - 1) & 63))
        let highMask: UInt64 = ~0 >> highShift
        return words.withUnsafeBufferPointer { buffer in
            if firstWord == lastWord { return (buffer[firstWord] & lowMask & highMask).nonzeroBitCount & 1 == 1 }
            var accumulated = (buffer[firstWord] & lowMask) ^ (buffer[lastWord] & highMask)
            var word = firstWord + 1
            while word < lastWord { accumulated ^= buffer[word]; word += 1 }
            return accumulated.nonzeroBitCount & 1 == 1
        }
    }

    /// The bits in `range` as a new string (bit `range.lowerBound` becomes bit 0).
    public func slice(_ range: Range<Int>) -> BitString {
        var result = BitString(zeros: range.count)
        let shift = UInt64(range.lowerBound & 63), firstWord = range.lowerBound >> 6
        for index in result.words.indices {
            var word = words[firstWord + index] >> shift
            if shift != 0, firstWord + index + 1 < words.count { word |= words[firstWord + index + 1] << (64 - shift) }
            result.words[index] = word
        }
        result.clearPadding()
        return result
    }

    /// The bits at `positions` (each < count, the caller's invariant), in that order: a sample of this string.
    func gathering(_ positions: [Int]) -> BitString {
        var result = BitString(zeros: positions.count)
        for (index, position) in positions.enumerated() where self[position] { result[index] = true }
        return result
    }

    /// The bits at `positions` (each < count), in that order: the Cascade passes' permuted keys.
    func gathering(_ positions: [UInt32]) -> BitString {
        var result = BitString(zeros: positions.count)
        words.withUnsafeBufferPointer { source in
            positions.withUnsafeBufferPointer { positions in
                result.words.withUnsafeMutableBufferPointer { target in
                    var index = 0
                    for word in 0..<target.count {
                        var packed: UInt64 = 0
                        let end = min(64, positions.count - index)
                        for bit in 0..<end {
                            let position = Int(positions[index + bit])
                            packed |= ((source[position >> 6] >> UInt64(position & 63)) & 1) << UInt64(bit)
                        }
                        target[word] = packed
                        index += end
                    }
                }
            }
        }
        return result
    }

    /// The bits whose positions are not in `removed` (sorted ascending, each < count), in order.
    func removing(sortedPositions removed: [Int]) -> BitString {
        var result = BitString(zeros: 0)
        result.words.reserveCapacity(words.count)
        var next = 0
        for index in 0..<count {
            if next < removed.count, removed[next] == index { next += 1; continue }
            result.append(self[index])
        }
        return result
    }

    /// The bitwise XOR of two strings of equal length (the error pattern of two keys).
    /// Strings of different lengths are a programming error here: the steps check lengths first.
    public static func ^ (left: BitString, right: BitString) -> BitString {
        precondition(left.count == right.count, "XOR of bit strings of \(left.count) and \(right.count) bits")
        var result = left
        for index in result.words.indices { result.words[index] ^= right.words[index] }
        return result
    }

    /// The number of positions where the two strings differ (same length).
    public func hammingDistance(to other: BitString) -> Int { (self ^ other).popcount }

    /// The length only, never the bits: a key interpolated into a log line must not leak.
    public var description: String { "\(count) bits" }

    /// The same as ``description`` (`String(reflecting:)` and test failure messages too).
    public var debugDescription: String { description }

    mutating func clearPadding() {
        if count & 63 != 0 { words[words.count - 1] &= (1 << UInt64(count & 63)) - 1 }
    }
}
