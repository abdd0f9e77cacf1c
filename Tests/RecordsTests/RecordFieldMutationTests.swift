import Foundation
import Records
import SeededRandom
import Testing

/// Records whose fields are set to random and extreme values with their check sums made good again,
/// so only the range checks stand between them and the analysis: the strict reader, the salvage
/// reader and the streaming analysis never trap, and each either reads the record or refuses it
/// with an offset inside the file.
@Suite struct RecordFieldMutationTests {
    static let extremes: [UInt64] = [0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 1 << 48, 1 << 62,
                                     UInt64(Int64.max), UInt64(bitPattern: Int64.min), UInt64.max, UInt64.max - 1]

    @Test(arguments: ["gate-delay-scan.qdotrec", "interlock.qdotrec"])
    func mutatedFieldsNeverTrap(_ name: String) throws {
        let original = try GoldenFiles.bytes(name)
        let headerEnd = GoldenFiles.headerEnd(original)
        let records = (original.count - headerEnd) / RunRecordFormat.recordSize
        var random = Xoshiro256StarStar(seed: 15)
        var refused = 0
        for round in 0..<1_500 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 3)) {
                // Often the last records (totals, end), else anywhere.
                let index = random.next() % 2 == 0 ? records - 1 - Int(random.next() % 4) : Int(random.next() % UInt64(records))
                let record = headerEnd + index * RunRecordFormat.recordSize
                let value = random.next() % 2 == 0 ? Self.extremes[Int(random.next() % UInt64(Self.extremes.count))] : random.next()
                let (offset, width) = [(0, 1), (1, 1), (2, 1), (3, 1), (4, 2), (8, 8), (16, 8)][Int(random.next() % 7)]
                for byte in 0..<width { bytes[record + offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(byte))) }
                let check = bytes.withUnsafeBytes { RunRecordFormat.check(UnsafeRawBufferPointer(rebasing: $0[record..<record + 24])) }
                bytes[record + 6] = UInt8(check & 0xFF)
                bytes[record + 7] = UInt8(check >> 8)
            }
            do {
                let record = try RunRecord.parse(bytes, path: name)
                _ = RecordAnalysis.findings(record)
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count, "round \(round): \(error)")
                refused += 1
            }
            let salvaged = try SalvagedRunRecord.parse(bytes, path: name)
            _ = RecordAnalysis.findings(salvaged)
            _ = try StreamedRecordAnalysis.analyse(bytes, path: name, salvage: true)
        }
        #expect(refused > 1_000)
    }
}
