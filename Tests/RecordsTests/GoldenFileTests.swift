import Experiments
import Firmware
import Foundation
import Records
import Testing

/// Files qdot 0.1.0 wrote (`Golden/README.md`): every later version reads them and writes them back
/// byte for byte through today's schema types, and reaches the same figures from their records,
/// except what changed on purpose since, which `asStoredBy010` takes out and the tests check apart.
@Suite struct GoldenFileTests {
    static let kinds = ["bell-chsh", "tomography-16", "tomography-36", "bbm92", "g2", "gate-delay-scan", "interlock"]

    /// Figures whose value, error, name or method changed on purpose since 0.1.0: `maximal-chsh` is
    /// held out (docs/result-format.md) instead of the plug-in value, which is biased high.
    static let changedSince010: Set<String> = ["maximal-chsh"]

    /// Figures re-estimated on purpose since 0.1.0 by the maximum-likelihood change of issue 16
    /// (ρ = A†A with a full complex factor A, docs/result-format.md, instead of James et al.'s
    /// triangular T, which stopped short of the optimum where it is pure or low-rank): the same
    /// likelihood maximized, now to its optimum, so the figures move by less than
    /// `reestimatedTolerance`. They are compared to the stored ones within it (value, standard
    /// error, and the interval's ends against the stored value ± standard error clipped to the
    /// figure's range, as docs/result-format.md defines the interval), their `method` naming the
    /// new estimator where 0.1.0's named James et al.'s; the density matrix likewise.
    static let reestimatedByMaximumLikelihood: [String: ClosedRange<Double>] = [
        "tomography-fidelity-phi-plus": 0...1, "concurrence": 0...1, "purity": 0.25...1]

    /// The largest absolute change a re-estimated figure or density-matrix entry may show.
    static let reestimatedTolerance = 1e-6

    /// The part of a tomography figure's `method` that names the estimator: as 0.1.0 wrote it,
    /// and as this version writes it.
    static let estimatorOf010 = "maximum-likelihood state (James et al., PRA 64, 052312 (2001))"
    static let estimator = "maximum-likelihood state (James et al., PRA 64, 052312 (2001); "
        + "ρ = A†A / Tr(A†A), A a full complex 4×4 factor: Burer & Monteiro, Math. Program. 95, 329 (2003))"

    /// Figures without an interval (docs/result-format.md); every other figure has one since 0.1.0.
    static let withoutInterval: Set<String> = ["chsh-violation-sigma", "photon-arrival-delay", "best-gate-delay"]

    /// `findings` with what this version adds or changes on purpose taken out: the optional
    /// `interval` of each figure, the figures in `changedSince010` and
    /// `reestimatedByMaximumLikelihood`, and the density matrix. What is left must be what 0.1.0
    /// wrote.
    static func asStoredBy010(_ findings: FindingsV1) -> FindingsV1 {
        var result = findings
        result.figures = findings.figures.filter {
            !changedSince010.contains($0.key) && reestimatedByMaximumLikelihood[$0.key] == nil
        }.map { figure in
            var figure = figure
            figure.interval = nil
            return figure
        }
        result.densityMatrixReal = nil
        result.densityMatrixImaginary = nil
        return result
    }

