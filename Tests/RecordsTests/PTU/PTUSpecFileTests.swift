import Records
import Testing

/// Tiny files laid out byte by byte from the format description, decoded to the exact events:
/// every record kind of each layout, overflow counting per record type, the header's tags.
@Suite struct PTUSpecFileTests {
    typealias B = PTUSpecBytes

    /// The HydraHarp-family records used for the V1, V2, TimeHarp 260 and generic types.
    static let hydraHarpRecords: [UInt32] = [
        B.hydraHarp(special: true, channel: 0, timeTag: 100),                  // sync
        B.hydraHarp(special: false, channel: 0, timeTag: 150),                 // photon, input 1
        B.hydraHarp(special: false, channel: 3, timeTag: (1 << 25) - 1),       // photon, input 4, last tick of the period
        B.hydraHarp(special: true, channel: 63, timeTag: 3),                   // overflow: 3 periods (V1: one)
        B.hydraHarp(special: true, channel: 5, timeTag: 7),                    // marker bits 0101
        B.hydraHarp(special: true, channel: 63, timeTag: 0),                   // overflow, count 0 = one period
        B.hydraHarp(special: false, channel: 63, timeTag: 1),                  // photon, input 64
        B.hydraHarp(special: true, channel: 20, timeTag: 9),                   // undefined special: skipped
        B.hydraHarp(special: true, channel: 0, timeTag: 0),                    // sync at the period start
    ]

    /// The events those records stand for, given the periods before records 4 and 6 on, and the resolution.
    static func hydraHarpEvents(period: Int64, periodsAfterFirst: Int64, periodsAfterSecond: Int64, resolution: Int64) -> [PTUEvent] {
        [
            .sync(timePicoseconds: 100 * resolution),
            .photon(channel: 1, timePicoseconds: 150 * resolution),
            .photon(channel: 4, timePicoseconds: ((1 << 25) - 1) * resolution),
            .marker(bits: 5, timePicoseconds: (periodsAfterFirst * period + 7) * resolution),
            .photon(channel: 64, timePicoseconds: (periodsAfterSecond * period + 1) * resolution),
            .sync(timePicoseconds: periodsAfterSecond * period * resolution),
        ]
    }

    @Test func hydraHarpV2CountsOverflowsInTheRecord() throws {
        let bytes = B.file(recordType: 0x0101_0204, resolutionSeconds: 5e-12, records: Self.hydraHarpRecords)
        let reader = try PTUReader(bytes: bytes)
        #expect(reader.format.recordType == .hydraHarpV2T2)
        #expect(reader.format.globalResolutionPicoseconds == 5)
        #expect(try reader.readAll() == Self.hydraHarpEvents(period: 1 << 25, periodsAfterFirst: 3, periodsAfterSecond: 4, resolution: 5))
        #expect(reader.decoder.overflowRecords == 2)
        #expect(reader.decoder.overflowPeriods == 4)
        #expect(reader.decoder.ignoredRecords == 1)
        #expect(reader.decoder.recordsDecoded == 9)
    }

    @Test func hydraHarpV1CountsOnePeriodPerOverflowRecordOf33552000() throws {
        let bytes = B.file(recordType: 0x0001_0204, resolutionSeconds: 1e-12, records: Self.hydraHarpRecords)
        let reader = try PTUReader(bytes: bytes)
        #expect(reader.format.recordType == .hydraHarpV1T2)
        #expect(try reader.readAll() == Self.hydraHarpEvents(period: 33_552_000, periodsAfterFirst: 1, periodsAfterSecond: 2, resolution: 1))
        #expect(reader.decoder.overflowPeriods == 2)
    }

    @Test(arguments: [(UInt32(0x0001_0205), PTURecordType.timeHarp260NT2), (0x0001_0206, .timeHarp260PT2), (0x0001_0207, .genericT2)])
    func theOtherHydraHarpFamilyTypesReadLikeV2(code: UInt32, type: PTURecordType) throws {
        let bytes = B.file(recordType: code, resolutionSeconds: 80e-12, records: Self.hydraHarpRecords)
        let reader = try PTUReader(bytes: bytes)
        #expect(reader.format.recordType == type)
        #expect(try reader.readAll() == Self.hydraHarpEvents(period: 1 << 25, periodsAfterFirst: 3, periodsAfterSecond: 4, resolution: 80))
    }

