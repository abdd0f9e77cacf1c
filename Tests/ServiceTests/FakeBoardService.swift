#if Service
import Synchronization
@testable import Service

/// A board service for the HTTP tests: canned answers, and a log of what the server asked.
final class FakeBoardService: BoardService {
    struct State {
        var calls: [String] = []
        var runs: [APIv1.RunEntry] = []
        var files: [(file: RunFile, run: String, path: String)] = []
        var startRefusal: ServiceRefusal?
        var stopRefusal: ServiceRefusal?
        var validation: Result<APIv1.ExperimentSummary, ServiceRefusal> = .success(FakeBoardService.summary)
        var metrics = MetricsSnapshot()
        var frameReceiver: (@Sendable (APIv1.Frame) -> Void)?
    }

    let state = LockedState(State())

    /// What the server asked, in order (`start builtIn("bell-chsh") seed 7`, `run x`, …).
    var calls: [String] { state.withLock { $0.calls } }

    func configure(_ change: (inout State) -> Void) { state.withLock { change(&$0) } }

    private func record(_ call: String) { state.withLock { $0.calls.append(call) } }

    static let summary = APIv1.ExperimentSummary(name: "bell-chsh", kind: "bell-chsh", description: "CHSH Bell test",
                                                 settings: ["HV/HV", "DA/DA"], plannedCycles: 350_000, triggerPeriodNanoseconds: 10_000)

    static func entry(_ id: String, state: APIv1.RunState = .running, figures: [String] = []) -> APIv1.RunEntry {
        APIv1.RunEntry(id: id, experiment: "bell-chsh", kind: "bell-chsh", mode: .experiment, setting: nil, seed: 7, state: state,
                       startedAt: "2026-12-03T22:15:02Z", endedAt: nil, plannedCycles: 350_000, cyclesRun: 0, outcome: nil,
                       faults: [], figures: figures, hasResult: false, hasRecord: false,
                       wallLatenessP99Nanoseconds: nil, wallLatenessMaximumNanoseconds: nil)
    }

    func status() -> APIv1.Status {
        record("status")
        return APIv1.Status(state: .idle, board: .init(name: "simulated-station", backend: "simulated", timingProfile: nil, pace: "fast"),
                            interlock: .closed, run: nil,
                            timing: .init(triggerPeriodNanoseconds: nil, latenessP99Nanoseconds: 0, latenessMaximumNanoseconds: 0,
                                          overruns: 0, missedSlots: 0, wallLatenessP99Nanoseconds: nil, wallLatenessMaximumNanoseconds: nil),
                            version: "0.1.0", openRead: false)
    }

    func experiments() -> [APIv1.ExperimentSummary] {
        record("experiments")
        return [Self.summary]
    }

    func validate(experimentText: String, fileName: String) -> Result<APIv1.ExperimentSummary, ServiceRefusal> {
        record("validate \(fileName) \(experimentText.utf8.count) bytes")
        return state.withLock { $0.validation }
    }

    func start(_ source: ExperimentSource, seed: UInt64?) throws(ServiceRefusal) -> APIv1.RunEntry {
        record("start \(source) seed \(seed.map(String.init) ?? "nil")")
        if let refusal = state.withLock({ $0.startRefusal }) { throw refusal }
        return Self.entry("20261203-221502-bell-chsh")
    }

    func startAlignment(_ source: ExperimentSource, setting: String, seed: UInt64?) throws(ServiceRefusal) -> APIv1.RunEntry {
        record("align \(source) \(setting)")
        if let refusal = state.withLock({ $0.startRefusal }) { throw refusal }
        var entry = Self.entry("20261203-221502-bell-chsh")
        entry.mode = .alignment
        entry.setting = setting
        return entry
    }

    func stop() throws(ServiceRefusal) -> APIv1.RunEntry {
        record("stop")
        if let refusal = state.withLock({ $0.stopRefusal }) { throw refusal }
        return Self.entry("20261203-221502-bell-chsh", state: .stopping)
    }

    func runs() -> [APIv1.RunEntry] {
        record("runs")
        return state.withLock { $0.runs }
    }

    func run(id: String) -> APIv1.RunEntry? {
        record("run \(id)")
        return state.withLock { $0.runs.first { $0.id == id } }
    }

    func path(of file: RunFile, run id: String) -> String? {
        record("path \(file) \(id)")
        return state.withLock { $0.files.first { $0.file == file && $0.run == id }?.path }
    }

    func metrics() -> MetricsSnapshot {
        record("metrics")
        return state.withLock { $0.metrics }
    }

    func onFrame(_ receive: @escaping @Sendable (APIv1.Frame) -> Void) {
        state.withLock { $0.frameReceiver = receive }
    }

    /// Sends a frame the way the sampler would.
    func sample(_ frame: APIv1.Frame) {
        state.withLock { $0.frameReceiver }?(frame)
    }
}

extension APIv1.Frame {
    /// A frame with every count zero but its sequence number.
    static func numbered(_ sequence: Int) -> APIv1.Frame {
        APIv1.Frame(sequence: sequence, wallSeconds: Double(sequence) / 10, state: .running, run: "r", mode: .experiment, cycles: sequence,
                    plannedCycles: nil, boardSeconds: 0, setting: "HV/HV", interlock: .closed, lostEdges: 0, clickRingDrops: 0,
                    overruns: 0, missedSlots: 0, latenessP99Nanoseconds: 0, latenessMaximumNanoseconds: 0, framesDropped: 0,
                    windows: [], settings: [], figures: .init(S: nil, visibility: nil, qber: nil))
    }
}
#endif
