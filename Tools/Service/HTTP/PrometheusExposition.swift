/// `/metrics` in the Prometheus text format 0.0.4: every metric docs/service.md names, with its
/// HELP and TYPE lines, counters ending in `_total`, the loop's lateness as a histogram in seconds.
public enum PrometheusExposition {
    /// The Content-Type of the text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The exposition of `snapshot`, with the live-stream gauges the broadcaster keeps.
    public static func text(_ snapshot: MetricsSnapshot, liveClients: Int, liveFramesDropped: Int) -> String {
        var text = ""
        func family(_ name: String, _ type: String, _ help: String) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func sample(_ name: String, _ labels: [(String, String)] = [], _ value: String) {
            let labelText = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
            text += "\(name)\(labelText) \(value)\n"
        }

        family("qdot_cycles_total", "counter", "Trigger cycles run.")
        sample("qdot_cycles_total", [], "\(snapshot.cycles)")
        family("qdot_singles_total", "counter", "Clicks per detector channel and analyzer setting.")
        for setting in snapshot.settings {
            for single in setting.singles {
                sample("qdot_singles_total", [("setting", setting.setting), ("channel", single.channel)], "\(single.count)")
            }
        }
        family("qdot_coincidences_total", "counter", "Coincidences per detector pair and analyzer setting.")
        for setting in snapshot.settings {
            for coincidence in setting.coincidences {
                sample("qdot_coincidences_total", [("setting", setting.setting), ("pair", coincidence.pair)], "\(coincidence.count)")
            }
        }
        family("qdot_overruns_total", "counter", "Cycles whose actions ran past the trigger period.")
        sample("qdot_overruns_total", [], "\(snapshot.overruns)")
        family("qdot_missed_slots_total", "counter", "Trigger slots skipped after a late wake-up.")
        sample("qdot_missed_slots_total", [], "\(snapshot.missedSlots)")
        family("qdot_lost_edges_total", "counter", "Edges the backend lost (kernel event buffer overflow).")
        sample("qdot_lost_edges_total", [], "\(snapshot.lostEdges)")
        family("qdot_click_ring_drops_total", "counter", "Click events dropped because the analysis ring was full.")
        sample("qdot_click_ring_drops_total", [], "\(snapshot.clickRingDrops)")

        family("qdot_loop_lateness_seconds", "histogram", "Wake-up lateness of the real-time loop.")
        for bucket in snapshot.latenessBuckets {
            sample("qdot_loop_lateness_seconds_bucket", [("le", number(bucket.upperBoundSeconds))], "\(bucket.cumulativeCount)")
        }
        sample("qdot_loop_lateness_seconds_bucket", [("le", "+Inf")], "\(snapshot.latenessCount)")
        sample("qdot_loop_lateness_seconds_sum", [], number(snapshot.latenessSumSeconds))
        sample("qdot_loop_lateness_seconds_count", [], "\(snapshot.latenessCount)")

        family("qdot_interlock_open", "gauge", "1 while the interlock is open.")
        sample("qdot_interlock_open", [], snapshot.interlockOpen ? "1" : "0")
        family("qdot_run_state", "gauge", "1 for the service's current state.")
        for state in [APIv1.ServiceState.idle, .running, .stopping] {
            sample("qdot_run_state", [("state", state.rawValue)], snapshot.state == state ? "1" : "0")
        }
        family("qdot_runs_total", "counter", "Runs ended, by outcome.")
        for ended in snapshot.runsEnded {
            sample("qdot_runs_total", [("outcome", ended.outcome)], "\(ended.count)")
        }
        family("qdot_live_clients", "gauge", "Connected live-stream clients.")
        sample("qdot_live_clients", [], "\(liveClients)")
        family("qdot_live_frames_dropped_total", "counter", "Live frames dropped for clients that read too slowly.")
        sample("qdot_live_frames_dropped_total", [], "\(liveFramesDropped)")
        return text
    }

    /// A label value with `\`, `"` and line feeds escaped as the text format requires.
    static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A float the way Prometheus reads it (`+Inf`, `-Inf`, `NaN` spelled its way).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return "\(value)"
    }
}
