/// Reading the header from bytes: the 16-byte preamble (magic `PQTTTR\0\0`, format version),
/// then 48-byte tags (name 32 bytes, index Int32, type UInt32, value 8 bytes; little-endian), the
/// types with a length followed by their data, until `Header_End`.
extension PTUHeader {
    /// The first eight bytes of every PTU file. (Readers compare the first six, as PicoQuant's do.)
    public static let magic: [UInt8] = Array("PQTTTR".utf8) + [0, 0]
    /// The bytes of one tag entry before any trailing data.
    public static let tagEntryBytes = 48
    /// The bytes before the first tag: the magic and the format version.
    public static let preambleBytes = 16

    /// The header at the start of `bytes` (a whole file or a prefix that holds the whole header).
    public static func parse(_ bytes: [UInt8]) throws(PTUError) -> PTUHeader {
        try PTUError.typed { try bytes.withUnsafeBytes { try parse($0) } }
    }

    /// The header at the start of `bytes`; the file is taken to end where `bytes` ends.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(PTUError) -> PTUHeader {
        guard let header = try scan(bytes, endOfFile: true) else {
            // `scan` asks for more bytes only when the file may go on; kept as an error, not a trap.
            throw PTUError(.truncatedHeader, offset: 0, "the header is incomplete")
        }
        return header
    }

    /// The header at the start of `bytes`, or nil when `bytes` ends inside it: for bytes of a file
    /// or stream that is still growing. Mistakes that more bytes cannot mend throw.
    public static func parseIfComplete(_ bytes: UnsafeRawBufferPointer) throws(PTUError) -> PTUHeader? {
        try scan(bytes, endOfFile: false)
    }

    /// The header at the start of `bytes`, or nil when `bytes` ends inside it and more may come
    /// (`endOfFile` false: a prefix of a longer file, or a file a tagger is still writing).
    /// Mistakes that more bytes cannot mend (a wrong magic, an unknown tag type) throw either way.
    static func scan(_ bytes: UnsafeRawBufferPointer, endOfFile: Bool) throws(PTUError) -> PTUHeader? {
        let count = bytes.count
        for index in 0..<min(count, 6) where bytes[index] != magic[index] {
            let shown = (0..<min(count, 8)).map { printable(bytes[$0]) }.joined()
            throw PTUError(.notPTU, offset: 0,
                           "expected the PTU magic \"PQTTTR\" (a PicoQuant unified TTTR file), found \"\(shown)\"")
        }
        guard count >= preambleBytes else {
            if !endOfFile { return nil }
            throw PTUError(.truncatedHeader, offset: 0,
                           "the file ends after \(count) bytes; expected a 16-byte preamble (the magic \"PQTTTR\" and the format version) and tags")
        }
        let version = ansiText(UnsafeRawBufferPointer(rebasing: bytes[8..<16]))
        var tags: [PTUTag] = []
        var offset = preambleBytes
        while true {
            let remaining = count - offset
            guard remaining >= tagEntryBytes else {
                if !endOfFile { return nil }
                if remaining == 0, let last = tags.last {
                    throw PTUError(.missingHeaderEnd, offset: last.offset,
                                   "the file ends after \(tags.count) tags (the last, \(last.name), at this offset); "
                                   + "expected more tags up to Header_End, then the records")
                }
                if remaining == 0 {
                    throw PTUError(.missingHeaderEnd, offset: 8,
                                   "the file ends after the format version; expected the tag list, ending with Header_End")
                }
                throw PTUError(.truncatedHeader, offset: offset,
                               "the file ends \(remaining) bytes into a tag; expected a 48-byte tag (name 32, index 4, type 4, value 8)")
            }
            let name = ansiText(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 32]))
            let index = Int32(bitPattern: uint32(bytes, at: offset + 32))
            let typeCode = uint32(bytes, at: offset + 36)
            let field = uint64(bytes, at: offset + 40)
            guard let type = PTUTagType(rawValue: typeCode) else {
                throw PTUError(.unknownTagType, offset: offset + 36,
                               "tag \(quoted(name)) has type code \(PTUError.hex(typeCode)); expected one of the tag types "
                               + PTUTagType.allCases.map { PTUError.hex($0.rawValue) }.joined(separator: ", "))
            }
            var next = offset + tagEntryBytes
            let value: PTUTagValue
            if type.hasTrailingData {
                let length = Int64(bitPattern: field)
                guard length >= 0 else {
                    throw PTUError(.invalidTagValue, offset: offset + 40,
                                   "tag \(quoted(name)) gives a negative length \(length); expected the byte count of its data")
                }
                guard length <= Int64(count - next) else {
                    if !endOfFile { return nil }
                    throw PTUError(.truncatedHeader, offset: offset + 40,
                                   "tag \(quoted(name)) announces \(length) bytes of data but the file ends \(count - next) bytes after the tag")
                }
                let data = UnsafeRawBufferPointer(rebasing: bytes[next..<next + Int(length)])
                next += Int(length)
                switch type {
                case .ansiString: value = .ansiString(ansiText(data))
                case .wideString: value = .wideString(wideText(data))
                case .binaryBlob: value = .binaryBlob(Array(data))
                default:
                    guard length % 8 == 0 else {
                        throw PTUError(.invalidTagValue, offset: offset + 40,
                                       "tag \(quoted(name)) is an array of doubles of \(length) bytes; expected a multiple of 8")
                    }
                    value = .floatArray((0..<Int(length) / 8).map { Double(bitPattern: uint64(data, at: 8 * $0)) })
                }
            } else {
                switch type {
                case .empty8: value = .empty
                case .bool8: value = .bool(field != 0)
                case .int8: value = .int(Int64(bitPattern: field))
                case .bitSet64: value = .bitSet(field)
                case .color8: value = .color(field)
                case .float8: value = .float(Double(bitPattern: field))
                default: value = .dateTime(days: Double(bitPattern: field))
                }
            }
            tags.append(PTUTag(name: name, index: index, value: value, offset: offset))
            offset = next
            if name == PTUTagName.headerEnd {
                return PTUHeader(formatVersion: version, tags: tags, recordsOffset: offset)
            }
        }
    }

    /// Four little-endian bytes at `offset` (inside `bytes`: the callers check).
    static func uint32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Eight little-endian bytes at `offset` (inside `bytes`: the callers check).
    static func uint64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// 8-bit text up to its first NUL: UTF-8 when it is valid UTF-8, else Latin-1 byte by byte
    /// (Windows-1252 differs only in 0x80–0x9F).
    static func ansiText(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = bytes.prefix { $0 != 0 }
        if let utf8 = String(validating: text, as: UTF8.self) { return utf8 }
        return String(String.UnicodeScalarView(text.map { Unicode.Scalar($0) }))
    }

    /// UTF-16LE text up to its first NUL; an odd last byte is ignored, and unpaired surrogates
    /// become U+FFFD.
    static func wideText(_ bytes: UnsafeRawBufferPointer) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        for index in 0..<bytes.count / 2 {
            let unit = UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8
            if unit == 0 { break }
            units.append(unit)
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// A tag name in quotes, with what is not printable escaped (names come from the file).
    private static func quoted(_ name: String) -> String {
        var text = "\""
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20, scalar.value < 0x7F {
                text.unicodeScalars.append(scalar)
            } else {
                text += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return text + "\""
    }

    /// One byte as text for a message: printable ASCII as is, the rest as \xNN.
    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }
}
