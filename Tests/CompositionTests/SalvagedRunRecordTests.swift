import Composition
import Experiments
import Records
import Firmware
import Foundation
import HAL
import Testing

/// The salvage reader on what a crash can leave: a record cut at every byte of its last records,
/// a corrupted check sum mid-file, a click out of order, a whole record; and the salvaged figures
/// of a long run cut short equal those of a complete run of the same first cycles.
@Suite struct SalvagedRunRecordTests {
    struct Recorded {
        var bytes: [UInt8]
        var headerEnd: Int
        var record: RunRecord
        /// Records in the file: clicks, setting totals, end.
        var recordCount: Int { (bytes.count - headerEnd) / RunRecordFormat.recordSize }
    }

    /// A run's record in the version-1 layout (`Version1Layout`): the reader of version 1 and 2
    /// files, which a crash of an older qdot left, salvages them as before. (Version 3's blocks:
    /// `Version3SalvageTests`.)
    func recorded(_ name: String = "bell-chsh", cyclesPerSetting: Int = 100) throws -> Recorded {
        let (path, written, _) = try ExperimentFixture.record(name, cyclesPerSetting: cyclesPerSetting)
        let bytes = Version1Layout.bytes(written)
        return Recorded(bytes: bytes, headerEnd: 16 + Version1Layout.headerLength(bytes),
                        record: try RunRecord.parse(bytes, path: path))
    }

    /// Cut at every byte offset from five records before the last click to the end of the file:
    /// never a trap or a throw, reading stops at the first incomplete record (saying "truncated" and
    /// its offset), and the analysed clicks are those of the cycles before the last one seen.
    @Test func aRecordCutAtEveryByteOfItsLastRecordsStopsAtTheCutRecord() throws {
        let full = try recorded()
        let size = RunRecordFormat.recordSize
        let clicks = full.record.clicks
        let settings = full.record.cyclesPerSetting.count
        let lastClickStart = full.headerEnd + size * (clicks.count - 1)
        #expect(full.recordCount == clicks.count + settings + 1)
        for cut in (lastClickStart - 5 * size)...full.bytes.count {
            let salvaged = try SalvagedRunRecord.parse(Array(full.bytes[0..<cut]), path: "cut.qdotrec")
            let whole = (cut - full.headerEnd) / size
            #expect(salvaged.intactBytes == full.headerEnd + whole * size, "cut at \(cut)")
            #expect(salvaged.fileBytes == cut)
            if (cut - full.headerEnd) % size == 0 {
                #expect(salvaged.stop == nil, "cut at \(cut)")
            } else {
                let stop = try #require(salvaged.stop, "cut at \(cut)")
                #expect(stop.offset == salvaged.intactBytes && stop.message.contains("truncated"), "cut at \(cut): \(stop)")
            }
            #expect(salvaged.hasEndRecord == (whole == full.recordCount), "cut at \(cut)")
            let intact = min(whole, clicks.count)
            #expect(salvaged.intactClicks == intact, "cut at \(cut)")
            if salvaged.hasEndRecord {
                #expect(salvaged.record.clicks == clicks)
                continue
            }
            let lastCycle = clicks[intact - 1].cycle
            #expect(salvaged.cyclesSeen == lastCycle + 1 && salvaged.cyclesAnalysed == lastCycle, "cut at \(cut)")
            #expect(salvaged.record.clicks == clicks.filter { $0.cycle < lastCycle }, "cut at \(cut)")
            #expect(salvaged.clicksLeftOut == clicks[0..<intact].filter { $0.cycle == lastCycle }.count)
            #expect(salvaged.record.cyclesPerSetting.reduce(0, +) == Int(lastCycle))
            #expect(!salvaged.record.complete && salvaged.record.boardNanoseconds == 0)
        }
    }

