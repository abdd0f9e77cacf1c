import Foundation
import KeyStore
import SeededRandom

/// A fresh folder per test and seeded key bytes.
struct TemporaryStoreFolder {
    /// The folder's path (not yet created: the store creates it).
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-keystore-\(UUID().uuidString)").path
    }

    /// Removes the folder and everything in it.
    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// `count` keys of `bits` bits drawn with `seed`.
    static func keys(count: Int, bits: Int = 256, seed: UInt64) -> [KeyMaterial] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in KeyMaterial(bytes: (0..<(bits / 8)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }) }
    }
}

extension KeyMaterial {
    /// The bytes, for comparing in tests.
    var testBytes: [UInt8] { withUnsafeKeyBytes { $0 } }
}
