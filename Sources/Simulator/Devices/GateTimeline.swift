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
    /// When the gate last opened, and when it last closed, in picoseconds (the timeline's start
    /// before it has done so).
    ///
    /// Only these are kept at a change (an opening writes one time, a closing one time and the
    /// clock): the last change and the one before it are these two, in the order `isOpen` gives,
    /// and the clock's readings there follow from the one below (it stands still while the gate
    /// is closed). A gate changes twice per trigger cycle; the clock is read only by a detector
    /// setting a dark-count timer.
    @usableFromInline var openedAtPicoseconds: Int64
    @usableFromInline var closedAtPicoseconds: Int64
    /// The open-time clock's reading at the last closing (0 before any), in picoseconds: its
    /// reading at the last change whether that was the closing or the opening after it.
    @usableFromInline var openTimeAtClosingPicoseconds: Int64 = 0
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
        openedAtPicoseconds = startPicoseconds
        closedAtPicoseconds = startPicoseconds
        self.followsALine = followsALine
    }

    /// Starts the timeline again at `startPicoseconds` with the gate `open` or closed (when the
    /// detector owning it attaches to the board).
    func restart(open: Bool, atPicoseconds startPicoseconds: Int64) {
        isOpen = open
        wasOpen = open
        openedAtPicoseconds = startPicoseconds
        closedAtPicoseconds = startPicoseconds
        openTimeAtClosingPicoseconds = 0
    }

    /// The gate changed to `open` at `timePicoseconds` (a cycle edge, not before the last change).
    @inlinable @inline(__always)
    func change(toOpen open: Bool, atPicoseconds timePicoseconds: Int64) {
        guard followsALine else { return }
        lineChanged(toOpen: open, atPicoseconds: timePicoseconds)
    }

    /// ``change(toOpen:atPicoseconds:)`` of a timeline known to follow a line (the gate
    /// fan-out's, checked when the fan-out was made): one question less on every gate edge.
    @inlinable @inline(__always)
    func lineChanged(toOpen open: Bool, atPicoseconds timePicoseconds: Int64) {
        guard open != isOpen else { return }
        if open {
            openedAtPicoseconds = timePicoseconds
        } else {
            // (Wrapping: picosecond times and the clock are far below 2⁶³ ps, about 107 days.)
            openTimeAtClosingPicoseconds &+= timePicoseconds &- openedAtPicoseconds
            closedAtPicoseconds = timePicoseconds
        }
        wasOpen = isOpen
        isOpen = open
    }

    /// When the level last changed, in picoseconds (the timeline's start before any change).
    @inline(__always)
    var changedAtPicoseconds: Int64 { isOpen ? openedAtPicoseconds : closedAtPicoseconds }

    /// The open-time clock's reading at the last change, in picoseconds.
    @inline(__always)
    var openTimeAtChangePicoseconds: Int64 { openTimeAtClosingPicoseconds }

    /// The change before the last (the timeline's start before two changes), in picoseconds.
    @inline(__always)
    var previousChangeAtPicoseconds: Int64 { isOpen ? closedAtPicoseconds : openedAtPicoseconds }

    /// The open-time clock's reading at the change before the last, in picoseconds: the same as
    /// at the last when that was an opening; the last opening's when it was a closing.
    @inline(__always)
    var openTimeAtPreviousChangePicoseconds: Int64 {
        isOpen ? openTimeAtClosingPicoseconds : openTimeAtClosingPicoseconds - (closedAtPicoseconds - openedAtPicoseconds)
    }

    /// Whether the gate was open at `timePicoseconds`, a time in the current cycle or just
    /// before it (the level changes on cycle edges, so one change back is enough).
    @inline(__always)
    func isOpen(atPicoseconds timePicoseconds: Int64) -> Bool {
        timePicoseconds >= changedAtPicoseconds ? isOpen : wasOpen
    }

    /// The open-time clock at `timePicoseconds`, a time at or after the last change.
    @inline(__always)
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
