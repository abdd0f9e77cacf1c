import Vocabulary
public import ConfigFile
import HAL

extension BoardDefinition {
    /// Parses a board file's text, enforcing every rule of the format (Board/README.md).
    ///
    /// `fileName` labels the errors; a timing profile the file names by path is read relative to
    /// `fileName`'s folder (no other file access). Throws every mistake found, sorted by line, each
    /// with file, line, field and what was expected.
    public static func parse(text: String, fileName: String) throws(ConfigErrors) -> BoardDefinition {
        let document = try ConfigDocument.parse(text, fileName: fileName)
        var reader = ConfigReader(document)
        let folder = fileName.lastIndex(of: "/").map { String(fileName[..<$0]) }
        let header = BoardHeader.read(from: &reader, folder: folder)
        var roleLines: [LineRole: Int] = [:]
        let lines = readLines(from: &reader, roleLines: &roleLines)
        checkRoles(roleLines: roleLines, anchorLine: header.sectionLine, reader: &reader)
        try reader.finish()
        guard let name = header.name, let backend = header.backend else {
            // Unreachable: a missing name or backend has already been reported by `finish()`.
            throw ConfigErrors(ConfigError(fileName: fileName, line: header.sectionLine, field: "board",
                                           message: "incomplete [board] section"))
        }
        return BoardDefinition(
            name: name, description: header.description, backend: backend,
            timingProfile: header.timingProfile ?? (backend == .simulated ? .ideal : nil), clicks: header.clicks,
            consumer: header.consumer, lines: lines, fileName: fileName)
    }

    /// The names of all roles, for "roles are: …".
    static var roleList: String { LineRole.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Reads every `[line.ROLE]` section into an assignment, reporting unknown roles, bad keys and
    /// lines used twice. `roleLines` gets the header line of every known role present, even one
    /// whose keys are wrong, so a bad key is not also reported as a missing role.
    private static func readLines(from reader: inout ConfigReader,
                                  roleLines: inout [LineRole: Int]) -> [LineRole: LineAssignment] {
        var lines: [LineRole: LineAssignment] = [:]
        var roleOfLine: [String: LineAssignment] = [:]
        for section in reader.subsections(of: "line") {
            let roleName = String(section.name.dropFirst("line.".count))
            guard let role = LineRole(rawValue: roleName) else {
                var message = "expected a role (\(roleList)), found unknown role \"\(roleName)\""
                if let suggestion = ConfigReader.closest(to: roleName, among: LineRole.allCases.map(\.rawValue)) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                reader.report(message, field: section.name, line: section.line)
                reader.ignoreKeys(of: section)
                continue
            }
            roleLines[role] = section.line
            guard let assignment = readAssignment(role, from: section, reader: &reader) else { continue }
            let address = assignment.qualifiedName
            if let earlier = roleOfLine[address] {
                reader.report("expected each line to play one role, found line \(address) used twice: by role \"\(earlier.role.rawValue)\" "
                              + "(line \(earlier.sourceLine)) and by role \"\(role.rawValue)\" (line \(section.line))",
                              field: section.name, line: section.line)
                continue
            }
            roleOfLine[address] = assignment
            lines[role] = assignment
        }
        return lines
    }

    /// Reads one `[line.ROLE]` section; nil (with errors recorded) when chip or name is unusable.
    private static func readAssignment(_ role: LineRole, from section: ConfigSection,
                                       reader: inout ConfigReader) -> LineAssignment? {
        let chip = reader.required("chip", in: section, as: .nonEmptyString(like: "qdot-sim"))
        let lineName = reader.required("name", in: section, as: .nonEmptyString(like: "GPIO17"))
        let isActiveLow = reader.value("active-low", in: section, as: .boolean, default: false)
        var bias: LineBias? = nil
        var safeLevel: LineValue? = nil
        switch role.direction {
        case .output:
            if let entry = reader.entry("bias", in: section) {
                reader.report("expected bias on input lines only, found it on the output \"\(role.rawValue)\" "
                              + "(its safe-state level is set with safe = \"inactive\" or \"active\")",
                              about: entry, in: section)
            }
            safeLevel = reader.value("safe", in: section,
                                     as: .oneOf([("inactive", LineValue.inactive), ("active", LineValue.active)]),
                                     default: .inactive)
        case .input:
            if let entry = reader.entry("safe", in: section) {
                reader.report("expected safe on output lines only, found it on the input \"\(role.rawValue)\" "
                              + "(its pull is set with bias = \"as-is\", \"disabled\", \"pull-up\" or \"pull-down\")",
                              about: entry, in: section)
            }
            bias = reader.value("bias", in: section, as: .oneOf(LineBias.self), default: .asIs)
        }
        guard let chip, let lineName else { return nil }
        return LineAssignment(role: role, chipLabel: chip, lineName: lineName, isActiveLow: isActiveLow,
                              bias: bias, safeLevel: safeLevel, sourceLine: section.line)
    }

    /// Required roles, exactly one gate form, basis bits contiguous from bit 0.
    /// `roleLines`: the header line of each role present.
    private static func checkRoles(roleLines lines: [LineRole: Int], anchorLine: Int,
                                   reader: inout ConfigReader) {
        for role in LineRole.allCases where role.isRequired && lines[role] == nil {
            reader.report("expected a [line.\(role.rawValue)] section (a required role), found none",
                          field: "line.\(role.rawValue)", line: anchorLine)
        }
        let perDetectorGates = LineRole.gates(of: .perDetector)
        let presentGates = perDetectorGates.filter { lines[$0] != nil }
        let formsText = "one shared [line.gate] or all four of gate-a-plus, gate-a-minus, gate-b-plus, gate-b-minus"
        let firstPerDetector = presentGates.min { (lines[$0] ?? 0) < (lines[$1] ?? 0) }
        if let sharedLine = lines[.gate], let firstPerDetector, let perDetectorLine = lines[firstPerDetector] {
            reader.report("expected \(formsText), found both forms: [line.gate] (line \(sharedLine)) and "
                          + "[line.\(firstPerDetector.rawValue)] (line \(perDetectorLine))",
                          field: "line.\(firstPerDetector.rawValue)", line: perDetectorLine)
        } else if lines[.gate] == nil && presentGates.isEmpty {
            reader.report("expected \(formsText), found no gate", field: "line.gate", line: anchorLine)
        } else if lines[.gate] == nil {
            for role in perDetectorGates where lines[role] == nil {
                reader.report("expected all four per-detector gates (gate-a-plus, gate-a-minus, gate-b-plus, gate-b-minus), "
                              + "found no [line.\(role.rawValue)]",
                              field: "line.\(role.rawValue)", line: anchorLine)
            }
        }
        for arm in AnalyzerArm.allCases {
            let bits = LineRole.basisBits(of: arm)
            for bit in 1..<bits.count {
                guard let bitLine = lines[bits[bit]], lines[bits[bit - 1]] == nil else { continue }
                reader.report("expected basis bits contiguous from \(bits[0].rawValue), found \"\(bits[bit].rawValue)\" "
                              + "without \"\(bits[bit - 1].rawValue)\"",
                              field: "line.\(bits[bit].rawValue)", line: bitLine)
            }
        }
    }
}
