import CPTUBaseline
import Foundation
import Records
import SeededRandom

/// Read + decode throughput of PicoQuant PTU T2 records (target on one core, release build:
/// ≥ 50 M records/s, and no slower than a plain C loop over the same buffer).
///
/// The buffer is a HydraHarp V2 file (1 ps) as a tagger records a qdot run: the board's trigger
/// on the sync input every 10 µs, four detectors clicking with probability 0.27 each per cycle,
/// a marker every millisecond. About 42 % syncs, 46 % photons, 12 % overflow records, so the
/// branches are as unpredictable as in the lab. Each decoder turns the same records into
/// 16-byte events, 65 536 at a time, which one identical Swift loop then folds (time sum, count
/// per kind): the C loop (`Tools/Bench/CBaseline`, PicoQuant's demo loop writing events) against
/// `PTUReader` in batches, `PTUReader.next()` one event at a time, and `PTUReader` from a file.
enum PTUBenchmark {
    static let records = 16 << 20
    static let batch = 65_536
    /// Each round runs every decoder once, one after the other, so a ratio taken within a round
    /// compares runs that saw the same load on a shared machine.
    static let rounds = 7

    static func run() {
        do {
            try measure()
        } catch {
            print("  failed: \(error)")
        }
    }

    /// The file's bytes (`records` records or a few more).
    static func file(records: Int) throws -> [UInt8] {
        let writer = try PTUWriter(settings: PTUWriterSettings(recordType: .hydraHarpV2T2, globalResolutionPicoseconds: 1, syncRatePerSecond: 100_000,
                                                               fileGUID: "{00000000-0000-0000-0000-00000000BE7C}", creatingTimeSecondsSince1970: 0))
        var generator = Xoshiro256StarStar(seed: 2026)
        var clicks: [(time: Int64, channel: Int)] = []
        var cycle: Int64 = 0
        while writer.recordCount < records {
            let trigger = cycle * 10_000_000
            try writer.writeSync(timePicoseconds: trigger)
            clicks.removeAll(keepingCapacity: true)
            for channel in 1...4 where generator.nextUnitInterval() < 0.27 {
                clicks.append((trigger + 1_000_000 + Int64(generator.next(upperBound: 5_000_000)), channel))
            }
            for click in clicks.sorted(by: { $0.time < $1.time }) { try writer.writePhoton(channel: click.channel, timePicoseconds: click.time) }
            if cycle % 100 == 99 { try writer.writeMarker(bits: 1, timePicoseconds: trigger + 9_000_000) }
            cycle += 1
        }
        try writer.finish()
        return writer.bytes
    }

    /// What every decoder's events fold to: the same for all, or one of them is wrong.
    struct Fold: Equatable {
        var timeSum: Int64 = 0
        var photons = 0
        var syncs = 0
        var markers = 0
        var events: Int { photons + syncs + markers }

        // The same loop for both event types, down to switching on the kind's raw value, so the
        // fold costs the same behind either decoder.
        mutating func add(_ events: UnsafeBufferPointer<PTUEvent>) {
            for event in events {
                timeSum &+= event.timePicoseconds
                switch event.kind.rawValue {
                case 0: photons += 1
                case 1: syncs += 1
                default: markers += 1
                }
            }
        }

        mutating func add(_ events: UnsafeBufferPointer<ptu_baseline_event>) {
            for event in events {
                timeSum &+= event.time_ps
                switch event.kind {
                case 0: photons += 1
                case 1: syncs += 1
                default: markers += 1
                }
            }
        }

        mutating func add(_ event: PTUEvent) {
            timeSum &+= event.timePicoseconds
            switch event.kind {
            case .photon: photons += 1
            case .sync: syncs += 1
            case .marker: markers += 1
            }
        }
    }

