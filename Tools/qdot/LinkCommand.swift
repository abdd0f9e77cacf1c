import ArgumentParser
import ConfigFile
import Dispatch
import Firmware
import Foundation
import LinkNode

/// `qdot link`: one node of the QKD link (docs/link-node.md).
struct LinkCommand: ParsableCommand, DrivesTheStation {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Run one node (Alice or Bob) of the entanglement-based QKD link and serve its keys (ETSI GS QKD 014).",
        discussion: """
            The node file (Link/alice.node.toml, Link/bob.node.toml) says which node this is, where it \
            keeps its state, how it reaches its peer and serves keys, and the simulated world both \
            nodes' boards see. Bob listens, Alice connects; the link is authenticated with Wegman–Carter \
            pads from the pre-shared secret file and replenished by every block. After --blocks blocks \
            (0: until stopped) the node keeps serving keys. STATE/result.json is rewritten after \
            every block: raw, sifted, QBER ± error, leakage, secure bits, keys, ε values, abort reasons.

            SIGTERM or Ctrl-C: the link and the key server close, the result is written, exit 0. \
            Exit status: 0 stopped by a signal; 1 the node failed (the message says why); 2 the node \
            file has mistakes; 64 the command line is wrong.
            """)

    @Option(help: ArgumentHelp("The node file.", valueName: "FILE"))
    var node: String

    @Option(help: ArgumentHelp("State folder (default: the node file's state-directory).", valueName: "DIR"))
    var state: String?

    @Option(help: ArgumentHelp("Result file (default: STATE/result.json).", valueName: "FILE"))
    var result: String?

    @Option(help: "Blocks to run before only serving keys; 0: until stopped (default: the node file's [blocks] count).")
    var blocks: Int?

    @Option(help: ArgumentHelp("Alice: Bob's address; Bob: where to listen (default: the node file's [link]).", valueName: "HOST:PORT"))
    var link: String?

    @Option(help: ArgumentHelp("Where the ETSI 014 server listens (default: the node file's [key-delivery] listen).", valueName: "HOST:PORT"))
    var keyDelivery: String?

    func validate() throws {
        if let blocks, blocks < 0 { throw ValidationError("--blocks must be 0 or more, found \(blocks)") }
        for (name, value) in [("--link", link), ("--key-delivery", keyDelivery)] {
            if let value, LinkNodeFile.Endpoint(text: value) == nil { throw ValidationError("\(name) must be HOST:PORT, found \(value)") }
        }
    }

    func run() throws {
        let file: LinkNodeFile
        do { file = try LinkNodeFile.load(contentsOf: node) } catch {
            printError("qdot link: \(error)")
            throw QdotExit.badInputFile.code
        }
        let overrides = LinkNodeOverrides(stateDirectory: state, blocks: blocks,
                                          link: link.flatMap(LinkNodeFile.Endpoint.init(text:)),
                                          keyDelivery: keyDelivery.flatMap(LinkNodeFile.Endpoint.init(text:)))
        let nodeFile = overrides.applied(to: file)
        let stop = StopSignal()
        let signals = try StopOnSignals.start(stop, command: "qdot link")
        defer { withExtendedLifetime(signals) {} }
        let outcome = DetachedTaskOutcome()
        let resultPath = result
        printError("qdot link: \(nodeFile.role.rawValue)'s node, state in \(nodeFile.stateDirectory), "
                   + "\(nodeFile.role == .alice ? "connecting to" : "listening on") \(nodeFile.link)")
        Task.detached {
            do {
                let summary = try await LinkNodeRun.run(file: nodeFile, resultPath: resultPath, log: { printError("qdot link: \($0)") },
                                                        stopRequested: { stop.isRaised })
                printError("qdot link: stopped after \(summary.blocksFinished) blocks, \(summary.totalKeys) keys")
            } catch {
                outcome.fail("qdot link: \(error)")
            }
            outcome.finish()
        }
        outcome.wait()
        if let failure = outcome.failure {
            printError(failure)
            throw QdotExit.unexpected.code
        }
    }
}
