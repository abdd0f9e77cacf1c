public import ConfigFile
import Firmware
import Foundation
import HAL

extension ExperimentDefinition {
    /// Reads and parses the experiment file at `path`; errors name the file by `path`.
    public static func load(contentsOf path: String) throws(ConfigErrors) -> ExperimentDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors(ConfigError(fileName: path, line: nil,
                                           message: "cannot read the experiment file (\(error.localizedDescription)); expected a readable UTF-8 .experiment.toml file"))
        }
        return try parse(text: text, fileName: path)
    }

    /// Parses an experiment file's text (format: Experiments/README.md). Throws every mistake,
    /// sorted by line, each with file, line, field and what was expected; impossible timing is
    /// refused with the numbers that clash.
    public static func parse(text: String, fileName: String) throws(ConfigErrors) -> ExperimentDefinition {
        let document = try ConfigDocument.parse(text, fileName: fileName)
        var reader = ConfigReader(document)
        let nanoseconds = ConfigType<Int>.integer("a time in nanoseconds")
        let positiveNanoseconds = ConfigType<Int>.positiveInteger("a time in nanoseconds")

        var name = "", description = "", kind = ExperimentKind.bellCHSH, seed: UInt64 = 1
        if let section = reader.requiredSection("experiment") {
            name = reader.required("name", in: section, as: .nonEmptyString(like: "bell-chsh")) ?? ""
            description = reader.value("description", in: section, as: .string(like: "what the run is for"), default: "")
            kind = reader.required("kind", in: section, as: .oneOf(ExperimentKind.self)) ?? .bellCHSH
            seed = UInt64(reader.value("seed", in: section, as: .integer("a seed ≥ 0", in: 0...Int.max), default: 1))
        }

        var timing = CycleTiming.standard
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
            read("coincidence-window-ns", positiveNanoseconds, into: &timing.coincidenceWindow)
        }

        var cyclesPerSetting = 1
        if let section = reader.requiredSection("run") {
            let cycles = reader.optional("cycles-per-setting", in: section, as: .positiveInteger("a number of trigger cycles"))
            let seconds = reader.optional("seconds-per-setting", in: section, as: .positiveNumber("board time per setting, in seconds"))
            switch (cycles, seconds) {
            case let (cycles?, nil): cyclesPerSetting = cycles
            case let (nil, seconds?): cyclesPerSetting = max(1, Int((seconds / timing.triggerPeriod.seconds).rounded()))
            case (_?, _?):
                reader.report("give cycles-per-setting or seconds-per-setting, not both", field: "run", line: section.line)
            case (nil, nil):
                if !section.entries.contains(where: { ["cycles-per-setting", "seconds-per-setting"].contains($0.key) }) {
                    reader.report("missing cycles-per-setting (or seconds-per-setting); expected a number of trigger cycles",
                                  field: "run.cycles-per-setting", line: section.line)
                }
            }
        }

        var analyzer = AnalyzerCodeTable.standard
        if let section = reader.section("analyzer") {
            let basisNames = ConfigType<[String]>.array(of: .string(like: "HV"))
            for (key, arm) in [("a", 0), ("b", 1)] {
                guard let names = reader.optional(key, in: section, as: basisNames) else { continue }
                let line = section.entry(key)?.line ?? section.line
                if names.isEmpty { reader.report("an arm needs at least one basis", field: "analyzer.\(key)", line: line) }
                for (code, basisName) in names.enumerated() where AnalyzerCodeTable.canonical(basisName) == nil {
                    reader.report("code \(code): expected a basis name HV, DA, RL or linear:ANGLE, found \"\(basisName)\"",
                                  field: "analyzer.\(key)", line: line)
                }
                if arm == 0 { analyzer.armA = names } else { analyzer.armB = names }
            }
        }

        var scan: GateDelayScan?
        var sidePeaks = 3, g2Basis = "DA", inefficiency = 1.16
        switch kind {
        case .gateDelayScan:
            if let section = reader.requiredSection("scan") {
                let start = reader.required("start-ns", in: section, as: nanoseconds)
                let stop = reader.required("stop-ns", in: section, as: nanoseconds)
                let step = reader.required("step-ns", in: section, as: positiveNanoseconds)
                if let start, let stop, let step {
                    if stop < start {
                        reader.report("the scan runs from start-ns = \(start) to stop-ns = \(stop); expected stop ≥ start",
                                      field: "scan.stop-ns", line: section.entry("stop-ns")?.line)
                    } else if (stop - start) / step + 1 > 10_000 {
                        reader.report("\((stop - start) / step + 1) steps from \(start) to \(stop) ns by \(step) ns; expected at most 10000",
                                      field: "scan.step-ns", line: section.entry("step-ns")?.line)
                    } else {
                        scan = GateDelayScan(start: .nanoseconds(Int64(start)), stop: .nanoseconds(Int64(stop)),
                                             step: .nanoseconds(Int64(step)))
                    }
                }
            }
        case .g2:
            if let section = reader.section("g2") {
                sidePeaks = reader.value("side-peaks", in: section, as: .integer("a number of side peaks", in: 1...50), default: 3)
                g2Basis = reader.value("basis", in: section, as: .oneOf([("HV", "HV"), ("DA", "DA"), ("RL", "RL")]), default: "DA")
            }
        case .bbm92:
            if let section = reader.section("bbm92") {
                inefficiency = reader.value("error-correction-inefficiency", in: section,
                                            as: .number("an inefficiency f ≥ 1", in: 1...10), default: 1.16)
            }
        default: break
        }

        // Timing that cannot run, with the numbers that clash, on the lines that set them.
        if let section = timingSection {
            var checked = timing
            if let scan, let widest = scan.delays.max(by: { abs($0.nanoseconds) < abs($1.nanoseconds) }) {
                for delay in Set([scan.start, scan.stop, widest]).sorted() {
                    checked.gateDelay = delay
                    for problem in checked.problems {
                        reader.report("at scan gate delay \(delay.nanoseconds) ns: \(problem)", field: "scan",
                                      line: section.line)
                    }
                }
            } else {
                for problem in timing.problems {
                    let key = problem.contains("window") ? "coincidence-window-ns"
                        : problem.contains("gate width") ? "gate-width-ns" : "trigger-period-ns"
                    reader.report(problem, field: section.fieldPath(key), line: timingLines[key] ?? section.line)
                }
            }
        }

        try reader.finish()
        return ExperimentDefinition(
            name: name, description: description, kind: kind, seed: seed, timing: timing,
            cyclesPerSetting: cyclesPerSetting, analyzer: analyzer, scan: scan, sidePeaks: sidePeaks,
            g2Basis: g2Basis, errorCorrectionInefficiency: inefficiency, fileName: fileName)
    }
}
