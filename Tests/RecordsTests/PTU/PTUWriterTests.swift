import Foundation
import Records
import SeededRandom
import Testing

/// The writer read back by the reader for every record type it writes, its header as the
/// readers need it, overflow records at the period boundaries, and what it refuses.
@Suite struct PTUWriterTests {
    /// A seeded stream of events in time order: a sync every `syncPeriod` ps, photons on four
    /// channels after some syncs, a marker now and then, and a pause (by default a second: thousands of
    /// overflow periods; `overflowRecordsAtThePeriodBoundaries` covers gaps past one V2 record's count).
    static func events(seed: UInt64, count: Int, syncPeriodPicoseconds: Int64, resolution: Int64,
                       pausePicoseconds: Int64 = 1_000_000_000_000) -> [PTUEvent] {
        var generator = Xoshiro256StarStar(seed: seed)
        var events: [PTUEvent] = []
        var time: Int64 = 0
        for index in 0..<count {
            time += syncPeriodPicoseconds
            if index == count / 3 { time += pausePicoseconds }            // one second: ~30 000 periods at 1 ps
            events.append(.sync(timePicoseconds: time / resolution * resolution))
            var clickTime = time
            for channel in 1...4 where generator.next(upperBound: 4) == 0 {
                clickTime += Int64(generator.next(upperBound: UInt64(syncPeriodPicoseconds / 8)))   // four stay inside the period
                events.append(.photon(channel: UInt8(channel), timePicoseconds: clickTime / resolution * resolution))
            }
            if generator.next(upperBound: 50) == 0 {
                events.append(.marker(bits: UInt8(1 + generator.next(upperBound: 15)), timePicoseconds: clickTime / resolution * resolution))
            }
        }
        return events
    }

    static let fixedGUID = "{12345678-9ABC-DEF0-1234-56789ABCDEF0}"

    @Test(arguments: [(PTURecordType.hydraHarpV2T2, Int64(1)), (.hydraHarpV1T2, 1), (.genericT2, 5), (.genericT2, 80),
                      (.timeHarp260NT2, 250), (.timeHarp260PT2, 25)])
    func writtenEventsReadBackExactly(type: PTURecordType, resolution: Int64) throws {
        let events = Self.events(seed: type.rawValue.asUInt64 &+ UInt64(resolution), count: 3_000, syncPeriodPicoseconds: 12_500_000,
                                 resolution: resolution)
        let writer = try PTUWriter(settings: PTUWriterSettings(recordType: type, globalResolutionPicoseconds: resolution,
                                                               syncRatePerSecond: 80_000, fileGUID: Self.fixedGUID,
                                                               creatingTimeSecondsSince1970: 1_700_000_000))
        for event in events { try writer.write(event) }
        try writer.finish()
        let reader = try PTUReader(bytes: writer.bytes)
        #expect(reader.format.recordType == type)
        #expect(reader.format.globalResolutionPicoseconds == resolution)
        #expect(reader.recordCount == writer.recordCount)
        let read = try reader.readAll()
        #expect(read.count == events.count)
        #expect(read == events)
        #expect(reader.decoder.overflowRecords == writer.recordCount - events.count)
        #expect(reader.decoder.ignoredRecords == 0)
    }

    @Test func theHeaderCarriesWhatTheStandardReadersLookFor() throws {
        let settings = PTUWriterSettings(recordType: .genericT2, globalResolutionPicoseconds: 5, syncRatePerSecond: 100_000,
                                         inputChannelCount: 8, fileGUID: Self.fixedGUID, creatingTimeSecondsSince1970: 1_700_000_000,
                                         comment: "bell-chsh, seed 1 — 4 detectors")
        let writer = try PTUWriter(settings: settings)
        try writer.writeSync(timePicoseconds: 0)
        try writer.writePhoton(channel: 8, timePicoseconds: 2_500_000_000_000)   // 2.5 s
        try writer.finish()
        let header = try PTUHeader.parse(writer.bytes)
        #expect(Array(writer.bytes.prefix(8)) == Array("PQTTTR\0\0".utf8))
        #expect(header.formatVersion == "1.0.00")
        #expect(header.measurementMode == 2)
        #expect(header.tag("Measurement_SubMode")?.value == .int(0))
        #expect(header.recordTypeCode == 0x0001_0207)
        #expect(header.tag("TTResultFormat_BitsPerRecord")?.value == .int(32))
        #expect(header.globalResolutionSeconds == 5e-12)
        #expect(header.resolutionSeconds == 5e-12)
        #expect(header.syncRatePerSecond == 100_000)
        #expect(header.declaredRecordCount == Int64(writer.recordCount))
        #expect(header.tag("MeasDesc_AcquisitionTime")?.value == .int(2_500))
        #expect(header.tag("HW_InpChannels")?.value == .int(9))
        #expect(header.hardwareType == "MultiHarp")
        #expect(header.fileGUID == Self.fixedGUID)
        #expect(header.creatorSoftwareName == "qdot")
        #expect(header.creatorSoftwareVersion == QdotVersion.current)
        #expect(header.comment == "bell-chsh, seed 1 — 4 detectors")
        #expect(header.tag("File_Comment")?.value.type == .wideString)   // not ASCII: a wide string
        #expect(header.creatingTimeSecondsSince1970.map { abs($0 - 1_700_000_000) < 1e-3 } == true)
        #expect(header.tags.last?.name == "Header_End")
        // Every tag's data is padded to 8 bytes, so the records start on an 8-byte boundary.
        #expect(header.recordsOffset % 8 == 0)
    }

