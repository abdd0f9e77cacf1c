import ConfigFile
import Foundation
import Testing

/// One form for every file mistake, `file:line: field: expected …, found …`: syntax errors
/// (field `syntax` or the key), bytes that are not UTF-8, control characters echoed from the
/// file, and files that cannot be read.
@Suite struct ConfigErrorFormTests {
    private func errors(_ text: String) -> [ConfigError] {
        do {
            _ = try ConfigDocument.parse(text, fileName: "exp.toml")
            return []
        } catch {
            return error.errors
        }
    }

    @Test func syntaxErrorsHaveTheOneForm() throws {
        let missingEquals = try #require(errors("[experiment]\nname \"x\"\n").first)
        #expect(missingEquals.description == #"exp.toml:2: syntax: expected '=' after key "name", found '"x"'"#)
        let trailing = try #require(errors("[timing]\ngate-delay-ns = 5 6\n").first)
        #expect(trailing.description
            == "exp.toml:2: timing.gate-delay-ns: expected the end of the line or a # comment after the value (one key = value per line), found '6'")
        for text in ["a = [1, 2", "a = 'x'", "[[run]]", "a = 0x1F", "a = \"open", "[board] x", "= 1", "a = nan"] {
            let error = try #require(errors(text).first, "\(text)")
            #expect(error.description.hasPrefix("exp.toml:1: syntax: expected "), "\(text) → \(error)")
            #expect(error.message.contains(", found "), "\(text) → \(error)")
        }
    }

    @Test func aByteThatIsNotUTF8IsASyntaxErrorOnItsLine() throws {
        var bytes = Array("[experiment]\nname = \"x\"\r\n".utf8)
        bytes += [0x64, 0x65, 0x73, 0x63, 0xFF, 0x0A]
        do {
            _ = try ConfigText.decodeUTF8(bytes, fileName: "exp.toml")
            Issue.record("0xFF was decoded")
        } catch {
            #expect(error.description == "exp.toml:3: syntax: expected UTF-8 text, found byte 0xFF")
        }
        // A truncated sequence: the lead byte of a three-byte character, then a newline.
        do {
            _ = try ConfigText.decodeUTF8(Array("a = 1\n\n".utf8) + [0xE2, 0x82, 0x0A], fileName: "exp.toml")
            Issue.record("a truncated sequence was decoded")
        } catch {
            #expect(error.description == "exp.toml:3: syntax: expected UTF-8 text, found byte 0xE2 0x82")
        }
        #expect(try ConfigText.decodeUTF8(Array("µeV = 1\n".utf8), fileName: "exp.toml") == "µeV = 1\n")
    }

    @Test func controlCharactersFromTheFileAreEscapedWhenEchoed() throws {
        let error = try #require(errors("name = \u{1B}[31mred\r\n").first)
        #expect(error.description.contains("\\u{1B}[31mred"), "\(error.description)")
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        let carriageReturn = try #require(errors("[timing]\ngate-delay-ns = 5 x\ry\n").first)
        #expect(carriageReturn.description.hasSuffix("found 'x\\ry'"), "\(carriageReturn.description)")
        // A file name given on the command line is echoed escaped too.
        let named = ConfigError(fileName: "evil\u{1B}]0;title\u{07}.toml", line: 1, field: "syntax", message: "expected x, found y")
        #expect(named.description == "evil\\u{1B}]0;title\\u{7}.toml:1: syntax: expected x, found y")
    }

    @Test func unreadableFilesSayWhyAsTheSystemDoes() throws {
        func failure(_ path: String) -> String? {
            do {
                _ = try ConfigText.read(contentsOf: path, expecting: ".experiment.toml file")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(failure("/no/such/exp.toml")
            == "/no/such/exp.toml: file: expected a readable .experiment.toml file, found No such file or directory (errno 2)")
        #expect(failure(NSTemporaryDirectory()).map { $0.hasSuffix("file: expected a readable .experiment.toml file, found a directory") } == true)
        // /dev/null is an empty file (a character device), not a permission problem — for root too.
        #expect(try ConfigText.read(contentsOf: "/dev/null", expecting: ".experiment.toml file") == "")
    }

    @Test func aDuplicateAmongManyKeysNamesItsFirstLine() throws {
        // Past eight keys a section indexes them; a duplicate is found either way.
        let keys = (0..<20).map { "k\($0) = \($0)" }.joined(separator: "\n")
        for duplicate in ["k3", "k15"] {
            let found = errors("[many]\n" + keys + "\n\(duplicate) = 0\n")
            #expect(found.map(\.description) == ["exp.toml:22: many.\(duplicate): expected each key once per section, "
                + "found \"\(duplicate)\" again (it was set on line \(Int(duplicate.dropFirst())! + 2))"])
        }
    }

    @Test func manyDistinctSectionsAreEachReportedOnce() throws {
        // The parser and reader keep an index of names: 200 000 distinct sections are read in
        // one pass (this used to take minutes), each unknown one reported with its line.
        let count = 200_000
        var text = "[known]\na = 1\n"
        text.reserveCapacity(count * 16)
        for index in 0..<count { text += "[s\(index)]\nk = \(index)\n" }
        let document = try ConfigDocument.parse(text, fileName: "many.toml")
        #expect(document.sections.count == count + 2)
        var reader = ConfigReader(document)
        if let known = reader.requiredSection("known") { _ = reader.required("a", in: known, as: .integer("a count", in: 0...9)) }
        do {
            try reader.finish()
            Issue.record("unknown sections were accepted")
        } catch {
            #expect(error.errors.count == count)
            #expect(error.errors.last?.description == "many.toml:\(2 * count + 1): s\(count - 1): expected one of the sections [known], found unknown section [s\(count - 1)]")
        }
    }
}
