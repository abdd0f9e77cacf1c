public import Boards
public import Experiments
public import HAL
import Vocabulary

/// Whether an experiment can be certified with a board's clicks as that board stamps them — the
/// checks `qdot check`, `qdot sim` and `qdot run` make before anything runs, on any backend.
public enum ExperimentBoardFit {
    /// What keeps `experiment`'s coincidences from being counted honestly on `board` (with
    /// `profile` instead of the board's own, as `qdot sim --profile` runs it), each problem with
    /// the numbers that clash and what to do.
    ///
    /// - Window mode needs stamps that resolve the window: a window narrower than the board's click
    ///   resolution (`BoardDefinition.clickResolution`) would lose true pairs to stamp jitter and
    ///   certify what the lab will never see.
    /// - Gate mode attributes each click to its cycle by its stamp, so a stamp must come before the
    ///   next cycle starts, for all but one click in a thousand.
    public static func problems(_ experiment: ExperimentDefinition, board: BoardDefinition,
                                profile override: TimingProfile? = nil) -> [String] {
        var board = board
        if let override { board.timingProfile = override }
        let timing = experiment.timing
        var problems: [String] = []
        switch timing.coincidenceMode {
        case .window:
            let window = timing.coincidenceWindow.nanoseconds
            guard let resolution = board.clickResolution else {
                problems.append("coincidence window \(window) ns: board \(board.name) names no timing profile, so how finely its "
                    + "kernel stamps resolve clicks is unknown; name one (timing-profile = \"raspberry-pi-4\", or a file from "
                    + "`qdot profile --loopback`), or count in gate mode ([coincidences] mode = \"gate\")")
                break
            }
            if window * 1_000 < resolution.picoseconds {
                problems.append("coincidence window \(window) ns is narrower than the \(Self.format(picoseconds: resolution.picoseconds)) "
                    + "board \(board.name) can resolve: \(resolution.reason); count in gate mode instead ([coincidences] mode = "
                    + "\"gate\": the detectors' gate is the window, accidentals are measured from side cycles), or stamp the clicks "
                    + "with an external time tagger ([clicks] timestamps = \"tagger\")")
            }
        case .gate:
            guard case .kernelInterrupt = board.clicks.timestamps, let profile = board.timingProfile else { break }
            let lateStamp = Int64(profile.edgeStampLatency.quantileNanoseconds(0.999).rounded(.up))
            // Where the gate really closes: on a slow board later than the timing says.
            let gateEnds = RealizedCycle(timing, profile: profile).gateCloses.nanoseconds
            let period = timing.triggerPeriod.nanoseconds
            if gateEnds + lateStamp > period {
                problems.append("trigger period \(period) ns: a click at the gate's end (\(gateEnds) ns into the cycle) is stamped up to "
                    + "\(lateStamp) ns later in 999 of 1000 clicks (\(profile.name) timing profile), past the next cycle's start; "
                    + "gate mode counts clicks by the cycle their stamp falls in, so raise the period to at least \(gateEnds + lateStamp) ns")
            }
        }
        return problems
    }

    /// What `board` will do differently from what `experiment` asks, without making its figures
    /// untrue: a gate or trigger pulse that the board's write costs and wake-ups stretch
    /// (`RealizedCycle`). `qdot check`, `sim` and `run` print these, and the findings keep them.
    public static func warnings(_ experiment: ExperimentDefinition, board: BoardDefinition,
                                profile override: TimingProfile? = nil) -> [String] {
        var found: [String] = []
        let profile = override ?? board.timingProfile
        if case let .externalTagger(bin) = board.clicks.timestamps, experiment.timing.coincidenceMode == .window {
            // The window fits the tagger; the board's own click lines, if wired, are stamped by its kernel.
            let kernel = profile.map { BoardDefinition.kernelStampResolution(of: $0) } ?? 0
            if kernel > experiment.timing.coincidenceWindow.nanoseconds * 1_000 {
                found.append("clicks on board \(board.name) are stamped by an external tagger (\(bin) ps bins): the figures of this run "
                    + "come from the board's own click lines, which its kernel stamps to \(format(picoseconds: kernel)), too coarse for the "
                    + "\(experiment.timing.coincidenceWindow.nanoseconds) ns window; certify from the tagger's file: "
                    + "qdot analyze RECORD --tags FILE.ptu")
            }
        }
        guard let profile else { return found }
        return found + RealizedCycle(experiment.timing, profile: profile).departures(from: experiment.timing, profile: profile)
    }

    /// "4.61 µs", "5 ns", "250 ps", "1500 ps": never below the figure (µs rounded up to 10 ns, ns only
    /// when whole), so a window refused as narrower than it never reads as wider.
    public static func format(picoseconds: Int64) -> String {
        if picoseconds >= 1_000_000 { return "\(Double((picoseconds + 9_999) / 10_000) / 100) µs" }
        if picoseconds >= 1_000, picoseconds % 1_000 == 0 { return "\(picoseconds / 1_000) ns" }
        return "\(picoseconds) ps"
    }
}
