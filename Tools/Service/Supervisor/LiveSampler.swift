import Composition
import Foundation
import Reports

/// The thread that reads what the run in progress published, 10 times a second, and hands each
/// frame to the supervisor's receivers (the live stream). It never touches the loop: it reads
/// `LiveFigures`, which the loop writes without waiting on anyone.
final class LiveSampler: @unchecked Sendable {
    /// Time between two frames.
    static let intervalSeconds = 0.1
    private let lock = NSLock()
    private var frames: LiveFrames?
    private var runID: String?
    private var sequence = 0
    private var running = true
    private let origin = ContinuousClock.now

    /// Starts sampling `supervisor` on a thread of its own.
    func start(_ supervisor: RunSupervisor) {
        let thread = Thread { [weak supervisor, self] in
            var next = ContinuousClock.now
            while self.isRunning, let supervisor {
                self.sample(supervisor)
                next = next.advanced(by: .milliseconds(100))
                let wait = ContinuousClock.now.duration(to: next)
                if wait > .zero { Thread.sleep(forTimeInterval: wait.inSeconds) } else { next = ContinuousClock.now }
            }
        }
        thread.name = "qdot live sampler"
        thread.start()
    }

    /// Ends the thread (after its current frame).
    func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    /// A run started: its windows start empty.
    func runStarted(_ run: RunSupervisor.Current) {
        lock.lock()
        frames = LiveFrames(experiment: run.experiment, schedule: run.schedule)
        runID = run.entry.id
        lock.unlock()
    }

    /// One frame: the run's published figures if one is in progress, else the idle state.
    func sample(_ supervisor: RunSupervisor) {
        let status = supervisor.status()
        supervisor.lock.lock()
        let current = supervisor.current
        let receivers = supervisor.receivers
        supervisor.lock.unlock()
        lock.lock()
        let frames = current != nil && runID == current?.entry.id ? self.frames : nil
        if current == nil { self.frames = nil }
        sequence += 1
        let sequence = self.sequence
        lock.unlock()
        let wall = origin.duration(to: .now).inSeconds
        var frame = APIv1.Frame(
            sequence: sequence, wallSeconds: wall, state: status.state, run: current?.entry.id, mode: current?.entry.mode,
            cycles: status.run?.cyclesRun ?? 0, plannedCycles: status.run?.plannedCycles, boardSeconds: 0, setting: nil,
            interlock: status.interlock, lostEdges: 0, clickRingDrops: 0, overruns: status.timing.overruns,
            missedSlots: status.timing.missedSlots, latenessP99Nanoseconds: status.timing.latenessP99Nanoseconds,
            latenessMaximumNanoseconds: status.timing.latenessMaximumNanoseconds, framesDropped: 0, windows: [], settings: [],
            figures: .init(S: nil, visibility: nil, qber: nil))
        if let current, let frames, let reading = current.live.read() {
            let parts = frames.update(reading, wallSeconds: wall)
            frame.cycles = reading.loop.cycles
            frame.boardSeconds = frames.boardSeconds(reading)
            frame.setting = parts.setting
            frame.lostEdges = reading.loop.lostEdges
            frame.clickRingDrops = reading.loop.clickEventsDropped
            frame.windows = parts.windows
            frame.settings = parts.settings
            frame.figures = parts.figures
        }
        for receive in receivers { receive(frame) }
    }
}
