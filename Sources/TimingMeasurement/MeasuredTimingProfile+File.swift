import HAL

extension MeasuredTimingProfile {
    /// The profile as a `.profile.toml` file in the shipped files' format (`TimingProfile.load`
    /// reads it back; `qdot sim --profile FILE` and a board file's `timing-profile` use it), every
    /// figure with a comment saying how it was measured, from how many samples, and how well.
    public func fileText(provenance: LoopbackProvenance, plan: LoopbackPlan) -> String {
        let write = assumedWriteLatency.nanoseconds
        var text = header(provenance: provenance, plan: plan)
        text += "[profile]\n"
        text += Self.entry("name", Self.quoted(profile.name), "shown in results (board files name the file)")
        text += Self.entry("description", Self.quoted("measured by qdot profile --loopback on \(provenance.boardName), "
            + "\(provenance.measuredAt), \(provenance.system)"), "for people")
        text += "\n"
        text += Self.section("line-write", "trigger writes (to the pulse level and back): \(lineWrite.sampleCount) set calls")
        text += Self.entry("cost-ns", "\(profile.lineWriteCost.nanoseconds)", "mean " + Self.describe(lineWrite))
        text += Self.entry("latency-ns", "\(write)", "ASSUMED, not measured: the write lands as its call returns "
            + "(see the header); W + S is measured, under [edge-stamp]")
        text += "\n"
        text += Self.section("edge-read", "edge reads of the loopback line (requested alone)")
        text += Self.entry("cost-ns", "\(profile.edgeReadCost.nanoseconds)", "a read that finds nothing: mean " + Self.describe(edgeRead))
        text += Self.entry("cost-per-event-ns", "\(profile.edgeReadCostPerEvent.nanoseconds)",
                           "a read that finds one waiting edge less one that finds none: \(Self.decimal(edgeReadPerEvent.meanNanoseconds)) "
                           + "± \(Self.decimal(edgeReadPerEvent.standardErrorNanoseconds)) ns (\(samples.oneEdgeReadSpans.count) "
                           + "and \(samples.emptyReadSpans.count) reads)")
        text += "\n"
        text += Self.section("line-read", "level reads of the loopback line")
        text += Self.entry("cost-ns", "\(profile.lineReadCost.nanoseconds)", "mean " + Self.describe(lineRead))
        text += "\n"
        text += Self.section("clock-read", "the board's clock (HardwareClock.now)")
        text += Self.entry("cost-ns", "\(profile.clockReadCost.nanoseconds)",
                           "\(samples.clockReads) back-to-back reads, \(samples.clockReadSpanNanoseconds) ns first to last: "
                           + "\(Self.decimal(clockRead.meanNanoseconds)) ns each")
        text += "\n"
        text += Self.section("wake-latency", "sleeps to absolute deadlines \(plan.period.nanoseconds / 1_000) µs apart: "
            + "\(wake.sampleCount) wake-ups")
        text += latencyEntries(wake, prefix: "", offset: .zero)
        text += "\n"
        text += Self.section("edge-stamp", "loopback edges: write start → stamp, less the write latency above: "
            + "\(writeToStamp.sampleCount) edges")
        text += latencyEntries(writeToStamp, prefix: "latency-", offset: assumedWriteLatency)
        text += Self.entry("events-per-line", "\(profile.edgeEventsPerLine)", "NOT MEASURED: \(unmeasuredSource)")
        text += Self.entry("shortest-pulse-ns", "\(profile.shortestPulse.nanoseconds)", "NOT MEASURED: \(unmeasuredSource) "
            + "(a loopback's pulses are microseconds wide)")
        return text
    }

