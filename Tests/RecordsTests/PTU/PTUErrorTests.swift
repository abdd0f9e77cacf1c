import Foundation
import Records
import Testing

/// Every way a PTU file is refused, each with the byte offset it names and a message that says
/// what was expected.
@Suite struct PTUErrorTests {
    typealias B = PTUSpecBytes

    /// The error reading `bytes` throws (nil: none).
    static func error(reading bytes: [UInt8]) -> PTUError? {
        do {
            let reader = try PTUReader(bytes: bytes)
            _ = try reader.readAll()
            return nil
        } catch {
            return error
        }
    }

    static let goodRecords: [UInt32] = [B.hydraHarp(special: true, channel: 0, timeTag: 1), B.hydraHarp(special: false, channel: 1, timeTag: 2)]
    static let good = B.file(recordType: 0x0101_0204, resolutionSeconds: 1e-12, records: goodRecords)

    @Test func theGoodFileReads() {
        #expect(Self.error(reading: Self.good) == nil)
    }

    @Test func anotherMagicIsNotPTU() throws {
        var bytes = Self.good
        bytes.replaceSubrange(0..<8, with: Array("PQHISTO\0".utf8))
        let error = try #require(Self.error(reading: bytes))
        #expect(error.kind == .notPTU)
        #expect(error.offset == 0)
        #expect(error.message.contains("PQTTTR"))
        #expect(Self.error(reading: [])?.kind == .truncatedHeader)
        #expect(Self.error(reading: [])?.offset == 0)
        #expect(Self.error(reading: Array("PQTT".utf8))?.kind == .truncatedHeader)
        #expect(Self.error(reading: Array("XQTT".utf8))?.kind == .notPTU)
    }

    @Test func aFileCutInsideATagIsATruncatedHeaderAtThatTag() throws {
        let guidTag = 16, modeTag = 16 + 48 + 40
        let error = try #require(Self.error(reading: Array(Self.good[0..<(modeTag + 10)])))
        #expect(error.kind == .truncatedHeader)
        #expect(error.offset == modeTag)
        #expect(error.message.contains("48-byte tag"))
        // Cut inside the GUID string's data: the offset is the length field that announced it.
        let inString = try #require(Self.error(reading: Array(Self.good[0..<(guidTag + 48 + 5)])))
        #expect(inString.kind == .truncatedHeader)
        #expect(inString.offset == guidTag + 40)
        // Cut inside the preamble.
        let inPreamble = try #require(Self.error(reading: Array(Self.good[0..<11])))
        #expect(inPreamble.kind == .truncatedHeader)
        #expect(inPreamble.offset == 0)
    }

    @Test func aTagListWithoutHeaderEndIsMissingHeaderEndAtTheLastTag() throws {
        let lastTag = 16 + (48 + 40)   // the second tag, after the GUID and its 40 bytes of text
        let bytes = B.preamble + B.ansi("File_GUID", "{00000000-0000-0000-0000-000000000001}") + B.int("Measurement_Mode", 2)
        let error = try #require(Self.error(reading: bytes))
        #expect(error.kind == .missingHeaderEnd)
        #expect(error.offset == lastTag)
        #expect(error.message.contains("Header_End"))
        let noTags = try #require(Self.error(reading: B.preamble))
        #expect(noTags.kind == .missingHeaderEnd)
        #expect(noTags.offset == 8)
    }

    @Test func anUnknownTagTypeNamesTheTypeField() throws {
        let bytes = B.preamble + B.tag("Odd", type: 0x1234_5678, value: 0) + B.headerEnd
        let error = try #require(Self.error(reading: bytes))
        #expect(error.kind == .unknownTagType)
        #expect(error.offset == 16 + 36)
        #expect(error.message.contains("0x12345678"))
    }

