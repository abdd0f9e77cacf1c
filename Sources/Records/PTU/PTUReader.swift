/// Reads a whole PTU T2 file, strictly, as a stream of events in file order (time order, but for
/// markers, which the instruments tag more coarsely): from bytes in memory or from a file read
/// in chunks, never holding more than one chunk of records and one batch of events.
///
/// Opening checks the header (T2 only, a record type and resolution qdot can decode) and that
/// `TTResult_NumberOfRecords` matches the bytes after the header; decoding checks every overflow
/// record. Every failure is a `PTUError` naming the byte offset. A file that a tagger is still
/// writing (its record count 0 or stale) is read with `PTUFollower` instead.
///
/// ```swift
/// let reader = try PTUReader(path: "run.ptu")
/// while let event = try reader.next() { … }           // one at a time, or
/// var batch = [PTUEvent](repeating: .sync(timePicoseconds: 0), count: 65_536)
/// while case let n = try reader.read(into: &batch), n > 0 { for event in batch[..<n] { … } }
/// ```
public final class PTUReader {
    /// The file, or nil for bytes in memory.
    public let path: String?
    /// The header.
    public let header: PTUHeader
    /// The record type and time-tag unit.
    public let format: PTUT2Format
    /// The number of records (declared, and checked against the file's length).
    public let recordCount: Int
    /// The decoder, with its counts of records, overflows and ignored records so far.
    public private(set) var decoder: PTUDecoder

    /// Where the records come from.
    private enum Source {
        case memory([UInt8])
        case file(PTUInputFile, chunk: UnsafeMutableRawBufferPointer)
    }
    private let source: Source
    /// Records handed to the decoder so far.
    private var recordsDecoded = 0
    /// The file chunk's records not yet decoded: `chunkStart..<chunkEnd` (byte offsets into the chunk).
    private var chunkStart = 0
    private var chunkEnd = 0
    /// Events decoded for `next()` and not yet returned: `pending[pendingIndex..<pendingCount]`.
    @usableFromInline let pending: UnsafeMutableBufferPointer<PTUEvent>
    @usableFromInline var pendingIndex = 0
    @usableFromInline var pendingCount = 0

    /// Reads the PTU file held in `bytes`; `path` only labels errors.
    public init(bytes: [UInt8], path: String? = nil) throws(PTUError) {
        self.path = path
        do {
            header = try PTUHeader.parse(bytes)
            format = try PTUT2Format(header: header)
            recordCount = try Self.checkedRecordCount(header, fileSize: bytes.count)
        } catch {
            throw error.at(path: path)
        }
        decoder = PTUDecoder(format: format, firstRecordOffset: header.recordsOffset)
        source = .memory(bytes)
        pending = .allocate(capacity: 4_096)
    }

