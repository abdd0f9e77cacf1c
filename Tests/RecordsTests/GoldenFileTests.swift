import Experiments
import Firmware
import Foundation
import Records
import Testing

/// Files qdot 0.1.0 wrote (`Golden/README.md`): every later version reads them and reaches the same
/// figures, byte for byte, through today's schema types.
@Suite struct GoldenFileTests {
    static let kinds = ["bell-chsh", "tomography-16", "tomography-36", "bbm92", "g2", "gate-delay-scan", "interlock"]

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
        #expect(try Self.json(FindingsV1(findings)) == GoldenFiles.bytes("\(name).findings.json"))
    }

    @Test func anotherCoincidenceWindowGivesTheFindingsItsVersionGave() throws {
        let record = try RunRecord.read(contentsOf: try GoldenFiles.url("bell-chsh.qdotrec").path)
        let findings = RecordAnalysis.findings(record, coincidenceWindow: .nanoseconds(2))
        #expect(try Self.json(FindingsV1(findings)) == GoldenFiles.bytes("bell-chsh.window-2.findings.json"))
    }

    @Test func aCrashedRecordIsSalvagedAsItsVersionSalvagedIt() throws {
        let salvaged = try SalvagedRunRecord.read(contentsOf: try GoldenFiles.url("crashed.qdotrec.partial").path)
        #expect(!salvaged.hasEndRecord)
        let findings = RecordAnalysis.findings(salvaged)
        #expect(findings.salvage != nil)
        #expect(try Self.json(FindingsV1(findings)) == GoldenFiles.bytes("crashed.findings.json"))
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
        #expect(document.findings.map(FindingsV1.init) == FindingsV1(RecordAnalysis.findings(record)))
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
