/// A jumper wire from an output line to a spare input line: the loopback `qdot profile --loopback`
/// times the board's writes and edge stamps through.
///
/// The wire joins electrical levels, so the input follows the output's level in the same board
/// cycle (ten centimetres of wire are half a nanosecond, below the board's 1 ns cycle); its
/// logical value is that level through the input's own polarity. An input whose `active-low`
/// differs from the output's therefore falls when the output goes active, as on a real board.
/// The input's edges are then stamped as the board's profile stamps every input edge.
public final class LoopbackWire: SimulatedDevice {
    /// The output line the wire is soldered to (the trigger).
    public let output: LineID
    /// The input line it drives.
    public let input: LineID
    /// Whether the output's and the input's polarities differ (the input then reads inverted).
    private let inverts: Bool

    /// Wires `output` to `input` on `board`: the input takes the output's level at once (no edge)
    /// and follows every change of it from now on.
    public init(from output: LineID, to input: LineID, on board: SimulatedBoard) {
        self.output = output
        self.input = input
        let specs = board.lineSpecs
        inverts = specs[output.index].activeLow != specs[input.index].activeLow
        board.attach(self, watching: [output])
        board.setInitialValue(input, to: board.value(of: output) ^ (inverts ? 1 : 0))
    }

    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        board.scheduleDrive(input, to: value ^ (inverts ? 1 : 0), atCycle: cycle)
    }
}
