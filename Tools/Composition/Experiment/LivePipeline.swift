public import Experiments
public import Firmware
import Records
import Reports
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
    /// Where the counts and the loop's figures are published for a service, if anywhere.
    let live: LiveFigures?
    let drainsOnCycle: Bool
    let lock = NSLock()

    init(ring: ClickEventRing, accumulator: ExperimentAccumulator, writer: RunRecordWriter?, progress: ProgressDisplay?,
         live: LiveFigures? = nil, drainsOnCycle: Bool) {
        self.ring = ring
        self.accumulator = accumulator
        self.writer = writer
        self.progress = progress
        self.live = live
        self.drainsOnCycle = drainsOnCycle
    }

    /// Takes every waiting click, then lets the writer write out records that have waited its
    /// flush age (one wall-clock read per drain, none per click) and fsync when one is due — the
    /// fsync outside the lock, so the loop's progress count never waits on the storage device.
    public func drain() {
        lock.lock()
        let activeWriter = writeError == nil ? writer : nil
        Self.drain(ring, into: &accumulator, writer: activeWriter, writeError: &writeError)
        var syncDue = false
        if let activeWriter, writeError == nil {
            do { syncDue = try activeWriter.flushIfDue() } catch { writeError = error }
        }
        live?.publish(accumulator.settings)
        lock.unlock()
        guard syncDue, let activeWriter else { return }
        do { try activeWriter.synchronize() } catch {
            lock.lock()
            if writeError == nil { writeError = error }
            lock.unlock()
        }
    }

    /// The per-click loop, apart from `self`: the accumulator is mutated in place through one
    /// `inout` access per drain and the writer is looked up once, so a click costs no reference
    /// counting and no reload of the pipeline's properties.
    private static func drain(_ ring: ClickEventRing, into accumulator: inout ExperimentAccumulator,
                              writer: RunRecordWriter?, writeError: inout (any Error)?) {
        guard let writer else {
            ring.drain { accumulator.add($0) }
            return
        }
        var writing = true
        ring.drain { event in
            accumulator.add(event)
            guard writing else { return }
            do { try writer.write(event) } catch {
                writeError = error
                writing = false
            }
        }
    }

    public func cyclesCompleted(_ cycles: Int) {
        if drainsOnCycle { drain() }
        progress?.update(cycles: cycles, coincidences: coincidencesSoFar)
    }

    public func loopFigures(_ figures: LoopFigures, lateness: LatenessHistogram) {
        live?.publish(figures, lateness: lateness)
    }

    var coincidencesSoFar: Int {
        lock.lock()
        defer { lock.unlock() }
        return accumulator.totalCoincidences
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
