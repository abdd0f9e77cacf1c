/// (Its state is set only by ``change(toOpen:atPicoseconds:)`` and ``restart(open:atPicoseconds:)``;
/// it is usable from inline code because a gate edge is inlined into the firmware's write.)
///
/// The level history of one gate line as the detectors on it need it: whether the gate is open
/// at a time in the current cycle, and an open-time clock — how much time the gate has been
/// open in total — on which gated dark counts are scheduled.
///
/// The detectors on one gate line share one timeline, updated once per gate edge, instead of
/// each keeping and pausing its own copy (four detectors, two edges per trigger cycle: the
/// biggest device cost of a simulated cycle). A free-running detector has a timeline that is
/// always open, on which open time is board time.
///
/// The gate changes on board-cycle edges only, at most once per cycle.
@usableFromInline final class GateTimeline {
    /// Whether the gate is open now.
    @usableFromInline var isOpen: Bool
    /// Whether it was open before its last change.
    @usableFromInline var wasOpen: Bool
    /// When the level last changed, in picoseconds (the timeline's start before any change).
    @usableFromInline var changedAtPicoseconds: Int64
    /// The open-time clock's reading at the last change, in picoseconds.
    @usableFromInline var openTimeAtChangePicoseconds: Int64 = 0
    /// The change before the last, and the clock's reading there.
    @usableFromInline var previousChangeAtPicoseconds: Int64
    @usableFromInline var openTimeAtPreviousChangePicoseconds: Int64 = 0
    /// Whether the level can change (false for a free-running detector's or a missing gate's).
    @usableFromInline let followsALine: Bool
    /// How many of the detectors reading this timeline have no dark-count timer pending (their
    /// next dark count waits for the gate to open), kept by the detectors: an opening concerns
    /// only them, and in a run almost always none.
    @usableFromInline var detectorsWithoutDarkCountTimer = 0

    /// A timeline starting at `startPicoseconds` with the gate `open` or closed; `followsALine`
    /// false makes one that never changes.
    init(open: Bool, atPicoseconds startPicoseconds: Int64, followsALine: Bool = true) {
        isOpen = open
        wasOpen = open
        changedAtPicoseconds = startPicoseconds
        previousChangeAtPicoseconds = startPicoseconds
        self.followsALine = followsALine
    }

    /// Starts the timeline again at `startPicoseconds` with the gate `open` or closed (when the
    /// detector owning it attaches to the board).
    func restart(open: Bool, atPicoseconds startPicoseconds: Int64) {
        isOpen = open
        wasOpen = open
        changedAtPicoseconds = startPicoseconds
        previousChangeAtPicoseconds = startPicoseconds
        openTimeAtChangePicoseconds = 0
        openTimeAtPreviousChangePicoseconds = 0
    }

    /// The gate changed to `open` at `timePicoseconds` (a cycle edge, not before the last change).
    @inlinable @inline(__always)
    func change(toOpen open: Bool, atPicoseconds timePicoseconds: Int64) {
        guard open != isOpen, followsALine else { return }
        let openTimeNow = openTime(atPicoseconds: timePicoseconds)
        previousChangeAtPicoseconds = changedAtPicoseconds
        openTimeAtPreviousChangePicoseconds = openTimeAtChangePicoseconds
        changedAtPicoseconds = timePicoseconds
        openTimeAtChangePicoseconds = openTimeNow
        wasOpen = isOpen
        isOpen = open
    }

    /// Whether the gate was open at `timePicoseconds`, a time in the current cycle or just
    /// before it (the level changes on cycle edges, so one change back is enough).
    @inline(__always)
    func isOpen(atPicoseconds timePicoseconds: Int64) -> Bool {
        timePicoseconds >= changedAtPicoseconds ? isOpen : wasOpen
    }

    /// The open-time clock at `timePicoseconds`, a time at or after the last change.
    @inlinable @inline(__always)
    func openTime(atPicoseconds timePicoseconds: Int64) -> Int64 {
        openTimeAtChangePicoseconds + (isOpen ? timePicoseconds - changedAtPicoseconds : 0)
    }

    /// The board time at which the open-time clock reads `openTime`, as the gate stands now:
    /// later in the present opening; in the opening that ended at the last change when the clock
    /// passed `openTime` before that change; `never` while the gate is closed and the clock has
    /// not reached it (it waits for the next opening).
    @inline(__always)
    func time(atOpenTime openTime: Int64, never: Int64) -> Int64 {
        if openTime >= openTimeAtChangePicoseconds {
            return isOpen ? changedAtPicoseconds + (openTime - openTimeAtChangePicoseconds) : never
        }
        return previousChangeAtPicoseconds + (openTime - openTimeAtPreviousChangePicoseconds)
    }
}