    /// Opens the PTU file at `path` and reads its header; the records are read `chunkBytes` at
    /// a time (rounded down to whole records, at least one) as the events are asked for.
    public init(path: String, chunkBytes: Int = 1 << 20) throws(PTUError) {
        self.path = path
        let file = try PTUInputFile(path: path)
        let size = try file.size()
        guard let header = try file.header(fileSize: size, endOfFile: true) else {
            throw PTUError(.fileShrank, offset: 0, "the file became shorter while its header was read", path: path)
        }
        self.header = header
        do {
            format = try PTUT2Format(header: header)
            recordCount = try Self.checkedRecordCount(header, fileSize: size)
        } catch {
            throw error.at(path: path)
        }
        decoder = PTUDecoder(format: format, firstRecordOffset: header.recordsOffset)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(4, chunkBytes / 4 * 4), alignment: 16)
        source = .file(file, chunk: chunk)
        pending = .allocate(capacity: 4_096)
    }

    deinit {
        pending.deallocate()
        if case .file(_, let chunk) = source { chunk.deallocate() }
    }

    /// The next event, or nil after the last. Decodes a batch at a time behind the scenes.
    @inlinable
    public func next() throws(PTUError) -> PTUEvent? {
        if pendingIndex < pendingCount {
            let event = pending[pendingIndex]
            pendingIndex &+= 1
            return event
        }
        return try refill()
    }

    /// Decodes the next batch for `next()` and returns its first event (nil: no events left).
    @usableFromInline
    func refill() throws(PTUError) -> PTUEvent? {
        pendingIndex = 0
        pendingCount = 0
        pendingCount = try decodeRecords(into: pending)
        guard pendingCount > 0 else { return nil }
        pendingIndex = 1
        return pending[0]
    }

    /// Writes the next events into `events` (events still waiting for `next()` first), as many
    /// as fit, and returns how many; 0 means every event has been read.
    public func read(into events: UnsafeMutableBufferPointer<PTUEvent>) throws(PTUError) -> Int {
        var written = 0
        while pendingIndex < pendingCount, written < events.count {
            events[written] = pending[pendingIndex]
            written += 1
            pendingIndex += 1
        }
        guard written < events.count else { return written }
        let rest = UnsafeMutableBufferPointer(rebasing: events[written...])
        return written + (try decodeRecords(into: rest))
    }

    /// Writes the next events into `events[0..<n]` and returns `n`, as many as `events.count`
    /// allows (its count is left as it is, so one array serves every batch); 0 at the end.
    public func read(into events: inout [PTUEvent]) throws(PTUError) -> Int {
        try PTUError.typed { try events.withUnsafeMutableBufferPointer { try read(into: $0) } }
    }

    /// Every remaining event, in one array (for small files and tests).
    public func readAll() throws(PTUError) -> [PTUEvent] {
        var all: [PTUEvent] = []
        while let event = try next() { all.append(event) }
        return all
    }

    /// Decodes records until `events` is full or the records run out; returns the events written.
    private func decodeRecords(into events: UnsafeMutableBufferPointer<PTUEvent>) throws(PTUError) -> Int {
        var written = 0
        while written < events.count, recordsDecoded < recordCount {
            let rest = UnsafeMutableBufferPointer(rebasing: events[written...])
            let step: (records: Int, events: Int)
            do {
                switch source {
                case .memory(let bytes):
                    let start = header.recordsOffset + 4 * recordsDecoded
                    let end = header.recordsOffset + 4 * recordCount
                    step = try PTUError.typed {
                        try bytes.withUnsafeBytes { try decoder.decode(UnsafeRawBufferPointer(rebasing: $0[start..<end]), into: rest) }
                    }
                case .file(let file, let chunk):
                    if chunkStart == chunkEnd { try loadChunk(from: file, into: chunk) }
                    step = try decoder.decode(UnsafeRawBufferPointer(rebasing: chunk[chunkStart..<chunkEnd]), into: rest)
                    chunkStart += 4 * step.records
                }
            } catch {
                throw error.at(path: path)
            }
            recordsDecoded += step.records
            written += step.events
        }
        return written
    }

    /// Reads the next chunk of records from the file.
    private func loadChunk(from file: PTUInputFile, into chunk: UnsafeMutableRawBufferPointer) throws(PTUError) {
        let wanted = min(chunk.count / 4, recordCount - recordsDecoded) * 4
        let offset = header.recordsOffset + 4 * recordsDecoded
        let got = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<wanted]), at: offset)
        guard got == wanted else {
            throw PTUError(.fileShrank, offset: offset + got,
                           "the file ends here, but it held \(recordCount) records when it was opened: it became shorter while it was read")
        }
        chunkStart = 0
        chunkEnd = wanted
    }

    /// The declared record count, checked against the bytes after the header: a partial last
    /// record is `truncatedRecord` (at its offset), any other disagreement `recordCountMismatch`
    /// (at the count's tag).
    static func checkedRecordCount(_ header: PTUHeader, fileSize: Int) throws(PTUError) -> Int {
        let recordBytes = fileSize - header.recordsOffset
        let whole = recordBytes / 4
        if recordBytes % 4 != 0 {
            throw PTUError(.truncatedRecord, offset: header.recordsOffset + 4 * whole,
                           "the file ends \(recordBytes % 4) bytes into record \(whole); expected 4-byte records to the end of the file")
        }
        guard let tag = header.tag(PTUTagName.numberOfRecords) else {
            throw PTUError(.missingTag, offset: header.tags.last?.offset ?? 0,
                           "the header ends here without \(PTUTagName.numberOfRecords); expected the record count")
        }
        guard let declared = tag.value.int else {
            throw PTUError(.invalidTagValue, offset: tag.offset, "\(PTUTagName.numberOfRecords) is a \(tag.value.type); expected an Int8")
        }
        guard declared == Int64(whole) else {
            throw PTUError(.recordCountMismatch, offset: tag.valueOffset,
                           "the header declares \(declared) records, but the \(recordBytes) bytes after it at offset \(header.recordsOffset) "
                           + "hold \(whole)" + (declared == 0 ? " (a record count of 0: is a tagger still writing the file? "
                           + "PTUFollower reads a growing file)" : ""))
        }
        return whole
    }
}
