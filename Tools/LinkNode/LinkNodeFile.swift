public import KeyDistillation
public import Physics

/// A QKD node's file (`Link/alice.node.toml`, `Link/bob.node.toml`; docs/link-node.md): which node
/// this is, where it keeps its state, how it reaches its peer, how it serves keys, the blocks, and
/// the simulated world both nodes' boards see.
public struct LinkNodeFile: Sendable {
    /// `host:port`, checked.
    public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
        /// A host name or address.
        public var host: String
        /// 0…65535 (0: the system picks, for tests).
        public var port: Int
        /// The endpoint.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
        /// "host:port".
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// `[key-delivery]`: the node's ETSI GS QKD 014 server.
    public struct KeyDelivery: Sendable {
        /// Where it listens.
        public var listen: Endpoint
        /// This node's KME id and the peer's.
        public var kmeID: String, peerKMEID: String
        /// The application pair: the master SAE calls enc_keys at Alice, the slave dec_keys at Bob.
        public var masterSAE: String, slaveSAE: String
        /// Final key size, bits (a multiple of 8).
        public var keySizeBits: Int
        /// PEM paths (absolute, resolved against the node file's folder) for mutual TLS; nil: plain
        /// HTTP on a loopback address only, every caller taken as this node's own SAE.
        public var tls: (certificateChain: String, privateKey: String, clientCA: String)?
    }

    /// `[blocks]`: how Alice cuts her cycles into key blocks.
    public struct Blocks: Hashable, Sendable {
        /// Alice cycles per key block.
        public var cyclesPerBlock: Int64
        /// Blocks to run (committed or aborted) before only serving keys; 0: until stopped.
        public var count: Int
        /// Alice cycles sacrificed at the start for cycle alignment (their outcomes are disclosed).
        public var alignmentCycles: Int64
        /// Tracking cycles per 1000 (the comb, ``LinkBlockLayout``): their outcomes are disclosed to place the offset steps.
        public var trackingCyclesPerThousand: Int64
        /// How far, in cycles either way, the start-up alignment searches Bob's offset.
        public var searchCycles: Int64
        /// Final-key bits each committed block gives back to the Wegman–Carter pools.
        public var authenticationReplenishmentBits: Int
        /// Sampling, threshold, Cascade and ε values (the distillation's defaults unless set).
        public var parameters: KeyBlockParameters
    }

    /// `[world]`: the simulated world and both boards (nature knows both nodes' seeds).
    public struct World: Sendable {
        /// The world both processes build.
        public var parameters: LinkWorldParameters
        /// Basis seeds of Alice's and Bob's analyzers.
        public var aliceBasisSeed: UInt64, bobBasisSeed: UInt64
        /// Detector noise seeds.
        public var aliceDetectorSeed: UInt64, bobDetectorSeed: UInt64
        /// Dark counts per detector per second at each node.
        public var aliceDarkCountRatePerSecond: Double, bobDarkCountRatePerSecond: Double
        /// Where the source, arm and detector physics came from ("built-in" or a station file path).
        public var stationSource: String
        /// A canonical text of everything both nodes must agree on; its digest is compared at start.
        public var agreementText: String
    }

    /// The file's path, for messages.
    public var fileName: String
    /// Alice or Bob.
    public var role: LinkNode
    /// The node's folder: keys, session state, progress, result (absolute).
    public var stateDirectory: String
    /// The pre-shared secret's path (absolute): the first Wegman–Carter pads.
    public var preSharedSecretFile: String
    /// Alice: Bob's address; Bob: where he listens.
    public var link: Endpoint
    /// The ETSI 014 server.
    public var keyDelivery: KeyDelivery
    /// The key blocks.
    public var blocks: Blocks
    /// The simulated world.
    public var world: World

    /// How Alice's cycles are cut into windows and blocks.
    public var layout: LinkBlockLayout {
        LinkBlockLayout(alignmentCycles: blocks.alignmentCycles, cyclesPerBlock: blocks.cyclesPerBlock,
                        trackingCyclesPerPeriod: blocks.trackingCyclesPerThousand)
    }
}
