import ConfigFile
import Experiments

/// How fast an experiment file is read as `qdot check` reads it — UTF-8 check, parse, typed
/// read, every mistake formatted — on 20 MB files of many sections and of many keys (target,
/// release build: under 2 s each, and time growing linearly with size). CPU time is the figure:
/// wall time on a shared machine counts the other processes' turns too.
enum ConfigBenchmark {
    static func run(arguments: [String]) -> Int32 {
        let megabytes = arguments.first.flatMap(Int.init) ?? 20
        let base = ExperimentExamples.named("bell-chsh")!.text
        print("config reader (qdot check's path: UTF-8 check, parse, read, every error formatted)")
        for shape in ["sections", "keys"] {
            for size in [megabytes / 4, megabytes / 2, megabytes] where size > 0 {
                measure(shape: shape, text: generated(shape, megabytes: size, after: base))
            }
        }
        return 0
    }

    /// The shipped bell-chsh file followed by unknown `[extra-N]` sections (one key each), or by
    /// unknown keys in one `[extra]` section, up to `megabytes`.
    static func generated(_ shape: String, megabytes: Int, after base: String) -> String {
        var text = base + (shape == "keys" ? "\n[extra]\n" : "\n")
        let target = megabytes * 1_000_000
        text.reserveCapacity(target + 64)
        var index = 0
        while text.utf8.count < target {
            text += shape == "keys" ? "key-\(index) = \(index)\n" : "[extra-\(index)]\nkey = \(index)\n"
            index += 1
        }
        return text
    }

    static func measure(shape: String, text: String) {
        let bytes = Array(text.utf8)
        let clock = ContinuousClock()
        var errorCount = 0
        var printedBytes = 0
        let cpuStart = CPUTime.thread()
        let elapsed = clock.measure {
            do throws(ConfigErrors) {
                let decoded = try ConfigText.decodeUTF8(bytes, fileName: "bench.experiment.toml")
                _ = try ExperimentDefinition.parse(text: decoded, fileName: "bench.experiment.toml")
            } catch {
                errorCount = error.errors.count
                printedBytes = error.description.utf8.count
            }
        }
        let cpuSeconds = CPUTime.thread() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let megabytes = Double(bytes.count) / 1e6
        print("  many \(shape == "keys" ? "keys    " : shape) \(format(megabytes)) MB: \(format(cpuSeconds)) s CPU "
              + "(\(format(seconds)) s wall), \(format(megabytes / cpuSeconds)) MB/s; "
              + "\(errorCount) errors, \(format(Double(printedBytes) / 1e6)) MB of messages")
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return String(scaled)
    }
}
