import CPTUBaseline
import Firmware
import Foundation
import HAL
import Records
import Vocabulary

/// Read + decode + match throughput: PicoQuant PTU T2 records turned into clicks of the record's
/// cycles by the sync input, as `qdot analyze --tags` does (target on one core, release build:
/// ≥ 50 M records/s — a HydraHarp streams at most 40 M/s — and no slower than a plain C loop).
///
/// The file is `PTUBenchmark`'s (a sync every 10 µs, four detectors at 0.27 per cycle); every
/// cycle begins 500 ns before its sync. The C loop (`ptu_baseline_decode` + `ptu_baseline_match`,
/// Tools/Bench/CBaseline) is the plain version of the same matching — each click with its cycle,
/// setting, codes and time, syncs and long gaps counted — handing each click on as it is placed;
/// `PTUReader` + `TagCycleMatcher` also keeps each cycle's clicks in time order. One
/// identical Swift loop folds the clicks of both (cycle and time sums, clicks per detector), so
/// the two must agree click for click.
enum PTUMatchBenchmark {
    struct Fold: Equatable {
        var cycleSum: Int64 = 0
        var timeSum: Int64 = 0
        var perDetector = [Int](repeating: 0, count: 4)

        mutating func add(cycle: Int64, nanoseconds: Int64, detector: Int) {
            cycleSum &+= cycle
            timeSum &+= nanoseconds
            perDetector[detector] += 1
        }
    }

    static func measure(bytes: [UInt8], rounds: Int, batch: Int) throws {
        let probe = try PTUReader(bytes: bytes)
        let count = probe.recordCount
        let recordsOffset = probe.header.recordsOffset
        let syncs = try PTUSummary(reading: PTUReader(bytes: bytes)).syncs
        print("== ptu-match: read + decode + match to cycles by the sync (\(count) records, \(syncs) syncs; one core, this thread's CPU time)")
        let timing = CycleTiming(triggerPeriod: .nanoseconds(10_000), triggerPulseWidth: .nanoseconds(1_000), gateDelay: .nanoseconds(-500),
                                 gateWidth: .nanoseconds(2_000), coincidenceWindow: .nanoseconds(5))
        let schedule = CycleSchedule(timing: timing, steps: [ScheduleStep(label: "all", codes: BasisCodes(armA: 0, armB: 0), cycles: syncs)])
        var inputs = [Int8](repeating: -1, count: 256)
        for detector in 0..<4 { inputs[detector + 1] = Int8(detector) }

        let cEvents = UnsafeMutableBufferPointer<ptu_baseline_event>.allocate(capacity: batch)
        let cClicks = UnsafeMutableBufferPointer<ptu_baseline_click>.allocate(capacity: batch + 64)
        defer { cEvents.deallocate(); cClicks.deallocate() }
        var swiftEvents = [PTUEvent](repeating: .sync(timePicoseconds: 0), count: batch)

        func timed(_ body: () throws -> Fold) rethrows -> (rate: Double, fold: Fold) {
            let start = CPUTime.thread()
            let fold = try body()
            return (Double(count) / (CPUTime.thread() - start), fold)
        }
        func cLoop() -> Fold {
            var fold = Fold()
            var decoder = ptu_baseline_state(period_start_ps: 0, resolution_ps: 1, period_ticks: 1 << 25, counts_overflows: 1, overflow_records: 0)
            var matcher = ptu_baseline_matcher()
            let ends: [Int64] = [Int64(syncs)], codes: [UInt8] = [0, 0]
            ptu_baseline_matcher_init(&matcher, 10_000_000, 500_000, Int64(syncs), inputs, 1, ends, codes)
            bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var done = 0
                while done < count {
                    let chunk = min(batch, count - done)
                    let events = ptu_baseline_decode(&decoder, base.assumingMemoryBound(to: UInt8.self) + recordsOffset + 4 * done, chunk,
                                                     cEvents.baseAddress)
                    let clicks = ptu_baseline_match(&matcher, cEvents.baseAddress, events, cClicks.baseAddress)
                    for click in cClicks[0..<clicks] { fold.add(cycle: click.cycle, nanoseconds: click.time_ns, detector: Int(click.detector)) }
                    done += chunk
                }
            }
            return fold
        }
        func swiftLoop() throws -> Fold {
            var fold = Fold()
            let reader = try PTUReader(bytes: bytes)
            var matcher = try TagCycleMatcher(schedule: schedule, cyclesPerSetting: [syncs], map: TagChannelMap())
            while case let written = try reader.read(into: &swiftEvents), written > 0 {
                swiftEvents.withUnsafeBufferPointer { matcher.add(UnsafeBufferPointer(rebasing: $0[0..<written])) }
                for click in matcher.ready { fold.add(cycle: click.cycle, nanoseconds: click.timestamp.nanoseconds, detector: click.channel.rawValue) }
                matcher.clearReady()
            }
            matcher.finish()
            for click in matcher.ready { fold.add(cycle: click.cycle, nanoseconds: click.timestamp.nanoseconds, detector: click.channel.rawValue) }
            return fold
        }

        var cRates: [Double] = [], swiftRates: [Double] = []
        var cFold = Fold(), swiftFold = Fold()
        for _ in 0..<rounds {
            let c = timed(cLoop)
            let swift = try timed(swiftLoop)
            cRates.append(c.rate)
            swiftRates.append(swift.rate)
            (cFold, swiftFold) = (c.fold, swift.fold)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let ratios = zip(swiftRates, cRates).map { $0 / $1 }.sorted()
        print("  C loop                      median \(PTUBenchmark.format(median(cRates) / 1e6)) M records/s")
        print("  PTUReader + TagCycleMatcher median \(PTUBenchmark.format(median(swiftRates) / 1e6)) M records/s"
              + (swiftFold == cFold ? "" : "  CLICKS DIFFER FROM THE C LOOP'S"))
        print("  ratio to the C loop, median of \(rounds) rounds: \(PTUBenchmark.format(median(ratios), 2)) "
              + "(rounds: \(ratios.map { PTUBenchmark.format($0, 2) }.joined(separator: ", ")))  (target ≥ 1.0; ≥ 50 M records/s)")
        print("  clicks: \(swiftFold.perDetector.reduce(0, +)) (per detector \(swiftFold.perDetector))")
    }
}
