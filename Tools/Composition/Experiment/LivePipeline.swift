public import Firmware
import Foundation

/// The consumer side of the click ring during a run: drains it into the accumulator and the
/// record file, and keeps the progress display fed.
///
/// On the simulated board it runs on the loop's own thread (the firmware calls it between
/// cycles, so the run stays deterministic); on a lab board `ExperimentRun` gives it its own thread.
public final class LivePipeline: CycleObserver, @unchecked Sendable {
    /// The ring the firmware fills.
    public let ring: ClickEventRing
    /// The counts so far.
    public private(set) var accumulator: ExperimentAccumulator
    /// The record being written, if any.
    let writer: RunRecordWriter?
    /// The first error writing the record (later clicks are still counted, no longer written).
    public private(set) var writeError: (any Error)?
    let progress: ProgressDisplay?
    let drainsOnCycle: Bool
    let lock = NSLock()

    init(ring: ClickEventRing, accumulator: ExperimentAccumulator, writer: RunRecordWriter?, progress: ProgressDisplay?,
         drainsOnCycle: Bool) {
        self.ring = ring
        self.accumulator = accumulator
        self.writer = writer
        self.progress = progress
        self.drainsOnCycle = drainsOnCycle
    }

    /// Takes every waiting click.
    public func drain() {
        lock.lock()
        defer { lock.unlock() }
        ring.drain { event in
            accumulator.add(event)
            guard let writer, writeError == nil else { return }
            do { try writer.write(event) } catch { writeError = error }
        }
    }

    public func cyclesCompleted(_ cycles: Int) {
        if drainsOnCycle { drain() }
        progress?.update(cycles: cycles, coincidences: coincidencesSoFar)
    }

    var coincidencesSoFar: Int {
        lock.lock()
        defer { lock.unlock() }
        return accumulator.settings.reduce(0) { $0 + $1.totalCoincidences }
    }

    /// Closes the accumulator after the last drain.
    func finish(triggerCycles: [Int]) -> ExperimentAccumulator {
        drain()
        lock.lock()
        defer { lock.unlock() }
        accumulator.finish()
        accumulator.setTriggerCycles(triggerCycles)
        return accumulator
    }
}
