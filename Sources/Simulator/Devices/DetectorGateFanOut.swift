/// The gate line that several gated detectors share, watched once for all of them.
///
/// Every gate edge used to reach each detector through its own board dispatch (a type-erased
/// call per detector, four per edge, two edges per trigger cycle). The fan-out is the one
/// watcher of the line among the detectors and calls each detector's ``PhotonDetectorModel/gateChanged(to:atCycle:on:)``
/// directly, in the order the detectors were given — the order in which the board called them
/// before — so every timer they schedule keeps its place in the event order and a seed gives
/// the same run as with one watcher per detector.
final class DetectorGateFanOut: SimulatedDevice {
    /// The detectors on the gate line, in the order they are told of an edge.
    let detectors: [PhotonDetectorModel]

    /// A fan-out to `detectors`, called in this order.
    init(detectors: [PhotonDetectorModel]) {
        self.detectors = detectors
    }

    func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        var index = 0
        while index < detectors.count {
            detectors[index].gateChanged(to: value, atCycle: cycle, on: board)
            index += 1
        }
    }
}
