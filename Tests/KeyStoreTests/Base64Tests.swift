import Foundation
@testable import KeyStore
import SeededRandom
import Testing

/// The store's own base64 against RFC 4648's vectors and Foundation's encoder.
@Suite struct Base64Tests {
    /// RFC 4648 section 10's test vectors, both ways.
    @Test func rfc4648VectorsRoundTrip() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    /// 500 random byte strings of 0–99 bytes (seed 4648) encode as Foundation encodes them and
    /// decode back; text that is not padded base64 is refused.
    @Test func matchesFoundationAndRefusesBadText() {
        var generator = Xoshiro256StarStar(seed: 4648)
        for _ in 0..<500 {
            let bytes = (0..<Int(generator.next(upperBound: 100))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9*", "=Zm9"] { #expect(Base64.decode(bad) == nil, "\(bad)") }
    }
}
