import Foundation
import Testing

/// The exit codes are one table told three times: `QdotExit` (printed by `qdot --help`), the
/// README's "Exit codes" table, and `qdot run --help`'s own list. They name the same codes.
@Suite struct ExitCodeTableTests {
    /// The codes `qdot --help` lists after "Exit status:" ("0 done; 1 …; 64 …").
    static func helpCodes() throws -> [Int] {
        let help = try QdotProcess.run(["--help"], in: try QdotProcess.temporaryDirectory())
        #expect(help.exitCode == 0)
        let flat = help.standardOutput.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        let table = try #require(flat.range(of: "Exit status: ").map { flat[$0.upperBound...] })
        return table.split(separator: ";").compactMap { Int($0.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) }
    }

    /// The codes of the README's table after "Exit codes, one meaning each".
    static func readmeCodes() throws -> [Int] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "Exit codes, one meaning each"))
        var codes: [Int] = []
        for line in text[start.upperBound...].split(separator: "\n").dropFirst(2) {
            guard line.hasPrefix("|") else { break }
            if let code = Int(line.dropFirst().prefix { $0 != "|" }.trimmingCharacters(in: .whitespaces)) { codes.append(code) }
        }
        return codes
    }

    @Test func helpAndReadmeListTheSameCodes() throws {
        let help = try Self.helpCodes()
        #expect(help == [0, 1, 2, 3, 4, 5, 6, 7, 64])
        #expect(try Self.readmeCodes() == help)
    }

    @Test func runsOwnExitListUsesOnlyTableCodesWithTheirMeaning() throws {
        let help = try QdotProcess.run(["run", "--help"], in: try QdotProcess.temporaryDirectory())
        let flat = help.standardOutput.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        for words in ["0 complete", "2 the board file is wrong", "3 the lines could not be had", "4 the run stopped early",
                      "5 an output file", "7 the run completed but lost clicks"] {
            #expect(flat.contains(words), "qdot run --help: \(words)")
        }
    }
}
