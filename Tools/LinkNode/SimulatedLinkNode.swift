public import Physics

/// This node's simulated board in the world its file describes: its detections by cycle, and
/// the world's truth about Bob's cycle offset (reported beside what alignment found, never used
/// by it).
public struct SimulatedLinkNode: Sendable {
    /// The node's board.
    public let board: LinkNodeBoard

    /// The board of `file.role` in `file.world`.
    public init(file: LinkNodeFile) throws(StationDataError) {
        let world = try LinkWorld(parameters: file.world.parameters)
        let settings = LinkNodeSettings(alice: LinkBasisDraws(seed: file.world.aliceBasisSeed),
                                        bob: LinkBasisDraws(seed: file.world.bobBasisSeed))
        let alice = file.role == .alice
        board = try LinkNodeBoard(world: world, node: file.role, settings: settings,
                                  darkCountRatePerSecond: alice ? file.world.aliceDarkCountRatePerSecond : file.world.bobDarkCountRatePerSecond,
                                  detectorSeed: alice ? file.world.aliceDetectorSeed : file.world.bobDetectorSeed)
    }

    /// The node's detections in its own cycles `cycles`.
    public func detections(inCycles cycles: Range<Int64>) -> [LinkDetection] { board.detections(inCycles: cycles) }

    /// The truth: Bob's cycle minus Alice's for a pair from Alice's cycle `aliceCycle`, the X photon
    /// arriving after the mean cascade delay τ_XX + τ_X.
    public func trueOffsetCycles(atAliceCycle aliceCycle: Int64) -> Int64 {
        let world = board.world, parameters = world.parameters
        let meanCascade = Picoseconds.rounded(parameters.source.biexcitonLifetimePicoseconds + parameters.source.excitonLifetimePicoseconds)
        let arrival = world.truePulsePicoseconds(aliceCycle: aliceCycle) &+ meanCascade &+ parameters.bobFixedDelayPicoseconds
        return parameters.bobCycles.cycle(containingLocal: parameters.bobClock.localPicoseconds(atTrue: arrival)) &- aliceCycle
    }
}
