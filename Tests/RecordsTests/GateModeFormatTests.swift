import Firmware
import Foundation
import HAL
import Records
import Testing
import Vocabulary

/// Format version 2: gate mode in the stored timing (`coincidenceMode`, `sideCycles`), side pairs
/// in the stored tallies, `"format": 2` in a result, version 2 in a record's preamble; version 1
/// unchanged for window mode, and anything this qdot cannot read refused by name.
@Suite struct GateModeFormatTests {
    let gateTiming = CycleTiming(triggerPeriod: .microseconds(50), triggerPulseWidth: .nanoseconds(1_000),
                                 gateDelay: .nanoseconds(-500), gateWidth: .nanoseconds(2_000),
                                 coincidenceWindow: .nanoseconds(5), coincidenceMode: .gate(sideCycles: 4))

    func json(_ timing: TimingV1) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(timing), as: UTF8.self)
    }

    func timing(fromJSON text: String) throws -> TimingV1 { try JSONDecoder().decode(TimingV1.self, from: Data(text.utf8)) }

    @Test func timingRoundTripsGateModeAndWindowModeStaysVersionOne() throws {
        let stored = TimingV1(gateTiming)
        #expect(stored.needsVersion2)
        let text = try json(stored)
        #expect(text == #"{"coincidenceMode":"gate","coincidenceWindow":5,"gateDelay":-500,"gateWidth":2000,"sideCycles":4,"triggerPeriod":50000,"triggerPulseWidth":1000}"#)
        #expect(try timing(fromJSON: text).timing() == gateTiming)

        var window = gateTiming
        window.coincidenceMode = .window
        #expect(!TimingV1(window).needsVersion2)
        // Exactly version 1's keys: a window-mode file is what qdot 0.1.0 wrote and reads.
        #expect(try json(TimingV1(window)) == #"{"coincidenceWindow":5,"gateDelay":-500,"gateWidth":2000,"triggerPeriod":50000,"triggerPulseWidth":1000}"#)
        #expect(try timing(fromJSON: try json(TimingV1(window))).timing() == window)
    }

    @Test func anUnknownModeOrAGateWithoutItsSideCyclesIsRefusedByField() throws {
        let base = #""coincidenceWindow":5,"gateDelay":-500,"gateWidth":2000,"triggerPeriod":50000,"triggerPulseWidth":1000"#
        #expect(throws: SchemaError(field: "timing.coincidenceMode", problem: "\"cycle\"; expected gate (or no key: window)")) {
            try timing(fromJSON: "{\"coincidenceMode\":\"cycle\",\"sideCycles\":3,\(base)}").timing()
        }
        #expect(throws: SchemaError(field: "timing.sideCycles", problem: "missing; gate mode needs it")) {
            try timing(fromJSON: "{\"coincidenceMode\":\"gate\",\(base)}").timing()
        }
        // Side cycles the firmware could never have run (1 … 8) are refused, not quietly clamped.
        for bad in [0, 9, -3] {
            #expect(throws: SchemaError(field: "timing.sideCycles", problem: "\(bad); expected 1 to 8")) {
                try timing(fromJSON: "{\"coincidenceMode\":\"gate\",\"sideCycles\":\(bad),\(base)}").timing()
            }
        }
        #expect(try timing(fromJSON: "{\"coincidenceMode\":\"gate\",\"sideCycles\":8,\(base)}").timing().coincidenceMode == .gate(sideCycles: 8))
    }

    /// The golden bell-chsh result (qdot 0.1.0, window mode) made a gate-mode one.
    func gateResult() throws -> ResultDocument {
        var document = try ResultDocument.read(Data(try GoldenFiles.bytes("bell-chsh.result.json")))
        document.schedule.timing.coincidenceMode = .gate(sideCycles: 3)
        document.report.timing.coincidenceMode = .gate(sideCycles: 3)
        document.experiment?.timing.coincidenceMode = .gate(sideCycles: 3)
        document.report.settings[0].counts.sideCoincidences = PerPair(12, 3, 4, 11)
        return document
    }

    @Test func aGateModeResultSaysFormatTwoAndReadsBack() throws {
        let document = try gateResult()
        let data = try document.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : 2"), "\(text.prefix(200))")
        #expect(text.contains("\"coincidenceMode\" : \"gate\"") && text.contains("\"sideCycles\" : 3"))
        #expect(text.contains("\"sideCoincidences\" : ["))
        let read = try ResultDocument.read(data)
        #expect(read == document)
        #expect(read.report.settings[0].counts.sideCoincidences == PerPair(12, 3, 4, 11))
        #expect(read.report.settings[1].counts.sideCoincidences == .zero)

        // The window-mode result has no format key at all (version 1).
        let window = try ResultDocument.read(Data(try GoldenFiles.bytes("bell-chsh.result.json")))
        #expect(!String(decoding: try window.jsonData(), as: UTF8.self).contains("\"format\""))
    }

    @Test func aResultOfALaterFormatIsRefused() throws {
        let text = String(decoding: try gateResult().jsonData(), as: UTF8.self)
        #expect(text.contains("\"format\" : 2"))
        #expect(throws: SchemaError(field: "format", problem: "version 3; this qdot reads versions 1 and 2")) {
            try ResultDocument.read(Data(text.replacingOccurrences(of: "\"format\" : 2", with: "\"format\" : 3").utf8))
        }
    }

    // MARK: records

    /// The golden bell-chsh record with gate mode written into both timings of its header.
    func gateRecord(version: UInt8) throws -> [UInt8] {
        var bytes = try RecordHeaderTests.record {
            $0.replacingOccurrences(of: "\"coincidenceWindow\":5", with: "\"coincidenceMode\":\"gate\",\"coincidenceWindow\":5,\"sideCycles\":2")
        }
        bytes[8] = version
        return bytes
    }

    @Test func aGateModeHeaderNeedsVersionTwoAndVersionFourIsRefused() throws {
        let asVersion2 = try RunRecord.parse(try gateRecord(version: 2), path: "gate.qdotrec")
        #expect(asVersion2.header.experiment.timing.coincidenceMode == .gate(sideCycles: 2))
        #expect(asVersion2.header.schedule.timing.coincidenceMode == .gate(sideCycles: 2))
        #expect(RunRecordFormat.version(for: asVersion2.header) == 2)
        // Analysed as gate mode: side pairs counted, the side-cycle figures reported.
        let findings = RecordAnalysis.findings(asVersion2)
        #expect(findings.settings.contains { $0.counts.sideCoincidences != .zero })

        func refusal(_ bytes: [UInt8]) -> RunRecordError? {
            do { _ = try RunRecord.parse(bytes, path: "gate.qdotrec"); return nil } catch { return error }
        }
        let version1 = try #require(refusal(try gateRecord(version: 1)), "a version 1 record with a gate-mode header was read")
        #expect(version1.offset == 8)
        #expect(version1.message.contains("format version 1 cannot hold a gate-mode experiment"), "\(version1)")
        // Version 3 holds gate mode too, but in its own layout: these bytes lack its run ID and CRC.
        #expect(refusal(try gateRecord(version: 3)) != nil, "version-1 bytes read as version 3")
        let version4 = try #require(refusal(try gateRecord(version: 4)), "a version 4 record was read")
        #expect(version4.offset == 8)
        #expect(version4.message.contains("format version 4; this qdot reads versions 1 to 3"), "\(version4)")
        // The window-mode golden record is version 1, as it always was.
        #expect(try GoldenFiles.bytes("bell-chsh.qdotrec")[8..<12] == [1, 0, 0, 0])
    }
}
