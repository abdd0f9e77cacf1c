import Records
import SeededRandom
import Testing

/// A seeded mutation fuzz of the PTU readers: small valid files of every record type, mutated by
/// bit flips, interesting values in tag fields and records, truncations, splices, insertions,
/// deletions and duplications, read by the strict reader to the end and by the follower's header
/// scan. No input may trap, and every failure must be a `PTUError` naming an offset inside the
/// file (offset 0 for an empty file).
@Suite struct PTUFuzzTests {
    static let mutatedFiles = 100_000

    /// The files mutated: writer-made files of each written type, hand-laid PicoHarp 300 and
    /// HydraHarp files with every tag type in the header.
    static func baseFiles() throws -> [[UInt8]] {
        var files: [[UInt8]] = []
        // (1 µs per tick: one overflow record with a large count is past Int64 picoseconds.)
        for (type, resolution) in [(PTURecordType.hydraHarpV2T2, Int64(1)), (.hydraHarpV1T2, 1), (.genericT2, 5), (.timeHarp260PT2, 25),
                                   (.hydraHarpV2T2, 1_000_000)] {
            let writer = try PTUWriter(settings: PTUWriterSettings(recordType: type, globalResolutionPicoseconds: resolution,
                                                                   syncRatePerSecond: 80_000, fileGUID: "{0}", creatingTimeSecondsSince1970: 0))
            // A 12.5 µs sync period and a 0.2 ms pause: a few overflow records of each kind, 30 events.
            for event in PTUWriterTests.events(seed: UInt64(resolution), count: 12, syncPeriodPicoseconds: 12_500_000, resolution: resolution,
                                               pausePicoseconds: 200_000_000).prefix(30) {
                try writer.write(event)
            }
            try writer.finish()
            files.append(writer.bytes)
        }
        typealias B = PTUSpecBytes
        files.append(B.file(recordType: 0x0001_0203, resolutionSeconds: 4e-12, records: [
            B.picoHarp(channel: 0, timeTag: 10), B.picoHarp(channel: 1, timeTag: 20), B.picoHarp(channel: 15, timeTag: 0),
            B.picoHarp(channel: 15, timeTag: 0x126), B.picoHarp(channel: 3, timeTag: 0x0FFF_FFFF),
        ]))
        let extra = B.tag("File_Comment", type: B.tyWideString, value: 8) + [0x68, 0, 0xE9, 0, 0, 0, 0, 0]
            + B.tag("MeasDesc_Restart", type: B.tyBool8, value: 1) + B.tag("File_CreatingTime", type: B.tyTDateTime, value: (45_000.25).bitPattern)
            + B.tag("Array", type: B.tyFloat8Array, value: 16) + B.le64((1.5).bitPattern) + B.le64((-2.0).bitPattern)
            + B.tag("Blob", type: B.tyBinaryBlob, value: 3) + [1, 2, 3]
        files.append(B.file(recordType: 0x0101_0204, resolutionSeconds: 1e-12, records: PTUSpecFileTests.hydraHarpRecords, extra: extra))
        return files
    }

    /// Where a tag's type code and value are.
    struct TagFields {
        var type: Int
        var value: Int
    }

    /// What happened to each mutated file, by outcome.
    struct Tally {
        var outcomes: [String: Int] = [:]
        var offsetsOutside: [String] = []
        var eventsRead = 0
    }

