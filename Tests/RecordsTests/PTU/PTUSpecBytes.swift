/// PTU bytes laid out by hand from PicoQuant's format description (docs/tagger-ptu.md), with the
/// type codes and bit positions written out here, so the tests do not check the reader against
/// the writer's idea of the format.
enum PTUSpecBytes {
    /// Type codes, from the tag-type table.
    static let tyEmpty8: UInt32 = 0xFFFF_0008
    static let tyBool8: UInt32 = 0x0000_0008
    static let tyInt8: UInt32 = 0x1000_0008
    static let tyFloat8: UInt32 = 0x2000_0008
    static let tyTDateTime: UInt32 = 0x2100_0008
    static let tyFloat8Array: UInt32 = 0x2001_FFFF
    static let tyAnsiString: UInt32 = 0x4001_FFFF
    static let tyWideString: UInt32 = 0x4002_FFFF
    static let tyBinaryBlob: UInt32 = 0xFFFF_FFFF

    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
    static func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }

    /// "PQTTTR\0\0" and the version "1.0.00\0\0".
    static let preamble: [UInt8] = [0x50, 0x51, 0x54, 0x54, 0x54, 0x52, 0, 0, 0x31, 0x2E, 0x30, 0x2E, 0x30, 0x30, 0, 0]

    /// One 48-byte tag: the name NUL-padded to 32 bytes, index, type, 8-byte value.
    static func tag(_ name: String, index: Int32 = -1, type: UInt32, value: UInt64) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        return nameBytes + [UInt8](repeating: 0, count: 32 - nameBytes.count) + le32(UInt32(bitPattern: index)) + le32(type) + le64(value)
    }

    static func int(_ name: String, _ value: Int64) -> [UInt8] { tag(name, type: tyInt8, value: UInt64(bitPattern: value)) }
    static func float(_ name: String, _ value: Double) -> [UInt8] { tag(name, type: tyFloat8, value: value.bitPattern) }
    /// A string tag: its length (with NUL and padding to 8) in the tag, the bytes after it.
    static func ansi(_ name: String, _ text: String) -> [UInt8] {
        var data = Array(text.utf8) + [0]
        data += [UInt8](repeating: 0, count: (8 - data.count % 8) % 8)
        return tag(name, type: tyAnsiString, value: UInt64(data.count)) + data
    }
    static let headerEnd = tag("Header_End", type: tyEmpty8, value: 0)

    /// A T2 header with the tags a reader needs, `extra` tags before Header_End.
    static func header(recordType: UInt32, records: Int64, resolutionSeconds: Double, syncRate: Int64 = 80_000_000,
                       extra: [UInt8] = []) -> [UInt8] {
        preamble + ansi("File_GUID", "{00000000-0000-0000-0000-000000000001}") + int("Measurement_Mode", 2)
            + int("TTResultFormat_TTTRRecType", Int64(recordType)) + int("TTResult_NumberOfRecords", records)
            + float("MeasDesc_GlobalResolution", resolutionSeconds) + float("MeasDesc_Resolution", resolutionSeconds)
            + int("TTResult_SyncRate", syncRate) + extra + headerEnd
    }

    /// HydraHarp-family T2 record: special (bit 31), channel (bits 25–30), time tag (bits 0–24).
    static func hydraHarp(special: Bool, channel: UInt32, timeTag: UInt32) -> UInt32 {
        (special ? 1 << 31 : 0) | channel << 25 | timeTag
    }

    /// PicoHarp 300 T2 record: channel (bits 28–31), time tag (bits 0–27).
    static func picoHarp(channel: UInt32, timeTag: UInt32) -> UInt32 { channel << 28 | timeTag }

    /// A whole file: the header, then the records little-endian.
    static func file(recordType: UInt32, resolutionSeconds: Double, records: [UInt32], declaredRecords: Int64? = nil,
                     extra: [UInt8] = []) -> [UInt8] {
        header(recordType: recordType, records: declaredRecords ?? Int64(records.count), resolutionSeconds: resolutionSeconds,
               extra: extra) + records.flatMap(le32)
    }
}
