import Vocabulary

import Firmware
import Foundation
import HAL

/// Takes the clicks a `RunRecordScan` has checked, in file order.
protocol RunRecordSink {
    /// One click, after every check of its record (and, in version 3, of its whole block) passed.
    mutating func take(_ click: ClickEvent)
}

/// One pass over a run record, front to back through a `RecordByteStream` (memory flat in the
/// record's length): the preamble and header when it is made, then every record up to the end
/// record or to the first that cannot be trusted, each click handed to a sink as soon as it is.
///
/// The preamble and header must be whole and, in version 3, pass their CRC (nothing can be read
/// without them): their mistakes are thrown. A bad record or block is not thrown but kept in
/// `stop`, with everything before it handed on, so the strict reader (`RunRecord`) can refuse the
/// file and the salvage reader (`SalvagedRunRecord`) can keep the intact part.
///
/// Version 1 and 2 records are trusted one at a time (each has its own Fletcher-16); a version-3
/// block only as a whole: its CRC-32C, run ID and sequence number first, then every record in it,
/// and only then are its clicks handed on — a block that fails any check gives nothing.
struct RunRecordScan {
    /// The header.
    let header: RunRecordHeader
    /// The format version.
    let version: UInt32
    /// The run ID (version 3), nil before.
    let runID: UInt64?
    /// Clicks handed on.
    private(set) var clickCount = 0
    /// Cycles run per setting, from the setting-total records read (zero where none was read).
    private(set) var cyclesPerSetting: [Int]
    /// The end record, if it was read.
    private(set) var end: (complete: Bool, cycles: Int64, boardNanoseconds: Int64)?
    /// Why reading stopped before the end of the file, naming the byte offset; nil when every
    /// byte was read.
    private(set) var stop: RunRecordError?
    /// The cycle of the last click handed on (−1: none).
    private(set) var lastCycle: Int64 = -1
    /// The byte offset just after the last record (version 3: block) handed on.
    private(set) var intactBytes: Int
    /// Blocks read intact (version 3).
    private(set) var intactBlocks = 0

    private let stream: RecordByteStream
    /// What the header allows a record to hold.
    private let limits: RecordLimits
    /// Checked records not yet handed on (version 3: the block being checked).
    private var pending = PendingRecords()

    /// The records of a block being checked: clicks, setting totals and the end record.
    private struct PendingRecords {
        var clicks: [ClickEvent] = []
        var totals: [(setting: Int, cycles: Int64)] = []
        var end: (complete: Bool, cycles: Int64, boardNanoseconds: Int64)?
        var lastCycle: Int64 = -1
        mutating func reset(lastCycle: Int64) {
            clicks.removeAll(keepingCapacity: true)
            totals.removeAll(keepingCapacity: true)
            end = nil
            self.lastCycle = lastCycle
        }
    }

