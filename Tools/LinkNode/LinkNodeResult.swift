import Foundation
import KeyDistillation
public import KeyExchange
import KeyStore

/// The node's JSON result (docs/link-node.md), rewritten atomically after every block: what each
/// block gave, the totals, the alignment against the simulated truth.
public struct LinkNodeResult: Codable, Sendable {
    /// One block as this node saw it.
    public struct Block: Codable, Sendable {
        public var blockID: UInt64
        /// "committed", "aborted", "aborted-by-peer", "awaiting-settlement", "settled-committed",
        /// "settled-discarded", or "abandoned" (Alice: open when Bob's node restarted; not counted
        /// toward `--blocks`).
        public var outcome: String
        public var abortReason: String?
        public var detail: String?
        /// Raw detections at this node in the block's key range; sifted bits; sample bits.
        public var rawDetections: Int
        public var siftedBits: Int
        public var sampleBits: Int
        /// The sampled QBER and its standard error √(Q(1−Q)/k); the Clopper–Pearson upper bound used.
        public var qber: Double?
        public var qberStandardError: Double?
        public var qberUpperBound: Double?
        /// Cascade parities plus the verification tag, bits; f = leak / (n·h(Q)).
        public var leakedBits: Int
        public var reconciliationEfficiency: Double?
        /// The finite-key length ℓ and the bits kept (whole keys plus the authentication set-aside).
        public var secretLengthBits: Double?
        public var secureBits: Int
        public var keys: Int
        public var epsilonSecrecy: Double
        public var epsilonCorrectness: Double?
        /// Bob: the mapping's offset (Bob's cycle − Alice's) at the block's first and last cycle, the
        /// world's truth at the first, the drift, and the whole-cycle steps placed inside the block.
        public var offsetAtStartCycles: Double?
        public var offsetAtEndCycles: Double?
        public var trueOffsetAtStartCycles: Int64?
        public var driftPartsPerMillion: Double?
        public var offsetStepsPlaced: Int?
        /// Wall-clock seconds from the block's start here to its end here.
        public var seconds: Double
    }

    /// The start-up alignment (Bob only).
    public struct Alignment: Codable, Sendable {
        public var offsetCycles: Double
        public var offsetStandardErrorCycles: Double?
        public var trueOffsetCycles: Int64
        public var driftPartsPerMillion: Double
        public var driftStandardErrorPartsPerMillion: Double?
        public var significance: Double
    }

    public var node: String
    public var role: String
    public var nodeFile: String
    public var blocksFinished = 0
    public var finished = false
    public var blocks: [Block] = []
    public var alignment: Alignment?
    /// Sums over the committed blocks: sifted bits, secure bits, keys; the secure key rate per
    /// simulated second of Alice's cycles.
    public var totalSiftedBits = 0
    public var totalSecureBits = 0
    public var totalKeys = 0
    public var simulatedSeconds = 0.0
    public var secureBitsPerSimulatedSecond = 0.0
    public var siftedBitsPerSimulatedSecond = 0.0
    /// Keys ready for delivery in this node's store, at the last write.
    public var keysReady = 0

    /// An empty result for `file`'s node.
    public init(file: LinkNodeFile) {
        node = file.role.rawValue
        role = file.role.rawValue
        nodeFile = file.fileName
    }

    /// The result an earlier run of this node left at `path` (a restarted node goes on counting
    /// its blocks), or an empty one when there is none or it cannot be read (said in the log).
    public static func resumed(from path: String, file: LinkNodeFile, log: (String) -> Void) -> LinkNodeResult {
        guard let data = FileManager.default.contents(atPath: path) else { return LinkNodeResult(file: file) }
        do {
            var earlier = try JSONDecoder().decode(LinkNodeResult.self, from: data)
            earlier.finished = false
            earlier.alignment = nil
            return earlier
        } catch {
            log("\(path): the earlier result cannot be read (\(error)); starting a new one")
            return LinkNodeResult(file: file)
        }
    }

    /// A block's entry from its exchange report.
    public static func block(_ report: KeyBlockExchangeReport, seconds: Double, alignment: BlockAlignment? = nil,
                             trueOffset: Int64? = nil) -> Block {
        let d = report.distillation
        var outcome = "open", reason: String?, detail: String?, keys = 0
        switch report.outcome {
        case .open: break
        case .committed(let ids): outcome = "committed"; keys = ids.count
        case let .aborted(abortReason, text, byPeer): outcome = byPeer ? "aborted-by-peer" : "aborted"; reason = "\(abortReason)"; detail = text
        case .awaitingSettlement(let text): outcome = "awaiting-settlement"; detail = text
        }
        let raw = report.role == .alice ? d.rawDetectionsAlice : d.rawDetectionsBob
        return Block(blockID: report.header.blockID, outcome: outcome, abortReason: reason ?? d.abortReason.map { "\($0)" }, detail: detail,
                     rawDetections: raw, siftedBits: d.siftedBits, sampleBits: d.sampleBits,
                     qber: d.qber?.value, qberStandardError: d.qber?.standardError, qberUpperBound: d.qber?.interval.upper,
                     leakedBits: d.leakedBits, reconciliationEfficiency: d.reconciliationEfficiency,
                     secretLengthBits: d.secretLengthBits, secureBits: d.secureBits, keys: keys,
                     epsilonSecrecy: d.epsilonSecrecy, epsilonCorrectness: d.epsilonCorrectness,
                     offsetAtStartCycles: alignment?.offsetAtStart, offsetAtEndCycles: alignment?.offsetAtEnd,
                     trueOffsetAtStartCycles: trueOffset, driftPartsPerMillion: alignment?.driftPartsPerMillion,
                     offsetStepsPlaced: alignment?.stepsPlaced, seconds: seconds)
    }

    /// Recomputes the totals from the blocks; `cyclePeriodSeconds` and `cyclesPerBlock` give the
    /// simulated time the finished blocks span.
    public mutating func updateTotals(cyclePeriodSeconds: Double, cyclesPerBlock: Int64) {
        let committed = blocks.filter { $0.outcome == "committed" || $0.outcome == "settled-committed" }
        totalSiftedBits = blocks.reduce(0) { $0 + $1.siftedBits }
        totalSecureBits = committed.reduce(0) { $0 + $1.secureBits }
        totalKeys = committed.reduce(0) { $0 + $1.keys }
        simulatedSeconds = Double(blocks.count) * Double(cyclesPerBlock) * cyclePeriodSeconds
        secureBitsPerSimulatedSecond = simulatedSeconds > 0 ? Double(totalSecureBits) / simulatedSeconds : 0
        siftedBitsPerSimulatedSecond = simulatedSeconds > 0 ? Double(totalSiftedBits) / simulatedSeconds : 0
    }

    /// Writes the result to `path` atomically (temporary file, fsync, rename).
    public func write(to path: String) throws(LinkNodeError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ".", name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        do {
            var bytes = Array(try encoder.encode(self))
            bytes.append(0x0A)
            try DurableFile.replace(directory: directory, name: name, contents: bytes)
        } catch {
            throw .state(path: path, reason: "cannot write the result: \(error)")
        }
    }
}
