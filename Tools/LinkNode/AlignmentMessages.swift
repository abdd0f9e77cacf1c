public import LinkProtocol
public import Physics
import Vocabulary

/// A run of Alice's cycles whose detections she discloses for alignment: never part of a key block.
public struct AlignmentWindow: Hashable, Sendable {
    /// The first cycle and the number of cycles.
    public var start: Int64, length: Int64
    /// `start ..< start + length`.
    public var cycles: Range<Int64> { start..<(start + length) }
    /// The window.
    public init(start: Int64, length: Int64) {
        self.start = start
        self.length = length
    }
}

/// Bob's ``LinkProtocol/LinkMessageType/alignmentRequest`` (0x11): the digest of his node file's
/// world and block settings, and the window he asks Alice to disclose (the start-up alignment).
/// Bytes: digest (8), window start (8), window length (8), big-endian.
public struct AlignmentRequest: Hashable, Sendable {
    /// ``LinkNodeAgreement/digest`` of Bob's file.
    public var agreementDigest: UInt64
    /// The window to disclose.
    public var window: AlignmentWindow

    /// A request.
    public init(agreementDigest: UInt64, window: AlignmentWindow) {
        self.agreementDigest = agreementDigest
        self.window = window
    }

    /// The payload.
    public func encode() -> [UInt8] {
        var bytes: [UInt8] = []
        AlignmentBytes.append(agreementDigest, to: &bytes)
        AlignmentBytes.append(UInt64(bitPattern: window.start), to: &bytes)
        AlignmentBytes.append(UInt64(bitPattern: window.length), to: &bytes)
        return bytes
    }

    /// Reads a payload of exactly 24 bytes with a window of 1 … 2³⁰ cycles at a non-negative start.
    public init(decoding payload: [UInt8]) throws(LinkProtocolError) {
        var reader = AlignmentBytes(payload, messageType: LinkMessageType.alignmentRequest.rawValue)
        agreementDigest = try reader.word("agreement digest")
        window = try reader.window()
        try reader.finish()
    }
}

/// Alice's ``LinkProtocol/LinkMessageType/alignmentDisclosure`` (0x12): her detections in one or
/// more windows. Bytes: digest (8), window count (1), then per window: start (8), length (8),
/// detection count (4), and per detection one LEB128 varint of (gap << 2 | D/A << 1 | minus),
/// the gap counted from the window start or the previous detection's cycle + 1.
public struct AlignmentDisclosure: Hashable, Sendable {
    /// Alice's ``LinkNodeAgreement/digest``.
    public var agreementDigest: UInt64
    /// The windows and the detections in each (cycle order, inside the window).
    public var windows: [DisclosedWindow]

    /// One window's detections.
    public struct DisclosedWindow: Hashable, Sendable {
        /// The cycles.
        public var window: AlignmentWindow
        /// Alice's detections there, in cycle order.
        public var detections: [LinkDetection]
        /// A window's disclosure.
        public init(window: AlignmentWindow, detections: [LinkDetection]) {
            self.window = window
            self.detections = detections
        }
    }

    /// A disclosure.
    public init(agreementDigest: UInt64, windows: [DisclosedWindow]) {
        self.agreementDigest = agreementDigest
        self.windows = windows
    }

    /// The payload.
    public func encode() -> [UInt8] {
        var bytes: [UInt8] = []
        AlignmentBytes.append(agreementDigest, to: &bytes)
        bytes.append(UInt8(windows.count))
        for (window, detections) in windows.map({ ($0.window, $0.detections) }) {
            AlignmentBytes.append(UInt64(bitPattern: window.start), to: &bytes)
            AlignmentBytes.append(UInt64(bitPattern: window.length), to: &bytes)
            let count = UInt32(detections.count)
            bytes += [UInt8(count >> 24), UInt8(truncatingIfNeeded: count >> 16), UInt8(truncatingIfNeeded: count >> 8), UInt8(truncatingIfNeeded: count)]
            var next = window.start
            for detection in detections {
                let gap = UInt64(detection.cycle - next)
                var value = gap << 2 | (detection.analyzer == .diagonalAntidiagonal ? 2 : 0) | (detection.output == .minus ? 1 : 0)
                while value >= 0x80 {
                    bytes.append(UInt8(value & 0x7F) | 0x80)
                    value >>= 7
                }
                bytes.append(UInt8(value))
                next = detection.cycle + 1
            }
        }
        return bytes
    }

