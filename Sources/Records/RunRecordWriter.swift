public import Firmware
public import HAL
public import Vocabulary
import Foundation

/// Writes a run record (format version 3) as the run goes: header first, then click records in
/// blocks, and at the end the per-setting totals and the end record.
///
/// Records are stored straight into the buffer behind a reserved block header; a block is closed
/// (its header and CRC-32C filled in, `RunRecordFormat.encodeBlockHeader`) when it holds
/// `maxRecordsPerBlock` records, so a click costs the same few stores as before plus one count
/// comparison, and no allocation. Every block but the last holds exactly `maxRecordsPerBlock`
/// records whenever the bytes are written out, so the record is the same byte for byte for the
/// same clicks (a simulated run's record is decided by its seed and files).
///
/// The file grows as `PATH.partial`; `finish` renames it to `PATH`, so a complete record appears
/// at once and a crash leaves only the `.partial` file (readable up to its last intact block, and
/// analysable with `qdot analyze --salvage`).
///
/// Bounded loss: records wait in a buffer of about a mebibyte, which is written out when it is
/// full, and also by `flushIfDue()` once its oldest record has waited `flushAge` (wall time). The
/// live pipeline calls `flushIfDue()` once per drain, so a crash (SIGKILL, OOM, a trap) loses at
/// most `flushAge` plus one drain interval of clicks: write(2) puts them in the kernel's page
/// cache, which outlives the process. Power loss is bounded separately by `syncInterval`.
/// Such a flush writes the open block as it stands — its records, then its header rewritten in
/// place (pwrite) with the count and CRC-32C so far — so the file is whole blocks after every
/// flush; the block keeps growing until it is full. Into a pipe or a device, where nothing can be
/// rewritten, a flush closes the open block early instead (the bytes then depend on when the
/// flushes came).
public final class RunRecordWriter {
    /// Where the finished record goes.
    public let path: String
    /// The file being written (the target itself when that is a device or a pipe).
    public let partialPath: String
    /// Whether `finish` renames `partialPath` to `path` (false for a device or a pipe).
    let renamesWhenDone: Bool
    let handle: FileHandle
    /// Bytes of the file from `bufferFileOffset` on: the first `writtenUpTo` are in the file, the
    /// rest up to `used` wait; they end with the open block (its header reserved at `blockStart`,
    /// its `blockRecords` records after it). Raw storage the writer owns (allocated in `init`,
    /// freed in `deinit`, never handed out), so appending a record is a few stores with no array
    /// uniqueness or bounds checks: a block is only opened where a full one fits, so
    /// `used + recordSize <= capacity` holds whenever `blockRecords < maxRecordsPerBlock`.
    @usableFromInline let buffer: UnsafeMutableRawPointer
    @usableFromInline var used = 0
    /// Where the open block's header is reserved in `buffer`.
    @usableFromInline var blockStart = 0
    /// Records in the open block.
    @usableFromInline var blockRecords = 0
    /// How much of `buffer` is already in the file.
    var writtenUpTo = 0
    /// The file offset of `buffer`'s first byte.
    var bufferFileOffset = 0
    /// The open block's sequence number.
    var sequenceNumber: UInt64 = 0
    /// The record's run ID (`RunRecordFormat.runID`), repeated in every block header.
    public let runID: UInt64
    /// Bytes of a full block.
    @usableFromInline static let fullBlockBytes = RunRecordFormat.blockHeaderSize
        + RunRecordFormat.maxRecordsPerBlock * RunRecordFormat.recordSize
    /// About a mebibyte: ten full blocks.
    @usableFromInline static let capacity = 10 * fullBlockBytes
    /// The longest a buffered record waits (wall time) before `flushIfDue()` writes it out.
    public let flushAge: Duration
    /// At least this long between two fsync calls that `flushIfDue()` asks for (nil: never asks;
    /// `finish` always synchronizes).
    public let syncInterval: Duration?
    /// Wall time, read once per `flushIfDue()` call while records wait (and when `syncInterval`
    /// is set), never per click. Injected so tests can move it.
    private let wallClock: () -> ContinuousClock.Instant
    /// When the records now buffered were first seen waiting by `flushIfDue()` (nil: none wait, or
    /// not seen yet).
    var oldestWaitingSince: ContinuousClock.Instant?
    /// The last fsync (or the file's creation), and whether bytes were written since.
    private var lastSync: ContinuousClock.Instant
    var writtenSinceSync = false
    /// Writes to the file so far (full buffers, age flushes, the end), for tests and benchmarks.
    public internal(set) var flushCount = 0

