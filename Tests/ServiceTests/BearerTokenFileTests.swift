#if Service
import Foundation
import Testing
@testable import Service

/// The token file is refused, with a message naming it, unless only its owner can read it and it
/// holds one long enough token.
struct BearerTokenFileTests {
    /// A fresh folder for one test's files.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-token-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func tokenFile(_ contents: String, mode: Int) throws -> String {
        let path = try folder().appendingPathComponent("token").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func refusal(_ path: String) -> String? {
        do {
            _ = try BearerTokenFile.load(path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [0o600, 0o400])
    func anOwnerOnlyFileGivesItsTokenWithoutTheTrailingNewline(mode: Int) throws {
        let path = try Self.tokenFile("c0ffee-lab-token-42\n", mode: mode)
        #expect(try BearerTokenFile.load(path: path) == "c0ffee-lab-token-42")
    }

    @Test(arguments: [(0o644, "0644"), (0o640, "0640"), (0o604, "0604"), (0o660, "0660"), (0o700, "0700")])
    func aFileOthersCanReadIsRefusedWithTheModeFoundAndTheFix(mode: Int, spelled: String) throws {
        let path = try Self.tokenFile("c0ffee-lab-token-42\n", mode: mode)
        let message = Self.refusal(path)
        if mode == 0o700 {
            #expect(message == nil, "owner-only bits are fine")
        } else {
            #expect(message == "token file \(path): mode \(spelled), expected 0600 or 0400: chmod 600 \(path)")
        }
    }

    @Test func aMissingFileIsRefusedWithTheSystemsReason() throws {
        let path = try Self.folder().appendingPathComponent("absent").path
        #expect(Self.refusal(path) == "token file \(path): No such file or directory")
    }

    @Test func aDirectoryIsRefused() throws {
        let path = try Self.folder().path
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        #expect(Self.refusal(path) == "token file \(path): not a regular file")
    }

    @Test(arguments: ["short-token\n", "", "\n", "               \n", "0123456789abcde"])
    func aTokenUnder16CharactersIsRefused(contents: String) throws {
        let path = try Self.tokenFile(contents, mode: 0o600)
        let message = try #require(Self.refusal(path))
        #expect(message.hasPrefix("token file \(path): the token is "))
        #expect(message.contains("at least 16"))
    }

    @Test func exactly16CharactersIsEnough() throws {
        let path = try Self.tokenFile("0123456789abcdef\r\n", mode: 0o600)
        #expect(try BearerTokenFile.load(path: path) == "0123456789abcdef")
    }

    @Test(arguments: ["lab token with spaces\n", "lab-token-0123456\tx", "lab-token-\u{7}0123456789", " lab-token-0123456789", "lab-token-0123\n456789"])
    func aTokenWithWhitespaceOrControlCharactersInsideIsRefused(contents: String) throws {
        let path = try Self.tokenFile(contents, mode: 0o600)
        let message = try #require(Self.refusal(path))
        #expect(message.contains("whitespace or control character"))
        #expect(message.hasPrefix("token file \(path):"))
    }
}
#endif
