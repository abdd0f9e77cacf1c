import Foundation
import Testing

/// The top-level JSON object of what `qdot` wrote (a result file, bytes from a pipe), as the
/// end-to-end tests read it; the test fails when it is not a JSON object.
enum JSONObject {
    /// The object in file `name` in `folder`.
    static func read(_ name: String, in folder: URL) throws -> [String: Any] {
        try decode(Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// The object in `data`.
    static func decode(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