    private func header(provenance: LoopbackProvenance, plan: LoopbackPlan) -> String {
        let sum = writeToStamp.floorNanoseconds
        let stampFloor = profile.edgeStampLatency.minimum.nanoseconds
        let lines = [
            "qdot timing profile — measured with `qdot profile --loopback` on board \(provenance.boardName)",
            "(\(provenance.boardFile)): trigger \(provenance.triggerLine) wired to loopback \(provenance.loopbackLine).",
            "When:    \(provenance.measuredAt)",
            "System:  \(provenance.system)",
            "Library: \(provenance.gpioLibrary); loopback edges stamped on \(provenance.stampClock)",
            "Loop:    \(samples.cycles) cycles \(plan.period.nanoseconds / 1_000) µs apart, \(samples.overruns) deadlines skipped, "
                + "\(samples.extraEdges) extra edges; \(provenance.realtime)",
            "",
            "Each cycle, like the firmware's: sleep to an absolute deadline; read the loopback line's edges",
            "twice (the first read finds the edge the last cycle's return to the safe level left, long since",
            "queued; the second finds none); read its level; drive the trigger to its pulse level and poll the",
            "loopback line until the edge arrives with its stamp; drive it back to the safe level. A call's cost",
            "is the span between two clock reads around it less one clock read; costs are means ± their",
            "standard errors.",
            "Latencies are fitted as a floor plus an exponential tail, cut at a maximum (the shape qdot's",
            "simulated board draws): tail mean = (mean − least)·n/(n − 1), floor = least − tail mean/n (the",
            "shifted exponential's unbiased estimators), maximum = the largest sample. The model check compares",
            "the samples' median and p99 with the fitted model's: far apart, the shape does not fit this board.",
            "",
            "ASSUMPTION: a loopback measures write start → edge stamp, the write latency W plus the stamp",
            "latency S, and cannot split them: the kernel stamps at interrupt time, and only a scope on the pin",
            "could. Here W is the write cost (the write lands as its call returns, at the latest) and S the rest:",
            "fitted floor of W + S \(Self.decimal(sum)) ns = W \(assumedWriteLatency.nanoseconds) ns + S \(stampFloor) ns.",
            "The firmware sees only the sum (a click is stamped W + S after the write that caused it), so the",
            "split moves no simulated click; measure the pin with a scope and move ns between the two if you can.",
            "",
            "Use it: `qdot sim --profile THIS-FILE`, or timing-profile = \"THIS-FILE\" in a board file.",
        ]
        return lines.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined() + "\n"
    }

    private func latencyEntries(_ fit: LatencyFit, prefix: String, offset: TimeSpan) -> String {
        let distribution = fit.distribution(minus: offset)
        let less = offset == .zero ? "" : ", less \(offset.nanoseconds) ns"
        let check = "model check: median \(fit.medianNanoseconds) ns (model \(Self.decimal(fit.modelQuantileNanoseconds(0.5), places: 0))), "
            + "p99 \(fit.p99Nanoseconds) ns (model \(Self.decimal(fit.modelQuantileNanoseconds(0.99), places: 0)))"
        return Self.entry(prefix + "minimum-ns", "\(distribution.minimum.nanoseconds)",
                          "fitted floor \(Self.decimal(fit.floorNanoseconds)) ± \(Self.decimal(fit.floorStandardErrorNanoseconds, places: 2)) ns"
                          + "\(less) (least sample \(fit.smallestNanoseconds) ns)")
            + Self.entry(prefix + "tail-mean-ns", "\(distribution.tailMean.nanoseconds)",
                         "fitted tail mean \(Self.decimal(fit.tailMeanNanoseconds)) ± \(Self.decimal(fit.tailMeanStandardErrorNanoseconds)) ns; "
                         + check)
            + Self.entry(prefix + "maximum-ns", "\(distribution.maximum.nanoseconds)",
                         "the largest of \(fit.sampleCount) samples (\(fit.largestNanoseconds) ns\(less)): a longer run sees further")
    }

    // MARK: Text helpers

    /// `[name]` with a comment after it.
    static func section(_ name: String, _ comment: String) -> String { entry("[\(name)]", nil, comment) }

    /// `key = value`, its comment aligned in the shipped files' column 31.
    static func entry(_ key: String, _ value: String?, _ comment: String? = nil) -> String {
        var line = value.map { "\(key) = \($0)" } ?? key
        if let comment {
            line += String(repeating: " ", count: max(30 - line.count, 1)) + "# " + comment
        }
        return line + "\n"
    }

    /// A TOML string: quotes and backslashes escaped, line breaks made spaces.
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n", "\r", "\t": escaped += " "
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    /// "1200.0 ± 3.1 ns (median 1180 ns) of 20000 calls".
    static func describe(_ cost: CostEstimate) -> String {
        "\(decimal(cost.meanNanoseconds)) ± \(decimal(cost.standardErrorNanoseconds)) ns "
            + "(median \(decimal(cost.medianNanoseconds, places: 0)) ns) of \(cost.sampleCount) calls"
    }

    /// `value` with `places` decimals (no Foundation here).
    static func decimal(_ value: Double, places: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + "\(whole)" }
        let digits = String(fraction)
        return sign + "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }
}
