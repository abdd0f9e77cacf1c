import Foundation
import Records
import Testing

/// PTU files written by qdot 0.1.0 (`Golden/ptu-*.ptu`, see the Golden README): today's reader
/// reads them to the same events, and today's writer, given the same events and settings,
/// writes the same bytes, so a change to the written format shows up here first.
@Suite struct PTUGoldenFileTests {
    /// The events in the golden files, by arithmetic: a 10 µs trigger cycle, a photon in two
    /// cycles of three on inputs 1–4 in turn, a marker every 50 cycles, a 0.1 s pause after
    /// cycle 150 (an overflow record counting 2 980 periods at 1 ps).
    static func events(resolution: Int64) -> [PTUEvent] {
        var events: [PTUEvent] = []
        for cycle in 0..<300 {
            let trigger = Int64(cycle) * 10_000_000 + (cycle > 150 ? 100_000_000_000 : 0)
            events.append(.sync(timePicoseconds: trigger))
            if cycle % 3 != 0 {
                let time = (trigger + 1_234_567 + Int64(cycle) * 1_000) / resolution * resolution
                events.append(.photon(channel: UInt8(cycle % 4 + 1), timePicoseconds: time))
            }
            if cycle % 50 == 49 { events.append(.marker(bits: UInt8(cycle / 50 % 15 + 1), timePicoseconds: trigger + 9_000_000)) }
        }
        return events
    }

    static let golden: [(name: String, type: PTURecordType, resolution: Int64)] = [
        ("ptu-hydraharp-v2-1ps.ptu", .hydraHarpV2T2, 1), ("ptu-multiharp-5ps.ptu", .genericT2, 5),
    ]

    static func written(type: PTURecordType, resolution: Int64) throws -> [UInt8] {
        let writer = try PTUWriter(settings: PTUWriterSettings(
            recordType: type, globalResolutionPicoseconds: resolution, syncRatePerSecond: 100_000,
            fileGUID: "{60D3E000-0000-4000-8000-000000000001}", creatingTimeSecondsSince1970: 1_767_225_600,   // 2026-01-01
            comment: "qdot golden PTU file", creatorVersion: "0.1.0"))
        for event in events(resolution: resolution) { try writer.write(event) }
        try writer.finish()
        return writer.bytes
    }

    @Test(arguments: golden.indices)
    func goldenFilesReadToTheirEventsAndTodaysWriterWritesTheSameBytes(index: Int) throws {
        let file = Self.golden[index]
        let bytes = try GoldenFiles.bytes(file.name)
        let reader = try PTUReader(bytes: bytes, path: file.name)
        #expect(reader.format.recordType == file.type)
        #expect(reader.format.globalResolutionPicoseconds == file.resolution)
        #expect(reader.header.creatorSoftwareName == "qdot")
        #expect(reader.header.creatorSoftwareVersion == "0.1.0")
        #expect(try reader.readAll() == Self.events(resolution: file.resolution))
        #expect(try Self.written(type: file.type, resolution: file.resolution) == bytes)
    }
}
