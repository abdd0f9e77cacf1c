import Records

/// A version-3 record's bytes laid out as version 1 (or 2, for a gate-mode header) — the preamble,
/// the header, the 24-byte records without block headers — as a qdot before version 3 wrote them,
/// so the tests of the version-1 reader (which stays, for older files) can still cut and damage
/// records written today.
enum Version1Layout {
    /// Where a version-3 record's first block starts: the preamble, the header, its run ID and CRC.
    static func blocksStart(_ bytes: [UInt8]) -> Int {
        16 + headerLength(bytes) + RunRecordFormat.headerTrailerSize
    }

    static func headerLength(_ bytes: [UInt8]) -> Int {
        Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24
    }

    /// `bytes`, a whole version-3 record, in the version-1 layout; `version` goes into the preamble.
    static func bytes(_ bytes: [UInt8], version: UInt8 = 1) -> [UInt8] {
        precondition(bytes[8] == 3, "a version-3 record")
        var result = Array(bytes[0..<16 + headerLength(bytes)])
        result[8] = version
        var offset = blocksStart(bytes)
        while offset < bytes.count {
            let count = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8
            let records = offset + RunRecordFormat.blockHeaderSize
            result += bytes[records..<records + count * RunRecordFormat.recordSize]
            offset = records + count * RunRecordFormat.recordSize
        }
        return result
    }
}