    /// Today's re-estimated figures and density matrix against those 0.1.0 stored, within
    /// `reestimatedTolerance`.
    static func expectReestimatedAsStored(today: FindingsV1, stored: FindingsV1,
                                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let tolerance = reestimatedTolerance
        for (key, range) in reestimatedByMaximumLikelihood {
            let now = today.figures.first { $0.key == key }, then = stored.figures.first { $0.key == key }
            #expect((now == nil) == (then == nil), "\(key) in both or neither", sourceLocation: sourceLocation)
            guard let now, let then else { continue }
            #expect(now.name == then.name && now.unit == then.unit, sourceLocation: sourceLocation)
            #expect(then.method.hasPrefix(estimatorOf010), "\(key): \(then.method)", sourceLocation: sourceLocation)
            #expect(now.method == estimator + then.method.dropFirst(estimatorOf010.count), "\(key): \(now.method)",
                    sourceLocation: sourceLocation)
            #expect(abs(now.value - then.value) <= tolerance, "\(key): \(now.value) vs \(then.value)", sourceLocation: sourceLocation)
            #expect(abs(now.standardError - then.standardError) <= tolerance,
                    "\(key) error: \(now.standardError) vs \(then.standardError)", sourceLocation: sourceLocation)
            let interval = try #require(now.interval, sourceLocation: sourceLocation)
            let lower = max(then.value - then.standardError, range.lowerBound)
            let upper = min(then.value + then.standardError, range.upperBound)
            #expect(abs(interval.lower - lower) <= tolerance && abs(interval.upper - upper) <= tolerance,
                    "\(key): [\(interval.lower), \(interval.upper)] vs [\(lower), \(upper)]", sourceLocation: sourceLocation)
        }
        for (now, then) in [(today.densityMatrixReal, stored.densityMatrixReal),
                            (today.densityMatrixImaginary, stored.densityMatrixImaginary)] {
            #expect((now == nil) == (then == nil), sourceLocation: sourceLocation)
            guard let now, let then else { continue }
            #expect(now.map(\.count) == then.map(\.count), sourceLocation: sourceLocation)
            let largest = zip(now.joined(), then.joined()).map { abs($0 - $1) }.max() ?? 0
            #expect(largest <= tolerance, "density matrix moved by \(largest)", sourceLocation: sourceLocation)
        }
    }

    /// Today's findings of a record against those 0.1.0 wrote for it: byte for byte once
    /// `asStoredBy010` took out what changed; the re-estimated figures within their tolerance; the
    /// same figures in the same order; an interval on every figure that has one now, at the one-σ
    /// level, around the value's range.
    static func expectSameAs010(today: FindingsV1, stored: FindingsV1,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try json(asStoredBy010(today)) == json(asStoredBy010(stored)), sourceLocation: sourceLocation)
        try expectReestimatedAsStored(today: today, stored: stored, sourceLocation: sourceLocation)
        #expect(today.figures.map(\.key) == stored.figures.map(\.key), sourceLocation: sourceLocation)
        #expect(stored.figures.allSatisfy { $0.interval == nil }, "0.1.0 wrote no intervals", sourceLocation: sourceLocation)
        for figure in today.figures {
            guard let interval = figure.interval else {
                #expect(withoutInterval.contains(figure.key), "\(figure.key) has no interval", sourceLocation: sourceLocation)
                continue
            }
            #expect(!withoutInterval.contains(figure.key), sourceLocation: sourceLocation)
            #expect(interval.lower <= interval.upper && interval.confidenceLevel == 0.682_689_492_137_085_9,
                    "\(figure.key): \(interval)", sourceLocation: sourceLocation)
        }
    }

    /// JSON as qdot writes its findings and results: pretty-printed, keys sorted.
    static func json<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(value))
    }

    @Test(arguments: kinds)
    func aRecordReadsAndGivesTheFindingsItsVersionGave(_ name: String) throws {
        let record = try RunRecord.read(contentsOf: try GoldenFiles.url("\(name).qdotrec").path)
        let findings = RecordAnalysis.findings(record)
        let stored = try JSONDecoder().decode(FindingsV1.self, from: Data(try GoldenFiles.bytes("\(name).findings.json")))
        try Self.expectSameAs010(today: FindingsV1(findings), stored: stored)
    }

    /// Read into today's types and written again, a findings file is the file its version wrote.
    @Test(arguments: kinds.map { "\($0).findings.json" } + ["bell-chsh.window-2.findings.json", "crashed.findings.json"])
    func aFindingsFileReadsAndWritesBackUnchanged(_ file: String) throws {
        let bytes = try GoldenFiles.bytes(file)
        let stored = try JSONDecoder().decode(FindingsV1.self, from: Data(bytes))
        #expect(try Self.json(FindingsV1(try stored.findings())) == bytes)
    }

    @Test func anotherCoincidenceWindowGivesTheFindingsItsVersionGave() throws {
        let record = try RunRecord.read(contentsOf: try GoldenFiles.url("bell-chsh.qdotrec").path)
        let findings = RecordAnalysis.findings(record, coincidenceWindow: .nanoseconds(2))
        let stored = try JSONDecoder().decode(FindingsV1.self, from: Data(try GoldenFiles.bytes("bell-chsh.window-2.findings.json")))
        try Self.expectSameAs010(today: FindingsV1(findings), stored: stored)
    }

    @Test func aCrashedRecordIsSalvagedAsItsVersionSalvagedIt() throws {
        let salvaged = try SalvagedRunRecord.read(contentsOf: try GoldenFiles.url("crashed.qdotrec.partial").path)
        #expect(!salvaged.hasEndRecord)
        let findings = RecordAnalysis.findings(salvaged)
        #expect(findings.salvage != nil)
        let stored = try JSONDecoder().decode(FindingsV1.self, from: Data(try GoldenFiles.bytes("crashed.findings.json")))
        try Self.expectSameAs010(today: FindingsV1(findings), stored: stored)
    }

    /// Read into today's types and written again, a result is the file its version wrote.
    @Test(arguments: kinds.map { "\($0).result.json" } + ["plain.result.json", "plain-raspberry-pi-4.result.json",
                                                         "hardware.result.json"])
    func aResultReadsAndWritesBackUnchanged(_ file: String) throws {
        let bytes = try GoldenFiles.bytes(file)
        let document = try ResultDocument.read(Data(bytes))
        #expect(Array(try document.jsonData()) == bytes)
    }

    /// A result's findings are those of the record written beside it, and its experiment and
    /// schedule those of the record's header.
    @Test(arguments: kinds)
    func aResultAgreesWithItsRecord(_ name: String) throws {
        let document = try ResultDocument.read(Data(try GoldenFiles.bytes("\(name).result.json")))
        let record = try RunRecord.read(contentsOf: try GoldenFiles.url("\(name).qdotrec").path)
        // (Compared as stored: a result's findings do not store the double clicks the record's counts have.)
        let stored = try #require(document.findings.map(FindingsV1.init))
        try Self.expectSameAs010(today: FindingsV1(RecordAnalysis.findings(record)), stored: stored)
        #expect(document.experiment == record.header.experiment)
        #expect(document.schedule == record.header.schedule)
        #expect(document.report.settings.map(\.counts.triggerCycles) == record.cyclesPerSetting)
        #expect(document.report.complete == record.complete)
    }

    /// The header decodes into today's experiment kinds and encodes back to the bytes it was.
    @Test(arguments: kinds)
    func aHeaderReadsAndWritesBackUnchanged(_ name: String) throws {
        let bytes = try GoldenFiles.bytes("\(name).qdotrec")
        let header = Data(bytes[16..<GoldenFiles.headerEnd(bytes)])
        let decoded = try JSONDecoder().decode(RecordHeaderV1.self, from: header).header()
        #expect(decoded.experiment.kind.name == (name == "interlock" ? "bell-chsh" : name))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(RecordHeaderV1(decoded)) == header)
    }

    @Test func anInterruptedRunSaysSoInItsResult() throws {
        let document = try ResultDocument.read(Data(try GoldenFiles.bytes("interlock.result.json")))
        #expect(!document.report.complete)
        #expect(document.report.stopReason == .interlockOpened)
        #expect(document.report.finalState == .safe(reason: "interlock opened"))
        #expect(document.board.timingProfile == "ideal" && document.station?.source == .physics)
    }

    /// A hardware result that records its click clock gains that one key in its `hardware` object
    /// and nothing else; read back, it keeps it.
    @Test(arguments: HardwareRunRecord.EventClock.allCases)
    func theClickEventClockIsOneOptionalKeyOfTheHardwareObject(clock: HardwareRunRecord.EventClock) throws {
        let bytes = try GoldenFiles.bytes("hardware.result.json")
        var document = try ResultDocument.read(Data(bytes))
        #expect(document.hardware?.clickEventClock == nil)
        document.hardware?.clickEventClock = clock
        let written = try document.jsonData()
        let old = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(new.filter { !old.contains($0) }) == ["    \"clickEventClock\" : \"\(clock.rawValue)\","])
        #expect(new.count == old.count + 1)
        #expect(try ResultDocument.read(written).hardware?.clickEventClock == clock)
    }

    /// A hardware result naming the lines whose lost edges could not be detected gains that one
    /// key (a list of roles) in its `hardware` object and nothing else; read back, it keeps it.
    @Test func theLinesWithoutLostEdgeDetectionAreOneOptionalKeyOfTheHardwareObject() throws {
        let bytes = try GoldenFiles.bytes("hardware.result.json")
        var document = try ResultDocument.read(Data(bytes))
        #expect(document.hardware?.lostEdgesUndetectableOn == nil)
        let clicks = ["click-a-plus", "click-a-minus", "click-b-plus", "click-b-minus"]
        document.hardware?.lostEdgesUndetectableOn = clicks
        let written = try document.jsonData()
        let old = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let added = ["    \"lostEdgesUndetectableOn\" : ["]
            + clicks.enumerated().map { "      \"\($1)\"" + ($0 < clicks.count - 1 ? "," : "") } + ["    ],"]
        let at = try #require(new.firstIndex(of: added[0][...]))
        #expect(Array(new[at..<(at + added.count)]) == added.map { $0[...] })
        #expect(Array(new[..<at] + new[(at + added.count)...]) == old, "nothing else changes")
        #expect(try ResultDocument.read(written).hardware?.lostEdgesUndetectableOn == clicks)
    }
}