    @Test func overflowRecordsAtThePeriodBoundaries() throws {
        // V2: the period is 2²⁵ ticks; one record carries up to 2²⁵ − 1 periods.
        let period: Int64 = 1 << 25
        let times: [Int64] = [0, period - 1, period, period + 1, 3 * period, 3 * period + ((1 << 25) - 1 + 2) * period]
        let v2 = try PTUWriter(settings: PTUWriterSettings(syncRatePerSecond: 1))
        for time in times { try v2.writeSync(timePicoseconds: time) }
        try v2.finish()
        // Overflow records: 1 before `period`, 1 (two periods) before 3·period, 2 for the 2²⁵+1-period gap.
        #expect(v2.recordCount == times.count + 1 + 1 + 2)
        #expect(try PTUReader(bytes: v2.bytes).readAll() == times.map { .sync(timePicoseconds: $0) })
        // V1: the period is 33 552 000 ticks and every overflow record is one period.
        let v1Period: Int64 = 33_552_000
        let v1Times: [Int64] = [v1Period - 1, v1Period, v1Period + 1, 5 * v1Period + 3]
        let v1 = try PTUWriter(settings: PTUWriterSettings(recordType: .hydraHarpV1T2, syncRatePerSecond: 1))
        for time in v1Times { try v1.writePhoton(channel: 2, timePicoseconds: time) }
        try v1.finish()
        #expect(v1.recordCount == v1Times.count + 5)
        #expect(try PTUReader(bytes: v1.bytes).readAll() == v1Times.map { .photon(channel: 2, timePicoseconds: $0) })
    }

    @Test func timesAreTruncatedToTheTimeTagUnit() throws {
        let writer = try PTUWriter(settings: PTUWriterSettings(recordType: .genericT2, globalResolutionPicoseconds: 5, syncRatePerSecond: 1))
        try writer.writeSync(timePicoseconds: 12)
        try writer.writePhoton(channel: 1, timePicoseconds: 14)
        try writer.finish()
        #expect(try PTUReader(bytes: writer.bytes).readAll() == [.sync(timePicoseconds: 10), .photon(channel: 1, timePicoseconds: 10)])
    }

    @Test func whatTheWriterRefusesNamesTheOffsetTheRecordWouldHave() throws {
        let writer = try PTUWriter(settings: PTUWriterSettings(syncRatePerSecond: 1))
        try writer.writeSync(timePicoseconds: 1_000)
        let next = writer.header.recordsOffset + 4
        func refusal(_ body: () throws -> Void) -> PTUError? {
            do { try body(); return nil } catch { return error as? PTUError }
        }
        for error in [refusal { try writer.writeSync(timePicoseconds: 999) },
                      refusal { try writer.writeSync(timePicoseconds: -1) },
                      refusal { try writer.writePhoton(channel: 0, timePicoseconds: 2_000) },
                      refusal { try writer.writePhoton(channel: 5, timePicoseconds: 2_000) },
                      refusal { try writer.writeMarker(bits: 0, timePicoseconds: 2_000) },
                      refusal { try writer.writeMarker(bits: 16, timePicoseconds: 2_000) }] {
            #expect(error?.kind == .eventNotWritable)
            #expect(error?.offset == next)
        }
        #expect(refusal { try writer.writeSync(timePicoseconds: 999) }?.message.contains("time order") == true)
        try writer.finish()
        #expect(refusal { try writer.writeSync(timePicoseconds: 5_000) }?.message.contains("finished") == true)
        #expect(refusal { _ = try PTUWriter(settings: PTUWriterSettings(recordType: .picoHarp300T2, syncRatePerSecond: 1)) }?.kind
                    == .unsupportedRecordType)
        #expect(refusal { _ = try PTUWriter(settings: PTUWriterSettings(globalResolutionPicoseconds: 0, syncRatePerSecond: 1)) }?.kind
                    == .unsupportedResolution)
        #expect(refusal { _ = try PTUWriter(settings: PTUWriterSettings(syncRatePerSecond: 1, inputChannelCount: 65)) }?.kind
                    == .eventNotWritable)
        // What was refused left no record behind.
        #expect(try PTUReader(bytes: writer.bytes).readAll() == [.sync(timePicoseconds: 1_000)])
    }

    @Test func aFileAppearsUnderItsNameOnlyWhenFinishedAndReadsInSmallChunks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-ptu-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/run.ptu").path
        let events = Self.events(seed: 7, count: 2_000, syncPeriodPicoseconds: 10_000_000, resolution: 1)
        let writer = try PTUWriter(path: path, settings: PTUWriterSettings(syncRatePerSecond: 100_000, fileGUID: Self.fixedGUID,
                                                                           creatingTimeSecondsSince1970: 1_700_000_000))
        for event in events { try writer.write(event) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: path + ".partial"))
        try writer.finish()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        // The same bytes as the in-memory writer's.
        let memory = try PTUWriter(settings: PTUWriterSettings(syncRatePerSecond: 100_000, fileGUID: Self.fixedGUID,
                                                                creatingTimeSecondsSince1970: 1_700_000_000))
        for event in events { try memory.write(event) }
        try memory.finish()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == memory.bytes)
        for chunkBytes in [4, 7, 64, 1 << 20] {
            let reader = try PTUReader(path: path, chunkBytes: chunkBytes)
            #expect(try reader.readAll() == events, "chunk of \(chunkBytes) bytes")
        }
        // Batches and single events mixed read every event once.
        let reader = try PTUReader(path: path, chunkBytes: 100)
        var mixed: [PTUEvent] = []
        var batch = [PTUEvent](repeating: .sync(timePicoseconds: 0), count: 37)
        while true {
            if let event = try reader.next() { mixed.append(event) } else { break }
            let count = try reader.read(into: &batch)
            mixed += batch[0..<count]
        }
        #expect(mixed == events)
    }
}

private extension UInt32 {
    var asUInt64: UInt64 { UInt64(self) }
}