    @Test func negativeLengthsAndRaggedArraysAreInvalidValues() throws {
        let negative = B.preamble + B.tag("Text", type: B.tyAnsiString, value: UInt64(bitPattern: -8)) + B.headerEnd
        let error = try #require(Self.error(reading: negative))
        #expect(error.kind == .invalidTagValue)
        #expect(error.offset == 16 + 40)
        let ragged = B.preamble + B.tag("Array", type: B.tyFloat8Array, value: 12) + [UInt8](repeating: 0, count: 12) + B.headerEnd
        let arrayError = try #require(Self.error(reading: ragged))
        #expect(arrayError.kind == .invalidTagValue)
        #expect(arrayError.offset == 16 + 40)
        #expect(arrayError.message.contains("multiple of 8"))
        let huge = B.preamble + B.tag("Blob", type: B.tyBinaryBlob, value: UInt64(Int64.max)) + B.headerEnd
        let hugeError = try #require(Self.error(reading: huge))
        #expect(hugeError.kind == .truncatedHeader)
        #expect(hugeError.offset == 16 + 40)
    }

    @Test func aMissingRecordTypeOrResolutionIsAMissingTagAtHeaderEnd() throws {
        let noType = B.preamble + B.int("Measurement_Mode", 2) + B.headerEnd
        let error = try #require(Self.error(reading: noType))
        #expect(error.kind == .missingTag)
        #expect(error.offset == 16 + 48)
        #expect(error.message.contains("TTResultFormat_TTTRRecType"))
        let noResolution = B.preamble + B.int("TTResultFormat_TTTRRecType", 0x0101_0204) + B.int("TTResult_NumberOfRecords", 0) + B.headerEnd
        let resolutionError = try #require(Self.error(reading: noResolution))
        #expect(resolutionError.kind == .missingTag)
        #expect(resolutionError.offset == 16 + 96)
        #expect(resolutionError.message.contains("MeasDesc_GlobalResolution"))
        let noCount = B.preamble + B.int("TTResultFormat_TTTRRecType", 0x0101_0204) + B.float("MeasDesc_GlobalResolution", 1e-12) + B.headerEnd
        let countError = try #require(Self.error(reading: noCount))
        #expect(countError.kind == .missingTag)
        #expect(countError.message.contains("TTResult_NumberOfRecords"))
    }

    @Test func t3FilesAreRefusedAsT3() throws {
        // Measurement_Mode 3 is named first, at its value.
        var mode3 = Self.good
        let modeValue = 16 + 48 + 40 + 40
        mode3.replaceSubrange(modeValue..<modeValue + 8, with: B.le64(3))
        let modeError = try #require(Self.error(reading: mode3))
        #expect(modeError.kind == .unsupportedMeasurementMode)
        #expect(modeError.offset == modeValue)
        #expect(modeError.message.contains("T3"))
        // A T3 record type with mode 2 (or none): named by its record type.
        let t3 = B.file(recordType: 0x0101_0304, resolutionSeconds: 1e-12, records: [])
        let typeError = try #require(Self.error(reading: t3))
        #expect(typeError.kind == .unsupportedRecordType)
        #expect(typeError.offset == 16 + 88 + 48 + 40)
        #expect(typeError.message.contains("HydraHarp V2 T3"))
        #expect(typeError.message.contains("qdot reads T2 files only"))
        let unknown = try #require(Self.error(reading: B.file(recordType: 0x0001_0299, resolutionSeconds: 1e-12, records: [])))
        #expect(unknown.kind == .unsupportedRecordType)
        #expect(unknown.message.contains("unknown record type 0x00010299"))
    }

    @Test(arguments: [1.5e-12, 0, -1e-12, 2e-6, Double.nan, Double.infinity])
    func resolutionsThatAreNotWholePicosecondsUpTo1MicrosecondAreRefused(seconds: Double) throws {
        let error = try #require(Self.error(reading: B.file(recordType: 0x0101_0204, resolutionSeconds: seconds, records: [])))
        #expect(error.kind == .unsupportedResolution)
        #expect(error.offset == 16 + 88 + 48 * 3 + 40)
    }