/// Version-3 records (`Golden/README.md`): read to the findings written beside them, byte for byte.
@Suite struct Version3GoldenFileTests {
    @Test func aVersion3RecordReadsToItsFindingsAndHoldsTheRecordsOfTheVersion1One() throws {
        let record = try RunRecord.read(contentsOf: try GoldenFiles.url("v3-bbm92.qdotrec").path)
        #expect(try GoldenFiles.bytes("v3-bbm92.qdotrec")[8..<12] == [3, 0, 0, 0])
        #expect(try GoldenFileTests.json(FindingsV1(RecordAnalysis.findings(record))) == GoldenFiles.bytes("v3-bbm92.findings.json"))
        let version1 = try RunRecord.read(contentsOf: try GoldenFiles.url("bbm92.qdotrec").path)
        #expect(record.clicks == version1.clicks && record.cyclesPerSetting == version1.cyclesPerSetting)
        #expect(record.header.schedule == version1.header.schedule && record.header.seed == 7)
    }

    @Test func aCrashedVersion3RecordSalvagesToItsFindings() throws {
        let salvaged = try SalvagedRunRecord.read(contentsOf: try GoldenFiles.url("v3-crashed.qdotrec.partial").path)
        #expect(!salvaged.hasEndRecord && salvaged.intactClicks == 4_096 && salvaged.stop?.offset == 99_252)
        #expect(try #require(salvaged.stop).message.hasPrefix("block 1: truncated"))
        #expect(try GoldenFileTests.json(FindingsV1(RecordAnalysis.findings(salvaged))) == GoldenFiles.bytes("v3-crashed.findings.json"))
    }
}

