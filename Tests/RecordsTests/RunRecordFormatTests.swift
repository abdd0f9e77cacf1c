import Vocabulary
import Experiments
import Records
import Firmware
import Foundation
import HAL
import SeededRandom
import Testing

/// The writer's check sum, computed from the field values, against Fletcher-16 as its definition
/// reads (docs/record-format.md): the 22 bytes other than the check, in file order, both sums
/// reduced modulo 255 after every byte.
@Suite struct RunRecordFormatTests {
    /// Fletcher-16, byte by byte, written here independently of `RunRecordFormat`.
    static func textbookFletcher16(_ bytes: [UInt8]) -> UInt16 {
        var sum1 = 0, sum2 = 0
        for byte in bytes {
            sum1 = (sum1 + Int(byte)) % 255
            sum2 = (sum2 + sum1) % 255
        }
        return UInt16(sum2 << 8 | sum1)
    }

    /// The record's bytes other than the check field, laid out by hand from the format table.
    static func checkedBytes(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: UInt16, cycle: Int64,
                             timestamp: Int64) -> [UInt8] {
        func littleEndian(_ value: UInt64, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return [kind, channel, codeA, codeB] + littleEndian(UInt64(setting), 2)
            + littleEndian(UInt64(bitPattern: cycle), 8) + littleEndian(UInt64(bitPattern: timestamp), 8)
    }

    static func expectSameCheck(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: UInt16, cycle: Int64,
                                timestamp: Int64) {
        let expected = textbookFletcher16(checkedBytes(kind: kind, channel: channel, codeA: codeA, codeB: codeB,
                                                       setting: setting, cycle: cycle, timestamp: timestamp))
        let fromFields = RunRecordFormat.check(kind: kind, channel: channel, codeA: codeA, codeB: codeB, setting: setting,
                                               cycle: cycle, timestamp: timestamp)
        #expect(fromFields == expected, "kind \(kind) channel \(channel) codes \(codeA)/\(codeB) setting \(setting) cycle \(cycle) t \(timestamp)")
        // What the writer stores reads back through the reader's byte-wise check.
        var record = [UInt8](repeating: 0xAA, count: RunRecordFormat.recordSize)
        record.withUnsafeMutableBytes { bytes in
            RunRecordFormat.encode(kind: kind, channel: channel, codeA: codeA, codeB: codeB, setting: setting, cycle: cycle,
                                   timestamp: timestamp, at: bytes.baseAddress!)
        }
        #expect(Array(record[0..<6]) + Array(record[8..<24])
                    == checkedBytes(kind: kind, channel: channel, codeA: codeA, codeB: codeB, setting: setting,
                                    cycle: cycle, timestamp: timestamp))
        #expect(UInt16(record[6]) | UInt16(record[7]) << 8 == expected)
        #expect(record.withUnsafeBytes { RunRecordFormat.check($0) } == expected)
    }

    /// The extremes: every byte 0, every byte 0xFF (the largest sums), sign bits, single bytes.
    @Test func extremeRecordsMatchTheByteWiseDefinition() {
        Self.expectSameCheck(kind: 0, channel: 0, codeA: 0, codeB: 0, setting: 0, cycle: 0, timestamp: 0)
        Self.expectSameCheck(kind: 255, channel: 255, codeA: 255, codeB: 255, setting: .max, cycle: -1, timestamp: -1)
        Self.expectSameCheck(kind: 1, channel: 3, codeA: 4, codeB: 4, setting: 35, cycle: .max, timestamp: .min)
        Self.expectSameCheck(kind: 3, channel: 1, codeA: 0, codeB: 0, setting: 0, cycle: .min, timestamp: .max)
        for byte in 0..<8 {
            let value = Int64(bitPattern: UInt64(0xFF) << (8 * UInt64(byte)))
            Self.expectSameCheck(kind: 2, channel: 0, codeA: 0, codeB: 0, setting: 0, cycle: value, timestamp: 0)
            Self.expectSameCheck(kind: 2, channel: 0, codeA: 0, codeB: 0, setting: 0, cycle: 0, timestamp: value)
        }
    }

    /// Ten thousand records with every field drawn at random (seeded, so a failure reproduces).
    @Test func randomRecordsMatchTheByteWiseDefinition() {
        var random = Xoshiro256StarStar(seed: 20_250_516)
        for _ in 0..<10_000 {
            let head = random.next(), cycle = random.next(), timestamp = random.next()
            Self.expectSameCheck(kind: UInt8(truncatingIfNeeded: head), channel: UInt8(truncatingIfNeeded: head >> 8),
                                 codeA: UInt8(truncatingIfNeeded: head >> 16), codeB: UInt8(truncatingIfNeeded: head >> 24),
                                 setting: UInt16(truncatingIfNeeded: head >> 32), cycle: Int64(bitPattern: cycle),
                                 timestamp: Int64(bitPattern: timestamp))
        }
    }

    /// More clicks than the writer's one-mebibyte buffer holds (43 690 records) come back from
    /// the file in order, with their totals and end record.
    @Test func clicksAcrossTheWritersBufferReadBack() throws {
        let example = try #require(ExperimentExamples.named("bbm92"))
        let experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        let path = try GoldenFiles.temporaryPath("long.qdotrec")
        let writer = try RunRecordWriter(path: path, header: RunRecordHeader(
            software: "test", experiment: experiment, schedule: try experiment.schedule(), board: "none",
            timingProfile: nil, seed: 1))
        var random = Xoshiro256StarStar(seed: 5)
        let clicks = (0..<100_000).map { index in
            ClickEvent(cycle: Int64(index / 2), setting: 0, channel: DetectorChannel(rawValue: Int(random.next() % 4))!,
                       codes: BasisCodes(armA: UInt8(random.next() % 2), armB: UInt8(random.next() % 2)),
                       timestamp: Instant(nanoseconds: Int64(index) * 5_000 + Int64(random.next() % 1_000)))
        }
        for click in clicks { try writer.write(click) }
        try writer.finish(cyclesPerSetting: [50_000], complete: true, boardNanoseconds: 500_000_000)
        let record = try RunRecord.read(contentsOf: path)
        #expect(record.clicks == clicks)
        #expect(record.cyclesPerSetting == [50_000])
        #expect(record.complete)
        #expect(record.boardNanoseconds == 500_000_000)
    }
}
