import Foundation
import Records
import Testing

/// A record header that JSON-decodes but does not make sense is refused at the header's offset,
/// saying what does not fit, before any of its records is analysed by the wrong settings.
@Suite struct RecordHeaderTests {
    /// The golden bell-chsh record with its header's JSON text changed by `edit`.
    static func record(editingHeader edit: (String) -> String) throws -> [UInt8] {
        let bytes = try GoldenFiles.bytes("bell-chsh.qdotrec")
        let end = GoldenFiles.headerEnd(bytes)
        let header = Array(edit(String(decoding: bytes[16..<end], as: UTF8.self)).utf8)
        let length = UInt32(header.count)
        return Array(bytes[0..<12]) + (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header
            + Array(bytes[end...])
    }

    func refusal(_ bytes: [UInt8]) -> RunRecordError? {
        do { _ = try RunRecord.parse(bytes, path: "edited.qdotrec"); return nil } catch { return error }
    }

    @Test func theUneditedHeaderIsAccepted() throws {
        #expect(refusal(try Self.record { $0 }) == nil)
    }

    /// A tomography-36 experiment plans nine settings; the schedule the firmware ran has seven.
    @Test func aKindWhoseSettingsAreNotTheScheduleIsRefused() throws {
        let edited = try Self.record { $0.replacingOccurrences(of: "\"kind\":\"bell-chsh\"", with: "\"kind\":\"tomography-36\"") }
        let found = try #require(refusal(edited))
        #expect(found.offset == 16)
        #expect(found.message.contains("its schedule has 7 settings, a tomography-36 experiment plans 9"), "\(found)")
    }

    @Test func aRelabelledSettingIsRefused() throws {
        let edited = try Self.record { $0.replacingOccurrences(of: "\"label\":\"DA\\/DA\"", with: "\"label\":\"DA\\/RL\"") }
        let found = try #require(refusal(edited))
        #expect(found.offset == 16)
        #expect(found.message.contains("setting 1 of its schedule is \"DA/RL\""), "\(found)")
    }

    @Test func anUnknownKindIsNamedWithTheKnownOnes() throws {
        let edited = try Self.record { $0.replacingOccurrences(of: "\"kind\":\"bell-chsh\"", with: "\"kind\":\"bell\"") }
        let found = try #require(refusal(edited))
        #expect(found.offset == 16)
        #expect(found.message.contains("experiment.kind: unknown kind \"bell\""), "\(found)")
        #expect(found.message.contains("gate-delay-scan"), "\(found)")
    }

    @Test func anUnknownBasisIsNamed() throws {
        let basis = try #require(refusal(try Self.record { $0.replacingOccurrences(of: "\"RL\"", with: "\"XY\"") }))
        #expect(basis.message.contains("experiment.analyzer.armA[2]"), "\(basis)")
    }

    @Test func aResultWithAnUnknownStateIsNamedByField() throws {
        var text = String(decoding: try GoldenFiles.bytes("interlock.result.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"finalState\" : \"safe (interlock opened)\"", with: "\"finalState\" : \"asleep\"")
        #expect(throws: SchemaError(field: "report.finalState",
                                    problem: "\"asleep\"; expected idle, armed, running, safe (REASON) or fault (REASON)")) {
            try ResultDocument.read(Data(text.utf8))
        }
    }
}
