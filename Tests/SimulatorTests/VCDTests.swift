import HAL
@testable import Simulator
import Testing

/// The VCD export, parsed back: header, timescale, one variable per line, changes in time order.
@Suite struct VCDTests {
    struct ParsedVCD {
        var timescale = ""
        var variables: [String: String] = [:]      // identifier → name
        var initial: [String: Character] = [:]
        var changes: [(time: Int64, id: String, value: Character)] = []
    }

    static func parse(_ text: String) throws -> ParsedVCD {
        var vcd = ParsedVCD()
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        var i = 0
        var time: Int64 = -1
        var inDumpvars = false
        var definitionsDone = false
        while i < tokens.count {
            let token = tokens[i]
            if !definitionsDone {
                switch token {
                case "$timescale":
                    vcd.timescale = tokens[i + 1] + " " + tokens[i + 2]
                    i += 4; continue
                case "$var":
                    // $var wire 1 <id> <name> $end
                    #expect(tokens[i + 1] == "wire" && tokens[i + 2] == "1")
                    vcd.variables[tokens[i + 3]] = tokens[i + 4]
                    #expect(tokens[i + 5] == "$end")
                    i += 6; continue
                case "$enddefinitions":
                    definitionsDone = true
                    i += 2; continue
                default:
                    i += 1; continue
                }
            }
            if token == "$dumpvars" { inDumpvars = true; i += 1; continue }
            if token == "$end" { inDumpvars = false; i += 1; continue }
            if token.hasPrefix("#") {
                let newTime = try #require(Int64(token.dropFirst()))
                #expect(newTime >= time, "time goes backwards at \(token)")
                time = newTime
                i += 1; continue
            }
            let value = token.first!
            let id = String(token.dropFirst())
            #expect(value == "0" || value == "1")
            #expect(vcd.variables[id] != nil, "change of undeclared identifier \(id)")
            if inDumpvars { vcd.initial[id] = value } else { vcd.changes.append((time, id, value)) }
            i += 1
        }
        #expect(definitionsDone)
        return vcd
    }

    @Test func exportParsesBackToTheSameTrace() throws {
        let board = SimulatedBoard()
        let names = ["TRIGGER", "GATE", "CLICK_A_PLUS"]
        let ids = names.map { board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: $0, direction: .input)) }
        board.setInitialValue(ids[1], to: 1)
        for (k, id) in ids.enumerated() {
            board.drive(id, to: .active, at: Instant(nanoseconds: Int64(100 * k + 10)))
            board.drive(id, to: .inactive, at: Instant(nanoseconds: Int64(100 * k + 60)))
        }
        board.run(until: Instant(nanoseconds: 1_000))
        let trace = board.trace
        let vcd = try Self.parse(trace.vcd(date: "test"))
        #expect(vcd.timescale == "1 ns")
        #expect(Set(vcd.variables.values) == Set(names))
        #expect(vcd.variables.count == names.count)
        let nameOf = vcd.variables
        #expect(vcd.initial.mapValues(String.init) == Dictionary(uniqueKeysWithValues: vcd.variables.map {
            ($0.key, $0.value == "GATE" ? "1" : "0") }))
        let expected = trace.records.map { "\($0.time.nanoseconds) \(trace.lines[$0.line.index].name) \($0.level)" }
        let parsed = vcd.changes.map { "\($0.time) \(nameOf[$0.id]!) \($0.value)" }
        #expect(parsed == expected)
        #expect(parsed.count == 5)   // GATE was already high: no rising edge at 110
    }

    @Test func identifiersAreUniqueForManyLines() {
        let ids = (0..<500).map { Trace.identifier($0) }
        #expect(Set(ids).count == 500)
        #expect(ids.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value >= 33 && $0.value <= 126 } })
    }
}
