#if Service
import Foundation
import Testing
@testable import Service

/// `/metrics` is the text format Prometheus reads, with every metric docs/service.md names.
struct PrometheusExpositionTests {
    static func snapshot(settings: [String]) -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        snapshot.cycles = 350_000
        snapshot.settings = settings.enumerated().map { index, label in
            MetricsSnapshot.SettingCounters(setting: label,
                                            singles: [("A+", 3810 + index), ("A-", 3790), ("B+", 3805), ("B-", 3799)],
                                            coincidences: [("A+B+", 676), ("A+B-", 22), ("A-B+", 15), ("A-B-", 616 + index)])
        }
        snapshot.overruns = 2
        snapshot.missedSlots = 1
        snapshot.lostEdges = 0
        snapshot.clickRingDrops = 3
        snapshot.latenessBuckets = [(0.000001, 10), (0.00001, 340_000), (0.001, 349_990), (0.01, 350_000)]
        snapshot.latenessSumSeconds = 1.75
        snapshot.latenessCount = 350_001
        snapshot.interlockOpen = true
        snapshot.state = .running
        snapshot.runsEnded = [("completed", 4), ("stopped", 1)]
        return snapshot
    }

    @Test func theExpositionIsExactlyTheTextFormat() {
        let text = PrometheusExposition.text(Self.snapshot(settings: ["HV/HV"]), liveClients: 3, liveFramesDropped: 17)
        #expect(text == """
        # HELP qdot_cycles_total Trigger cycles run.
        # TYPE qdot_cycles_total counter
        qdot_cycles_total 350000
        # HELP qdot_singles_total Clicks per detector channel and analyzer setting.
        # TYPE qdot_singles_total counter
        qdot_singles_total{setting="HV/HV",channel="A+"} 3810
        qdot_singles_total{setting="HV/HV",channel="A-"} 3790
        qdot_singles_total{setting="HV/HV",channel="B+"} 3805
        qdot_singles_total{setting="HV/HV",channel="B-"} 3799
        # HELP qdot_coincidences_total Coincidences per detector pair and analyzer setting.
        # TYPE qdot_coincidences_total counter
        qdot_coincidences_total{setting="HV/HV",pair="A+B+"} 676
        qdot_coincidences_total{setting="HV/HV",pair="A+B-"} 22
        qdot_coincidences_total{setting="HV/HV",pair="A-B+"} 15
        qdot_coincidences_total{setting="HV/HV",pair="A-B-"} 616
        # HELP qdot_overruns_total Cycles whose actions ran past the trigger period.
        # TYPE qdot_overruns_total counter
        qdot_overruns_total 2
        # HELP qdot_missed_slots_total Trigger slots skipped after a late wake-up.
        # TYPE qdot_missed_slots_total counter
        qdot_missed_slots_total 1
        # HELP qdot_lost_edges_total Edges the backend lost (kernel event buffer overflow).
        # TYPE qdot_lost_edges_total counter
        qdot_lost_edges_total 0
        # HELP qdot_click_ring_drops_total Click events dropped because the analysis ring was full.
        # TYPE qdot_click_ring_drops_total counter
        qdot_click_ring_drops_total 3
        # HELP qdot_loop_lateness_seconds Wake-up lateness of the real-time loop.
        # TYPE qdot_loop_lateness_seconds histogram
        qdot_loop_lateness_seconds_bucket{le="1e-06"} 10
        qdot_loop_lateness_seconds_bucket{le="1e-05"} 340000
        qdot_loop_lateness_seconds_bucket{le="0.001"} 349990
        qdot_loop_lateness_seconds_bucket{le="0.01"} 350000
        qdot_loop_lateness_seconds_bucket{le="+Inf"} 350001
        qdot_loop_lateness_seconds_sum 1.75
        qdot_loop_lateness_seconds_count 350001
        # HELP qdot_interlock_open 1 while the interlock is open.
        # TYPE qdot_interlock_open gauge
        qdot_interlock_open 1
        # HELP qdot_run_state 1 for the service's current state.
        # TYPE qdot_run_state gauge
        qdot_run_state{state="idle"} 0
        qdot_run_state{state="running"} 1
        qdot_run_state{state="stopping"} 0
        # HELP qdot_runs_total Runs ended, by outcome.
        # TYPE qdot_runs_total counter
        qdot_runs_total{outcome="completed"} 4
        qdot_runs_total{outcome="stopped"} 1
        # HELP qdot_live_clients Connected live-stream clients.
        # TYPE qdot_live_clients gauge
        qdot_live_clients 3
        # HELP qdot_live_frames_dropped_total Live frames dropped for clients that read too slowly.
        # TYPE qdot_live_frames_dropped_total counter
        qdot_live_frames_dropped_total 17

        """)
    }

    @Test func labelValuesEscapeBackslashQuoteAndLineFeed() {
        #expect(PrometheusExposition.escapeLabelValue(#"a\b"c"# + "\nd°") == #"a\\b\"c\nd°"#)
        let text = PrometheusExposition.text(Self.snapshot(settings: ["say \"hi\"\n"]), liveClients: 0, liveFramesDropped: 0)
        #expect(text.contains(#"qdot_singles_total{setting="say \"hi\"\n",channel="A+"} 3810"#))
    }

    @Test func promtoolAcceptsTheExpositionWithUnicodeAndEscapedLabels() throws {
        let promtool = "/usr/bin/promtool"
        try #require(FileManager.default.isExecutableFile(atPath: promtool),
                     "promtool is not installed at \(promtool) (Debian: apt-get install prometheus); the service lane installs it")
        let text = PrometheusExposition.text(Self.snapshot(settings: ["a=0.0° b=22.5°", "a=45.0° b=67.5°", #"odd \ "label""# + "\n"]),
                                             liveClients: 50, liveFramesDropped: 1234)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool check metrics: \(report)")
        #expect(report.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "promtool found problems: \(report)")
    }
}
#endif
