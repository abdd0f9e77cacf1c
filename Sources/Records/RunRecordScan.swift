import Vocabulary

import Firmware
import Foundation
import HAL

/// One pass over a run record's bytes: the header, then every record up to the end record or to
/// the first record that cannot be trusted (a truncated tail, a bad check sum, an unknown kind,
/// channel or setting, a click out of cycle order, data after the end record).
///
/// The preamble and the header must be whole (nothing can be read without them): their mistakes
/// are thrown. A bad record is not thrown but kept in `stop`, with everything before it, so the
/// strict reader (`RunRecord.parse`) can refuse the file and the salvage reader
/// (`SalvagedRunRecord.parse`) can keep the intact part.
struct RunRecordScan {
    /// The header.
    var header: RunRecordHeader
    /// The clicks before `stop` (or all of them).
    var clicks: [ClickEvent] = []
    /// Cycles run per setting, from the setting-total records read (zero where none was read).
    var cyclesPerSetting: [Int]
    /// The end record, if it was read.
    var end: (complete: Bool, cycles: Int64, boardNanoseconds: Int64)?
    /// Why reading stopped before the end of the file, naming the byte offset; nil when every
    /// byte was read.
    var stop: RunRecordError?
    /// The cycle of the last click read (−1: none).
    var lastCycle: Int64 = -1
    /// The byte offset just after the last intact record.
    var intactBytes: Int

    /// The bytes of the record file at `path`; a file that cannot be read is an error at offset 0.
    static func bytes(contentsOf path: String) throws(RunRecordError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw RunRecordError(path: path, offset: 0, message: "cannot read the file (\(error.localizedDescription))")
        }
    }

    /// The whole record, when the end record was read: every click, the setting totals and what
    /// the end record says.
    var record: RunRecord? {
        end.map {
            RunRecord(header: header, clicks: clicks, cyclesPerSetting: cyclesPerSetting, complete: $0.complete,
                      boardNanoseconds: $0.boardNanoseconds)
        }
    }

    /// Scans `bytes`; `path` only labels errors.
    init(_ bytes: [UInt8], path: String) throws(RunRecordError) {
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
        guard RunRecordFormat.versions.contains(version) else {
            throw fail(8, "format version \(version); this qdot reads versions \(RunRecordFormat.versions.lowerBound) to \(RunRecordFormat.versions.upperBound)")
        }
        let headerLength = Int(uint32(at: 12))
        guard headerLength <= bytes.count - 16 else {
            throw fail(12, "the header claims \(headerLength) bytes but only \(bytes.count - 16) follow: the file is truncated")
        }
        let stored: RecordHeaderV1
        do {
            stored = try JSONDecoder().decode(RecordHeaderV1.self, from: Data(bytes[16..<16 + headerLength]))
        } catch {
            throw fail(16, "the header is not a valid JSON run header (\(error))")
        }
        do { header = try stored.header() } catch { throw fail(16, "the header's \(error)") }
        if let mismatch = header.scheduleMismatch { throw fail(16, "the header does not fit together: \(mismatch)") }
        if version < RunRecordFormat.version(for: header) {
            throw fail(8, "format version \(version) cannot hold a gate-mode experiment; gate mode is version 2")
        }
        let settingCount = header.schedule.steps.count
        cyclesPerSetting = Array(repeating: 0, count: settingCount)
        var offset = 16 + headerLength
        let size = RunRecordFormat.recordSize
        scanning: while offset < bytes.count {
            guard end == nil else { stop = fail(offset, "data after the end record"); break }
            guard offset + size <= bytes.count else {
                stop = fail(offset, "truncated: a record is \(size) bytes, only \(bytes.count - offset) remain")
                break
            }
            let stored = UInt16(bytes[offset + 6]) | UInt16(bytes[offset + 7]) << 8
            let computed = bytes.withUnsafeBytes { RunRecordFormat.check(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + size])) }
            guard stored == computed else {
                stop = fail(offset, "corrupted record: check sum \(stored) but the bytes sum to \(computed)")
                break
            }
            let kind = bytes[offset], channel = bytes[offset + 1]
            let setting = Int(UInt16(bytes[offset + 4]) | UInt16(bytes[offset + 5]) << 8)
            let cycle = int64(at: offset + 8), timestamp = int64(at: offset + 16)
            switch kind {
            case RunRecordFormat.clickKind:
                guard let detector = DetectorChannel(rawValue: Int(channel)) else {
                    stop = fail(offset + 1, "detector channel \(channel); expected 0–3 (A+, A−, B+, B−)")
                    break scanning
                }
                guard setting < settingCount else {
                    stop = fail(offset + 4, "setting \(setting); the schedule has \(settingCount) settings")
                    break scanning
                }
                guard cycle >= lastCycle else {
                    stop = fail(offset + 8, "cycle \(cycle) after cycle \(lastCycle); clicks are recorded in cycle order")
                    break scanning
                }
                lastCycle = cycle
                clicks.append(ClickEvent(cycle: cycle, setting: setting, channel: detector,
                                         codes: BasisCodes(armA: bytes[offset + 2], armB: bytes[offset + 3]),
                                         timestamp: Instant(nanoseconds: timestamp)))
            case RunRecordFormat.settingTotalKind:
                guard setting < settingCount, cycle >= 0 else {
                    stop = fail(offset, "setting total for setting \(setting) of \(cycle) cycles; the schedule has \(settingCount) settings")
                    break scanning
                }
                cyclesPerSetting[setting] = Int(cycle)
            case RunRecordFormat.endKind:
                end = (channel == 1, cycle, timestamp)
            default:
                stop = fail(offset, "record kind \(kind); expected 1 (click), 2 (setting total) or 3 (end)")
                break scanning
            }
            offset += size
        }
        intactBytes = offset
    }
}
