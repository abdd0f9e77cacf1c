/// Writing a header: the preamble, then each tag as 48 bytes (name NUL-padded to 32, index,
/// type code, value or length) followed, for strings, arrays and blobs, by their data padded
/// with NULs to a multiple of 8 bytes, as PicoQuant's software pads them.
extension PTUHeader {
    /// The header's bytes, and the header read back from them (its tags' offsets filled in, so a
    /// writer knows where to patch a value later). `tags` should end with `Header_End`.
    public static func encode(formatVersion: String, tags: [PTUTag]) -> (bytes: [UInt8], header: PTUHeader) {
        var bytes = magic
        bytes += fixedWidth(Array(formatVersion.utf8), 8)
        var placed: [PTUTag] = []
        for tag in tags {
            var entry = tag
            entry.offset = bytes.count
            placed.append(entry)
            bytes += fixedWidth(Array(tag.name.utf8), 32)
            append(UInt32(bitPattern: tag.index), to: &bytes)
            append(tag.value.type.rawValue, to: &bytes)
            switch tag.value {
            case .empty: append(UInt64(0), to: &bytes)
            case .bool(let flag): append(UInt64(flag ? 1 : 0), to: &bytes)
            case .int(let value): append(UInt64(bitPattern: value), to: &bytes)
            case .bitSet(let value), .color(let value): append(value, to: &bytes)
            case .float(let value): append(value.bitPattern, to: &bytes)
            case .dateTime(let days): append(days.bitPattern, to: &bytes)
            case .floatArray(let values):
                append(UInt64(8 * values.count), to: &bytes)
                for value in values { append(value.bitPattern, to: &bytes) }
            case .ansiString(let text): appendPadded(Array(text.utf8) + [0], to: &bytes)
            case .wideString(let text):
                appendPadded((Array(text.utf16) + [0]).flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }, to: &bytes)
            case .binaryBlob(let data): appendPadded(data, to: &bytes)
            }
        }
        return (bytes, PTUHeader(formatVersion: formatVersion, tags: placed, recordsOffset: bytes.count))
    }

    /// A text tag's value: an ANSI string when the text is ASCII, else a wide (UTF-16) string.
    public static func textValue(_ text: String) -> PTUTagValue {
        text.unicodeScalars.allSatisfy(\.isASCII) ? .ansiString(text) : .wideString(text)
    }

    /// `value` as little-endian bytes appended to `bytes`.
    static func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// The length (8 bytes), then `data` NUL-padded to a multiple of 8.
    private static func appendPadded(_ data: [UInt8], to bytes: inout [UInt8]) {
        let padded = data + [UInt8](repeating: 0, count: (8 - data.count % 8) % 8)
        append(UInt64(padded.count), to: &bytes)
        bytes += padded
    }

    /// `data` cut or NUL-padded to `width` bytes.
    private static func fixedWidth(_ data: [UInt8], _ width: Int) -> [UInt8] {
        Array(data.prefix(width)) + [UInt8](repeating: 0, count: max(0, width - data.count))
    }
}
