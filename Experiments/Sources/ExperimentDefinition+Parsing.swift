public import ConfigFile
import Firmware
import Foundation
import HAL
import Vocabulary

extension ExperimentDefinition {
    /// Reads and parses the experiment file at `path`; errors name the file by `path`.
    public static func load(contentsOf path: String) throws(ConfigErrors) -> ExperimentDefinition {
        let text = try ConfigText.read(contentsOf: path, expecting: ".experiment.toml file")
        return try parse(text: text, fileName: path)
    }

    /// Parses an experiment file's text (format: Experiments/README.md). Throws every mistake,
    /// sorted by line, each with file, line, field and what was expected; impossible timing is
    /// refused with the numbers that clash.
    public static func parse(text: String, fileName: String) throws(ConfigErrors) -> ExperimentDefinition {
        let document = try ConfigDocument.parse(text, fileName: fileName)
        var reader = ConfigReader(document)
        let longest = RunLimits.longestCycleTimeNanoseconds
        let nanoseconds = ConfigType<Int>.integer("a time in nanoseconds", in: -longest...longest, unit: "ns")
        let positiveNanoseconds = ConfigType<Int>.integer("a time in nanoseconds", in: 1...longest, unit: "ns")

        var name = "", description = "", seed: UInt64 = 1
        var kindType: any ExperimentKind.Type = BellCHSHExperiment.self
        if let section = reader.requiredSection("experiment") {
            name = reader.required("name", in: section, as: .nonEmptyString(like: "bell-chsh")) ?? ""
            description = reader.value("description", in: section, as: .string(like: "what the run is for"), default: "")
            let kinds = ExperimentKinds.names.map { (name: $0, value: $0) }
            if let kindName = reader.required("kind", in: section, as: .oneOf(kinds)), let named = ExperimentKinds.named(kindName) {
                kindType = named
            }
            seed = UInt64(reader.value("seed", in: section, as: .integer("a seed ≥ 0", in: 0...Int.max), default: 1))
        }

        var timing = CycleTiming.standard
        // nil: the mode was misspelt (reported); then no window is asked for either.
        let mode = readCoincidenceMode(from: &reader)
        timing.coincidenceMode = mode ?? .window
        var timingLines: [String: Int] = [:]
        var timingSection: ConfigSection?
        if let section = reader.requiredSection("timing") {
            timingSection = section
            func read(_ key: String, _ type: ConfigType<Int>, into value: inout TimeSpan) {
                if let entry = section.entry(key) { timingLines[key] = entry.line }
                if let number = reader.required(key, in: section, as: type) { value = .nanoseconds(Int64(number)) }
            }
            read("trigger-period-ns", positiveNanoseconds, into: &timing.triggerPeriod)
            read("trigger-pulse-width-ns", positiveNanoseconds, into: &timing.triggerPulseWidth)
            read("gate-delay-ns", nanoseconds, into: &timing.gateDelay)
            read("gate-width-ns", positiveNanoseconds, into: &timing.gateWidth)
            if mode == nil {
                if let number = reader.optional("coincidence-window-ns", in: section, as: positiveNanoseconds) {
                    timing.coincidenceWindow = .nanoseconds(Int64(number))
                }
            } else if timing.coincidenceMode == .window {
                read("coincidence-window-ns", positiveNanoseconds, into: &timing.coincidenceWindow)
            } else if let entry = reader.entry("coincidence-window-ns", in: section) {
                reader.report("expected no coincidence window in gate mode (the detectors' gate is the window; "
                              + "or set [coincidences] mode = \"window\"), found one",
                              about: entry, in: section)
            }
        }

        var cyclesPerSetting = 1
        let runSection = reader.requiredSection("run")
        if let section = runSection {
            let cycles = reader.optional("cycles-per-setting", in: section,
                                         as: .integer("a number of trigger cycles", in: 1...ExperimentDefinition.mostCyclesPerSetting))
            let seconds = reader.optional("seconds-per-setting", in: section,
                                          as: .positiveNumber("board time per setting", atMost: Double(RunLimits.longestRunSeconds), unit: "s"))
            switch (cycles, seconds) {
            case let (cycles?, nil): cyclesPerSetting = cycles
            case let (nil, seconds?): cyclesPerSetting = max(1, Int((seconds / timing.triggerPeriod.seconds).rounded()))
            case (_?, _?):
                reader.report("expected cycles-per-setting or seconds-per-setting, found both", field: "run", line: section.line)
            case (nil, nil):
                if !section.entries.contains(where: { ["cycles-per-setting", "seconds-per-setting"].contains($0.key) }) {
                    reader.report("expected cycles-per-setting (a number of trigger cycles) or seconds-per-setting, found neither",
                                  field: "run.cycles-per-setting", line: section.line)
                }
            }
        }

        var analyzer = AnalyzerCodeTable.standard
        if let section = reader.section("analyzer") {
            let basisNames = ConfigType<[String]>.array(of: .string(like: "HV"))
            for arm in AnalyzerArm.allCases {
                let key = arm.rawValue
                guard let names = reader.optional(key, in: section, as: basisNames) else { continue }
                let line = section.entry(key)?.line ?? section.line
                if names.isEmpty { reader.report("expected at least one basis, found none", field: "analyzer.\(key)", line: line) }
                var bases: [AnalyzerBasis] = []
                for (code, basisName) in names.enumerated() {
                    if let basis = AnalyzerBasis(name: basisName) {
                        bases.append(basis)
                    } else {
                        reader.report("code \(code): expected a basis name HV, DA, RL or linear:ANGLE, found \"\(basisName)\"",
                                      field: "analyzer.\(key)", line: line)
                    }
                }
                if arm == .a { analyzer.armA = bases } else { analyzer.armB = bases }
            }
        }

        let kind = kindType.read(from: &reader)

        // The whole run's board time, checked in 64 bits: each field may be in range and their product not.
        if let section = runSection {
            let (cycles, overflow) = kind.plannedSettings.count.multipliedReportingOverflow(by: cyclesPerSetting)
            let problem = overflow ? "expected at most \(ConfigBounds.grouped(RunLimits.longestRunSeconds)) s of board time, "
                + "found \(kind.plannedSettings.count) settings of \(cyclesPerSetting) cycles"
                : RunLimits.runLengthProblem(cycles: cycles, period: timing.triggerPeriod)
            if let problem {
                let key = section.entry("seconds-per-setting") != nil ? "seconds-per-setting" : "cycles-per-setting"
                reader.report(problem + " (\(kind.plannedSettings.count) settings)", field: section.fieldPath(key),
                              line: section.entry(key)?.line ?? section.line)
            }
        }

        // Timing that cannot run, with the numbers that clash, on the lines that set them.
        if let section = timingSection {
            for (place, checked) in kind.timingsToCheck(timing) {
                for problem in checked.problems {
                    if let place {
                        reader.report("\(place.context): \(problem)", field: place.field, line: section.line)
                        continue
                    }
                    let key = problem.contains("window") ? "coincidence-window-ns"
                        : problem.contains("gate width") ? "gate-width-ns"
                        : problem.contains("gate delay") ? "gate-delay-ns"
                        : problem.contains("pulse width") ? "trigger-pulse-width-ns" : "trigger-period-ns"
                    reader.report(problem, field: section.fieldPath(key), line: timingLines[key] ?? section.line)
                }
            }
        }

        try reader.finish()
        return ExperimentDefinition(name: name, description: description, kind: kind, seed: seed, timing: timing,
                                    cyclesPerSetting: cyclesPerSetting, analyzer: analyzer, fileName: fileName)
    }