    @Test func mutatedFilesNeverTrapAndEveryFailureIsAPTUErrorInsideTheFile() throws {
        let bases = try Self.baseFiles()
        // Where the tags' type and value fields are, so mutations hit the header's structure.
        let fieldOffsets: [[TagFields]] = try bases.map { try PTUHeader.parse($0).tags.map { TagFields(type: $0.offset + 36, value: $0.valueOffset) } }
        var generator = Xoshiro256StarStar(seed: 0x5054_5546_555A)   // "PTUFUZ"
        var tally = Tally()
        for _ in 0..<Self.mutatedFiles {
            let baseIndex = Int(generator.next(upperBound: UInt64(bases.count)))
            var bytes = bases[baseIndex]
            for _ in 0...generator.next(upperBound: 3) {
                Self.mutate(&bytes, fields: fieldOffsets[baseIndex], bases: bases, using: &generator)
            }
            Self.check(bytes, into: &tally)
        }
        let total = tally.outcomes.values.reduce(0, +)
        print("PTU fuzz: \(total) mutated files; \(tally.eventsRead) events read; outcomes "
              + tally.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(total == Self.mutatedFiles)
        #expect(tally.offsetsOutside.isEmpty, "\(tally.offsetsOutside.prefix(5))")
        // The mutations reach deep: whole reads and most kinds of refusal both occur.
        #expect((tally.outcomes["read"] ?? 0) > Self.mutatedFiles / 20)
        let kinds: [PTUError.Kind] = [.notPTU, .truncatedHeader, .missingHeaderEnd, .unknownTagType, .invalidTagValue, .missingTag,
                                      .unsupportedMeasurementMode, .unsupportedRecordType, .unsupportedResolution,
                                      .recordCountMismatch, .truncatedRecord, .timeOutOfRange]
        for kind in kinds { #expect((tally.outcomes[kind.rawValue] ?? 0) > 0, "no mutated file gave \(kind)") }
    }

    /// Reads `bytes` to the end with the strict reader and scans its header as a growing file.
    static func check(_ bytes: [UInt8], into tally: inout Tally) {
        func inside(_ error: PTUError) -> Bool {
            error.offset >= 0 && (error.offset < bytes.count || (bytes.isEmpty && error.offset == 0))
        }
        do {
            let reader = try PTUReader(bytes: bytes)
            while try reader.next() != nil { tally.eventsRead += 1 }
            tally.outcomes["read", default: 0] += 1
        } catch {
            tally.outcomes[error.kind.rawValue, default: 0] += 1
            if !inside(error) { tally.offsetsOutside.append("\(error) in \(bytes.count) bytes") }
        }
        do {
            _ = try bytes.withUnsafeBytes { try PTUHeader.parseIfComplete($0) }
        } catch let error as PTUError {
            if !inside(error) { tally.offsetsOutside.append("growing: \(error) in \(bytes.count) bytes") }
        } catch {
            tally.offsetsOutside.append("growing: not a PTUError: \(error)")
        }
    }

    static let interesting64: [UInt64] = [0, 1, 2, 3, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 1 << 31, 1 << 32, UInt64(Int64.max), UInt64(bitPattern: Int64.min),
                                          UInt64.max, UInt64.max - 7, 0x0001_0304, 0x0001_0203, 0x0101_0204, 0x0001_0207,
                                          (1e-12).bitPattern, (1.5e-12).bitPattern, (1e-6).bitPattern, (2e-6).bitPattern,
                                          Double.nan.bitPattern, (1e300).bitPattern, (-1e-12).bitPattern]
    static let typeCodes: [UInt32] = [0xFFFF_0008, 0x0000_0008, 0x1000_0008, 0x1100_0008, 0x1200_0008, 0x2000_0008, 0x2100_0008,
                                      0x2001_FFFF, 0x4001_FFFF, 0x4002_FFFF, 0xFFFF_FFFF, 0x1234_5678]

    static func mutate(_ bytes: inout [UInt8], fields: [TagFields], bases: [[UInt8]], using generator: inout Xoshiro256StarStar) {
        func random(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(generator.next(upperBound: UInt64(bound))) }
        func store(_ value: UInt64, width: Int, at offset: Int) {
            for index in 0..<width where offset + index < bytes.count { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }
        switch random(12) {
        case 0, 1:   // flip one to four bits
            for _ in 0...random(4) where !bytes.isEmpty { bytes[random(bytes.count)] ^= 1 << UInt8(random(8)) }
        case 2:      // an interesting byte
            if !bytes.isEmpty { bytes[random(bytes.count)] = [0, 1, 0x7F, 0x80, 0xFE, 0xFF][random(6)] }
        case 3:      // an interesting value in a tag's value field
            if let field = fields.randomElement(using: &generator) {
                store(interesting64[random(interesting64.count)], width: 8, at: field.value)
            }
        case 4:      // another type code in a tag's type field
            if let field = fields.randomElement(using: &generator) {
                store(UInt64(typeCodes[random(typeCodes.count)]), width: 4, at: field.type)
            }
        case 5:      // truncate
            bytes.removeSubrange(random(bytes.count + 1)...)
        case 6:      // splice another file's tail onto a prefix
            let other = bases[random(bases.count)]
            bytes = Array(bytes.prefix(random(bytes.count + 1))) + other.suffix(random(other.count + 1))
        case 7:      // insert random bytes
            let inserted = (0..<1 + random(16)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            bytes.insert(contentsOf: inserted, at: random(bytes.count + 1))
        case 8:      // delete a range
            let start = random(bytes.count + 1)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random(16)))
        case 9:      // duplicate a range
            let start = random(bytes.count + 1)
            let range = start..<min(bytes.count, start + 1 + random(64))
            bytes.insert(contentsOf: Array(bytes[range]), at: random(bytes.count + 1))
        case 10:     // a record near the end: a random word, or an overflow with a large count
            if bytes.count >= 4 {
                let word: UInt32 = random(2) == 0 ? UInt32(truncatingIfNeeded: generator.next()) : 0xFE00_0000 | UInt32(random(1 << 25))
                store(UInt64(word), width: 4, at: bytes.count - 4 * (1 + random(min(8, bytes.count / 4))))
            }
        default:     // append whole records
            for _ in 0...random(3) { bytes += (0..<4).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        }
    }
}