    /// Reads the preamble and header of the record in `stream`.
    init(_ stream: RecordByteStream) throws(RunRecordError) {
        self.stream = stream
        let path = stream.path
        func fail(_ offset: Int, _ message: String) -> RunRecordError {
            RunRecordError(path: path, offset: offset, message: message)
        }
        let preamble = try stream.need(16)
        guard preamble == 16 else {
            throw fail(preamble, "the file ends after \(preamble) bytes; a record starts with a 16-byte preamble")
        }
        let start = stream.cursor
        guard (0..<8).allSatisfy({ start.load(fromByteOffset: $0, as: UInt8.self) == RunRecordFormat.magic[$0] }) else {
            throw fail(0, "not a qdot run record (expected the magic \"QDOTRUN\\0\")")
        }
        let version = UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard RunRecordFormat.versions.contains(version) else {
            throw fail(8, "format version \(version); this qdot reads versions \(RunRecordFormat.versions.lowerBound) to \(RunRecordFormat.versions.upperBound)")
        }
        self.version = version
        let claimed = UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        guard claimed <= RunRecordFormat.maxHeaderBytes else {
            throw fail(12, "the header claims \(claimed) bytes; this qdot reads headers of up to \(RunRecordFormat.maxHeaderBytes) bytes (a damaged length?)")
        }
        let headerLength = Int(claimed)
        let trailer = version >= 3 ? RunRecordFormat.headerTrailerSize : 0
        let available = try stream.need(16 + headerLength + trailer)
        guard available == 16 + headerLength + trailer else {
            throw fail(12, "the header claims \(headerLength) bytes\(trailer > 0 ? " and its run ID and CRC \(trailer)" : "") but only \(available - 16) follow: the file is truncated")
        }
        let bytes = stream.cursor
        let json = Array(UnsafeRawBufferPointer(start: bytes + 16, count: headerLength))
        if version >= 3 {
            let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 24 + headerLength, as: UInt32.self))
            let computed = CRC32C.checksum(UnsafeRawBufferPointer(start: bytes, count: 24 + headerLength))
            guard stored == computed else {
                throw fail(24 + headerLength, "header CRC-32C expected \(Self.hex(stored)) (stored), the header's bytes give \(Self.hex(computed)): the preamble, header or run ID is damaged")
            }
            let id = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16 + headerLength, as: UInt64.self))
            let derived = RunRecordFormat.runID(headerJSON: json)
            guard id == derived else {
                throw fail(16 + headerLength, "run ID expected \(RunRecordFormat.describe(runID: derived)) (from the header), found \(RunRecordFormat.describe(runID: id)): the header was edited")
            }
            runID = id
        } else {
            runID = nil
        }
        let stored: RecordHeaderV1
        do {
            stored = try JSONDecoder().decode(RecordHeaderV1.self, from: Data(json))
        } catch {
            throw fail(16, "the header is not a valid JSON run header (\(error))")
        }
        if version < 3, stored.runNonce != nil { throw fail(16, "the header's runNonce appears only in version 3 records") }
        if let problem = stored.rangeProblem { throw fail(16, "the header's \(problem)") }
        do { header = try stored.header() } catch { throw fail(16, "the header's \(error)") }
        if let problem = header.schedule.timing.problems.first { throw fail(16, "the header's schedule timing: \(problem)") }
        if let mismatch = header.scheduleMismatch { throw fail(16, "the header does not fit together: \(mismatch)") }
        if version < RunRecordFormat.version(for: header) {
            throw fail(8, "format version \(version) cannot hold a gate-mode experiment; gate mode is version 2")
        }
        cyclesPerSetting = Array(repeating: 0, count: header.schedule.steps.count)
        limits = RecordLimits(header)
        stream.advance(16 + headerLength + trailer)
        intactBytes = stream.offset
        pending.clicks.reserveCapacity(RunRecordFormat.maxRecordsPerBlock)
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Reads every record to the end of the file or to the first that cannot be trusted, handing
    /// each click to `sink`. Throws only when the file cannot be read.
    mutating func scan<Sink: RunRecordSink>(into sink: inout Sink) throws(RunRecordError) {
        if version >= 3 {
            try scanBlocks(into: &sink)
        } else {
            try scanRecords(into: &sink)
        }
    }

    /// Versions 1 and 2: records one after another, each trusted on its own.
    private mutating func scanRecords<Sink: RunRecordSink>(into sink: inout Sink) throws(RunRecordError) {
        let size = RunRecordFormat.recordSize
        while true {
            let available = try stream.need(size)
            if available == 0 { return }
            guard end == nil else { stop = fail(stream.offset, "data after the end record"); return }
            guard available == size else {
                stop = fail(stream.offset, "truncated: a record is \(size) bytes, only \(available) remain")
                return
            }
            pending.reset(lastCycle: lastCycle)
            if let problem = check(recordAt: stream.cursor, offset: stream.offset) {
                stop = problem
                return
            }
            commit(into: &sink)
            stream.advance(size)
            intactBytes = stream.offset
        }
    }

    /// Version 3: blocks, each trusted only as a whole.
    private mutating func scanBlocks<Sink: RunRecordSink>(into sink: inout Sink) throws(RunRecordError) {
        let headerSize = RunRecordFormat.blockHeaderSize, size = RunRecordFormat.recordSize
        while true {
            let block = intactBlocks, offset = stream.offset
            let available = try stream.need(headerSize)
            if available == 0 { return }
            guard end == nil else { stop = fail(offset, "block \(block): data after the end record"); return }
            guard available == headerSize else {
                stop = fail(offset, "block \(block): truncated: a block header is \(headerSize) bytes, only \(available) remain")
                return
            }
            let head = stream.cursor
            let magic = (0..<4).map { head.load(fromByteOffset: $0, as: UInt8.self) }
            guard magic == RunRecordFormat.blockMagic else {
                stop = fail(offset, "block \(block): block magic expected \"QBLK\" (51 42 4C 4B), found \(magic.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")): not a block boundary (bytes lost or inserted?)")
                return
            }
            let count = Int(UInt32(littleEndian: head.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
            guard (1...RunRecordFormat.maxRecordsPerBlock).contains(count) else {
                stop = fail(offset + 4, "block \(block): record count \(count); a block holds 1 to \(RunRecordFormat.maxRecordsPerBlock) records")
                return
            }
            let blockBytes = headerSize + count * size
            let whole = try stream.need(blockBytes)
            guard whole == blockBytes else {
                stop = fail(offset, "block \(block): truncated: its header counts \(count) records (\(blockBytes) bytes with the header), only \(whole) bytes remain")
                return
            }
            let bytes = stream.cursor
            let storedCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            let computedCRC = RunRecordFormat.blockCRC(header: bytes, records: bytes + headerSize, count: count)
            guard storedCRC == computedCRC else {
                stop = fail(offset + 24, "block \(block): CRC-32C expected \(Self.hex(storedCRC)) (stored), the block's bytes give \(Self.hex(computedCRC)): the block is damaged")
                return
            }
            let blockRunID = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if let runID, blockRunID != runID {
                stop = fail(offset + 8, "block \(block): run ID expected \(RunRecordFormat.describe(runID: runID)) (the header's), found \(RunRecordFormat.describe(runID: blockRunID)): the block belongs to another run (a header spliced onto another run's records?)")
                return
            }
            let sequence = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            guard sequence == UInt64(block) else {
                stop = fail(offset + 16, "block \(block): sequence number expected \(block), found \(sequence): a block is missing, repeated or out of order")
                return
            }
            pending.reset(lastCycle: lastCycle)
            for index in 0..<count {
                let recordOffset = offset + headerSize + index * size
                if pending.end != nil {
                    stop = fail(recordOffset, "block \(block): data after the end record")
                    return
                }
                if let problem = check(recordAt: bytes + headerSize + index * size, offset: recordOffset) {
                    stop = RunRecordError(path: problem.path, offset: problem.offset, message: "block \(block): \(problem.message)")
                    return
                }
            }
            commit(into: &sink)
            stream.advance(blockBytes)
            intactBytes = stream.offset
            intactBlocks += 1
        }
    }

    private func fail(_ offset: Int, _ message: String) -> RunRecordError {
        RunRecordError(path: stream.path, offset: offset, message: message)
    }

    /// Checks one record and adds it to `pending`; returns what is wrong with it, if anything.
    private mutating func check(recordAt record: UnsafeRawPointer, offset: Int) -> RunRecordError? {
        let size = RunRecordFormat.recordSize
        let stored = UInt16(littleEndian: record.loadUnaligned(fromByteOffset: 6, as: UInt16.self))
        let computed = RunRecordFormat.check(UnsafeRawBufferPointer(start: record, count: size))
        guard stored == computed else {
            return fail(offset, "corrupted record: check sum \(stored) but the bytes sum to \(computed)")
        }
        let kind = record.load(fromByteOffset: 0, as: UInt8.self), channel = record.load(fromByteOffset: 1, as: UInt8.self)
        let setting = Int(UInt16(littleEndian: record.loadUnaligned(fromByteOffset: 4, as: UInt16.self)))
        let cycle = Int64(littleEndian: record.loadUnaligned(fromByteOffset: 8, as: Int64.self))
        let timestamp = Int64(littleEndian: record.loadUnaligned(fromByteOffset: 16, as: Int64.self))
        let settingCount = cyclesPerSetting.count
        switch kind {
        case RunRecordFormat.clickKind:
            guard let detector = DetectorChannel(rawValue: Int(channel)) else {
                return fail(offset + 1, "detector channel \(channel); expected 0–3 (A+, A−, B+, B−)")
            }
            let codeA = record.load(fromByteOffset: 2, as: UInt8.self), codeB = record.load(fromByteOffset: 3, as: UInt8.self)
            guard Int(codeA) < limits.basesA else {
                return fail(offset + 2, "basis code \(codeA) for arm A; the analyzer table has \(limits.basesA) bases")
            }
            guard Int(codeB) < limits.basesB else {
                return fail(offset + 3, "basis code \(codeB) for arm B; the analyzer table has \(limits.basesB) bases")
            }
            guard setting < settingCount else {
                return fail(offset + 4, "setting \(setting); the schedule has \(settingCount) settings")
            }
            guard cycle >= 0, cycle < limits.cycles else {
                return fail(offset + 8, "cycle \(cycle); the schedule runs cycles 0 to \(limits.cycles - 1)")
            }
            guard cycle >= pending.lastCycle else {
                return fail(offset + 8, "cycle \(cycle) after cycle \(pending.lastCycle); clicks are recorded in cycle order")
            }
            guard (0...RecordHeaderV1.maximumBoardNanoseconds).contains(timestamp) else {
                return fail(offset + 16, "timestamp \(timestamp) ns; expected 0 to \(RecordHeaderV1.maximumBoardNanoseconds)")
            }
            pending.lastCycle = cycle
            pending.clicks.append(ClickEvent(cycle: cycle, setting: setting, channel: detector,
                                             codes: BasisCodes(armA: codeA, armB: codeB),
                                             timestamp: Instant(nanoseconds: timestamp)))
        case RunRecordFormat.settingTotalKind:
            guard setting < settingCount else {
                return fail(offset + 4, "setting total for setting \(setting); the schedule has \(settingCount) settings")
            }
            guard cycle >= 0, cycle <= Int64(limits.stepCycles[setting]) else {
                return fail(offset + 8, "setting total of \(cycle) cycles for setting \(setting); it plans 0 to \(limits.stepCycles[setting])")
            }
            pending.totals.append((setting, cycle))
        case RunRecordFormat.endKind:
            guard channel <= 1 else { return fail(offset + 1, "end record with completion flag \(channel); expected 0 or 1") }
            var totals = cyclesPerSetting
            for total in pending.totals { totals[total.setting] = Int(total.cycles) }
            let sum = totals.reduce(0, +)   // each at most its step's cycles: at most 2⁴⁸ in all
            guard cycle == Int64(sum) else {
                return fail(offset + 8, "end record of \(cycle) cycles; the setting totals add up to \(sum)")
            }
            guard (0...RecordHeaderV1.maximumBoardNanoseconds).contains(timestamp) else {
                return fail(offset + 16, "end record with board time \(timestamp) ns; expected 0 to \(RecordHeaderV1.maximumBoardNanoseconds)")
            }
            pending.end = (channel == 1, cycle, timestamp)
        default:
            return fail(offset, "record kind \(kind); expected 1 (click), 2 (setting total) or 3 (end)")
        }
        return nil
    }

    /// Hands the pending clicks on and takes the pending totals and end record.
    private mutating func commit<Sink: RunRecordSink>(into sink: inout Sink) {
        for click in pending.clicks { sink.take(click) }
        clickCount += pending.clicks.count
        for total in pending.totals { cyclesPerSetting[total.setting] = Int(total.cycles) }
        if let pendingEnd = pending.end { end = pendingEnd }
        lastCycle = pending.lastCycle
    }
}