    /// The most trigger cycles one setting may hold (10¹²; the run as a whole is limited by
    /// `RunLimits.longestRun` too).
    public static let mostCyclesPerSetting = 1_000_000_000_000

    /// The `[coincidences]` section: `mode` "window" (default: first clicks within the
    /// `[timing]` coincidence window) or "gate" (the same cycle; `side-cycles`, default 3, on each
    /// side measure the accidentals). Nil when `mode` is none of these (the mistake is reported).
    static func readCoincidenceMode(from reader: inout ConfigReader) -> CoincidenceMode? {
        guard let section = reader.section("coincidences") else { return .window }
        let given = reader.entry("mode", in: section) != nil
        let mode = reader.optional("mode", in: section, as: .oneOf([("window", "window"), ("gate", "gate")]))
        if given && mode == nil {
            _ = reader.optional("side-cycles", in: section, as: .integer("a number of side cycles", in: 1...CoincidenceMode.maximumSideCycles))
            return nil
        }
        let maximum = CoincidenceMode.maximumSideCycles
        if mode == "gate" {
            return .gate(sideCycles: reader.value("side-cycles", in: section,
                                                  as: .integer("a number of side cycles", in: 1...maximum), default: 3))
        }
        if let entry = reader.entry("side-cycles", in: section) {
            reader.report("expected side-cycles only with mode = \"gate\", found it in window mode", about: entry, in: section)
        }
        return .window
    }
}