    @Test func aRecordCountThatDisagreesWithTheFileIsAMismatchAtTheCount() throws {
        let countValue = 16 + 88 + 48 * 2 + 40
        for declared: Int64 in [0, 1, 3, -2] {
            let bytes = B.file(recordType: 0x0101_0204, resolutionSeconds: 1e-12, records: Self.goodRecords, declaredRecords: declared)
            let error = try #require(Self.error(reading: bytes))
            #expect(error.kind == .recordCountMismatch)
            #expect(error.offset == countValue)
            #expect(error.message.contains("declares \(declared) records"))
        }
    }

    @Test func aFileEndingInsideARecordIsATruncatedRecordAtItsStart() throws {
        let recordsOffset = Self.good.count - 8
        for cut in 1...3 {
            let error = try #require(Self.error(reading: Array(Self.good.dropLast(cut))))
            #expect(error.kind == .truncatedRecord)
            #expect(error.offset == recordsOffset + 4)
            #expect(error.message.contains("\(4 - cut) bytes into record 1"))
        }
    }

    @Test func overflowsPastInt64PicosecondsAreATimeOutOfRangeAtThatRecord() throws {
        // At 1 µs per tick, one overflow record of 2²⁵−1 periods is 1.1e21 ps: past Int64 at once.
        let one = B.file(recordType: 0x0101_0204, resolutionSeconds: 1e-6,
                         records: [B.hydraHarp(special: true, channel: 0, timeTag: 1), B.hydraHarp(special: true, channel: 63, timeTag: (1 << 25) - 1)])
        let error = try #require(Self.error(reading: one))
        #expect(error.kind == .timeOutOfRange)
        #expect(error.offset == one.count - 4)
        // 2¹³ periods per record at 1 µs is 2³⁸·10⁶ ps; the first record that takes the period start past
        // Int64.max − 2²⁵·10⁶ (so that every time tag of the period still fits) is refused.
        let step = Int64(1) << 38 * 1_000_000
        let limit = Int64.max - (Int64(1) << 25) * 1_000_000
        let firstBad = Int(limit / step) + 1
        let records = [UInt32](repeating: B.hydraHarp(special: true, channel: 63, timeTag: 1 << 13), count: firstBad + 5)
        let many = B.file(recordType: 0x0101_0204, resolutionSeconds: 1e-6, records: records)
        let manyError = try #require(Self.error(reading: many))
        #expect(manyError.kind == .timeOutOfRange)
        #expect(manyError.offset == many.count - 4 * records.count + 4 * (firstBad - 1))
        // One record fewer reads, and its last photon lands exactly where the arithmetic says.
        let fits = B.file(recordType: 0x0101_0204, resolutionSeconds: 1e-6,
                          records: Array(records.prefix(firstBad - 1)) + [B.hydraHarp(special: false, channel: 0, timeTag: (1 << 25) - 1)])
        let reader = try PTUReader(bytes: fits)
        #expect(try reader.readAll() == [.photon(channel: 1, timePicoseconds: Int64(firstBad - 1) * step + ((1 << 25) - 1) * 1_000_000)])
    }

    @Test func aMissingFileIsUnreadableAtOffsetZero() throws {
        #expect(throws: PTUError.self) { try PTUReader(path: "/nonexistent/qdot/none.ptu") }
        do {
            _ = try PTUReader(path: "/nonexistent/qdot/none.ptu")
        } catch {
            #expect(error.kind == .unreadableFile)
            #expect(error.offset == 0)
            #expect(error.path == "/nonexistent/qdot/none.ptu")
            #expect(error.description.hasPrefix("/nonexistent/qdot/none.ptu: byte offset 0: cannot open the file"))
        }
    }

    @Test func errorsFromAFileNameItAndMatchTheInMemoryReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-ptu-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cut.ptu").path
        let cut = Array(Self.good.dropLast(2))
        try Data(cut).write(to: URL(fileURLWithPath: path))
        let inMemory = try #require(Self.error(reading: cut))
        do {
            _ = try PTUReader(path: path)
            Issue.record("the truncated file was read")
        } catch {
            #expect(error.kind == inMemory.kind)
            #expect(error.offset == inMemory.offset)
            #expect(error.path == path)
        }
    }
}
