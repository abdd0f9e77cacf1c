import Foundation

/// Files written by earlier qdot versions (`Golden/`, see its README): every later version must
/// still read them and reach the same figures.
enum GoldenFiles {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "no golden file \(name) among the test resources" }
    }

    /// The URL of the golden file `name`.
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden") else {
            throw Missing(name: name)
        }
        return url
    }

    /// The bytes of the golden file `name`.
    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url(name))) }

    /// Where the record `bytes`' header ends: 16 bytes of preamble (bytes 12–15 hold the JSON
    /// header's length, little-endian), then the header; the 24-byte records follow.
    static func headerEnd(_ bytes: [UInt8]) -> Int {
        16 + (Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24)
    }

    /// A path in a new temporary folder.
    static func temporaryPath(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.appendingPathComponent(name).path
    }
}
