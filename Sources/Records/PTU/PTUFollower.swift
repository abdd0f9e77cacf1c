/// Reads a PTU file that a live tagger is still writing: each call decodes the whole records
/// appended since the last call. A record cut short at the end of the file waits for the next
/// call; so does a header not yet written out. The header's record count is not used (taggers
/// write 0 until they finish), but the header must be T2 and the file must not shrink.
///
/// ```swift
/// let follower = try PTUFollower(path: "live.ptu")
/// var events: [PTUEvent] = []
/// while running { events.removeAll(keepingCapacity: true); _ = try follower.readAppended(into: &events); … }
/// ```
public final class PTUFollower {
    /// The file.
    public let path: String
    /// The header, once the file holds all of it.
    public private(set) var header: PTUHeader?
    /// The decoder (nil until the header is whole), with its counts so far.
    public private(set) var decoder: PTUDecoder?
    /// The byte offset up to which records have been decoded.
    public private(set) var nextRecordOffset = 0
    private let file: PTUInputFile
    private let chunk: UnsafeMutableRawBufferPointer
    private let batch: UnsafeMutableBufferPointer<PTUEvent>

    /// Opens the file (it must exist; it may still be empty), reading nothing yet. Records are
    /// read `chunkBytes` at a time (rounded down to whole records, at least one).
    public init(path: String, chunkBytes: Int = 1 << 20) throws(PTUError) {
        self.path = path
        file = try PTUInputFile(path: path)
        let bytes = max(4, chunkBytes / 4 * 4)
        chunk = .allocate(byteCount: bytes, alignment: 16)
        batch = .allocate(capacity: bytes / 4)
    }

    deinit {
        chunk.deallocate()
        batch.deallocate()
    }

    /// Appends to `events` the events of every whole record written since the last call and
    /// returns how many records that was (0 when nothing new is whole, or the header is not yet).
    public func readAppended(into events: inout [PTUEvent]) throws(PTUError) -> Int {
        let size = try file.size()
        if decoder == nil {
            guard let header = try file.header(fileSize: size, endOfFile: false) else { return 0 }
            let format: PTUT2Format
            do { format = try PTUT2Format(header: header) } catch { throw error.at(path: path) }
            self.header = header
            decoder = PTUDecoder(format: format, firstRecordOffset: header.recordsOffset)
            nextRecordOffset = header.recordsOffset
        }
        guard var decoder else { return 0 }
        defer { self.decoder = decoder }
        guard size >= nextRecordOffset else {
            throw PTUError(.fileShrank, offset: nextRecordOffset,
                           "the file is now \(size) bytes, shorter than the \(nextRecordOffset) already read: it was cut or replaced", path: path)
        }
        var records = 0
        var available = (size - nextRecordOffset) / 4 * 4
        while available > 0 {
            let wanted = min(available, chunk.count)
            let got = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<wanted]), at: nextRecordOffset)
            let whole = got / 4 * 4
            var offset = 0
            while offset < whole {
                let step: (records: Int, events: Int)
                do {
                    step = try decoder.decode(UnsafeRawBufferPointer(rebasing: chunk[offset..<whole]), into: batch)
                } catch {
                    throw error.at(path: path)
                }
                events.append(contentsOf: batch[0..<step.events])
                offset += 4 * step.records
            }
            nextRecordOffset += whole
            records += whole / 4
            available -= whole
            if got < wanted { break }   // the file shrank while being read: the next call says so
        }
        return records
    }
}
