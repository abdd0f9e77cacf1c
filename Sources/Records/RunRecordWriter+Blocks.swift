import Foundation

/// The writer's blocks: closing a full one, writing out the buffer, and the flush that writes the
/// open block as it stands (`RunRecordWriter`'s "Bounded loss").
extension RunRecordWriter {
    /// Closes the open block (fills in its header and CRC-32C; rewrites the header in the file if
    /// an earlier flush wrote it), writes the buffer out when another full block would not fit,
    /// and opens the next block.
    @usableFromInline
    func closeBlock() throws {
        RunRecordFormat.encodeBlockHeader(recordCount: blockRecords, runID: runID, sequenceNumber: sequenceNumber,
                                          at: buffer + blockStart)
        if blockStart < writtenUpTo {
            // A flush wrote this block's header with fewer records: its records first, then the header.
            try append(upTo: used)
            try rewriteBlockHeader()
        }
        sequenceNumber += 1
        if used + Self.fullBlockBytes > Self.capacity { try writeOut() }
        blockStart = used
        used += RunRecordFormat.blockHeaderSize
        blockRecords = 0
    }

    /// Closes the open block, the last, and writes out everything that waits.
    func writeLastBlock() throws {
        try closeBlock()
        used = blockStart   // no next block: drop its reserved header
        try writeOut()
    }

    /// Writes every closed block still waiting and empties the buffer (the open block must be
    /// empty, its header unwritten).
    func writeOut() throws {
        try append(upTo: used)
        bufferFileOffset += used
        used = 0
        writtenUpTo = 0
    }

    /// Writes what is buffered to the file: every closed block and the open block as it stands
    /// (header with its count and CRC so far; its records stay in the buffer, so the header can be
    /// rewritten as the block grows). Into a pipe or a device it closes the open block instead.
    public func flush() throws {
        guard blockRecords > 0 else {
            // Only closed blocks wait, before the open block's reserved header.
            guard blockStart > writtenUpTo else { return }
            try append(upTo: blockStart)
            moveOpenBlockToFront()
            return
        }
        guard renamesWhenDone else {
            try closeBlock()
            try append(upTo: blockStart)
            moveOpenBlockToFront()
            return
        }
        RunRecordFormat.encodeBlockHeader(recordCount: blockRecords, runID: runID, sequenceNumber: sequenceNumber,
                                          at: buffer + blockStart)
        let headerWritten = blockStart < writtenUpTo
        try append(upTo: used)
        if headerWritten { try rewriteBlockHeader() }
        moveOpenBlockToFront()
    }

    /// Appends `buffer[writtenUpTo ..< end]` to the file.
    private func append(upTo end: Int) throws {
        guard end > writtenUpTo else { return }
        try handle.write(contentsOf: UnsafeRawBufferPointer(start: buffer + writtenUpTo, count: end - writtenUpTo))
        writtenUpTo = end
        oldestWaitingSince = nil
        writtenSinceSync = true
        flushCount += 1
    }

    /// Writes the open block's header over its earlier version in the file. The corresponding C
    /// function is `pwrite`.
    private func rewriteBlockHeader() throws {
        var done = 0
        let size = RunRecordFormat.blockHeaderSize
        while done < size {
            let count = pwrite(handle.fileDescriptor, buffer + blockStart + done, size - done,
                               off_t(bufferFileOffset + blockStart + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partialPath,
                                                                NSLocalizedDescriptionKey: "pwrite failed, errno \(errno)"])
            }
            done += count
        }
    }

    /// Drops the blocks before the open one from the buffer (they are in the file) and moves the
    /// open block to its front.
    private func moveOpenBlockToFront() {
        guard blockStart > 0 else { return }
        buffer.copyMemory(from: buffer + blockStart, byteCount: used - blockStart)
        bufferFileOffset += blockStart
        used -= blockStart
        writtenUpTo = max(0, writtenUpTo - blockStart)
        blockStart = 0
    }
}