    @Test func picoHarp300SyncOnChannelZeroMarkersInTheLowBitsOverflowOf210698240() throws {
        let records: [UInt32] = [
            B.picoHarp(channel: 0, timeTag: 10),                  // channel 0: the sync input
            B.picoHarp(channel: 1, timeTag: 20),                  // photon, input 1
            B.picoHarp(channel: 4, timeTag: (1 << 28) - 1),       // photon, input 4, the largest time tag
            B.picoHarp(channel: 15, timeTag: 0x120),              // special, low bits 0: an overflow
            B.picoHarp(channel: 15, timeTag: 0x126),              // special, low bits 0110: markers 2 and 3
            B.picoHarp(channel: 7, timeTag: 5),                   // channel 7: undefined, skipped
            B.picoHarp(channel: 2, timeTag: 0),                   // photon, input 2, at the period start
        ]
        let bytes = B.file(recordType: 0x0001_0203, resolutionSeconds: 4e-12, records: records)
        let reader = try PTUReader(bytes: bytes)
        #expect(reader.format.recordType == .picoHarp300T2)
        let period: Int64 = 210_698_240
        #expect(try reader.readAll() == [
            .sync(timePicoseconds: 40),
            .photon(channel: 1, timePicoseconds: 80),
            .photon(channel: 4, timePicoseconds: ((1 << 28) - 1) * 4),
            .marker(bits: 6, timePicoseconds: (period + 0x120) * 4),   // the marker bits are not time
            .photon(channel: 2, timePicoseconds: period * 4),
        ])
        #expect(reader.decoder.overflowRecords == 1)
        #expect(reader.decoder.ignoredRecords == 1)
    }

    @Test func theHeaderTagsReadBackTyped() throws {
        let extra = B.tag("CreatorSW_Name", type: B.tyAnsiString, value: 8) + Array("qdot".utf8) + [0, 0, 0, 0]
            + B.tag("File_Comment", type: B.tyWideString, value: 8) + [0x68, 0, 0xE9, 0, 0, 0, 0, 0]   // "hé"
            + B.tag("HW_InpChan_Offset", index: 2, type: B.tyInt8, value: UInt64(bitPattern: -7))
            + B.tag("MeasDesc_Restart", type: B.tyBool8, value: 1)
            + B.tag("File_CreatingTime", type: B.tyTDateTime, value: (25_569.5).bitPattern)
            + B.tag("SomeArray", type: B.tyFloat8Array, value: 16) + B.le64((1.5).bitPattern) + B.le64((-2.0).bitPattern)
            + B.tag("SomeBlob", type: B.tyBinaryBlob, value: 3) + [1, 2, 3]
        let bytes = B.file(recordType: 0x0101_0204, resolutionSeconds: 1e-12, records: [], extra: extra)
        let header = try PTUHeader.parse(bytes)
        #expect(header.formatVersion == "1.0.00")
        #expect(header.recordTypeCode == 0x0101_0204)
        #expect(header.declaredRecordCount == 0)
        #expect(header.globalResolutionSeconds == 1e-12)
        #expect(header.resolutionSeconds == 1e-12)
        #expect(header.syncRatePerSecond == 80_000_000)
        #expect(header.measurementMode == 2)
        #expect(header.fileGUID == "{00000000-0000-0000-0000-000000000001}")
        #expect(header.creatorSoftwareName == "qdot")
        #expect(header.comment == "hé")
        #expect(header.creatingTimeSecondsSince1970 == 43_200)
        #expect(header.tag("HW_InpChan_Offset", index: 2)?.value == .int(-7))
        #expect(header.tag("HW_InpChan_Offset") == nil)
        #expect(header.tag("MeasDesc_Restart")?.value == .bool(true))
        #expect(header.tag("SomeArray")?.value == .floatArray([1.5, -2.0]))
        #expect(header.tag("SomeBlob")?.value == .binaryBlob([1, 2, 3]))
        #expect(header.tags.last?.name == "Header_End")
        #expect(header.recordsOffset == bytes.count)
        // Tag offsets: the preamble is 16 bytes, File_GUID 48 + 40 bytes of string.
        #expect(header.tags[0].offset == 16)
        #expect(header.tags[1].offset == 16 + 48 + 40)
    }
}
