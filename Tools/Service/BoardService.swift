/// What the HTTP layer asks of the service that owns the board (`RunSupervisor` on a real
/// station, a fake in the HTTP tests). Every call returns promptly: none waits on the loop.
public protocol BoardService: AnyObject, Sendable {
    /// The service's state, board, interlock, current run and timing.
    func status() -> APIv1.Status
    /// The built-in experiments.
    func experiments() -> [APIv1.ExperimentSummary]
    /// What `qdot check` says of an experiment text on this board: its summary, or every mistake.
    func validate(experimentText: String, fileName: String) -> Result<APIv1.ExperimentSummary, ServiceRefusal>
    /// Starts a run; refuses when one is in progress (`.busy`) or the experiment does not check (`.invalid`).
    func start(_ source: ExperimentSource, seed: UInt64?) throws(ServiceRefusal) -> APIv1.RunEntry
    /// Starts an alignment run (no end) on `setting` of the experiment, or every setting in turn for "all".
    func startAlignment(_ source: ExperimentSource, setting: String, seed: UInt64?) throws(ServiceRefusal) -> APIv1.RunEntry
    /// Asks the run in progress to stop at its next cycle boundary; `.notRunning` when none is.
    func stop() throws(ServiceRefusal) -> APIv1.RunEntry
    /// Every run in the data folder, newest first.
    func runs() -> [APIv1.RunEntry]
    /// One run by ID, nil when the service knows no such run.
    func run(id: String) -> APIv1.RunEntry?
    /// The absolute path of one of a run's files, nil when the run or the file does not exist.
    /// IDs and figure names are looked up among those the service knows, never joined into a path.
    func path(of file: RunFile, run id: String) -> String?
    /// The counters and gauges `/metrics` shows, read now.
    func metrics() -> MetricsSnapshot
    /// Called with every live frame the service samples (10 per second), on the sampler's thread.
    func onFrame(_ receive: @escaping @Sendable (APIv1.Frame) -> Void)
}

/// Where a run's experiment comes from.
public enum ExperimentSource: Sendable, Equatable {
    /// A built-in experiment by name (`bell-chsh`).
    case builtIn(String)
    /// An uploaded experiment file's text.
    case text(String, fileName: String)
}

/// A file of a run the API serves.
public enum RunFile: Sendable, Equatable {
    case result
    case figure(String)
    case record
}

/// Why the service would not do what was asked; the HTTP layer maps each to its status.
public enum ServiceRefusal: Error, Sendable, Equatable {
    /// 409: a run is in progress.
    case busy(APIv1.RunEntry)
    /// 409: nothing is running.
    case notRunning
    /// 422: the experiment does not check (or no built-in has that name, or no such setting).
    case invalid([APIv1.CheckError])
    /// 503: the board cannot run now (interlock open, station fault), in words.
    case unavailable(String)
}

/// What `/metrics` shows: cumulative counters over the service's life and gauges now.
public struct MetricsSnapshot: Sendable, Equatable {
    /// Per setting label: clicks per detector (`A+ A- B+ B-`) and coincidences per pair (`A+B+ …`).
    public struct SettingCounters: Sendable, Equatable {
        public var setting: String
        public var singles: [(channel: String, count: Int)]
        public var coincidences: [(pair: String, count: Int)]

        public init(setting: String, singles: [(channel: String, count: Int)], coincidences: [(pair: String, count: Int)]) {
            self.setting = setting
            self.singles = singles
            self.coincidences = coincidences
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.setting == b.setting && a.singles.elementsEqual(b.singles, by: { $0 == $1 })
                && a.coincidences.elementsEqual(b.coincidences, by: { $0 == $1 })
        }
    }

    public var cycles: Int = 0
    public var settings: [SettingCounters] = []
    public var overruns: Int = 0
    public var missedSlots: Int = 0
    public var lostEdges: Int = 0
    public var clickRingDrops: Int = 0
    /// Loop lateness: bucket upper bounds in seconds with the cumulative count at or below each
    /// (the `le` buckets of a Prometheus histogram, +Inf implied by `latenessCount`).
    public var latenessBuckets: [(upperBoundSeconds: Double, cumulativeCount: Int)] = []
    public var latenessSumSeconds: Double = 0
    public var latenessCount: Int = 0
    public var interlockOpen = false
    public var state: APIv1.ServiceState = .idle
    /// Runs ended, by outcome (`completed`, `stopped`, `interlock`, `fault`, `failed`).
    public var runsEnded: [(outcome: String, count: Int)] = []
    public var liveClients = 0
    public var liveFramesDropped = 0

    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.cycles == b.cycles && a.settings == b.settings && a.overruns == b.overruns && a.missedSlots == b.missedSlots
            && a.lostEdges == b.lostEdges && a.clickRingDrops == b.clickRingDrops
            && a.latenessBuckets.elementsEqual(b.latenessBuckets, by: { $0 == $1 })
            && a.latenessSumSeconds == b.latenessSumSeconds && a.latenessCount == b.latenessCount
            && a.interlockOpen == b.interlockOpen && a.state == b.state
            && a.runsEnded.elementsEqual(b.runsEnded, by: { $0 == $1 })
            && a.liveClients == b.liveClients && a.liveFramesDropped == b.liveFramesDropped
    }
}
