import Boards
import Composition
import Firmware
import Foundation
import MallocInterposerSwift
import Simulator
import Vocabulary

/// What publishing the loop's figures for `qdot serve` costs the loop (docs/service.md): the
/// firmware cycle on the simulated board with an observer that publishes the loop's figures and
/// seven settings' counts into `LiveFigures` after EVERY cycle (the service does it every 20 ms of
/// board time), with and without a reader thread reading them flat out — cycles per CPU second
/// of the loop's thread and heap allocations per cycle.
enum PublicationBenchmark {
    /// Publishes on every call, as often as the loop allows.
    final class Publisher: CycleObserver, @unchecked Sendable {   // `live` is read by the reader thread; it is thread-safe
        let live = LiveFigures(settingCount: 7)
        let counts = Array(repeating: SettingCounts(triggerCycles: 1, singles: .zero, coincidences: .zero), count: 7)
        func cyclesCompleted(_ cycles: Int) { live.publish(counts) }
        func loopFigures(_ figures: LoopFigures, lateness: LatenessHistogram) { live.publish(figures, lateness: lateness) }
    }

    static func run(arguments: [String]) -> Int32 {
        let cycles = 1_000_000
        print("== serve-publish: the loop publishing for qdot serve (stand-in source, ideal profile, \(cycles) cycles per run)")
        do {
            _ = try measure(cycles: 100_000, publishing: false, reader: false)   // warm up
            for (label, publishing, reader) in [("no observer", false, false), ("publishing every cycle", true, false),
                                                ("publishing every cycle, a reader thread reading flat out", true, true)] {
                var runs: [Double] = []
                var reads = 0
                for _ in 0..<3 {
                    let run = try measure(cycles: cycles, publishing: publishing, reader: reader)
                    runs.append(run.cyclesPerCPUSecond)
                    reads = run.reads
                }
                runs.sort()
                print("  \(label): median \(SimulatorBenchmark.format(runs[1] / 1e6)) M cycles per CPU second"
                      + " (runs \(runs.map { SimulatorBenchmark.format($0 / 1e6) }.joined(separator: ", ")))"
                      + (reader ? "; \(reads) consistent readings in the last run" : ""))
            }
            if AllocationCounting.isActive {
                let short = try measure(cycles: 100_000, publishing: true, reader: false, countAllocations: true)
                let long = try measure(cycles: 1_100_000, publishing: true, reader: false, countAllocations: true)
                let perCycle = Double(max(0, long.allocations - short.allocations)) / 1_000_000
                print("  heap allocations, publishing every cycle: \(SimulatorBenchmark.format(perCycle, 4)) per cycle "
                      + "(\(short.allocations) for 100 000 cycles, \(long.allocations) for 1 100 000)")
            } else {
                print("  heap allocations         not measured: \(AllocationCounting.unavailableReason)")
            }
            return 0
        } catch {
            print("  failed: \(error)")
            return 1
        }
    }

    struct Measurement {
        var cyclesPerCPUSecond: Double
        var allocations: Int
        var reads: Int
    }

    static func measure(cycles: Int, publishing: Bool, reader: Bool, countAllocations: Bool = false) throws -> Measurement {
        let station = try SimulatedStationBuilder(definition: try BoardDefinition.simulatedStation, seed: 1,
                                                  source: .standIn(SimulatorBenchmark.standInSettings), profileOverride: .ideal,
                                                  tracing: false)
        let controller = try Controller(lines: station.lines)
        controller.arm()
        let publisher = Publisher()
        let done = StopSignal()
        let readerDone = StopSignal()
        let readCount = PublishedSlots(count: 1)
        if reader {
            Thread {
                var reads = 0
                while !done.isRaised { if publisher.live.read() != nil { reads += 1 } }
                readCount.beginWriting()
                readCount.write(reads, at: 0)
                readCount.endWriting()
                readerDone.raise()
            }.start()
        }
        if countAllocations { MallocInterposerSwift.initialize(); MallocInterposerSwift.hook() }
        let cpuStart = CPUTime.thread()
        let report = try controller.run(CycleSchedule.plainTwoSettings(cycles: cycles), observer: publishing ? publisher : nil,
                                        observerInterval: 1)
        let cpuSeconds = CPUTime.thread() - cpuStart
        if countAllocations { MallocInterposerSwift.unhook() }
        done.raise()
        if reader { while !readerDone.isRaised { Thread.sleep(forTimeInterval: 0.001) } }
        precondition(report.cyclesRun == cycles, "benchmark run incomplete")
        return Measurement(cyclesPerCPUSecond: Double(cycles) / cpuSeconds,
                           allocations: countAllocations ? MallocInterposerSwift.getStatistics().mallocCount : 0,
                           reads: Int(readCount.read()?[0] ?? 0))
    }
}
