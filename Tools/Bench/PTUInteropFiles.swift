import Foundation
import Records
import SeededRandom

/// `qdot-bench ptu-files DIR`: PTU T2 files written by qdot for the interoperability lane
/// (`Tools/ci/ptu-interop.sh`), one per record type qdot writes, each with `NAME.expected.json`:
/// the record type, the resolution, the counts and every event as qdot wrote it, for the other
/// readers' output to be checked against.
enum PTUInteropFiles {
    /// One file: its name, record type, time-tag unit, input channels, and whether it has the
    /// long pauses (overflow records counting 128 periods and more, up to 2²⁵ − 1).
    struct Plan {
        var name: String
        var recordType: PTURecordType
        var resolutionPicoseconds: Int64
        var channels: Int
        var longPauses = false
    }

    static let plans = [
        Plan(name: "hydraharp-v2-1ps", recordType: .hydraHarpV2T2, resolutionPicoseconds: 1, channels: 4),
        Plan(name: "hydraharp-v1-1ps", recordType: .hydraHarpV1T2, resolutionPicoseconds: 1, channels: 4),
        Plan(name: "multiharp-5ps", recordType: .genericT2, resolutionPicoseconds: 5, channels: 8),
        Plan(name: "multiharp-80ps", recordType: .genericT2, resolutionPicoseconds: 80, channels: 16),
        Plan(name: "timeharp260p-25ps", recordType: .timeHarp260PT2, resolutionPicoseconds: 25, channels: 2),
        Plan(name: "timeharp260n-250ps", recordType: .timeHarp260NT2, resolutionPicoseconds: 250, channels: 2),
        Plan(name: "hydraharp-v2-1ps-long-pauses", recordType: .hydraHarpV2T2, resolutionPicoseconds: 1, channels: 4, longPauses: true),
        Plan(name: "hydraharp-v1-1ps-long-pauses", recordType: .hydraHarpV1T2, resolutionPicoseconds: 1, channels: 4, longPauses: true),
    ]

    /// What `NAME.expected.json` holds.
    struct Expected: Encodable {
        var file: String
        var recordType: String
        var recordTypeCode: UInt32
        var globalResolutionPicoseconds: Int64
        var syncRatePerSecond: Int64
        var records: Int
        var overflowRecords: Int
        var syncs: Int
        var markers: Int
        var photonsPerChannel: [String: Int]
        /// Every event: [kind (0 photon, 1 sync, 2 marker), channel (photons, from 1), marker bits, time in ps].
        var events: [[Int64]]
    }

    static func run(arguments: [String]) -> Int32 {
        guard arguments.count == 1, let folder = arguments.first else {
            print("usage: qdot-bench ptu-files DIR   (PTU files and their expected contents, for Tools/ci/ptu-interop.sh)")
            return 2
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (index, plan) in plans.enumerated() {
                let expected = try write(plan, seed: UInt64(index + 1), into: folder)
                print("\(plan.name).ptu: \(plan.recordType.name), \(plan.resolutionPicoseconds) ps, \(expected.records) records "
                      + "(\(expected.syncs) syncs, \(expected.events.count - expected.syncs - expected.markers) photons, "
                      + "\(expected.markers) markers, \(expected.overflowRecords) overflow records)")
            }
            return 0
        } catch {
            print("ptu-files failed: \(error)")
            return 1
        }
    }

    /// A 10 µs trigger cycle (the board's, on the sync input), clicks on every channel with
    /// probability 0.3 per cycle, a marker every 50 cycles, and a pause of 2 ms (fewer than 128
    /// overflow periods even at 1 ps). The long-pause files pause 0.1 s instead (about 3 000
    /// periods at 1 ps) and, where overflow records carry a count, 2²⁵ + 5 periods more (more than
    /// one record's count holds), so the overflow arithmetic is exercised at its limits.
    static func write(_ plan: Plan, seed: UInt64, into folder: String) throws -> Expected {
        let syncRate: Int64 = 100_000
        let path = (folder as NSString).appendingPathComponent(plan.name + ".ptu")
        let writer = try PTUWriter(path: path, settings: PTUWriterSettings(
            recordType: plan.recordType, globalResolutionPicoseconds: plan.resolutionPicoseconds, syncRatePerSecond: syncRate,
            inputChannelCount: plan.channels, comment: "qdot-bench ptu-files: \(plan.name)"))
        var generator = Xoshiro256StarStar(seed: seed)
        var events: [PTUEvent] = []
        var start: Int64 = 0
        let unit = plan.resolutionPicoseconds
        for cycle in 0..<4_000 {
            if cycle == 1_000 { start += plan.longPauses ? 100_000_000_000 : 2_000_000_000 }
            if cycle == 3_000, plan.longPauses, plan.recordType.overflowRecordsCarryCount {
                start += ((1 << 25) + 5) * plan.recordType.overflowPeriodTicks * unit
            }
            let trigger = start + Int64(cycle) * 10_000_000
            events.append(.sync(timePicoseconds: trigger / unit * unit))
            var clicks: [PTUEvent] = []
            for channel in 1...plan.channels where generator.nextUnitInterval() < 0.3 {
                let time = trigger + 1_000_000 + Int64(generator.next(upperBound: 6_000_000))
                clicks.append(.photon(channel: UInt8(channel), timePicoseconds: time / unit * unit))
            }
            events += clicks.sorted { $0.timePicoseconds < $1.timePicoseconds }
            if cycle % 50 == 49 { events.append(.marker(bits: UInt8(1 + cycle / 50 % 15), timePicoseconds: (trigger + 9_000_000) / unit * unit)) }
        }
        for event in events { try writer.write(event) }
        try writer.finish()
        var photons: [String: Int] = [:]
        for event in events where event.kind == .photon { photons[String(event.channel), default: 0] += 1 }
        let expected = Expected(
            file: plan.name + ".ptu", recordType: plan.recordType.name, recordTypeCode: plan.recordType.rawValue,
            globalResolutionPicoseconds: unit, syncRatePerSecond: syncRate, records: writer.recordCount,
            overflowRecords: writer.recordCount - events.count, syncs: events.filter { $0.kind == .sync }.count,
            markers: events.filter { $0.kind == .marker }.count, photonsPerChannel: photons,
            events: events.map { [Int64($0.kind.rawValue), Int64($0.channel), Int64($0.markerBits), $0.timePicoseconds] })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(expected).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(plan.name + ".expected.json")))
        return expected
    }
}
