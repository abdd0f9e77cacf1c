import Foundation

/// Writes a T2 PTU file event by event, in time order: syncs, photons per input channel and
/// markers, with the overflow records the time tags need, and a header that PicoQuant's readers
/// accept. `finish()` patches the record count and acquisition time into the header.
///
/// To a file, the data grows in `PATH.partial`, which `finish()` renames to `PATH` (as qdot's run
/// records do: a crash leaves no half file under the final name); or into memory (`bytes`).
/// Times are in picoseconds from the start of the measurement and are truncated to the
/// record type's time-tag unit. HydraHarp V1 writes one overflow record per overflow period;
/// the other types write one record for up to 2²⁵ − 1 periods.
public final class PTUWriter {
    /// What goes into the header.
    public let settings: PTUWriterSettings
    /// The record type and time-tag unit.
    public let format: PTUT2Format
    /// The header as written (before the record count is patched).
    public let header: PTUHeader
    /// Records written so far, overflow records included.
    public private(set) var recordCount = 0
    /// Whether `finish()` has run.
    public private(set) var isFinished = false

    private enum Destination {
        case memory
        case file(FileHandle, partialPath: String, path: String)
    }
    private let destination: Destination
    /// Memory: the whole file so far. File: the bytes not yet written to the file.
    private var buffered: [UInt8]
    /// Bytes written to the file so far (file destination).
    private var flushedBytes = 0
    /// The last event's time tag, in ticks from the start; the next may not be earlier.
    private var lastTick: Int64 = 0
    /// Overflow periods written so far.
    private var periodsWritten: Int64 = 0

    /// A writer into memory; `bytes` holds the file.
    public convenience init(settings: PTUWriterSettings) throws(PTUError) {
        try self.init(settings: settings, destination: .memory)
    }

