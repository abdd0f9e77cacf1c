import Experiments
import Firmware
import HAL
import Records
import Testing
import Vocabulary

/// Every field read from a record is range-checked before any arithmetic: records with extreme
/// totals, timestamps, cycle indices, a negative `sidePeaks` or an empty schedule — which trapped
/// qdot before, several only under `--salvage` — are refused with the byte offset, by the strict
/// reader, the salvage reader and the streaming analysis alike.
@Suite struct RecordFieldRangeTests {
    /// A record of `experiment` (bbm92 unless given) holding `clicks`, then `totals` (nil: the
    /// schedule's) and an end record of `endCycles` (nil: their sum) and `boardNanoseconds`.
    static func record(_ experiment: ExperimentDefinition? = nil, clicks: [ClickEvent] = [], totals: [Int]? = nil,
                       endCycles: Int64? = nil, boardNanoseconds: Int64 = 1_000_000) throws -> [UInt8] {
        let definition = try experiment ?? Version3Fixture.header(kind: "bbm92", seed: 1).experiment
        let schedule = try definition.schedule()
        let header = RunRecordHeader(software: "test", experiment: definition, schedule: schedule, board: "none",
                                     timingProfile: "ideal", seed: 1)
        var records = clicks.map {
            Version3Bytes.Record(kind: RunRecordFormat.clickKind, channel: UInt8($0.channel.rawValue), codes: $0.codes,
                                 setting: UInt16($0.setting), cycle: $0.cycle, timestamp: $0.timestamp.nanoseconds)
        }
        let cycles = totals ?? schedule.steps.map(\.cycles)
        for (setting, total) in cycles.enumerated() {
            records.append(Version3Bytes.Record(kind: RunRecordFormat.settingTotalKind, setting: UInt16(setting),
                                                cycle: Int64(total), timestamp: 0))
        }
        records.append(Version3Bytes.Record(kind: RunRecordFormat.endKind, channel: 1,
                                            cycle: endCycles ?? cycles.reduce(0, &+).asInt64, timestamp: boardNanoseconds))
        return try Version3Bytes.make(header: header, records: records)
    }

    static func click(cycle: Int64, timestamp: Int64 = 1_000, channel: DetectorChannel = .aPlus,
                      codes: BasisCodes = BasisCodes(armA: 0, armB: 0)) -> ClickEvent {
        ClickEvent(cycle: cycle, setting: 0, channel: channel, codes: codes, timestamp: Instant(nanoseconds: timestamp))
    }

    /// Refused by every reader, strict and salvage, at the same offset, the message containing `expected`.
    static func expectRefused(_ bytes: [UInt8], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let strict = Version3Fixture.refusal(bytes)
        #expect(strict?.message.contains(expected) == true, "\(String(describing: strict))", sourceLocation: sourceLocation)
        var streamed: RunRecordError?
        do { _ = try StreamedRecordAnalysis.analyse(bytes, path: "v3.qdotrec") } catch { streamed = error }
        #expect(streamed?.offset == strict?.offset && streamed?.message == strict?.message, sourceLocation: sourceLocation)
        var salvageStop: RunRecordError?
        do {
            let salvaged = try SalvagedRunRecord.parse(bytes, path: "v3.qdotrec")
            _ = RecordAnalysis.findings(salvaged)
            salvageStop = salvaged.stop
            _ = try StreamedRecordAnalysis.analyse(bytes, path: "v3.qdotrec", salvage: true)
        } catch {
            salvageStop = error
        }
        #expect(salvageStop?.offset == strict?.offset, "salvage: \(String(describing: salvageStop))", sourceLocation: sourceLocation)
    }

    @Test func aClickAtAnExtremeCycleIsRefused() throws {
        for cycle in [Int64.max, Int64.max - 1, 1 << 62, 300_000] {
            Self.expectRefused(try Self.record(clicks: [Self.click(cycle: 0), Self.click(cycle: cycle)]), "cycle \(cycle)")
        }
        Self.expectRefused(try Self.record(clicks: [Self.click(cycle: -1)]), "cycle -1")
    }