    /// Reads a payload: 1 … 8 windows, each detection inside its window and after the previous
    /// one, no more detections than cycles, nothing left over.
    public init(decoding payload: [UInt8]) throws(LinkProtocolError) {
        let type = LinkMessageType.alignmentDisclosure.rawValue
        var reader = AlignmentBytes(payload, messageType: type)
        agreementDigest = try reader.word("agreement digest")
        let windowCount = Int(try reader.byte("window count"))
        guard (1...8).contains(windowCount) else { throw .malformedPayload(messageType: type, reason: "window count \(windowCount), expected 1 … 8") }
        windows = []
        for index in 0..<windowCount {
            let window = try reader.window()
            let count = Int(try reader.word32("window \(index) detection count"))
            guard count <= window.length, count <= payload.count else {
                throw .malformedPayload(messageType: type, reason: "window \(index): \(count) detections in \(window.length) cycles and \(payload.count) bytes")
            }
            var detections: [LinkDetection] = []
            detections.reserveCapacity(count)
            var next = window.start
            for position in 0..<count {
                let value = try reader.varint("window \(index) detection \(position)")
                let gap = value >> 2
                guard gap < UInt64(window.start + window.length - next) else {
                    throw .malformedPayload(messageType: type, reason: "window \(index) detection \(position): cycle past the window's end")
                }
                let cycle = next + Int64(gap)
                detections.append(LinkDetection(cycle: cycle, analyzer: value & 2 != 0 ? .diagonalAntidiagonal : .horizontalVertical,
                                                output: value & 1 != 0 ? .minus : .plus))
                next = cycle + 1
            }
            windows.append(DisclosedWindow(window: window, detections: detections))
        }
        try reader.finish()
    }
}

/// Bounds-checked big-endian reading for the alignment payloads.
struct AlignmentBytes {
    let bytes: [UInt8]
    let messageType: UInt8
    var offset = 0

    init(_ bytes: [UInt8], messageType: UInt8) {
        self.bytes = bytes
        self.messageType = messageType
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func byte(_ field: String) throws(LinkProtocolError) -> UInt8 {
        guard offset < bytes.count else { throw .malformedPayload(messageType: messageType, reason: "\(field): ends early") }
        offset += 1
        return bytes[offset - 1]
    }

    mutating func word(_ field: String) throws(LinkProtocolError) -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(try byte(field)) }
        return value
    }

    mutating func word32(_ field: String) throws(LinkProtocolError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 { value = value << 8 | UInt32(try byte(field)) }
        return value
    }

    /// LEB128, at most 9 bytes (63 bits).
    mutating func varint(_ field: String) throws(LinkProtocolError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 63, by: 7) {
            let next = try byte(field)
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
        }
        throw .malformedPayload(messageType: messageType, reason: "\(field): a varint longer than 9 bytes")
    }

    mutating func window() throws(LinkProtocolError) -> AlignmentWindow {
        let start = Int64(bitPattern: try word("window start")), length = Int64(bitPattern: try word("window length"))
        guard start >= 0, start <= 1 << 50, (1...(1 << 30)).contains(length) else {
            throw .malformedPayload(messageType: messageType, reason: "window \(start) + \(length) cycles: expected a start 0 … 2⁵⁰ and 1 … 2³⁰ cycles")
        }
        return AlignmentWindow(start: start, length: length)
    }

    func finish() throws(LinkProtocolError) {
        guard offset == bytes.count else {
            throw .malformedPayload(messageType: messageType, reason: "\(bytes.count - offset) bytes after the last field")
        }
    }
}
