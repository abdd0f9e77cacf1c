public import Firmware
import Foundation

/// Writes a run record as the run goes: header first, then click records in batches, and at the
/// end the per-setting totals and the end record.
///
/// The file grows as `PATH.partial`; `finish` renames it to `PATH`, so a complete record appears
/// at once and a crash leaves only the `.partial` file (readable up to its last whole record).
public final class RunRecordWriter {
    /// Where the finished record goes.
    public let path: String
    /// The file being written.
    public let partialPath: String
    private let handle: FileHandle
    /// Bytes waiting to be written: the first `used` bytes. Raw storage the writer owns (allocated
    /// in `init`, freed in `deinit`, never handed out), so appending a record is a few stores with
    /// no array uniqueness or bounds checks; `used + recordSize <= capacity` holds before every store.
    private let buffer: UnsafeMutableRawPointer
    private var used = 0
    /// About a mebibyte, a whole number of records.
    private static let capacity = RunRecordFormat.recordSize * ((1 << 20) / RunRecordFormat.recordSize)

    /// Creates `PATH.partial` and writes the header.
    public init(path: String, header: RunRecordHeader) throws {
        self.path = path
        partialPath = path + ".partial"
        let url = URL(fileURLWithPath: partialPath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: partialPath, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partialPath])
        }
        handle = try FileHandle(forWritingTo: url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = Array(try encoder.encode(header))
        var preamble = RunRecordFormat.magic
        withUnsafeBytes(of: RunRecordFormat.version.littleEndian) { preamble += $0 }
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { preamble += $0 }
        try handle.write(contentsOf: preamble + json)
        buffer = .allocate(byteCount: Self.capacity, alignment: MemoryLayout<Int64>.alignment)
    }

    deinit { buffer.deallocate() }

    /// Appends one record, writing the buffer out first when it is full.
    @inline(__always)
    private func record(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: Int, cycle: Int64,
                        timestamp: Int64) throws {
        if used == Self.capacity { try flush() }
        // Sound: `used` is a multiple of recordSize below capacity here, so the 24 bytes stored
        // lie inside the allocation.
        RunRecordFormat.encode(kind: kind, channel: channel, codeA: codeA, codeB: codeB, setting: UInt16(setting),
                               cycle: cycle, timestamp: timestamp, at: buffer + used)
        used += RunRecordFormat.recordSize
    }

    /// Appends one click. (Inlined into the live pipeline's per-click loop.)
    @inline(__always)
    public func write(_ event: ClickEvent) throws {
        try record(kind: RunRecordFormat.clickKind, channel: UInt8(event.channel.rawValue), codeA: event.codes.armA,
                   codeB: event.codes.armB, setting: event.setting, cycle: event.cycle,
                   timestamp: event.timestamp.nanoseconds)
    }

    /// Writes what is buffered to the file.
    public func flush() throws {
        guard used > 0 else { return }
        try handle.write(contentsOf: UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    /// Writes the per-setting cycle totals and the end record, closes and renames the file to `path`.
    public func finish(cyclesPerSetting: [Int], complete: Bool, boardNanoseconds: Int64) throws {
        for (setting, cycles) in cyclesPerSetting.enumerated() {
            try record(kind: RunRecordFormat.settingTotalKind, channel: 0, codeA: 0, codeB: 0, setting: setting,
                       cycle: Int64(cycles), timestamp: 0)
        }
        try record(kind: RunRecordFormat.endKind, channel: complete ? 1 : 0, codeA: 0, codeB: 0, setting: 0,
                   cycle: Int64(cyclesPerSetting.reduce(0, +)), timestamp: boardNanoseconds)
        try flush()
        try handle.synchronize()
        try handle.close()
        // rename(2) replaces the target atomically on one filesystem.
        guard rename(partialPath, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                            NSLocalizedDescriptionKey: "rename failed, errno \(errno)"])
        }
    }
}
