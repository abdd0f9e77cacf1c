import ConfigFile
import Experiments
import Testing

/// Every number of an experiment file is range-checked where it is read: the values an outside
/// audit found trapping (arithmetic overflow) or wrapping are refused as field errors, one each,
/// naming the field, the allowed range and the value.
@Suite struct ExperimentFileRangeTests {
    static let bell = ExperimentExamples.named("bell-chsh")!.text
    static let scan = ExperimentExamples.named("gate-delay-scan")!.text

    /// The only error of `text` with `original` replaced by `replacement`.
    func onlyError(_ original: String, _ replacement: String, in text: String = bell) throws -> ConfigError {
        #expect(text.contains(original), "the example no longer contains \(original)")
        do {
            _ = try ExperimentDefinition.parse(text: text.replacingOccurrences(of: original, with: replacement), fileName: "x.experiment.toml")
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            return error.first
        }
        Issue.record("\(replacement) was accepted")
        throw ConfigErrors(ConfigError(fileName: "", line: nil, message: "accepted"))
    }

    @Test(arguments: [
        ("gate-delay-ns = -500", "gate-delay-ns = -9223372036854775808", "timing.gate-delay-ns",
         "expected a time in nanoseconds, -1 000 000 000 … 1 000 000 000 ns, found -9223372036854775808"),
        ("trigger-period-ns = 10000", "trigger-period-ns = 1000000000000", "timing.trigger-period-ns",
         "expected a time in nanoseconds, 1 … 1 000 000 000 ns, found 1000000000000"),
        ("trigger-pulse-width-ns = 1000", "trigger-pulse-width-ns = 9223372036854775800", "timing.trigger-pulse-width-ns",
         "expected a time in nanoseconds, 1 … 1 000 000 000 ns, found 9223372036854775800"),
        ("gate-width-ns = 2000", "gate-width-ns = 0", "timing.gate-width-ns",
         "expected a time in nanoseconds, 1 … 1 000 000 000 ns, found 0"),
        ("coincidence-window-ns = 5 ", "coincidence-window-ns = -5 ", "timing.coincidence-window-ns",
         "expected a time in nanoseconds, 1 … 1 000 000 000 ns, found -5"),
        ("cycles-per-setting = 50000", "cycles-per-setting = 2000000000000000000", "run.cycles-per-setting",
         "expected a number of trigger cycles, 1 … 1 000 000 000 000, found 2000000000000000000"),
        ("cycles-per-setting = 50000", "seconds-per-setting = 1e300", "run.seconds-per-setting",
         "expected a positive number (board time per setting), at most 1 000 000 s, found 1e+300"),
    ])
    func anOutOfRangeTimingValueIsAFieldError(original: String, replacement: String, field: String, message: String) throws {
        let error = try onlyError(original, replacement)
        #expect(error.field == field)
        #expect(error.message == message)
        #expect(error.line == Self.bell.components(separatedBy: "\n").firstIndex { $0.hasPrefix(original) }.map { $0 + 1 })
    }

    @Test func fieldsInRangeWhoseProductIsTooLongARunAreRefused() throws {
        // 7 settings × 10¹² cycles × 10 µs: every field in range, the run 7·10⁷ s of board time.
        let error = try onlyError("cycles-per-setting = 50000", "cycles-per-setting = 1000000000000")
        #expect(error.field == "run.cycles-per-setting")
        #expect(error.message.hasPrefix("expected at most 1 000 000 s of board time, found 7 000 000 000 000 cycles of 10000 ns"),
                "\(error.message)")
        // The same by seconds: 7 × 200 000 s.
        let seconds = try onlyError("cycles-per-setting = 50000", "seconds-per-setting = 200000")
        #expect(seconds.field == "run.seconds-per-setting")
        #expect(seconds.message.hasPrefix("expected at most 1 000 000 s of board time"))
        // Just inside: 7 × 142 857 s.
        _ = try ExperimentDefinition.parse(text: Self.bell.replacingOccurrences(of: "cycles-per-setting = 50000",
                                                                              with: "seconds-per-setting = 142857"),
                                           fileName: "x.experiment.toml")
    }

    @Test func aScanBeyondASecondIsRefused() throws {
        let start = try onlyError("start-ns = ", "start-ns = -9223372036854775807 #", in: Self.scan)
        #expect(start.field == "scan.start-ns")
        #expect(start.message.hasPrefix("expected a gate delay in nanoseconds, -1 000 000 000 … 1 000 000 000 ns"))
        let step = try onlyError("step-ns = ", "step-ns = 9223372036854775807 #", in: Self.scan)
        #expect(step.field == "scan.step-ns")
    }
}
