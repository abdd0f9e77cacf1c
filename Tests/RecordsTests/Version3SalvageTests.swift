import Records
import Testing

/// Salvage of a version-3 record: every block that passes its checks is kept up to the first that
/// does not; nothing of a block that failed a check is used; the stop says where and why.
@Suite struct Version3SalvageTests {
    /// Cut at every byte of the last block: the strict reader refuses every cut; salvage keeps the
    /// first block whole (less the clicks of its last cycle, which a cut may have split) and says
    /// the last one is truncated where it starts.
    @Test func aRecordCutAtEveryByteOfItsLastBlockKeepsTheBlocksBefore() throws {
        let written = try Version3Fixture.write(clicks: 4_100)
        #expect(written.blockOffsets.count == 2)
        let last = written.blockOffsets[1]
        let firstBlockClicks = Array(written.clicks.prefix(4_096))
        let lastCycle = firstBlockClicks.last!.cycle
        for cut in last..<written.bytes.count {
            let bytes = Array(written.bytes[..<cut])
            let refusal = try #require(Version3Fixture.refusal(bytes), "cut at \(cut) was accepted")
            let salvaged = try SalvagedRunRecord.parse(bytes, path: "cut.qdotrec")
            #expect(salvaged.intactBytes == last && salvaged.fileBytes == cut, "cut at \(cut)")
            #expect(salvaged.intactClicks == 4_096 && !salvaged.hasEndRecord, "cut at \(cut)")
            #expect(salvaged.record.clicks == firstBlockClicks.filter { $0.cycle < lastCycle }, "cut at \(cut)")
            #expect(salvaged.cyclesAnalysed == lastCycle && salvaged.clicksLeftOut == 2, "cut at \(cut)")
            if cut == last {
                #expect(salvaged.stop == nil && refusal.message.contains("no end record"), "cut at \(cut): \(refusal)")
            } else {
                let stop = try #require(salvaged.stop, "cut at \(cut)")
                #expect(stop.offset == last && stop.message.hasPrefix("block 1: truncated"), "cut at \(cut): \(stop)")
                #expect(refusal.offset == stop.offset && refusal.message == stop.message)
            }
        }
        let whole = try SalvagedRunRecord.parse(written.bytes, path: "whole.qdotrec")
        #expect(whole.hasEndRecord && whole.stop == nil && whole.record.clicks == written.clicks)
    }

    /// A damaged middle block: the blocks before it are kept, nothing from it or after it.
    @Test func aDamagedMiddleBlockStopsTheSalvageAtItsStart() throws {
        var written = try Version3Fixture.write()
        written.bytes[written.record(17, ofBlock: 1) + 19] ^= 0x08
        let salvaged = try SalvagedRunRecord.parse(written.bytes, path: "x.qdotrec")
        let stop = try #require(salvaged.stop)
        #expect(stop.offset == written.blockOffsets[1] + 24 && stop.message.hasPrefix("block 1: CRC-32C expected"))
        #expect(stop.description.hasPrefix("x.qdotrec: byte offset \(written.blockOffsets[1] + 24): "))
        #expect(salvaged.intactBytes == written.blockOffsets[1] && salvaged.intactClicks == 4_096)
    }

    /// What a crash leaves after a flush — the open block written as it stood, its header with
    /// the count and CRC so far, rewritten in place by the next flush — is whole blocks: every
    /// click written is salvaged, nothing is reported damaged.
    @Test func whatAFlushLeftBeforeTheBlockWasFullIsSalvagedWhole() throws {
        let path = try GoldenFiles.temporaryPath("flushed.qdotrec")
        let writer = try RunRecordWriter(path: path, header: try Version3Fixture.header(kind: "bbm92", seed: 1))
        let clicks = Version3Fixture.clicks(5_100, seed: 1)
        for (written, flushAt) in [(0, 1_000), (1_000, 5_000), (5_000, 5_100)] {
            for click in clicks[written..<flushAt] { try writer.write(click) }
            try writer.flush()
            let salvaged = try SalvagedRunRecord.read(contentsOf: writer.partialPath)
            #expect(salvaged.stop == nil && salvaged.intactClicks == flushAt && salvaged.fileBytes == salvaged.intactBytes,
                    "after \(flushAt) clicks: \(String(describing: salvaged.stop))")
            #expect(salvaged.record.clicks == clicks[..<flushAt].filter { $0.cycle < clicks[flushAt - 1].cycle })
        }
    }
}