    @Test func aClickAtAnExtremeTimestampIsRefused() throws {
        for timestamp: Int64 in [.max, .min, -1, (1 << 62) + 1] {
            Self.expectRefused(try Self.record(clicks: [Self.click(cycle: 0), Self.click(cycle: 1, timestamp: timestamp),
                                                        Self.click(cycle: 1, timestamp: 2_000, channel: .bPlus)]),
                               "timestamp \(timestamp)")
        }
    }

    @Test func extremeSettingTotalsAndEndRecordsAreRefused() throws {
        Self.expectRefused(try Self.record(totals: [Int.max]), "setting total")
        Self.expectRefused(try Self.record(totals: [300_001]), "setting total")
        Self.expectRefused(try Self.record(totals: [-5]), "setting total")
        Self.expectRefused(try Self.record(endCycles: .max), "end record")
        Self.expectRefused(try Self.record(endCycles: 17), "end record")
        Self.expectRefused(try Self.record(boardNanoseconds: -1), "board time")
        Self.expectRefused(try Self.record(boardNanoseconds: .max), "board time")
    }

    @Test func aBasisCodeOutsideTheAnalyzerTableIsRefused() throws {
        Self.expectRefused(try Self.record(clicks: [Self.click(cycle: 0, codes: BasisCodes(armA: 200, armB: 0))]), "basis code 200")
    }

    @Test func aHeaderWithANegativeOrHugeSidePeaksIsRefused() throws {
        var g2 = try Version3Fixture.header(kind: "g2", seed: 1).experiment
        for sidePeaks in [-1, 0, Int.max, 51] {
            g2.kind = G2Experiment(sidePeaks: sidePeaks)
            let refusal = Version3Fixture.refusal(try Self.record(g2, clicks: [Self.click(cycle: 0), Self.click(cycle: 1, channel: .aMinus)]))
            #expect(refusal?.offset == 16 && refusal?.message.contains("sidePeaks") == true, "\(String(describing: refusal))")
            #expect(throws: RunRecordError.self) {
                _ = try StreamedRecordAnalysis.analyse(try Self.record(g2), path: "g2.qdotrec", salvage: true)
            }
        }
    }

    @Test func aHeaderWithAnEmptyScheduleIsRefused() throws {
        var scan = try Version3Fixture.header(kind: "gate-delay-scan", seed: 1).experiment
        scan.kind = GateDelayScanExperiment(scan: GateDelayScan(start: .nanoseconds(10), stop: .nanoseconds(0), step: .nanoseconds(1)))
        let bytes = try Self.record(scan, totals: [])
        let refusal = Version3Fixture.refusal(bytes)
        #expect(refusal?.offset == 16, "\(String(describing: refusal))")
        #expect(throws: RunRecordError.self) { _ = try StreamedRecordAnalysis.analyse(bytes, path: "scan.qdotrec", salvage: true) }
        var bbm92 = try Version3Fixture.header(kind: "bbm92", seed: 1).experiment
        bbm92.cyclesPerSetting = 0
        #expect(Version3Fixture.refusal(try Self.record(bbm92))?.offset == 16)
    }

    /// The cycles in all and the board time they cover must fit 64 bits (2⁶² ns, 146 years), so no
    /// sum or product of them overflows.
    @Test func aHeaderPlanningMoreCyclesThanFitIsRefused() throws {
        var bbm92 = try Version3Fixture.header(kind: "bbm92", seed: 1).experiment
        bbm92.cyclesPerSetting = .max
        let refusal = Version3Fixture.refusal(try Self.record(bbm92, totals: [0]))
        #expect(refusal?.offset == 16 && refusal?.message.contains("cycles") == true, "\(String(describing: refusal))")
    }
}

extension Int {
    /// The value as Int64 (the same width on every platform qdot builds for).
    var asInt64: Int64 { Int64(self) }
}
