import Foundation
import Records
import SeededRandom
import Testing

/// Format version 3 against what the audit of issue 15 found version 1 accepting: a flipped header
/// bit, a byte changed between 0x00 and 0xFF, records and blocks dropped, repeated or reordered, a
/// header spliced onto another run's records. Each is refused with its byte offset and what was
/// expected there.
@Suite struct Version3RecordTests {
    @Test func aRecordIsWrittenInNumberedBlocksOfTheRunAndReadsBack() throws {
        let written = try Version3Fixture.write()
        #expect(Array(written.bytes[8..<12]) == [3, 0, 0, 0])
        let headerEnd = GoldenFiles.headerEnd(written.bytes)
        #expect(written.runID == RunRecordFormat.runID(headerJSON: Array(written.bytes[16..<headerEnd])))
        // 10 000 clicks, one setting total, the end record: 4096 + 4096 + 1810.
        #expect(written.blockOffsets.map { Int(written.bytes[$0 + 4]) | Int(written.bytes[$0 + 5]) << 8 } == [4_096, 4_096, 1_810])
        for (sequence, offset) in written.blockOffsets.enumerated() {
            #expect(Array(written.bytes[offset..<offset + 4]) == Array("QBLK".utf8))
            #expect(written.bytes[offset + 8..<offset + 16].elementsEqual(withUnsafeBytes(of: written.runID.littleEndian) { Array($0) }))
            #expect(written.bytes[offset + 16..<offset + 24].elementsEqual(withUnsafeBytes(of: UInt64(sequence).littleEndian) { Array($0) }))
        }
        let record = try RunRecord.parse(written.bytes, path: "v3.qdotrec")
        #expect(record.clicks == written.clicks)
        #expect(record.cyclesPerSetting == written.cyclesPerSetting && record.complete)
    }

    /// A simulated run's record is decided by its inputs: the same clicks give the same bytes,
    /// however often the writer was flushed in between (an age flush rewrites the open block's
    /// header in place rather than closing it). A lab run's nonce gives another run ID.
    @Test func theSameRunWritesTheSameBytesHoweverItWasFlushedAndANonceChangesTheRunID() throws {
        let plain = try Version3Fixture.write()
        #expect(try Version3Fixture.write().bytes == plain.bytes)
        #expect(try Version3Fixture.write(flushEvery: 777).bytes == plain.bytes)
        #expect(try Version3Fixture.write(flushEvery: 1).bytes == plain.bytes)
        let lab = try Version3Fixture.write(runNonce: 0x1234)
        let otherLab = try Version3Fixture.write(runNonce: 0x1235)
        #expect(Set([plain.runID, lab.runID, otherLab.runID]).count == 3)
        #expect(try RunRecord.parse(lab.bytes, path: "lab.qdotrec").header.runNonce == 0x1234)
    }