    /// Cuts inside the preamble and header cannot be salvaged: an error with the byte offset, no trap.
    @Test func aCutInsideThePreambleOrHeaderIsAnErrorNeverATrap() throws {
        let full = try recorded(cyclesPerSetting: 10)
        for cut in 0..<full.headerEnd {
            #expect(throws: RunRecordError.self, "cut at \(cut)") {
                _ = try SalvagedRunRecord.parse(Array(full.bytes[0..<cut]), path: "cut.qdotrec")
            }
        }
        let justTheHeader = try SalvagedRunRecord.parse(Array(full.bytes[0..<full.headerEnd]), path: "cut.qdotrec")
        #expect(justTheHeader.intactClicks == 0 && justTheHeader.cyclesSeen == 0 && justTheHeader.cyclesAnalysed == 0)
        #expect(justTheHeader.record.cyclesPerSetting == Array(repeating: 0, count: full.record.cyclesPerSetting.count))
    }

    /// A flipped byte in a middle record: reading stops before it, naming its offset as the strict
    /// reader does; the records before it are kept.
    @Test func aCorruptedCheckSumMidFileStopsBeforeItAndSaysWhere() throws {
        var full = try recorded()
        let middle = full.record.clicks.count / 2
        let offset = full.headerEnd + RunRecordFormat.recordSize * middle
        full.bytes[offset + 19] ^= 0x10
        let salvaged = try SalvagedRunRecord.parse(full.bytes, path: "x.qdotrec")
        let stop = try #require(salvaged.stop)
        #expect(stop.offset == offset && stop.message.contains("corrupted record: check sum"))
        #expect(stop.description.hasPrefix("x.qdotrec: byte offset \(offset): "))
        #expect(salvaged.intactBytes == offset && salvaged.intactClicks == middle && !salvaged.hasEndRecord)
        let strict = try #require(throws: RunRecordError.self) { try RunRecord.parse(full.bytes, path: "x.qdotrec") }
        #expect(strict.offset == stop.offset && strict.message == stop.message)
        let lastCycle = full.record.clicks[middle - 1].cycle
        #expect(salvaged.record.clicks == full.record.clicks.filter { $0.cycle < lastCycle })
    }

    /// A click whose cycle goes back (with a valid check sum) is out of order: reading stops there.
    @Test func aClickOutOfCycleOrderStopsTheReading() throws {
        var full = try recorded()
        let index = full.record.clicks.count / 3
        let click = full.record.clicks[index]
        let earlier = full.record.clicks[index - 1].cycle - 5
        let offset = full.headerEnd + RunRecordFormat.recordSize * index
        full.bytes.withUnsafeMutableBytes { bytes in
            RunRecordFormat.encode(kind: RunRecordFormat.clickKind, channel: UInt8(click.channel.rawValue),
                                   codeA: click.codes.armA, codeB: click.codes.armB, setting: UInt16(click.setting),
                                   cycle: earlier, timestamp: click.timestamp.nanoseconds, at: bytes.baseAddress! + offset)
        }
        let salvaged = try SalvagedRunRecord.parse(full.bytes, path: "x.qdotrec")
        let stop = try #require(salvaged.stop)
        #expect(stop.offset == offset + 8 && stop.message.contains("cycle \(earlier) after cycle"))
        #expect(salvaged.intactClicks == index)
    }

    /// A whole record salvages to exactly what the strict reader reads, and its findings are the
    /// normal ones, with no salvage mark.
    @Test func aWholeRecordSalvagesToWhatTheStrictReaderReads() throws {
        let full = try recorded()
        let salvaged = try SalvagedRunRecord.parse(full.bytes, path: "x.qdotrec")
        #expect(salvaged.hasEndRecord && salvaged.stop == nil && salvaged.intactBytes == full.bytes.count)
        #expect(salvaged.record.clicks == full.record.clicks)
        #expect(salvaged.record.cyclesPerSetting == full.record.cyclesPerSetting)
        #expect(salvaged.record.complete == full.record.complete)
        #expect(salvaged.record.boardNanoseconds == full.record.boardNanoseconds)
        let findings = RecordAnalysis.findings(salvaged)
        #expect(findings.salvage == nil)
        #expect(findings == RecordAnalysis.findings(full.record))
    }

    /// A long BBM92 run cut just after the first click of cycle c gives, salvaged, the same counts
    /// and figures as a complete run of exactly c cycles with the same seed (whose first c cycles
    /// are the same): the salvage neither loses nor invents a click of a complete cycle.
    @Test func aCutLongRunGivesTheFiguresOfACompleteShortRun() throws {
        let long = try recorded("bbm92", cyclesPerSetting: 6_000)
        let first = try #require(long.record.clicks.firstIndex { $0.cycle >= 2_000 })
        let c = long.record.clicks[first].cycle
        let cut = long.headerEnd + RunRecordFormat.recordSize * (first + 1)
        let salvaged = try SalvagedRunRecord.parse(Array(long.bytes[0..<cut]), path: "cut.qdotrec")
        #expect(salvaged.cyclesAnalysed == c && salvaged.clicksLeftOut == 1)
        let short = try ExperimentFixture.run(try ExperimentFixture.example("bbm92", cyclesPerSetting: Int(c)))
        let findings = RecordAnalysis.findings(salvaged)
        #expect(findings.settings == short.findings.settings)
        for key in ["qber-hv", "qber-da", "sifted-bits", "secret-fraction"] {
            let salvagedFigure = try #require(findings.figure(FigureKey(rawValue: key))), shortFigure = try #require(short.findings.figure(FigureKey(rawValue: key)))
            #expect(salvagedFigure.value == shortFigure.value && salvagedFigure.standardError == shortFigure.standardError, "\(key)")
        }
        // Per cycle instead of per second: the short run's rate times the board time per cycle.
        let perCycle = try #require(findings.figure(FigureKey(rawValue: "coincidences-per-cycle")))
        let coincidences = short.findings.settings.reduce(0) { $0 + $1.counts.totalCoincidences }
        #expect(perCycle.value == Double(coincidences) / Double(c))
        #expect(findings.figure(FigureKey(rawValue: "coincidence-rate")) == nil && findings.figure(FigureKey(rawValue: "secret-key-rate")) == nil)
        let keyPerCycle = try #require(findings.figure(FigureKey(rawValue: "secret-key-bits-per-cycle")))
        let shortRate = try #require(short.findings.figure(FigureKey(rawValue: "secret-key-rate")))
        #expect(abs(keyPerCycle.value * Double(c) - shortRate.value * short.report.runDuration.seconds) < 1e-9 * max(1, shortRate.value))

        let info = try #require(findings.salvage)
        #expect(info.status == "INCOMPLETE, SALVAGED" && !info.complete && info.salvaged)
        #expect(info.cyclesRunAtLeast == c + 1 && info.cyclesAnalysed == c)
        #expect(info.boardSecondsAtLeast == Double(c) * long.record.header.experiment.timing.triggerPeriod.seconds)
        let treatment = Dictionary(uniqueKeysWithValues: info.figures.map { ($0.figure, $0.treatment) })
        #expect(treatment[.qberHV] == .computed && treatment[.secretFraction] == .computed)
        #expect(treatment[.coincidenceRate] == .leftOut && treatment[.secretKeyRate] == .leftOut)
        #expect(treatment[.coincidencesPerCycle] == .perCycle)
    }
}
