import ConfigFile
import Testing

/// The parser on its own: every value form of the subset, and every syntax mistake with its position.
@Suite struct ConfigParserTests {
    private func parse(_ text: String) throws(ConfigErrors) -> ConfigDocument {
        try ConfigDocument.parse(text, fileName: "test.toml")
    }

    /// The single error a bad text gives (nil if it parses or gives several).
    private func onlyError(_ text: String) -> ConfigError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.errors.count == 1 ? error.first : nil
        }
    }

    @Test func emptyAndCommentOnlyFilesHaveOnlyAnEmptyRootSection() throws {
        for text in ["", "\n\n", "# just a comment\n   # indented\n\t\n"] {
            let document = try parse(text)
            #expect(document.sections.count == 1)
            #expect(document.sections[0].name == "")
            #expect(document.sections[0].entries.isEmpty)
        }
    }

    @Test func sectionsAndKeysKeepTheirLinesAndColumns() throws {
        let document = try parse("""
            top = 1
            # comment
            [board]
              name = "x"
            [ line . trigger ]   # spaces around dots are allowed
            chip="qdot-sim"
            """)
        #expect(document.sections.map(\.name) == ["", "board", "line.trigger"])
        #expect(document.section("")?.entry("top")?.line == 1)
        let board = try #require(document.section("board"))
        #expect(board.line == 3)
        let name = try #require(board.entry("name"))
        #expect(name.line == 4 && name.keyColumn == 3 && name.valueColumn == 10)
        let trigger = try #require(document.section("line.trigger"))
        #expect(trigger.nameComponents == ["line", "trigger"])
        #expect(trigger.entry("chip")?.value == .string("qdot-sim"))
        #expect(trigger.fieldPath("chip") == "line.trigger.chip")
    }

    @Test func stringEscapesDecode() throws {
        let document = try parse(#"""
            quote = "say \"hi\""
            backslash = "C:\\path"
            newline = "a\nb"
            tab = "a\tb"
            hash = "not # a comment"   # but this is
            unicode = "Δt ≈ 80 ps"
            empty = ""
            """#)
        let root = document.sections[0]
        #expect(root.entry("quote")?.value == .string("say \"hi\""))
        #expect(root.entry("backslash")?.value == .string("C:\\path"))
        #expect(root.entry("newline")?.value == .string("a\nb"))
        #expect(root.entry("tab")?.value == .string("a\tb"))
        #expect(root.entry("hash")?.value == .string("not # a comment"))
        #expect(root.entry("unicode")?.value == .string("Δt ≈ 80 ps"))
        #expect(root.entry("empty")?.value == .string(""))
    }

    @Test func numbersIntegersFloatsAndBooleans() throws {
        let document = try parse("""
            a = 42
            b = -17
            c = +5
            d = 1_000_000
            e = 0
            f = 3.25
            g = -2.5e-3
            h = 1e6
            i = 6.02E+23
            j = -0.0
            k = true
            l = false
            m = 9223372036854775807
            n = -9223372036854775808
            """)
        let root = document.sections[0]
        let expected: [(String, ConfigValue)] = [
            ("a", .integer(42)), ("b", .integer(-17)), ("c", .integer(5)), ("d", .integer(1_000_000)),
            ("e", .integer(0)), ("f", .float(3.25)), ("g", .float(-0.0025)), ("h", .float(1e6)),
            ("i", .float(6.02e23)), ("j", .float(-0.0)), ("k", .boolean(true)), ("l", .boolean(false)),
            ("m", .integer(Int.max)), ("n", .integer(Int.min)),
        ]
        for (key, value) in expected {
            #expect(root.entry(key)?.value == value, "key \(key)")
        }
    }

    @Test func oneLineArraysOfAnyValues() throws {
        let document = try parse("""
            angles = [0, 22.5, 45, 67.5]   # degrees
            names = ["H", "V", "D"]
            empty = []
            trailing = [1, 2, 3,]
            nested = [[1, 2], ["a"]]
            spaced = [ true ,false ]
            """)
        let root = document.sections[0]
        #expect(root.entry("angles")?.value == .array([.integer(0), .float(22.5), .integer(45), .float(67.5)]))
        #expect(root.entry("names")?.value == .array([.string("H"), .string("V"), .string("D")]))
        #expect(root.entry("empty")?.value == .array([]))
        #expect(root.entry("trailing")?.value == .array([.integer(1), .integer(2), .integer(3)]))
        #expect(root.entry("nested")?.value == .array([.array([.integer(1), .integer(2)]), .array([.string("a")])]))
        #expect(root.entry("spaced")?.value == .array([.boolean(true), .boolean(false)]))
    }

    @Test func windowsLineEndingsAreAccepted() throws {
        let document = try parse("[board]\r\nname = \"x\"\r\n")
        #expect(document.section("board")?.entry("name")?.value == .string("x"))
    }

    @Test func unterminatedStringPointsAtItsOpeningQuote() throws {
        let error = try #require(onlyError("[board]\nname = \"simulated\n"))
        #expect(error.line == 2 && error.column == 8)
        #expect(error.description.hasPrefix("test.toml:2: syntax: expected the closing \" of the string on the same line"))
        // An escaped quote does not close a string.
        #expect(onlyError(#"name = "ends with \""#)?.message.hasPrefix("expected the closing \"") == true)
    }

    @Test func syntaxMistakesGiveLineColumnAndWhatWasExpected() throws {
        let cases: [(text: String, line: Int, column: Int, messageStart: String)] = [
            ("a = 1 2", 1, 7, "expected the end of the line or a # comment after the value"),
            ("\n\nchip = \"x\" \"y\"", 3, 12, "expected the end of the line or a # comment after the value"),
            ("a = ", 1, 5, "expected a value after '='"),
            ("a = # nothing", 1, 5, "expected a value after '='"),
            ("a 1", 1, 3, "expected '=' after key \"a\""),
            ("a.b = 1", 1, 2, "expected '=' after key \"a\" (dotted keys are not supported"),
            ("\"a\" = 1", 1, 1, "expected a key or a [section] header (letters, digits, - and _; quoted keys are not supported)"),
            ("= 1", 1, 1, "expected a key or a [section] header"),
            ("a = 'x'", 1, 5, "expected a \"double-quoted\" string, found ''x''"),
            ("a = hello", 1, 5, "expected a value (a \"string\" in double quotes"),
            (#"a = "bad \q escape""#, 1, 10, "expected an escape \\\", \\\\, \\n or \\t in the string, found \\q"),
            ("a = [1, 2", 1, 5, "expected ] closing the array on the same line"),
            ("a = [1 2]", 1, 8, "expected ',' or ']' in array"),
            ("a = 1__0", 1, 5, "expected '_' only between two digits, found 1__0"),
            ("a = _1", 1, 5, "expected a value"),
            ("a = 1_", 1, 5, "expected digits on both sides of '.', after 'e', and around '_', found 1_"),
            ("a = 012", 1, 5, "expected no leading zeros, found 012"),
            ("a = 1.", 1, 5, "expected digits on both sides of '.', after 'e', and around '_', found 1."),
            ("a = .5", 1, 5, "expected a value"),
            ("a = 1e", 1, 5, "expected digits on both sides of '.', after 'e', and around '_', found 1e"),
            ("a = 0x1F", 1, 5, "expected a decimal number, found 0x1F"),
            ("a = nan", 1, 5, "expected a finite number, found nan"),
            ("a = -inf", 1, 5, "expected a finite number, found -inf"),
            ("a = 1e999", 1, 5, "expected a finite number (at most about 1.8e308), found 1e999"),
            ("a = 9223372036854775808", 1, 5, "expected an integer -9223372036854775808 … 9223372036854775807, found 9223372036854775808"),
            ("a = 2024-01-01", 1, 5, "expected a number like 1_000, -2.5 or 1e6, found 2024-01-01"),
            ("[board", 1, 7, "expected '.' or ']' in section header"),
            ("[]", 1, 2, "expected a section name"),
            ("[line.]", 1, 7, "expected a section name"),
            ("[board] x", 1, 9, "expected the end of the line or a # comment after the section header"),
            ("[[run]]", 1, 1, "expected one [section] per item"),
        ]
        for testCase in cases {
            let error = try #require(onlyError(testCase.text), "text: \(testCase.text)")
            #expect(error.line == testCase.line, "text: \(testCase.text)")
            #expect(error.column == testCase.column, "text: \(testCase.text) → \(error)")
            #expect(error.message.hasPrefix(testCase.messageStart), "text: \(testCase.text) → \(error)")
        }
    }

    @Test func duplicateKeysAndSectionsNameTheFirstLine() throws {
        let key = try #require(onlyError("[line.trigger]\nchip = \"a\"\nname = \"T\"\nchip = \"b\""))
        #expect(key.description == "test.toml:4: line.trigger.chip: expected each key once per section, found \"chip\" again (it was set on line 2)")
        let section = try #require(onlyError("[board]\nname = \"a\"\n\n[board]\n"))
        #expect(section.line == 4)
        #expect(section.description == "test.toml:4: board: expected each section once, found [board] again (it was opened on line 1)")
    }

    @Test func everyBadLineIsReportedInOrder() throws {
        do {
            _ = try parse("""
                [board]
                name = "ok"
                x = 1 2
                y = "open
                [board]
                z = 3
                """)
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.map(\.line) == [3, 4, 5])
            #expect(error.first.line == 3)
            #expect(error.description.split(separator: "\n").count == 3)
        }
    }

    @Test func valuesPrintBackAsLiterals() {
        #expect(ConfigValue.string("a\"b\n").description == #""a\"b\n""#)
        #expect(ConfigValue.integer(3).kindAndLiteral == "integer 3")
        #expect(ConfigValue.float(1.3).kindAndLiteral == "float 1.3")
        #expect(ConfigValue.boolean(true).kindAndLiteral == "boolean true")
        #expect(ConfigValue.array([.integer(1), .string("x")]).kindAndLiteral == #"array [1, "x"]"#)
    }
}
