import LinkProtocol
import Testing

/// Frames checked byte for byte against an independent implementation: Python's arbitrary-size
/// integers computing the layout and the tag straight from their definitions (docs/link-channel.md
/// gives the script), so a reader in another language can check itself against the same bytes.
@Suite struct LinkReferenceVectorTests {
    /// Secret = bytes 0, 1, …, 95 (hash keys 0x00…0f and 0x10…1f, two pads per direction).
    private let secret = (0..<96).map { UInt8($0) }

    /// Alice's first frame: hello (type 1), sequence 0, payload [1, 1], pad 0 of Alice → Bob.
    @Test func alicesFirstFrameMatchesTheReference() throws {
        var alice = try LinkSession(preSharedSecret: secret, role: .alice)
        let frame = try alice.seal(.hello, payload: [1, 1])
        #expect(hex(frame) == "51444c4b01010000000000000000000000020101692fcb4be2c11818f4dd0287aed2edf2")
        var bob = try LinkSession(preSharedSecret: secret, role: .bob)
        #expect(try bob.messages(from: frame).map(\.payload) == [[1, 1]])
    }

    /// Bob's second frame: sifting bases (type 0x10), sequence 1, payload 0…19, pad 1 of Bob → Alice.
    @Test func bobsSecondFrameMatchesTheReference() throws {
        var bob = try LinkSession(preSharedSecret: secret, role: .bob)
        _ = try bob.seal(.hello, payload: [1, 1])
        let frame = try bob.seal(.siftingBases, payload: (0..<20).map { UInt8($0) })
        #expect(hex(frame) == "51444c4b0110000000000000000100000014000102030405060708090a0b0c0d0e0f10111213"
                + "5685e540176bfe90233e3c6b5f33ce1d")
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
