/// Input lines requested together for edge detection: the detector click lines, the interlock.
///
/// Edges are buffered from the moment the lines are requested, each with its kind, timestamp
/// and per-line sequence number; reading never blocks. An edge that the backend could not keep
/// (the kernel's per-line event buffer overflowed, the simulated queue was full) is counted in
/// `lostEdgeCount` — never lost silently.
public protocol EdgeInput: AnyObject {
    /// How many lines this request holds.
    var lineCount: Int { get }

    /// Each line's name as the board names it, for errors and traces.
    var lineNames: [String] { get }

    /// Moves buffered edges, oldest first, into `buffer` and returns how many it wrote (0 when
    /// none are waiting). Does not block and does not allocate.
    func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int

    /// The current logical value of line `index`.
    func value(ofLine index: Int) throws(HardwareError) -> LineValue

    /// Edges lost since the request was made (overflow, or gaps in the sequence numbers).
    var lostEdgeCount: Int { get }
}