/// `qdot analyze`'s streaming path (`StreamedRecordAnalysis`, block by block into the analysis, no
/// click kept) gives the findings of the reader that holds every click, on every golden record.
@Suite struct StreamedRecordAnalysisTests {
    @Test(arguments: GoldenFileTests.kinds + ["v3-bbm92"])
    func streamingGivesTheFindingsOfTheWholeRecord(_ name: String) throws {
        let path = try GoldenFiles.url("\(name).qdotrec").path
        let record = try RunRecord.read(contentsOf: path)
        let streamed = try StreamedRecordAnalysis.analyse(contentsOf: path)
        #expect(streamed.findings == RecordAnalysis.findings(record))
        #expect(streamed.clicksAnalysed == record.clicks.count && streamed.cyclesPerSetting == record.cyclesPerSetting)
        #expect(streamed.complete == record.complete && streamed.header == record.header)
        let window = try StreamedRecordAnalysis.analyse(contentsOf: path, coincidenceWindow: .nanoseconds(2))
        #expect(window.findings == RecordAnalysis.findings(record, coincidenceWindow: .nanoseconds(2)))
    }

    @Test(arguments: ["crashed.qdotrec.partial", "v3-crashed.qdotrec.partial"])
    func streamingSalvagesAsTheSalvageReaderDoes(_ name: String) throws {
        let path = try GoldenFiles.url(name).path
        let salvaged = try SalvagedRunRecord.read(contentsOf: path)
        let streamed = try StreamedRecordAnalysis.analyse(contentsOf: path, salvage: true)
        #expect(streamed.findings == RecordAnalysis.findings(salvaged))
        #expect(streamed.clicksAnalysed == salvaged.record.clicks.count && !streamed.complete)
        #expect(streamed.cyclesPerSetting == salvaged.record.cyclesPerSetting)
        let strict = try #require(throws: RunRecordError.self) { try StreamedRecordAnalysis.analyse(contentsOf: path) }
        #expect(strict.intactClicks == salvaged.intactClicks)
    }
}
