/// Version 3 of the run record (docs/record-format.md): the version-1 preamble and header, then a
/// run ID and a CRC-32C of everything before it; the records in blocks, each with its own header
/// naming the run and its place in the file, and a CRC-32C.
///
///     offset   size   field
///     0        8      magic "QDOTRUN\0"
///     8        4      format version 3 (UInt32)
///     12       4      header length H (UInt32)
///     16       H      header: UTF-8 JSON of `RecordHeaderV1`
///     16+H     8      run ID (UInt64): FNV-1a (64 bit) of the H header bytes
///     24+H     4      CRC-32C of bytes 0 ..< 24+H
///     28+H     …      blocks
///
/// A block: a 28-byte block header, then n records of 24 bytes (as in version 1):
///
///     0   4   block magic "QBLK"
///     4   4   record count n (UInt32, 1 … 4096)
///     8   8   run ID (the header's)
///     16  8   sequence number (UInt64: 0, 1, 2 … in file order)
///     24  4   CRC-32C of the block header's bytes 0 ..< 24 and its n records
extension RunRecordFormat {
    /// The version this qdot writes.
    public static let writtenVersion: UInt32 = 3
    /// The four bytes that start every block ("QBLK").
    public static let blockMagic: [UInt8] = Array("QBLK".utf8)
    /// Bytes of a block header.
    public static let blockHeaderSize = 28
    /// The most records a block holds: at most 98 304 bytes of records per CRC-32C.
    public static let maxRecordsPerBlock = 4_096
    /// Bytes of the run ID and header CRC after the header JSON.
    public static let headerTrailerSize = 12
    /// The longest header this qdot reads (a header is a few kilobytes; the limit keeps a damaged
    /// length from asking for gigabytes).
    public static let maxHeaderBytes = 1 << 20

    /// The run ID of a record whose header JSON is `json`: FNV-1a, 64 bit. Derived from the header,
    /// so a simulated run (same seed, same files) writes the same ID and stays byte-identical; a lab
    /// run's header holds a random `runNonce`, so two lab runs differ. Not a cryptographic hash:
    /// it tells runs apart, it does not authenticate them.
    public static func runID(headerJSON json: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in json { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// A run ID as messages print it.
    public static func describe(runID: UInt64) -> String {
        let digits = String(runID, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Stores a block header at `address` (28 bytes) for `count` records that follow it in memory,
    /// with the CRC-32C over both.
    public static func encodeBlockHeader(recordCount count: Int, runID: UInt64, sequenceNumber: UInt64,
                                         at address: UnsafeMutableRawPointer) {
        for (index, byte) in blockMagic.enumerated() { address.storeBytes(of: byte, toByteOffset: index, as: UInt8.self) }
        address.storeBytes(of: UInt32(count).littleEndian, toByteOffset: 4, as: UInt32.self)
        address.storeBytes(of: runID.littleEndian, toByteOffset: 8, as: UInt64.self)
        address.storeBytes(of: sequenceNumber.littleEndian, toByteOffset: 16, as: UInt64.self)
        let crc = blockCRC(header: UnsafeRawPointer(address), records: UnsafeRawPointer(address + blockHeaderSize), count: count)
        address.storeBytes(of: crc.littleEndian, toByteOffset: 24, as: UInt32.self)
    }

    /// The CRC-32C of a block: its header's first 24 bytes, then its `count` records.
    public static func blockCRC(header: UnsafeRawPointer, records: UnsafeRawPointer, count: Int) -> UInt32 {
        let head = CRC32C.checksum(UnsafeRawBufferPointer(start: header, count: 24))
        return CRC32C.checksum(UnsafeRawBufferPointer(start: records, count: count * recordSize), continuing: head)
    }
}