    static func measure() throws {
        let bytes = try file(records: records)
        let probe = try PTUReader(bytes: bytes)
        let count = probe.recordCount
        let recordsOffset = probe.header.recordsOffset
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-bench-\(getpid()).ptu").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        print("== ptu: read + decode PicoQuant PTU T2 records (HydraHarp V2, \(count) records, \(bytes.count >> 20) MiB in memory; one core, this thread's CPU time)")

        var swiftEvents = [PTUEvent](repeating: .sync(timePicoseconds: 0), count: batch)
        let cEvents = UnsafeMutableBufferPointer<ptu_baseline_event>.allocate(capacity: batch)
        defer { cEvents.deallocate() }

        func timed(_ body: () throws -> Fold) rethrows -> (rate: Double, fold: Fold) {
            let start = CPUTime.thread()
            let fold = try body()
            return (Double(count) / (CPUTime.thread() - start), fold)
        }
        func cLoop() -> Fold {
            var fold = Fold()
            var state = ptu_baseline_state(period_start_ps: 0, resolution_ps: 1, period_ticks: 1 << 25, counts_overflows: 1, overflow_records: 0)
            bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var done = 0
                while done < count {
                    let chunk = min(batch, count - done)
                    let written = ptu_baseline_decode(&state, base.assumingMemoryBound(to: UInt8.self) + recordsOffset + 4 * done, chunk,
                                                      cEvents.baseAddress)
                    fold.add(UnsafeBufferPointer(rebasing: cEvents[0..<written]))
                    done += chunk
                }
            }
            return fold
        }
        func batches(_ reader: PTUReader) throws -> Fold {
            var fold = Fold()
            while case let written = try reader.read(into: &swiftEvents), written > 0 {
                swiftEvents.withUnsafeBufferPointer { fold.add(UnsafeBufferPointer(rebasing: $0[0..<written])) }
            }
            return fold
        }
        func oneByOne(_ reader: PTUReader) throws -> Fold {
            var fold = Fold()
            while let event = try reader.next() { fold.add(event) }
            return fold
        }

        var rates: [String: [Double]] = [:]
        var folds: [String: Fold] = [:]
        let names = ["C loop", "PTUReader batches", "PTUReader.next()", "PTUReader from a file"]
        for _ in 0..<rounds {
            for name in names {
                let result: (rate: Double, fold: Fold)
                switch name {
                case "C loop": result = timed(cLoop)
                case "PTUReader batches": result = try timed { try batches(PTUReader(bytes: bytes)) }
                case "PTUReader.next()": result = try timed { try oneByOne(PTUReader(bytes: bytes)) }
                default: result = try timed { try batches(PTUReader(path: path)) }
                }
                rates[name, default: []].append(result.rate)
                folds[name] = result.fold
            }
        }
        let reference = folds["C loop"]
        for name in names {
            let sorted = (rates[name] ?? []).sorted()
            let median = sorted[sorted.count / 2]
            let agrees = folds[name] == reference ? "" : "  EVENTS DIFFER FROM THE C LOOP'S"
            print("  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) median \(format(median / 1e6)) M records/s"
                  + "  (runs: \(sorted.map { format($0 / 1e6) }.joined(separator: ", ")))\(agrees)")
        }
        // The ratio to the C loop in each round, and their median.
        func ratio(_ name: String) -> (median: Double, all: [Double]) {
            let ratios = zip(rates[name] ?? [], rates["C loop"] ?? []).map { $0 / $1 }.sorted()
            return (ratios.isEmpty ? 0 : ratios[ratios.count / 2], ratios)
        }
        let batches = ratio("PTUReader batches"), single = ratio("PTUReader.next()")
        print("  ratio to the C loop, median of \(rounds) rounds: PTUReader batches \(format(batches.median, 2)) "
              + "(rounds: \(batches.all.map { format($0, 2) }.joined(separator: ", "))), next() \(format(single.median, 2))"
              + "  (target ≥ 1.0; ≥ 50 M records/s)")
        if let reference {
            defer { try? PTUMatchBenchmark.measure(bytes: bytes, rounds: rounds, batch: batch) }
            print("  events: \(reference.syncs) syncs, \(reference.photons) photons, \(reference.markers) markers; "
                  + "\(count - reference.events) overflow records")
        }
    }

    static func format(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }
}
