public import ConfigFile
public import HAL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension TimingProfile {
    /// Reads and parses the profile file at `path` (UTF-8); errors name the file by `path`, an
    /// unreadable file with the system's reason, a byte that is not UTF-8 with its line.
    public static func load(contentsOf path: String) throws(ConfigErrors) -> TimingProfile {
        let text = try ConfigText.read(contentsOf: path, expecting: ".profile.toml file")
        return try parse(text: text, fileName: path)
    }

    /// Parses a timing profile file (`Board/profiles/*.profile.toml`, written by hand or by
    /// `qdot profile --loopback`): every key required, times in nanoseconds ≥ 0, each latency's
    /// maximum at least its minimum. Throws every mistake, sorted by line, with file, line and field.
    public static func parse(text: String, fileName: String) throws(ConfigErrors) -> TimingProfile {
        let document = try ConfigDocument.parse(text, fileName: fileName)
        var reader = ConfigReader(document)
        let nanoseconds = ConfigType<Int>.integer("a time in nanoseconds", in: 0...1_000_000_000, unit: "ns")
        var profile = TimingProfile.ideal
        /// Whether `key` was read (a missing or bad value is reported here, and `value` kept).
        @discardableResult
        func time(_ key: String, in section: ConfigSection?, into value: inout TimeSpan) -> Bool {
            guard let section, let number = reader.required(key, in: section, as: nanoseconds) else { return false }
            value = .nanoseconds(Int64(number))
            return true
        }
        func latency(_ prefix: String, in section: ConfigSection?, into value: inout LatencyDistribution) {
            var minimum = TimeSpan.zero, tailMean = TimeSpan.zero, maximum = TimeSpan.zero
            let readMinimum = time(prefix + "minimum-ns", in: section, into: &minimum)
            time(prefix + "tail-mean-ns", in: section, into: &tailMean)
            let readMaximum = time(prefix + "maximum-ns", in: section, into: &maximum)
            // Only two figures the file gave are compared: a missing or bad one is its own mistake.
            if let section, readMinimum, readMaximum, maximum < minimum {
                reader.report("expected a maximum ≥ the minimum \(minimum.nanoseconds) ns, found \(maximum.nanoseconds) ns",
                              field: section.fieldPath(prefix + "maximum-ns"), line: section.entry(prefix + "maximum-ns")?.line)
            }
            value = LatencyDistribution(minimum: minimum, tailMean: tailMean, maximum: maximum)
        }
        if let section = reader.requiredSection("profile") {
            profile.name = reader.required("name", in: section, as: .nonEmptyString(like: "my-board")) ?? ""
            _ = reader.value("description", in: section, as: .string(like: "what the profile is of"), default: "")
        }
        let write = reader.requiredSection("line-write")
        let readWriteCost = time("cost-ns", in: write, into: &profile.lineWriteCost)
        let readWriteLatency = time("latency-ns", in: write, into: &profile.lineWriteLatency)
        // The simulated board lands a write's level within its call: a latency beyond the cost
        // would change the pin after the call returned (and the board refuses such a profile).
        if let write, readWriteCost, readWriteLatency, profile.lineWriteLatency > profile.lineWriteCost {
            reader.report("expected at most the write's cost-ns \(profile.lineWriteCost.nanoseconds) ns (a write lands before "
                          + "its call returns), found \(profile.lineWriteLatency.nanoseconds) ns",
                          field: write.fieldPath("latency-ns"), line: write.entry("latency-ns")?.line)
        }
        let edgeRead = reader.requiredSection("edge-read")
        time("cost-ns", in: edgeRead, into: &profile.edgeReadCost)
        time("cost-per-event-ns", in: edgeRead, into: &profile.edgeReadCostPerEvent)
        time("cost-ns", in: reader.requiredSection("line-read"), into: &profile.lineReadCost)
        time("cost-ns", in: reader.requiredSection("clock-read"), into: &profile.clockReadCost)
        latency("", in: reader.requiredSection("wake-latency"), into: &profile.wakeLatency)
        let stamp = reader.requiredSection("edge-stamp")
        latency("latency-", in: stamp, into: &profile.edgeStampLatency)
        if let stamp {
            profile.edgeEventsPerLine = reader.required("events-per-line", in: stamp,
                                                        as: .integer("a number of events", in: 1...65_536)) ?? 16
            time("shortest-pulse-ns", in: stamp, into: &profile.shortestPulse)
        }
        try reader.finish()
        return profile
    }
}
