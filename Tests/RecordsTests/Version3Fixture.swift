import Experiments
import Firmware
import Foundation
import HAL
import Records
import SeededRandom
import Vocabulary

/// Version-3 records written by today's `RunRecordWriter` for the tests: random clicks (seeded),
/// two per cycle on setting 0, and where each block starts.
enum Version3Fixture {
    struct Written {
        var bytes: [UInt8]
        var clicks: [ClickEvent]
        var cyclesPerSetting: [Int]
        /// Where the first block starts (after the header's run ID and CRC).
        var blocksStart: Int
        /// Where each block starts.
        var blockOffsets: [Int]
        var runID: UInt64

        /// The byte offset of record `index` of block `block`.
        func record(_ index: Int, ofBlock block: Int) -> Int {
            blockOffsets[block] + RunRecordFormat.blockHeaderSize + index * RunRecordFormat.recordSize
        }
        /// The bytes of block `block`.
        func block(_ block: Int) -> ArraySlice<UInt8> {
            bytes[blockOffsets[block]..<(block + 1 < blockOffsets.count ? blockOffsets[block + 1] : bytes.count)]
        }
    }

    static func header(kind: String, seed: UInt64, runNonce: UInt64? = nil) throws -> RunRecordHeader {
        guard let example = ExperimentExamples.named(kind) else { throw GoldenFiles.Missing(name: kind) }
        let experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        return RunRecordHeader(software: "test", experiment: experiment, schedule: try experiment.schedule(), board: "none",
                               timingProfile: "ideal", seed: seed, runNonce: runNonce)
    }

    static func clicks(_ count: Int, seed: UInt64) -> [ClickEvent] {
        var random = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { index in
            ClickEvent(cycle: Int64(index / 2), setting: 0, channel: DetectorChannel(rawValue: Int(random.next() % 4))!,
                       codes: BasisCodes(armA: UInt8(random.next() % 2), armB: UInt8(random.next() % 2)),
                       timestamp: Instant(nanoseconds: Int64(index) * 5_000 + Int64(random.next() % 1_000)))
        }
    }

    /// A record of `clickCount` clicks of a `kind` run with `seed`; `flushEvery` clicks the writer
    /// is flushed (as the age flush does) when given.
    static func write(kind: String = "bbm92", seed: UInt64 = 1, clicks clickCount: Int = 10_000, runNonce: UInt64? = nil,
                      flushEvery: Int? = nil) throws -> Written {
        let header = try header(kind: kind, seed: seed, runNonce: runNonce)
        let path = try GoldenFiles.temporaryPath("v3.qdotrec")
        let writer = try RunRecordWriter(path: path, header: header)
        let clicks = clicks(clickCount, seed: seed)
        for (index, click) in clicks.enumerated() {
            try writer.write(click)
            if let flushEvery, index % flushEvery == flushEvery - 1 { try writer.flush() }
        }
        var cyclesPerSetting = Array(repeating: 0, count: header.schedule.steps.count)
        cyclesPerSetting[0] = (clickCount + 1) / 2
        try writer.finish(cyclesPerSetting: cyclesPerSetting, complete: true, boardNanoseconds: Int64(clickCount) * 5_000)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let blocksStart = GoldenFiles.headerEnd(bytes) + RunRecordFormat.headerTrailerSize
        var offsets: [Int] = []
        var offset = blocksStart
        while offset < bytes.count {
            offsets.append(offset)
            let count = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8
            offset += RunRecordFormat.blockHeaderSize + count * RunRecordFormat.recordSize
        }
        return Written(bytes: bytes, clicks: clicks, cyclesPerSetting: cyclesPerSetting, blocksStart: blocksStart,
                       blockOffsets: offsets, runID: writer.runID)
    }

    /// The strict reader's refusal of `bytes`, nil when it reads them.
    static func refusal(_ bytes: [UInt8]) -> RunRecordError? {
        do { _ = try RunRecord.parse(bytes, path: "v3.qdotrec"); return nil } catch { return error }
    }
}

/// Version-3 bytes built from any header and any records, field values unchecked (what a damaged
/// or forged file may hold), with valid run IDs and CRCs, so only the range checks can refuse them.
enum Version3Bytes {
    struct Record {
        var kind: UInt8
        var channel: UInt8 = 0
        var codes = BasisCodes(armA: 0, armB: 0)
        var setting: UInt16 = 0
        var cycle: Int64
        var timestamp: Int64
    }

    static func make(header: RunRecordHeader, records: [Record]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = Array(try encoder.encode(RecordHeaderV1(header)))
        let runID = RunRecordFormat.runID(headerJSON: json)
        var bytes = RunRecordFormat.magic
        withUnsafeBytes(of: UInt32(3).littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { bytes += $0 }
        bytes += json
        withUnsafeBytes(of: runID.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: CRC32C.checksum(bytes).littleEndian) { bytes += $0 }
        var start = 0, sequence: UInt64 = 0
        while start < records.count {
            let chunk = records[start..<min(records.count, start + RunRecordFormat.maxRecordsPerBlock)]
            var block = [UInt8](repeating: 0, count: RunRecordFormat.blockHeaderSize + chunk.count * RunRecordFormat.recordSize)
            block.withUnsafeMutableBytes { raw in
                for (index, record) in chunk.enumerated() {
                    RunRecordFormat.encode(kind: record.kind, channel: record.channel, codeA: record.codes.armA,
                                           codeB: record.codes.armB, setting: record.setting, cycle: record.cycle,
                                           timestamp: record.timestamp,
                                           at: raw.baseAddress! + RunRecordFormat.blockHeaderSize + index * RunRecordFormat.recordSize)
                }
                RunRecordFormat.encodeBlockHeader(recordCount: chunk.count, runID: runID, sequenceNumber: sequence,
                                                  at: raw.baseAddress!)
            }
            bytes += block
            start += chunk.count
            sequence += 1
        }
        return bytes
    }
}
