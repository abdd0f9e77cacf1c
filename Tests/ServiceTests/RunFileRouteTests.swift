#if Service
import Foundation
import Hummingbird
import Testing
@testable import Service

/// Runs and their files: only names the service knows reach a file, and files come back whole.
struct RunFileRouteTests {
    static let runID = "20261203-221502-bell-chsh"

    /// A temporary file holding `bytes`, removed when the test ends.
    static func temporaryFile(_ bytes: [UInt8], name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-service-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test func aRunIsAnsweredByIDAndAnUnknownOneIs404() async throws {
        try await withRouter(configure: { $0.configure { $0.runs = [FakeBoardService.entry(Self.runID)] } }) { service, client in
            let known = try await client.execute(uri: "/api/v1/runs/\(Self.runID)", method: .get, headers: bearer())
            #expect(known.status == .ok)
            #expect(try JSONDecoder().decode(APIv1.RunEntry.self, from: Data(buffer: known.body)).id == Self.runID)
            let unknown = try await client.execute(uri: "/api/v1/runs/20261203-221502-g2", method: .get, headers: bearer())
            #expect(unknown.status == .notFound)
            #expect(errorMessage(unknown) != nil)
            #expect(service.calls == ["run \(Self.runID)", "run 20261203-221502-g2"])
        }
    }

    @Test func theResultFigureAndRecordAreServedFromThePathsTheServiceGivesWithTheirTypes() async throws {
        let result = try Self.temporaryFile(Array(#"{"format":"qdot-result"}"#.utf8), name: "result.json")
        let figure = try Self.temporaryFile(Array("<svg/>".utf8), name: "result.chsh.svg")
        // Larger than Hummingbird's 128 KiB read chunk, so it goes out as a stream of chunks.
        let recordBytes = (0..<(1 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let record = try Self.temporaryFile(recordBytes, name: "record.qdotrec")
        defer { for url in [result, figure, record] { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) } }
        try await withRouter(configure: { $0.configure {
            $0.files = [(.result, Self.runID, result.path), (.figure("chsh"), Self.runID, figure.path), (.record, Self.runID, record.path)]
        } }) { _, client in
            let resultResponse = try await client.execute(uri: "/api/v1/runs/\(Self.runID)/result", method: .get, headers: bearer())
            #expect(resultResponse.status == .ok)
            #expect(resultResponse.headers[.contentType] == "application/json")
            #expect(String(buffer: resultResponse.body) == #"{"format":"qdot-result"}"#)
            let figureResponse = try await client.execute(uri: "/api/v1/runs/\(Self.runID)/figures/chsh", method: .get, headers: bearer())
            #expect(figureResponse.headers[.contentType] == "image/svg+xml")
            #expect(String(buffer: figureResponse.body) == "<svg/>")
            let recordResponse = try await client.execute(uri: "/api/v1/runs/\(Self.runID)/record", method: .get, headers: bearer())
            #expect(recordResponse.headers[.contentType] == "application/octet-stream")
            #expect(Array(recordResponse.body.readableBytesView) == recordBytes)
            let otherFigure = try await client.execute(uri: "/api/v1/runs/\(Self.runID)/figures/tomography", method: .get, headers: bearer())
            #expect(otherFigure.status == .notFound)
        }
    }

    @Test func aFileTheServiceListsButThatIsNotOnDiskYetIs404() async throws {
        try await withRouter(configure: { $0.configure { $0.files = [(.result, Self.runID, "/nonexistent/qdot/result.json")] } }) { _, client in
            let response = try await client.execute(uri: "/api/v1/runs/\(Self.runID)/result", method: .get, headers: bearer())
            #expect(response.status == .notFound)
        }
    }

    static let traversals = [
        "/api/v1/runs/..%2F..%2Fetc%2Fpasswd/result",
        "/api/v1/runs/x/figures/../../record",
        "/api/v1/runs/%2e%2e/result",
        "/api/v1/runs/../result",
        "/api/v1/runs/x/figures/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/runs/x/figures/..",
        "/api/v1/runs/%2Fetc%2Fpasswd/record",
        "/api/v1/runs/.hidden/result",
        "/api/v1/runs/a%00b/result",
        "/api/v1/runs//result",
    ]

    @Test(arguments: traversals)
    func aPathTraversalIs404EvenWhenTheServiceWouldFollowIt(path: String) async throws {
        // A careless service that joins whatever it gets: the server must never hand it these names.
        try await withRouter(configure: { $0.configure { state in
            for name in ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", "x", "%2Fetc%2Fpasswd", ".hidden", "a%00b", ""] {
                state.files += [(.result, name, "/etc/passwd"), (.record, name, "/etc/passwd"),
                                (.figure("..%2F..%2F..%2Fetc%2Fpasswd"), name, "/etc/passwd"), (.figure(".."), name, "/etc/passwd")]
            }
        } }) { service, client in
            let response = try await client.execute(uri: path, method: .get, headers: bearer())
            #expect(response.status == .notFound)
            #expect(!String(buffer: response.body).contains("root:"))
            #expect(!service.calls.contains { $0.contains("..") || $0.contains("%") || $0.contains("/") })
        }
    }

    @Test func anUnknownRouteIs404WithAnErrorBody() async throws {
        try await withRouter { _, client in
            let response = try await client.execute(uri: "/api/v2/status", method: .get, headers: bearer())
            #expect(response.status == .notFound)
            #expect(errorMessage(response) != nil)
        }
    }
}
#endif