/// Keeps every click it takes (the strict and salvage readers' `RunRecord.clicks`).
struct ClickArraySink: RunRecordSink {
    var clicks: [ClickEvent] = []
    mutating func take(_ click: ClickEvent) { clicks.append(click) }
}

/// Hands clicks on one cycle late: the clicks of the last cycle taken wait in `held` until a click
/// of a later cycle arrives, so a salvage can leave out the last cycle seen (it may have lost
/// clicks to the cut) or, when the end record shows the record whole, `release` it.
struct CycleHoldingSink<Inner: RunRecordSink>: RunRecordSink {
    var inner: Inner
    /// The clicks of the last cycle taken.
    private(set) var held: [ClickEvent] = []

    init(_ inner: Inner) { self.inner = inner }

    mutating func take(_ click: ClickEvent) {
        if let last = held.last, last.cycle != click.cycle { release() }
        held.append(click)
    }

    /// Hands the held clicks on.
    mutating func release() {
        for click in held { inner.take(click) }
        held.removeAll(keepingCapacity: true)
    }
}

/// What a record's header allows its records to hold (`RecordHeaderV1.rangeProblem` has bounded
/// the header itself).
private struct RecordLimits {
    /// Cycles the schedule runs in all: a click's cycle is below.
    let cycles: Int64
    /// Cycles each setting plans: its total is at most that.
    let stepCycles: [Int]
    /// Bases in each arm's analyzer table: a click's codes are below.
    let basesA: Int, basesB: Int

    init(_ header: RunRecordHeader) {
        stepCycles = header.schedule.steps.map(\.cycles)
        cycles = stepCycles.reduce(Int64(0)) { $0 + Int64($1) }
        basesA = header.experiment.analyzer.bases(of: .a).count
        basesB = header.experiment.analyzer.bases(of: .b).count
    }
}