    /// Every single-bit flip in the preamble, header, run ID and header CRC is refused; from the
    /// header on, by the header's CRC-32C at its offset. (Version 1 accepted 157 of 700.)
    @Test func everyHeaderBitFlipIsRefusedWithTheOffsetOfTheCheck() throws {
        let written = try Version3Fixture.write(clicks: 20)
        let crcOffset = written.blocksStart - 4
        for byte in 0..<written.blocksStart {
            for bit in 0..<8 {
                var bytes = written.bytes
                bytes[byte] ^= 1 << bit
                let refusal = try #require(Version3Fixture.refusal(bytes), "bit \(bit) of byte \(byte) flipped was accepted")
                switch byte {
                case 0..<8: #expect(refusal.offset == 0)
                // The version picks the layout: flipped to 1 or 2, the run ID and block headers are
                // read as records and fail their check sums; to another number, it is unknown.
                case 8..<12: continue
                case 12..<16: break   // the header length: refused at 12, or where the CRC then is
                default:
                    #expect(refusal.offset == crcOffset && refusal.message.contains("header CRC-32C expected"),
                            "byte \(byte): \(refusal)")
                }
                #expect(throws: RunRecordError.self, "byte \(byte) bit \(bit): salvage needs a whole header") {
                    try SalvagedRunRecord.parse(bytes, path: "v3.qdotrec")
                }
            }
        }
    }

    /// A byte changed from 0x00 to 0xFF (or back) leaves a record's Fletcher-16 unchanged (both are
    /// 0 modulo 255) — version 1 read such records — but not its block's CRC-32C.
    @Test func aByteChangedBetween00AndFFIsRefusedThoughFletcher16CannotSeeIt() throws {
        let written = try Version3Fixture.write()
        var random = Xoshiro256StarStar(seed: 300)
        var tried = 0
        while tried < 300 {
            let block = Int(random.next() % UInt64(written.blockOffsets.count))
            let count = Int(written.bytes[written.blockOffsets[block] + 4]) | Int(written.bytes[written.blockOffsets[block] + 5]) << 8
            let record = written.record(Int(random.next() % UInt64(count)), ofBlock: block)
            let field = Int(random.next() % 24)
            guard field != 6, field != 7, written.bytes[record + field] == 0x00 || written.bytes[record + field] == 0xFF else { continue }
            var bytes = written.bytes
            bytes[record + field] ^= 0xFF
            let fletcher = bytes.withUnsafeBytes { RunRecordFormat.check(UnsafeRawBufferPointer(rebasing: $0[record..<record + 24])) }
            #expect(fletcher == UInt16(bytes[record + 6]) | UInt16(bytes[record + 7]) << 8, "Fletcher-16 sees it")
            let refusal = try #require(Version3Fixture.refusal(bytes), "byte \(record + field) changed was accepted")
            #expect(refusal.offset == written.blockOffsets[block] + 24)
            #expect(refusal.message.hasPrefix("block \(block): CRC-32C expected"), "\(refusal)")
            tried += 1
        }
    }

    /// A record dropped, repeated or swapped with its neighbour inside a block breaks the block's
    /// CRC-32C (or, in the last block, leaves it short): refused at that block; salvage keeps the
    /// blocks before it. 120 random records × 3 ways = 360 damaged files, every one refused
    /// (version 1 accepted 354 of 354 records dropped or repeated).
    @Test func aRecordDroppedRepeatedOrReorderedIsRefusedAtItsBlock() throws {
        let written = try Version3Fixture.write()
        let size = RunRecordFormat.recordSize
        let counts = written.blockOffsets.map { Int(written.bytes[$0 + 4]) | Int(written.bytes[$0 + 5]) << 8 }
        var random = Xoshiro256StarStar(seed: 354)
        var refused = 0
        for _ in 0..<120 {
            let block = Int(random.next() % UInt64(counts.count))
            let index = Int(random.next() % UInt64(counts[block] - 1))
            let record = written.record(index, ofBlock: block)
            let one = Array(written.bytes[record..<record + size]), next = Array(written.bytes[record + size..<record + 2 * size])
            var dropped = written.bytes
            dropped.removeSubrange(record..<record + size)
            var repeated = written.bytes
            repeated.insert(contentsOf: one, at: record)
            var swapped = written.bytes
            swapped.replaceSubrange(record..<record + 2 * size, with: next + one)
            for (name, bytes) in [("dropped", dropped), ("repeated", repeated), ("swapped", swapped)] where bytes != written.bytes {
                let place = "record \(index) of block \(block) \(name)"
                let refusal = try #require(Version3Fixture.refusal(bytes), "\(place): accepted")
                let blockStart = written.blockOffsets[block]
                #expect(refusal.offset == blockStart + 24 || refusal.offset == blockStart, "\(place): \(refusal)")
                #expect(refusal.message.hasPrefix("block \(block): "), "\(place): \(refusal)")
                let salvaged = try SalvagedRunRecord.parse(bytes, path: "v3.qdotrec")
                #expect(salvaged.intactBytes == blockStart && salvaged.intactClicks == 4_096 * block, "\(place)")
                #expect(salvaged.stop?.offset == refusal.offset && !salvaged.hasEndRecord, "\(place)")
                refused += 1
            }
        }
        #expect(refused > 350)
    }

    /// A whole block dropped, repeated or moved keeps its own CRC, so its sequence number tells:
    /// "block 1: sequence number expected 1, found 2".
    @Test func aBlockDroppedRepeatedOrReorderedIsRefusedBySequenceNumber() throws {
        let written = try Version3Fixture.write()
        let head = Array(written.bytes[..<written.blockOffsets[0]])
        let blocks = (0..<3).map { Array(written.block($0)) }
        let cases: [(String, [UInt8], found: Int)] = [
            ("dropped", head + blocks[0] + blocks[2], 2),
            ("repeated", head + blocks[0] + blocks[0] + blocks[1] + blocks[2], 0),
            ("reordered", head + blocks[0] + blocks[2] + blocks[1], 2),
        ]
        for (name, bytes, found) in cases {
            let refusal = try #require(Version3Fixture.refusal(bytes), "a block \(name) was accepted")
            #expect(refusal.offset == written.blockOffsets[1] + 16, "\(name)")
            #expect(refusal.message.hasPrefix("block 1: sequence number expected 1, found \(found)"), "\(name): \(refusal)")
            let salvaged = try SalvagedRunRecord.parse(bytes, path: "v3.qdotrec")
            #expect(salvaged.intactClicks == 4_096 && salvaged.stop?.offset == refusal.offset, "\(name)")
        }
        // The last block dropped: no end record (strict), two whole blocks (salvage).
        let cut = head + blocks[0] + blocks[1]
        #expect(Version3Fixture.refusal(cut)?.message.contains("no end record") == true)
        let salvaged = try SalvagedRunRecord.parse(cut, path: "v3.qdotrec")
        #expect(salvaged.stop == nil && salvaged.intactClicks == 8_192)
    }

    /// One run's header on another run's blocks: the run IDs differ, and the first block says so,
    /// naming both. (Version 1 read a bell-chsh header on BBM92 clicks, and a seed-1 header on
    /// seed-2 clicks, as if they belonged together.)
    @Test(arguments: [("bell-chsh", 1 as UInt64), ("bbm92", 2)])
    func aHeaderSplicedOntoAnotherRunsBlocksIsRefusedNamingBothRunIDs(headerKind: String, headerSeed: UInt64) throws {
        let body = try Version3Fixture.write(kind: "bbm92", seed: 1)
        let header = try Version3Fixture.write(kind: headerKind, seed: headerSeed, clicks: 10)
        #expect(header.runID != body.runID)
        let spliced = Array(header.bytes[..<header.blocksStart]) + Array(body.bytes[body.blocksStart...])
        let refusal = try #require(Version3Fixture.refusal(spliced), "the spliced record was accepted")
        #expect(refusal.offset == header.blocksStart + 8)
        #expect(refusal.message.contains("block 0: run ID expected \(RunRecordFormat.describe(runID: header.runID)) (the header's), found \(RunRecordFormat.describe(runID: body.runID))"),
                "\(refusal)")
        let salvaged = try SalvagedRunRecord.parse(spliced, path: "v3.qdotrec")
        #expect(salvaged.intactClicks == 0 && salvaged.record.clicks.isEmpty)
    }

    /// A record longer than the reader's two-mebibyte buffer (3.6 MB, 37 blocks) streams through it
    /// block by block to the figures of the reader that holds every click, whole and cut.
    @Test func aRecordLongerThanTheReadBufferStreamsToTheSameFindings() throws {
        let written = try Version3Fixture.write(clicks: 150_000)
        #expect(written.bytes.count > 3_000_000 && written.blockOffsets.count == 37)
        let record = try RunRecord.parse(written.bytes, path: "long.qdotrec")
        let streamed = try StreamedRecordAnalysis.analyse(written.bytes, path: "long.qdotrec")
        #expect(streamed.findings == RecordAnalysis.findings(record) && streamed.clicksAnalysed == 150_000)
        let cut = Array(written.bytes[..<(written.blockOffsets[30] + 1_000)])
        let salvaged = try SalvagedRunRecord.parse(cut, path: "cut.qdotrec")
        let streamedSalvage = try StreamedRecordAnalysis.analyse(cut, path: "cut.qdotrec", salvage: true)
        #expect(salvaged.intactClicks == 30 * 4_096 && salvaged.stop?.offset == written.blockOffsets[30])
        #expect(streamedSalvage.findings == RecordAnalysis.findings(salvaged))
    }
}
