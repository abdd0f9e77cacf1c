import SeededRandom
public import Vocabulary

/// A node's basis choices by cycle index: cycle c holds H/V or D/A by the top bit of the first
/// draw of `Xoshiro256StarStar(seed).derived(stream: c)`, so any cycle's choice is known without
/// walking the ones before it (a replaying peer, a restarted node, a block started anywhere).
public struct LinkBasisDraws: Hashable, Sendable {
    /// The node's basis seed.
    public let seed: UInt64
    let streams: Xoshiro256StarStar

    /// The draws of `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        streams = Xoshiro256StarStar(seed: seed)
    }

    /// The basis of cycle `cycle`: H/V or D/A with probability ½ each.
    public func basis(inCycle cycle: Int64) -> AnalyzerBasis {
        var stream = streams.derived(stream: UInt64(bitPattern: cycle))
        return stream.next() >> 63 == 0 ? .horizontalVertical : .diagonalAntidiagonal
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.seed == rhs.seed }
    public func hash(into hasher: inout Hasher) { hasher.combine(seed) }
}

/// The settings the world sees from one node's process: its own draws, and the other node's
/// replayed by cycle (nature knows both; the node's own code never reads the peer's).
public struct LinkNodeSettings: LinkAnalyzerSettings, Sendable {
    /// Alice's draws.
    public let alice: LinkBasisDraws
    /// Bob's draws.
    public let bob: LinkBasisDraws

    /// Settings from both nodes' draws.
    public init(alice: LinkBasisDraws, bob: LinkBasisDraws) {
        self.alice = alice
        self.bob = bob
    }

    /// The basis `node` holds in its cycle `cycle`.
    public mutating func analyzer(of node: LinkNode, inCycle cycle: Int64) -> AnalyzerBasis {
        (node == .alice ? alice : bob).basis(inCycle: cycle)
    }
}
