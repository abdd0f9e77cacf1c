public import Vocabulary

/// Where a simulated time tagger's events go: a PTU file writer, a test's list.
public protocol TimeTagSink: AnyObject {
    /// An edge on the sync input (the board's trigger), at `timePicoseconds` of board time.
    func sync(atPicoseconds timePicoseconds: Int64)
    /// A click of `channel`'s detector at `timePicoseconds` of board time.
    func click(_ channel: DetectorChannel, atPicoseconds timePicoseconds: Int64)
    /// No more events will come.
    func finish()
}

/// An external time tagger (PicoQuant HydraHarp/MultiHarp class) wired to the simulated station:
/// its sync input on the board's trigger line, one input per detector output, stamping each event
/// with the tagger's own resolution — what `qdot sim --tags` writes as a PTU file.
///
/// - Sync: each rising edge of the trigger line, at the board cycle it happens (its picosecond
///   time is the cycle's start: the board's pins change on cycle edges).
/// - Clicks: every click a detector makes, at its picosecond time (detection plus the detector's
///   jitter), before any GPIO effect — no interrupt latency, no pulse stretcher merging two clicks,
///   no event buffer: the tagger sees what the GPIO path loses. One effect of the simulation is
///   kept: a click whose jitter puts it before the cycle the simulator is in drives its line at
///   that cycle, not earlier (the simulator never schedules into the past), and the tagger sees it
///   there too, so both paths agree on which nanosecond a click fell in.
/// - Resolution: times are rounded down to whole multiples of `resolutionPicoseconds` (the tagger's
///   bin); the tagger's own jitter (a few ps RMS on a HydraHarp) is not modelled, it draws nothing,
///   so attaching it leaves every other random draw, and the run, as it was.
/// - Order: detectors report clicks a little out of time order (jitter); the tagger holds events
///   until the simulation is `reorderHorizonPicoseconds` past them and hands them on sorted.
public final class SimulatedTimeTagger: SimulatedDevice {
    /// The tagger's bin, in picoseconds (1 for a HydraHarp 400, 5 for a MultiHarp 160).
    public let resolutionPicoseconds: Int64
    /// Where the events go.
    public let sink: any TimeTagSink
    /// Syncs and clicks handed on so far.
    public private(set) var syncCount = 0
    public private(set) var clickCount = 0

    /// Events not yet handed on, sorted by time (then syncs first, then channel).
    private var pending: [(time: Int64, channel: Int8)] = []   // channel −1: sync
    /// How far behind the simulation an event may still arrive: 1 µs, thousands of times any
    /// detector's jitter.
    let reorderHorizonPicoseconds: Int64 = 1_000_000

    /// A tagger with bins of `resolutionPicoseconds`, handing its events to `sink`.
    public init(resolutionPicoseconds: Int64, sink: any TimeTagSink) {
        precondition(resolutionPicoseconds > 0, "a tagger's resolution is positive")
        self.resolutionPicoseconds = resolutionPicoseconds
        self.sink = sink
    }

    /// Wires the sync input to `trigger`.
    @discardableResult
    public func attach(to board: SimulatedBoard, trigger: LineID) -> DeviceID {
        board.attach(self, watching: [trigger], edges: .rising)
    }

    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        guard value == 1 else { return }
        let time = cycle * board.cyclePeriodPicoseconds
        hold(time, channel: -1)
        handOn(before: time - reorderHorizonPicoseconds)
    }

    /// A detector clicked at `timePicoseconds`.
    func click(_ channel: DetectorChannel, atPicoseconds timePicoseconds: Int64) {
        hold(timePicoseconds, channel: Int8(channel.rawValue))
    }

    /// Hands on every event still held; call once the run is over.
    public func finish() {
        handOn(before: .max)
        sink.finish()
    }

    /// Keeps an event, binned, in order.
    private func hold(_ timePicoseconds: Int64, channel: Int8) {
        let binned = timePicoseconds - ((timePicoseconds % resolutionPicoseconds) + resolutionPicoseconds) % resolutionPicoseconds
        var index = pending.count
        while index > 0, (pending[index - 1].time, pending[index - 1].channel) > (binned, channel) { index -= 1 }
        pending.insert((binned, channel), at: index)
    }

    /// Hands on the held events earlier than `time`, oldest first.
    private func handOn(before time: Int64) {
        var count = 0
        while count < pending.count, pending[count].time < time {
            let event = pending[count]
            if event.channel < 0 {
                syncCount += 1
                sink.sync(atPicoseconds: event.time)
            } else if let channel = DetectorChannel(rawValue: Int(event.channel)) {
                clickCount += 1
                sink.click(channel, atPicoseconds: event.time)
            }
            count += 1
        }
        pending.removeFirst(count)
    }
}