    /// A writer into `PATH.partial`, renamed to `path` by `finish()`; folders are created.
    /// A device or a pipe is refused: the header is patched at the end (a seek), and renaming a
    /// `.partial` over `/dev/null` as root would replace the device with a regular file.
    public convenience init(path: String, settings: PTUWriterSettings) throws(PTUError) {
        if case .stream = OutputTarget.of(path) {
            throw PTUError(.cannotWrite, offset: 0, "cannot write \(path): a device or a pipe cannot hold a PTU file, "
                           + "whose header is completed at the end of the run; give a file's path", path: path)
        }
        let partialPath = path + ".partial"
        let handle: FileHandle
        do {
            let url = URL(fileURLWithPath: partialPath)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: partialPath, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partialPath])
            }
            handle = try FileHandle(forWritingTo: url)
        } catch {
            let reason = OutputFault.creationProblem(at: partialPath).map { OutputFault.systemReason(of: POSIXError(POSIXErrorCode(rawValue: $0) ?? .EIO)) }
                ?? OutputFault.systemReason(of: error)
            throw PTUError(.cannotWrite, offset: 0, "cannot create \(partialPath): \(reason)", path: path)
        }
        try self.init(settings: settings, destination: .file(handle, partialPath: partialPath, path: path))
    }

    private init(settings: PTUWriterSettings, destination: Destination) throws(PTUError) {
        guard settings.recordType.isWritable else {
            throw PTUError(.unsupportedRecordType, offset: 0,
                           "qdot writes the HydraHarp-family T2 types, not \(settings.recordType.name)")
        }
        guard (1...settings.recordType.maximumChannel).contains(settings.inputChannelCount) else {
            throw PTUError(.eventNotWritable, offset: 0,
                           "\(settings.inputChannelCount) input channels; expected 1 to \(settings.recordType.maximumChannel)")
        }
        format = try PTUT2Format(recordType: settings.recordType, globalResolutionPicoseconds: settings.globalResolutionPicoseconds)
        self.settings = settings
        self.destination = destination
        let encoded = PTUHeader.encode(formatVersion: "1.0.00", tags: settings.tags())
        header = encoded.header
        buffered = encoded.bytes
        buffered.reserveCapacity(Self.flushBytes + 64)
    }

    /// The file's bytes (memory writer): complete once `finish()` has run. Empty for a file writer.
    public var bytes: [UInt8] {
        if case .memory = destination { return buffered }
        return []
    }

    /// Bytes the file writer gathers before writing them out.
    static let flushBytes = 1 << 20

    /// A sync (the board's trigger) at `timePicoseconds`.
    public func writeSync(timePicoseconds: Int64) throws(PTUError) {
        let tick = try nextTick(timePicoseconds)
        try writeRecord(special: true, channelField: 0, tick: tick)
    }

    /// A photon on input `channel` (1…`inputChannelCount`) at `timePicoseconds`.
    public func writePhoton(channel: Int, timePicoseconds: Int64) throws(PTUError) {
        guard (1...settings.inputChannelCount).contains(channel) else {
            throw PTUError(.eventNotWritable, offset: nextRecordOffset,
                           "a photon on channel \(channel); expected 1 to \(settings.inputChannelCount) (the inputs this file declares)")
        }
        let tick = try nextTick(timePicoseconds)
        try writeRecord(special: false, channelField: UInt32(channel - 1), tick: tick)
    }

    /// A marker with `bits` (1…15) at `timePicoseconds`.
    public func writeMarker(bits: Int, timePicoseconds: Int64) throws(PTUError) {
        guard (1...15).contains(bits) else {
            throw PTUError(.eventNotWritable, offset: nextRecordOffset, "marker bits \(bits); expected 1 to 15")
        }
        let tick = try nextTick(timePicoseconds)
        try writeRecord(special: true, channelField: UInt32(bits), tick: tick)
    }

    /// Writes `event` (the decoder's events read back as they were written).
    public func write(_ event: PTUEvent) throws(PTUError) {
        switch event.kind {
        case .photon: try writePhoton(channel: Int(event.channel), timePicoseconds: event.timePicoseconds)
        case .sync: try writeSync(timePicoseconds: event.timePicoseconds)
        case .marker: try writeMarker(bits: Int(event.markerBits), timePicoseconds: event.timePicoseconds)
        }
    }

    /// Patches the record count and the acquisition time (the last event's time, in whole
    /// milliseconds) into the header and, for a file, writes everything out, synchronizes and
    /// renames `PATH.partial` to `PATH`. Nothing can be written after it.
    public func finish() throws(PTUError) {
        guard !isFinished else { return }
        isFinished = true
        // lastTick × resolution ≤ the last event's time in picoseconds, an Int64: no overflow.
        let milliseconds = lastTick * format.globalResolutionPicoseconds / 1_000_000_000
        let patches = [(PTUTagName.numberOfRecords, Int64(recordCount)), (PTUTagName.acquisitionTime, milliseconds)]
        switch destination {
        case .memory:
            for (name, value) in patches {
                guard let offset = header.tag(name)?.valueOffset else { continue }
                withUnsafeBytes(of: UInt64(bitPattern: value).littleEndian) { buffered.replaceSubrange(offset..<offset + 8, with: $0) }
            }
        case .file(let handle, let partialPath, let path):
            do {
                try flush(handle)
                for (name, value) in patches {
                    guard let offset = header.tag(name)?.valueOffset else { continue }
                    try handle.seek(toOffset: UInt64(offset))
                    try handle.write(contentsOf: withUnsafeBytes(of: UInt64(bitPattern: value).littleEndian) { Data($0) })
                }
                try handle.synchronize()
                try handle.close()
            } catch {
                throw PTUError(.cannotWrite, offset: flushedBytes, "cannot write \(partialPath): \(OutputFault.systemReason(of: error))", path: path)
            }
            guard rename(partialPath, path) == 0 else {
                throw PTUError(.cannotWrite, offset: 0, "cannot rename \(partialPath) to \(path): \(OutputFault.systemReason(of: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)))", path: path)
            }
        }
    }

    /// The byte offset the next record goes to.
    private var nextRecordOffset: Int { header.recordsOffset + 4 * recordCount }

    /// `timePicoseconds` in time-tag units, checked: not negative, not before the last event,
    /// and the writer not finished.
    private func nextTick(_ timePicoseconds: Int64) throws(PTUError) -> Int64 {
        guard !isFinished else {
            throw PTUError(.eventNotWritable, offset: nextRecordOffset, "the file is finished; nothing can be written after finish()")
        }
        guard timePicoseconds >= 0 else {
            throw PTUError(.eventNotWritable, offset: nextRecordOffset,
                           "an event at \(timePicoseconds) ps; expected a time from 0 (the start of the measurement)")
        }
        let tick = timePicoseconds / format.globalResolutionPicoseconds
        guard tick >= lastTick else {
            throw PTUError(.eventNotWritable, offset: nextRecordOffset,
                           "an event at \(timePicoseconds) ps after one at \(lastTick * format.globalResolutionPicoseconds) ps; "
                           + "expected events in time order")
        }
        return tick
    }

    /// The overflow records that bring the period up to `tick`'s, then the event's record.
    private func writeRecord(special: Bool, channelField: UInt32, tick: Int64) throws(PTUError) {
        let period = format.recordType.overflowPeriodTicks
        let periods = tick / period
        let maximumCount: Int64 = format.recordType.overflowRecordsCarryCount ? (1 << 25) - 1 : 1
        while periodsWritten < periods {
            let count = min(periods - periodsWritten, maximumCount)
            // An overflow: special, channel 63, the count (HydraHarp V1: one period, field 0).
            try append(0xFE00_0000 | (maximumCount == 1 ? 0 : UInt32(count)))
            periodsWritten += count
        }
        lastTick = tick
        try append((special ? 0x8000_0000 : 0) | channelField << 25 | UInt32(tick - periods * period))
    }

    /// One record into the buffer, written out when the buffer is full (file writer).
    private func append(_ record: UInt32) throws(PTUError) {
        PTUHeader.append(record, to: &buffered)
        recordCount += 1
        if case .file(let handle, let partialPath, let path) = destination, buffered.count >= Self.flushBytes {
            do {
                try flush(handle)
            } catch {
                throw PTUError(.cannotWrite, offset: flushedBytes, "cannot write \(partialPath): \(OutputFault.systemReason(of: error))", path: path)
            }
        }
    }

    /// Writes the buffered bytes to the file.
    private func flush(_ handle: FileHandle) throws {
        guard !buffered.isEmpty else { return }
        try handle.write(contentsOf: buffered)
        flushedBytes += buffered.count
        buffered.removeAll(keepingCapacity: true)
    }
}
