@testable import KeyStore
import SeededRandom
import Testing

/// Key material's base64 (Foundation's, standard alphabet with padding) against RFC 4648's vectors,
/// and the texts the store's files must not hold refused.
@Suite struct Base64Tests {
    /// RFC 4648 section 10's test vectors, both ways.
    @Test func rfc4648VectorsRoundTrip() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(KeyMaterial(bytes: Array(plain.utf8)).base64 == encoded)
            #expect(KeyMaterial(base64: encoded)?.testBytes == Array(plain.utf8))
        }
    }

    static let standardAlphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 500 random byte strings of 0–99 bytes (seed 4648) encode as padded standard base64 (four
    /// characters per three bytes, RFC 4648 section 4's alphabet) and decode back; text that is not
    /// padded base64 (short, misplaced padding, other characters, whitespace) is refused, as the
    /// store's former decoder refused it.
    @Test func paddedStandardBase64AndBadTextRefused() {
        var generator = Xoshiro256StarStar(seed: 4648)
        for _ in 0..<500 {
            let bytes = (0..<Int(generator.next(upperBound: 100))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let text = KeyMaterial(bytes: bytes).base64
            #expect(text.utf8.count == (bytes.count + 2) / 3 * 4 && text.utf8.allSatisfy { Self.standardAlphabet.contains($0) || $0 == UInt8(ascii: "=") })
            #expect(KeyMaterial(base64: text)?.testBytes == bytes)
        }
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9*", "=Zm9", "Zm9v\n", " Zm9v", "Zm9"] { #expect(KeyMaterial(base64: bad) == nil, "\(bad)") }
    }
}
