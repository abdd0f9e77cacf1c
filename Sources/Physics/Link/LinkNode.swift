public import Vocabulary

/// One of the two parties of the link. The source sits at Alice: her laser fires the pulses, the
/// biexciton (XX) photon stays with her (arm A), the exciton (X) photon travels the fibre to Bob
/// (arm B).
public enum LinkNode: String, Sendable, Hashable, CaseIterable {
    /// The node with the source; her cycle index numbers the pulses.
    case alice
    /// The distant node at the end of the fibre.
    case bob

    /// The analyzer arm this node's photon takes in station terms: A for Alice, B for Bob.
    public var arm: AnalyzerArm { self == .alice ? .a : .b }
}

/// Where the world learns both nodes' analyzer settings, as nature would: "the setting of node X
/// in its cycle k".
///
/// A node's own process answers for itself with its real setting and, for the other node,
/// replays that node's seeded basis draws by cycle index (the firmware's `RandomBasisDraws`), so
/// two processes that build the same world see the same joint outcomes. Physics stays free of
/// the firmware: it only asks through this protocol. A caller that walks pulses in order asks
/// each node's cycles in nearly increasing order: a cycle may be asked again, and a long cascade
/// delay (or a re-excitation photon) can ask one cycle past the next pulse's, so a replaying
/// provider should keep a few cycles behind its newest.
public protocol LinkAnalyzerSettings {
    /// The basis `node`'s analyzer holds during its cycle `cycle`.
    mutating func analyzer(of node: LinkNode, inCycle cycle: Int64) -> AnalyzerBasis
}

/// Settings from a closure, for tests and for callers that already hold both sequences.
public struct LinkAnalyzerSettingsClosure: LinkAnalyzerSettings {
    let body: (LinkNode, Int64) -> AnalyzerBasis

    /// Settings that `body(node, cycle)` gives.
    public init(_ body: @escaping (LinkNode, Int64) -> AnalyzerBasis) { self.body = body }

    /// `body(node, cycle)`.
    public mutating func analyzer(of node: LinkNode, inCycle cycle: Int64) -> AnalyzerBasis { body(node, cycle) }
}
