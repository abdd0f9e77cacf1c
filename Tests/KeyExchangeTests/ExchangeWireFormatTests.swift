@testable import KeyExchange
import Testing

/// The exchange's own bytes are a format the peer (possibly another implementation) reads: these
/// are the layouts docs/link-exchange.md publishes, byte for byte.
@Suite struct ExchangeWireFormatTests {
    /// Header of block 0x0102 over cycles 3 ..< 0x0400, then the body: little-endian UInt64s.
    @Test func headerBytesAreThePublishedOnes() throws {
        let header = KeyBlockHeader(blockID: 0x0102, detectionRange: 3..<0x0400)
        let bytes = header.framing([0xEE])
        #expect(bytes == [0x02, 0x01, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0xEE])
        let (decoded, body) = try KeyBlockHeader.split(bytes, message: "test")
        #expect(decoded == header && body == [0xEE])
    }

    /// Confirmation: three UInt32s; acknowledgement: one; status query: the block id; reply: the id
    /// and 1 or 0. Each refuses trailing and missing bytes by name.
    @Test func confirmationAndStatusBytesAreThePublishedOnes() throws {
        let confirmation = KeyConfirmation(finalBits: 0x0001_0000, keyCount: 2, setAsideBits: 256)
        #expect(confirmation.encode() == [0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 0])
        #expect(try KeyConfirmation(decoding: confirmation.encode()) == confirmation)
        #expect(throws: KeyExchangeViolation("key confirmation: 1 trailing bytes after byte 12")) { try KeyConfirmation(decoding: confirmation.encode() + [0]) }
        #expect(throws: KeyExchangeViolation("key confirmation acknowledgement: truncated at byte 0, 4 more needed, 3 left")) {
            try KeyConfirmationAcknowledgement(decoding: [1, 0, 0])
        }
        let status = BlockStatus(blockID: 9, committed: true)
        #expect(status.encodeQuery() == [9, 0, 0, 0, 0, 0, 0, 0])
        #expect(status.encodeReply() == [9, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(try BlockStatus(decodingReply: status.encodeReply()) == status)
        #expect(try BlockStatus(decodingReply: BlockStatus(blockID: 9, committed: false).encodeReply()).committed == false)
    }
}