    /// Creates `PATH.partial` and writes the header.
    ///
    /// - Parameters:
    ///   - flushAge: the longest a record waits in the buffer, in wall time (checked by `flushIfDue()`).
    ///   - syncInterval: the shortest time between fsync calls asked for by `flushIfDue()`; nil: none
    ///     until `finish`.
    ///   - wallClock: the wall clock the ages are measured on.
    public init(path: String, header: RunRecordHeader, flushAge: Duration = .seconds(1), syncInterval: Duration? = nil,
                wallClock: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }) throws {
        self.path = path
        self.flushAge = flushAge
        self.syncInterval = syncInterval
        self.wallClock = wallClock
        lastSync = wallClock()
        switch OutputTarget.of(path) {
        case .stream(let stream):
            // A device or a pipe (`/dev/null`, a FIFO to another program) is written into as the
            // run goes; there is nothing to rename.
            partialPath = stream
            handle = try OutputTarget.openStream(stream)
            renamesWhenDone = false
        case .file(let file):
            partialPath = file + ".partial"
            let url = URL(fileURLWithPath: partialPath)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: partialPath, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partialPath])
            }
            handle = try FileHandle(forWritingTo: url)
            renamesWhenDone = true
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = Array(try encoder.encode(RecordHeaderV1(header)))
        runID = RunRecordFormat.runID(headerJSON: json)
        var start = RunRecordFormat.magic
        withUnsafeBytes(of: RunRecordFormat.writtenVersion.littleEndian) { start += $0 }
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { start += $0 }
        start += json
        withUnsafeBytes(of: runID.littleEndian) { start += $0 }
        withUnsafeBytes(of: CRC32C.checksum(start).littleEndian) { start += $0 }
        try handle.write(contentsOf: start)
        bufferFileOffset = start.count
        buffer = .allocate(byteCount: Self.capacity, alignment: MemoryLayout<Int64>.alignment)
        used = RunRecordFormat.blockHeaderSize   // the first block's header, reserved
    }

    deinit { buffer.deallocate() }

    /// Appends one record, writing the buffer out first when it is full. (What it touches is usable
    /// from inline code, so the live pipeline's per-click loop, in another module, inlines it.)
    @inlinable @inline(__always)
    func record(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: Int, cycle: Int64,
                        timestamp: Int64) throws {
        if blockRecords == RunRecordFormat.maxRecordsPerBlock { try closeBlock() }
        // Sound: the open block has room for another record, and a block is only opened where a
        // full one fits, so the 24 bytes stored lie inside the allocation.
        RunRecordFormat.encode(kind: kind, channel: channel, codeA: codeA, codeB: codeB, setting: UInt16(setting),
                               cycle: cycle, timestamp: timestamp, at: buffer + used)
        // Wrapping: both stay below `capacity` (see `buffer`), so neither needs an overflow test.
        used &+= RunRecordFormat.recordSize
        blockRecords &+= 1
    }

    /// Appends one click. (Inlined into the live pipeline's per-click loop.)
    @inlinable @inline(__always)
    public func write(_ event: ClickEvent) throws {
        try record(kind: RunRecordFormat.clickKind, channel: UInt8(event.channel.rawValue), codeA: event.codes.armA,
                   codeB: event.codes.armB, setting: event.setting, cycle: event.cycle,
                   timestamp: event.timestamp.nanoseconds)
    }

    /// Writes the buffer out when its oldest record has waited `flushAge`; call it once per drain.
    /// Returns whether an fsync is due (`syncInterval` set, bytes written since the last one, and
    /// the interval passed), which the caller then does with `synchronize()`, outside any lock the
    /// real-time loop takes.
    ///
    /// A record's wait is counted from the first call that finds it buffered, so it waits at most
    /// `flushAge` plus the time between two calls. The clock is read only while records wait or
    /// when `syncInterval` is set.
    public func flushIfDue() throws -> Bool {
        let waiting = (blockRecords > 0 ? used : blockStart) > writtenUpTo
        if !waiting, syncInterval == nil { return false }
        let now = wallClock()
        if waiting {
            if let since = oldestWaitingSince {
                if now - since >= flushAge { try flush() }
            } else {
                oldestWaitingSince = now
            }
        }
        guard let syncInterval, writtenSinceSync, now - lastSync >= syncInterval else { return false }
        lastSync = now
        writtenSinceSync = false
        return true
    }

    /// Asks the kernel to put what was written on the storage device (fsync).
    /// The corresponding C function is `fsync`.
    public func synchronize() throws {
        guard renamesWhenDone else { return }   // a device or a pipe has nothing to put on storage
        try handle.synchronize()
    }

    /// Writes the per-setting cycle totals and the end record, closes and renames the file to `path`.
    public func finish(cyclesPerSetting: [Int], complete: Bool, boardNanoseconds: Int64) throws {
        for (setting, cycles) in cyclesPerSetting.enumerated() {
            try record(kind: RunRecordFormat.settingTotalKind, channel: 0, codeA: 0, codeB: 0, setting: setting,
                       cycle: Int64(cycles), timestamp: 0)
        }
        try record(kind: RunRecordFormat.endKind, channel: complete ? 1 : 0, codeA: 0, codeB: 0, setting: 0,
                   cycle: Int64(cyclesPerSetting.reduce(0, +)), timestamp: boardNanoseconds)
        try writeLastBlock()
        if renamesWhenDone { try handle.synchronize() }   // (a pipe or a device cannot be synchronized)
        try handle.close()
        guard renamesWhenDone else { return }
        // rename(2) replaces the target atomically on one filesystem.
        guard rename(partialPath, path) == 0 else {
            throw OutputFault(.rename, "record", path: "\(partialPath) to \(path)", errorNumber: errno)
        }
    }
}
