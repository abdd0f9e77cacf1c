import ConfigFile
import Foundation
import LinkNode
import Physics
import Testing

/// The node files: the shipped pair agrees, and mistakes are reported with file, line and field.
@Suite struct LinkNodeFileTests {
    static let linkFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Link").path

    @Test func theShippedPairDescribesOneWorld() throws {
        let alice = try LinkNodeFile.load(contentsOf: Self.linkFolder + "/alice.node.toml")
        let bob = try LinkNodeFile.load(contentsOf: Self.linkFolder + "/bob.node.toml")
        #expect(alice.role == .alice && bob.role == .bob)
        #expect(LinkNodeAgreement.digest(of: alice) == LinkNodeAgreement.digest(of: bob))
        #expect(alice.link == bob.link)
        #expect(alice.stateDirectory.hasSuffix("Link/state/alice") && bob.stateDirectory.hasSuffix("Link/state/bob"))
        #expect(alice.world.parameters.bobClock.offsetPicoseconds == 4_200_000_000)
        // Arm efficiency 0.5 times the station's detector efficiency 0.85.
        #expect(abs(alice.world.parameters.aliceArm.efficiency - 0.425) < 1e-12)
    }

    @Test func anotherSeedIsAnotherWorld() throws {
        let text = try String(contentsOfFile: Self.linkFolder + "/alice.node.toml", encoding: .utf8)
        let a = try LinkNodeFile.parse(text: text, fileName: "a.node.toml", directory: "/tmp")
        let b = try LinkNodeFile.parse(text: text.replacingOccurrences(of: "seed = 2021", with: "seed = 2022"), fileName: "b.node.toml", directory: "/tmp")
        #expect(LinkNodeAgreement.digest(of: a) != LinkNodeAgreement.digest(of: b))
    }

    @Test func mistakesNameTheLineAndField() throws {
        let text = """
            [node]
            role = "carol"
            state-directory = "s"
            pre-shared-secret-file = "k"
            [link]
            peer = "127.0.0.1"
            [key-delivery]
            listen = "127.0.0.1:8471"
            kme-id = "a"
            peer-kme-id = "b"
            master-sae = "m"
            slave-sae = "s"
            key-size-bits = 100
            tls-private-key = "x.key"
            [blocks]
            cycles = 10000
            tracking-cycles-per-thousand = 600
            [world]
            intercept-fraction = 1.5
            colour = "blue"
            """
        do {
            _ = try LinkNodeFile.parse(text: text, fileName: "bad.node.toml", directory: "/tmp")
            Issue.record("a node file with six mistakes was accepted")
        } catch {
            let report = error.description
            for expected in ["bad.node.toml:2", "node.role", "bad.node.toml:6", "link.peer", "host:port", "key-delivery.key-size-bits",
                             "multiple of 8", "tls-*", "blocks.tracking-cycles-per-thousand", "1 … 499", "world.intercept-fraction", "colour"] {
                #expect(report.contains(expected), "\(expected) missing from:\n\(report)")
            }
        }
    }
}
