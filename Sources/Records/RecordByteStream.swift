import Foundation

/// A run record's bytes, read front to back through one fixed buffer: from a file with read(2), so
/// memory stays flat however long the record is (a 10⁹-cycle record is gigabytes), or from bytes
/// already in memory (tests, a pipe read whole).
///
/// `need(n)` makes the next n bytes contiguous at `cursor` (n at most the buffer's capacity),
/// moving what is left to the front and reading more; `advance(n)` consumes them. `offset` is
/// the file offset of `cursor`, for the errors.
final class RecordByteStream {
    /// Where more bytes come from: fills the buffer it is given and returns the count, 0 at the end.
    private let source: (UnsafeMutableRawBufferPointer) throws -> Int
    /// What to close when done (-1: nothing).
    private let descriptor: Int32
    /// The buffer: `[start, end)` holds bytes read but not consumed.
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var start = 0, end = 0
    private var atEnd = false
    /// The file offset of the first unconsumed byte.
    private(set) var offset = 0
    /// The file's size in bytes when it was opened (for a salvage report).
    let size: Int
    /// The file, for errors.
    let path: String

    /// A buffer of two mebibytes: a whole header (`maxHeaderBytes`) or block fits with room to spare.
    static let defaultCapacity = 2 << 20

    private init(path: String, size: Int, descriptor: Int32, capacity: Int,
                 source: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        self.path = path
        self.size = size
        self.descriptor = descriptor
        self.capacity = capacity
        self.source = source
        buffer = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit {
        buffer.deallocate()
        if descriptor >= 0 { close(descriptor) }
    }

    /// The record file at `path`, read with read(2). The corresponding C functions are `open`,
    /// `fstat` and `read`.
    static func file(_ path: String, capacity: Int = defaultCapacity) throws(RunRecordError) -> RecordByteStream {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RunRecordError(path: path, offset: 0, message: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        return RecordByteStream(path: path, size: size, descriptor: descriptor, capacity: capacity) { space in
            while true {
                let count = read(descriptor, space.baseAddress, space.count)
                if count >= 0 { return count }
                if errno != EINTR { throw RunRecordError(path: path, offset: 0, message: String(cString: strerror(errno))) }
            }
        }
    }

    /// `bytes`, as if read from a file at `path`.
    static func bytes(_ bytes: [UInt8], path: String, capacity: Int = defaultCapacity) -> RecordByteStream {
        var position = 0
        return RecordByteStream(path: path, size: bytes.count, descriptor: -1, capacity: capacity) { space in
            let count = min(space.count, bytes.count - position)
            bytes.withUnsafeBytes { whole in
                space.baseAddress!.copyMemory(from: whole.baseAddress! + position, byteCount: count)
            }
            position += count
            return count
        }
    }

    /// Makes up to `count` bytes contiguous at `cursor` and returns how many there are: `count`,
    /// or fewer where the file ends. A read error is thrown at the offset it happened.
    func need(_ count: Int) throws(RunRecordError) -> Int {
        precondition(count <= capacity, "a record stream reads at most \(capacity) contiguous bytes")
        if end - start >= count || atEnd { return min(count, end - start) }
        if start + count > capacity {
            buffer.copyMemory(from: buffer + start, byteCount: end - start)
            end -= start
            start = 0
        }
        while end - start < count {
            let got: Int
            do {
                got = try source(UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            } catch let error as RunRecordError {
                throw RunRecordError(path: path, offset: offset + end - start, message: "cannot read the file (\(error.message))")
            } catch {
                throw RunRecordError(path: path, offset: offset + end - start, message: "cannot read the file (\(error))")
            }
            if got == 0 { atEnd = true; break }
            end += got
        }
        return min(count, end - start)
    }

    /// The next unconsumed byte (valid for the bytes `need` returned, until the next `need`).
    var cursor: UnsafeRawPointer { UnsafeRawPointer(buffer + start) }

    /// Consumes `count` bytes made available by `need`.
    func advance(_ count: Int) {
        start += count
        offset += count
    }

    /// Whether every byte was consumed.
    func isAtEnd() throws(RunRecordError) -> Bool { try need(1) == 0 }
}
