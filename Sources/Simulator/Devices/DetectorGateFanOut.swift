/// The gate line that several gated detectors share, watched once for all of them.
///
/// It keeps the line's ``GateTimeline``, which the detectors read, so a gate edge updates one
/// timeline instead of four detectors' copies; when the gate opens while a detector has no
/// dark-count timer pending it tells each detector, in the order they were given (the order in
/// which the board called them when each watched the line itself), so every dark-count timer
/// they set keeps its place in the event order and a seed gives the same run as with one watcher
/// per detector. A closing needs no detector at all.
@usableFromInline final class DetectorGateFanOut: SimulatedDevice {
    /// The gate line's timeline, shared by `detectors`.
    @usableFromInline let gate: GateTimeline
    /// The detectors on the gate line, in the order they are told of an opening.
    let detectors: [PhotonDetectorModel]

    /// A fan-out keeping `gate` (one that follows a line) for `detectors` (which read it),
    /// called in this order.
    init(gate: GateTimeline, detectors: [PhotonDetectorModel]) {
        precondition(gate.followsALine, "a gate fan-out's timeline follows its line")
        self.gate = gate
        self.detectors = detectors
    }

    /// Inlined into the board's line change (two gate edges per trigger cycle); the detectors are
    /// asked only when one of them has no dark-count timer pending, which is all that an opening
    /// changes (``PhotonDetectorModel/gateOpened(on:)``), so the order of their timers is kept.
    @inlinable @inline(__always)
    func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        // (Wrapping: a board cycle's picosecond time is far below 2⁶³ ps, about 107 days.)
        gate.lineChanged(toOpen: value == 1, atPicoseconds: cycle &* board.cyclePeriodPicoseconds)
        guard gate.isOpen, gate.detectorsWithoutDarkCountTimer > 0 else { return }
        tellDetectorsOfOpening(on: board)
    }

    /// Tells every detector, in order, that the gate has opened.
    @usableFromInline @inline(never)
    func tellDetectorsOfOpening(on board: SimulatedBoard) {
        var index = 0
        while index < detectors.count {
            detectors[index].gateOpened(on: board)
            index += 1
        }
    }
}
