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
    /// Bytes waiting to be written: `buffer[0..<used]`.
    private var buffer: [UInt8]
    private var used = 0
    private static let flushBytes = 1 << 20

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
        buffer = Array(repeating: 0, count: Self.flushBytes)
    }

    private func record(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: Int, cycle: Int64,
                        timestamp: Int64) {
        let start = used
        buffer.withUnsafeMutableBytes { bytes in
            RunRecordFormat.encode(kind: kind, channel: channel, codeA: codeA, codeB: codeB, setting: UInt16(setting),
                                   cycle: cycle, timestamp: timestamp,
                                   into: UnsafeMutableRawBufferPointer(rebasing: bytes[start..<start + RunRecordFormat.recordSize]))
        }
        used += RunRecordFormat.recordSize
    }

    /// Appends one click.
    public func write(_ event: ClickEvent) throws {
        record(kind: RunRecordFormat.clickKind, channel: UInt8(event.channel.rawValue), codeA: event.codes.armA,
               codeB: event.codes.armB, setting: event.setting, cycle: event.cycle, timestamp: event.timestamp.nanoseconds)
        if used + RunRecordFormat.recordSize > buffer.count { try flush() }
    }

    /// Writes what is buffered to the file.
    public func flush() throws {
        guard used > 0 else { return }
        try buffer.withUnsafeBytes { try handle.write(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<used])) }
        used = 0
    }

    /// Writes the per-setting cycle totals and the end record, closes and renames the file to `path`.
    public func finish(cyclesPerSetting: [Int], complete: Bool, boardNanoseconds: Int64) throws {
        if used + RunRecordFormat.recordSize * (cyclesPerSetting.count + 1) > buffer.count {
            try flush()
            if RunRecordFormat.recordSize * (cyclesPerSetting.count + 1) > buffer.count {
                buffer = Array(repeating: 0, count: RunRecordFormat.recordSize * (cyclesPerSetting.count + 1))
            }
        }
        for (setting, cycles) in cyclesPerSetting.enumerated() {
            record(kind: RunRecordFormat.settingTotalKind, channel: 0, codeA: 0, codeB: 0, setting: setting,
                   cycle: Int64(cycles), timestamp: 0)
        }
        record(kind: RunRecordFormat.endKind, channel: complete ? 1 : 0, codeA: 0, codeB: 0, setting: 0,
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
