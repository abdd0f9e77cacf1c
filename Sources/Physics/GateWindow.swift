/// The interval, in picoseconds, during which the detector gate line is high: [open, close).
public struct GateWindow: Hashable, Sendable {
    /// When the gate opens, in picoseconds.
    public var openPicoseconds: Int64
    /// When the gate closes, in picoseconds (not included).
    public var closePicoseconds: Int64

    /// A gate open from `openPicoseconds` until just before `closePicoseconds`.
    @inlinable public init(openPicoseconds: Int64, closePicoseconds: Int64) {
        self.openPicoseconds = openPicoseconds
        self.closePicoseconds = closePicoseconds
    }

    /// Whether the gate is high at `timePicoseconds`.
    @inlinable public func isOpen(atPicoseconds timePicoseconds: Int64) -> Bool {
        timePicoseconds >= openPicoseconds && timePicoseconds < closePicoseconds
    }
}
