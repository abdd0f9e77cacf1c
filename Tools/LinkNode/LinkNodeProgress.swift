import Foundation
import KeyStore

/// The lowest block id this node will still run (docs/link-node.md): written to the disk before
/// a block starts (Alice) or is accepted (Bob), so a restarted node never runs a block's cycles
/// twice — a block's sifting, sample and parities were disclosed once and accounted for once.
struct LinkNodeProgress: Codable {
    var nextBlockID: UInt64 = 0

    static let fileName = "progress.json"

    /// The progress in `directory`, or a fresh one when the file does not exist yet.
    static func load(directory: String) throws(LinkNodeError) -> LinkNodeProgress {
        let path = directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return LinkNodeProgress() }
        do {
            return try JSONDecoder().decode(LinkNodeProgress.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .state(path: path, reason: "unreadable progress file (\(error)); it must hold {\"nextBlockID\": N}")
        }
    }

    /// Writes it durably.
    func save(directory: String) throws(LinkNodeError) {
        do {
            let bytes = Array(try JSONEncoder().encode(self))
            try DurableFile.replace(directory: directory, name: Self.fileName, contents: bytes)
            try DurableFile.synchronizeDirectory(directory)
        } catch {
            throw .state(path: directory + "/" + Self.fileName, reason: "cannot write: \(error)")
        }
    }
}
