import Foundation
import KeyStore
import Testing

/// Key bytes never appear in anything printed: descriptions, debug descriptions, dumps,
/// interpolation, errors.
@Suite struct KeyRedactionTests {
    /// Every printable form of a key, a stored record, an ETSI key and container, for 256-bit
    /// keys (seed 14), is searched for the bytes in hex, base64 and as decimal arrays.
    @Test func keyBytesNeverAppearInPrintouts() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let material = TemporaryStoreFolder.keys(count: 2, seed: 14)
        let store = try KeyStore(directory: folder.path, keySizeBits: 256)
        try await store.deposit(blockID: 5, keys: material)
        let handed = try await store.reserveForMaster(master: "A", slave: "B", count: 1, sizeBits: 256)
        let stored = await store.storedKey(KeyIdentifier(blockID: 5, keyIndex: 1))
        let etsiKey = ETSIKey(identifier: handed[0].identifier, material: handed[0].material)
        let container = ETSIKeyContainer(keys: [etsiKey])
        var printouts: [String] = []
        for value in [material[0], material[1], handed[0].material, stored as Any, etsiKey, container] as [Any] {
            var dumped = ""
            dump(value, to: &dumped)
            printouts += [String(describing: value), String(reflecting: value), "\(value)", dumped]
        }
        printouts.append(String(describing: handed))
        for key in material {
            let bytes = key.testBytes
            let forms = [Data(bytes).base64EncodedString(), bytes.map { String(format: "%02x", $0) }.joined(),
                         "\(bytes)", bytes.prefix(4).map { String($0) }.joined(separator: ", ")]
            for printout in printouts {
                for form in forms { #expect(!printout.contains(form), "key bytes in: \(printout)") }
            }
        }
        #expect(material[0].description == "‹256-bit key, redacted›")
        #expect(container.description.contains(handed[0].identifier.uuidString))
    }
}
