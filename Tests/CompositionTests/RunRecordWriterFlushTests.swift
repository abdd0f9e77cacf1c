import Vocabulary
import Boards
import Experiments
import Records
@testable import Composition
import Firmware
import Foundation
import HAL
import Simulator
import Testing

/// The writer's bounded loss: with a wall clock the test moves, buffered clicks reach the file once
/// the oldest has waited the flush age, not before; the clock is never read per click; an fsync is
/// asked for at most once per sync interval; and flushing often never changes the bytes.
@Suite struct RunRecordWriterFlushTests {
    /// A wall clock the test sets, counting how often it is read.
    final class FakeWallClock: @unchecked Sendable {
        let origin = ContinuousClock.now
        var elapsed = Duration.zero
        var reads = 0
        func now() -> ContinuousClock.Instant {
            reads += 1
            return origin + elapsed
        }
    }

    /// The one block header before the records an age flush writes (format version 3).
    static let blockHeader = RunRecordFormat.blockHeaderSize

    struct Fixture {
        let path: String
        let writer: RunRecordWriter
        let clock: FakeWallClock
        /// Bytes of the preamble and header, written at once.
        let headerBytes: Int

        func fileBytes() throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: writer.partialPath)[.size] as? Int)
        }

        func write(clicks range: Range<Int>) throws {
            for index in range {
                try writer.write(ClickEvent(cycle: Int64(index), setting: 0, channel: .aPlus,
                                            codes: BasisCodes(armA: 0, armB: 1), timestamp: Instant(nanoseconds: Int64(index) * 10_000)))
            }
        }
    }

    func fixture(flushAge: Duration = .seconds(1), syncInterval: Duration? = nil) throws -> Fixture {
        let experiment = try ExperimentFixture.example("bbm92", cyclesPerSetting: 1_000)
        let path = try ExperimentFixture.temporaryPath("age.qdotrec")
        let clock = FakeWallClock()
        let writer = try RunRecordWriter(
            path: path, header: RunRecordHeader(software: "test", experiment: experiment, schedule: try experiment.schedule(),
                                                board: "none", timingProfile: nil, seed: 1),
            flushAge: flushAge, syncInterval: syncInterval, wallClock: clock.now)
        let headerBytes = try #require(try FileManager.default.attributesOfItem(atPath: writer.partialPath)[.size] as? Int)
        return Fixture(path: path, writer: writer, clock: clock, headerBytes: headerBytes)
    }

    @Test func bufferedClicksReachTheFileOnceTheOldestHasWaitedTheFlushAge() throws {
        let f = try fixture()
        try f.write(clicks: 0..<10)
        #expect(try f.writer.flushIfDue() == false)          // t = 0: first seen waiting
        #expect(try f.fileBytes() == f.headerBytes)
        f.clock.elapsed = .milliseconds(999)
        try f.write(clicks: 10..<20)
        _ = try f.writer.flushIfDue()
        #expect(try f.fileBytes() == f.headerBytes, "999 ms < 1 s: still buffered")
        f.clock.elapsed = .milliseconds(1_000)
        _ = try f.writer.flushIfDue()
        #expect(try f.fileBytes() == f.headerBytes + Self.blockHeader + 20 * RunRecordFormat.recordSize)
        #expect(f.writer.flushCount == 1)

        // The next batch's age counts from the first call that finds it waiting (t = 1.2 s).
        try f.write(clicks: 20..<25)
        f.clock.elapsed = .milliseconds(1_200)
        _ = try f.writer.flushIfDue()
        f.clock.elapsed = .milliseconds(2_199)
        _ = try f.writer.flushIfDue()
        #expect(try f.fileBytes() == f.headerBytes + Self.blockHeader + 20 * RunRecordFormat.recordSize)
        f.clock.elapsed = .milliseconds(2_200)
        _ = try f.writer.flushIfDue()
        #expect(try f.fileBytes() == f.headerBytes + Self.blockHeader + 25 * RunRecordFormat.recordSize)

        // What reached the file is a salvageable record: 25 clicks in cycles 0…24, the last left out.
        let salvaged = try SalvagedRunRecord.read(contentsOf: f.writer.partialPath)
        #expect(salvaged.stop == nil && !salvaged.hasEndRecord)
        #expect(salvaged.intactClicks == 25 && salvaged.cyclesSeen == 25 && salvaged.cyclesAnalysed == 24)
        #expect(salvaged.record.clicks.map(\.cycle) == Array(0..<24))
    }

    @Test func theClockIsReadPerCallOnlyWhileClicksWaitNeverPerClick() throws {
        let f = try fixture()
        let readsAtStart = f.clock.reads
        try f.write(clicks: 0..<5_000)
        #expect(f.clock.reads == readsAtStart)
        _ = try f.writer.flushIfDue()
        #expect(f.clock.reads == readsAtStart + 1)
        f.clock.elapsed = .seconds(1)
        _ = try f.writer.flushIfDue()
        #expect(f.clock.reads == readsAtStart + 2)
        _ = try f.writer.flushIfDue()                        // nothing buffered, no sync interval: no read
        #expect(f.clock.reads == readsAtStart + 2)
    }

    @Test func aFullBufferIsWrittenWhateverItsAge() throws {
        let f = try fixture(flushAge: .seconds(3_600))
        let perBlock = RunRecordFormat.maxRecordsPerBlock
        let perBuffer = 10 * perBlock  // 40 960 records in ten full blocks
        try f.write(clicks: 0..<(perBuffer + 1))
        #expect(try f.fileBytes() == f.headerBytes + 10 * (Self.blockHeader + perBlock * RunRecordFormat.recordSize))
        #expect(f.writer.flushCount == 1)
    }

    @Test func anFsyncIsAskedForAtMostOncePerSyncIntervalAndOnlyAfterNewBytes() throws {
        let f = try fixture(flushAge: .zero, syncInterval: .seconds(5))
        try f.write(clicks: 0..<3)
        #expect(try f.writer.flushIfDue() == false)          // t = 0: seen waiting; age 0 ≥ 0 flushes next call
        #expect(try f.writer.flushIfDue() == false)          // flushed, but 0 s since the file was made
        #expect(try f.fileBytes() == f.headerBytes + Self.blockHeader + 3 * RunRecordFormat.recordSize)
        f.clock.elapsed = .milliseconds(4_999)
        #expect(try f.writer.flushIfDue() == false)
        f.clock.elapsed = .seconds(5)
        #expect(try f.writer.flushIfDue() == true)
        try f.writer.synchronize()
        f.clock.elapsed = .seconds(11)
        #expect(try f.writer.flushIfDue() == false, "nothing written since the last fsync")
        try f.write(clicks: 3..<4)
        _ = try f.writer.flushIfDue()
        #expect(try f.writer.flushIfDue() == true)
        #expect(try f.writer.flushIfDue() == false)
    }

    /// The live pipeline asks the writer at every drain: clicks drained from the ring reach the
    /// file one flush age after the drain that first found them waiting.
    @Test func theLivePipelineFlushesByAgeAtItsDrains() throws {
        let f = try fixture()
        let experiment = try ExperimentFixture.example("bbm92", cyclesPerSetting: 1_000)
        let ring = ClickEventRing(capacity: 64)
        let pipeline = LivePipeline(ring: ring, accumulator: ExperimentAccumulator(definition: experiment, settingCount: 1),
                                    writer: f.writer, progress: nil, drainsOnCycle: true)
        for cycle in 0..<8 {
            #expect(ring.push(ClickEvent(cycle: Int64(cycle), setting: 0, channel: .bPlus, codes: BasisCodes(armA: 0, armB: 0),
                                         timestamp: Instant(nanoseconds: Int64(cycle) * 10_000))))
        }
        pipeline.cyclesCompleted(8)
        #expect(try f.fileBytes() == f.headerBytes)
        f.clock.elapsed = .milliseconds(500)
        pipeline.cyclesCompleted(9)
        #expect(try f.fileBytes() == f.headerBytes)
        f.clock.elapsed = .seconds(1)
        pipeline.cyclesCompleted(10)
        #expect(try f.fileBytes() == f.headerBytes + Self.blockHeader + 8 * RunRecordFormat.recordSize)
        #expect(pipeline.writeError == nil && pipeline.accumulator.eventsSeen == 8)
    }

    /// A run that flushes at every drain (age 0) writes the same bytes as the default: the age only
    /// moves when bytes reach the disk.
    @Test func flushingEveryDrainWritesTheSameRecordBytes() throws {
        let experiment = try ExperimentFixture.example("bbm92", cyclesPerSetting: 20_000)
        func record(flushAge: Duration?) throws -> Data {
            let path = try ExperimentFixture.temporaryPath("run.qdotrec")
            _ = try ExperimentFixture.run(experiment, record: path, ringCapacity: 1 << 10, recordFlushAge: flushAge)
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let everyDrain = try record(flushAge: .zero)
        let byDefault = try record(flushAge: nil)
        #expect(everyDrain.count > 24 * 5_000)
        #expect(everyDrain == byDefault)
    }
}
