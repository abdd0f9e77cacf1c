import Analysis
public import Firmware
import Foundation
import HAL

/// A run record read back: its header, every click in order, the cycles of each setting and
/// whether the run completed.
public struct RunRecord: Sendable {
    /// The header.
    public var header: RunRecordHeader
    /// Every click, in the order the firmware handed them on.
    public var clicks: [ClickEvent]
    /// Cycles run per setting.
    public var cyclesPerSetting: [Int]
    /// Whether the whole schedule ran.
    public var complete: Bool
    /// Board time the run covered, in nanoseconds.
    public var boardNanoseconds: Int64

    /// Reads and checks the record at `path`: magic, version, header, every record's check sum,
    /// kind, channel, setting and cycle order, and the end record. Any mistake is a
    /// `RunRecordError` naming the byte offset; nothing traps.
    public static func read(contentsOf path: String) throws(RunRecordError) -> RunRecord {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunRecordError(path: path, offset: 0, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(Array(data), path: path)
    }

    /// Parses a record's bytes; `path` only labels errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(RunRecordError) -> RunRecord {
        func fail(_ offset: Int, _ message: String) -> RunRecordError {
            RunRecordError(path: path, offset: offset, message: message)
        }
        func uint32(at offset: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
        }
        func int64(at offset: Int) -> Int64 {
            Int64(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) })
        }
        guard bytes.count >= 16 else {
            throw fail(bytes.count, "the file ends after \(bytes.count) bytes; a record starts with a 16-byte preamble")
        }
        guard Array(bytes[0..<8]) == RunRecordFormat.magic else {
            throw fail(0, "not a qdot run record (expected the magic \"QDOTRUN\\0\")")
        }
        let version = uint32(at: 8)
        guard version == RunRecordFormat.version else {
            throw fail(8, "format version \(version); this qdot reads version \(RunRecordFormat.version)")
        }
        let headerLength = Int(uint32(at: 12))
        guard 16 + headerLength <= bytes.count else {
            throw fail(12, "the header claims \(headerLength) bytes but only \(bytes.count - 16) follow: the file is truncated")
        }
        let header: RunRecordHeader
        do {
            header = try JSONDecoder().decode(RunRecordHeader.self, from: Data(bytes[16..<16 + headerLength]))
        } catch {
            throw fail(16, "the header is not a valid JSON run header (\(error))")
        }
        let settingCount = header.schedule.steps.count
        var clicks: [ClickEvent] = []
        var cyclesPerSetting = Array(repeating: 0, count: settingCount)
        var lastCycle: Int64 = -1
        var offset = 16 + headerLength
        var ended: (complete: Bool, cycles: Int64, board: Int64)?
        let size = RunRecordFormat.recordSize
        while offset < bytes.count {
            guard ended == nil else { throw fail(offset, "data after the end record") }
            guard offset + size <= bytes.count else {
                throw fail(offset, "truncated: a record is \(size) bytes, only \(bytes.count - offset) remain")
            }
            let stored = UInt16(bytes[offset + 6]) | UInt16(bytes[offset + 7]) << 8
            let computed = bytes.withUnsafeBytes { RunRecordFormat.check(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + size])) }
            guard stored == computed else {
                throw fail(offset, "corrupted record: check sum \(stored) but the bytes sum to \(computed)")
            }
            let kind = bytes[offset], channel = bytes[offset + 1]
            let setting = Int(UInt16(bytes[offset + 4]) | UInt16(bytes[offset + 5]) << 8)
            let cycle = int64(at: offset + 8), timestamp = int64(at: offset + 16)
            switch kind {
            case RunRecordFormat.clickKind:
                guard let detector = DetectorChannel(rawValue: Int(channel)) else {
                    throw fail(offset + 1, "detector channel \(channel); expected 0–3 (A+, A−, B+, B−)")
                }
                guard setting < settingCount else {
                    throw fail(offset + 4, "setting \(setting); the schedule has \(settingCount) settings")
                }
                guard cycle >= lastCycle else {
                    throw fail(offset + 8, "cycle \(cycle) after cycle \(lastCycle); clicks are recorded in cycle order")
                }
                lastCycle = cycle
                clicks.append(ClickEvent(cycle: cycle, setting: setting, channel: detector,
                                         codes: BasisCodes(armA: bytes[offset + 2], armB: bytes[offset + 3]),
                                         timestamp: Instant(nanoseconds: timestamp)))
            case RunRecordFormat.settingTotalKind:
                guard setting < settingCount, cycle >= 0 else {
                    throw fail(offset, "setting total for setting \(setting) of \(cycle) cycles; the schedule has \(settingCount) settings")
                }
                cyclesPerSetting[setting] = Int(cycle)
            case RunRecordFormat.endKind:
                ended = (channel == 1, cycle, timestamp)
            default:
                throw fail(offset, "record kind \(kind); expected 1 (click), 2 (setting total) or 3 (end)")
            }
            offset += size
        }
        guard let ended else {
            throw fail(bytes.count, "no end record: the run did not finish writing (a crash?); \(clicks.count) clicks up to cycle \(lastCycle) are intact")
        }
        return RunRecord(header: header, clicks: clicks, cyclesPerSetting: cyclesPerSetting, complete: ended.complete,
                         boardNanoseconds: ended.board)
    }
}
