public import ConfigFile
public import Firmware

/// One kind of experiment — what it measures and how: its part of the experiment file, the
/// settings it steps through (by name), how those become the firmware's schedule, what the counts
/// must gather, and the figures it certifies from them.
///
/// Each kind is one type in `Kinds/`, listed once in `ExperimentKinds.all`; nothing else in qdot
/// names a kind. The common parts of an experiment (name, seed, timing, cycles per setting, the
/// analyzer table) live in `ExperimentDefinition`, which holds its kind.
public protocol ExperimentKind: Sendable, Hashable {
    /// The kind's name: the value of `kind` in experiment files, records and results ("bell-chsh").
    static var name: String { get }

    /// Reads the kind's own section of an experiment file, if it has one (`[g2]`, `[bbm92]`,
    /// `[scan]`), reporting every mistake to `reader` and taking defaults where the file is silent.
    static func read(from reader: inout ConfigReader) -> Self

    /// The kind from its stored parameters (a record header or result file); throws when a
    /// parameter it needs is missing or impossible.
    init(parameters: ExperimentParameters) throws(ExperimentError)

    /// The kind's parameters, as records and results store them.
    var parameters: ExperimentParameters { get }

    /// The settings the experiment steps through, in schedule order, each with its label (its
    /// name in schedules, records and results) and what it measures: the analyzer bases (fixed,
    /// or drawn every cycle), the outputs that count, the gate delay.
    var plannedSettings: [PlannedSetting] { get }

    /// The cycle timings the schedule will run with, to check before running: `base` for most
    /// kinds (its problems are reported on the `[timing]` keys); a gate-delay scan's at its extreme
    /// delays, each with the field and the words that say where.
    func timingsToCheck(_ base: CycleTiming) -> [(place: (field: String, context: String)?, timing: CycleTiming)]

    /// What the counts must gather beyond each setting's singles and coincidences.
    var gathering: Gathering { get }

    /// The kind's figures from the counts, appended to `findings`; a figure that cannot be
    /// computed becomes a note saying why.
    func analyze(_ data: ExperimentData, into findings: inout ExperimentFindings)

    /// A salvaged record (no end record, so no board time and only the complete cycles before the
    /// cut): removes the figures that need every cycle of the schedule, saying why for each.
    func removeFiguresNeedingTheWholeRun(from findings: inout ExperimentFindings,
                                         salvage: SalvageContext) -> [SalvageInfo.FigureTreatment]

    /// A salvaged record: what to add to "computed from the counts" for the kind's figure `key`.
    func salvageNote(for key: FigureKey) -> String

    /// A salvaged record: per-cycle figures in place of the kind's per-second ones.
    func perCycleFigures(_ data: ExperimentData, salvage: SalvageContext,
                         into findings: inout ExperimentFindings) -> [SalvageInfo.FigureTreatment]
}

extension ExperimentKind {
    /// The kind's name (`Self.name`).
    public var name: String { Self.name }

    public func timingsToCheck(_ base: CycleTiming) -> [(place: (field: String, context: String)?, timing: CycleTiming)] {
        [(nil, base)]
    }

    public var gathering: Gathering { Gathering() }

    public func removeFiguresNeedingTheWholeRun(from findings: inout ExperimentFindings,
                                                salvage: SalvageContext) -> [SalvageInfo.FigureTreatment] { [] }

    public func salvageNote(for key: FigureKey) -> String { "" }

    public func perCycleFigures(_ data: ExperimentData, salvage: SalvageContext,
                                into findings: inout ExperimentFindings) -> [SalvageInfo.FigureTreatment] { [] }

    /// Whether `other` is the same kind with the same parameters.
    public func isEqual(to other: any ExperimentKind) -> Bool { (other as? Self) == self }
}

/// What an experiment's counts gather beyond each setting's singles and coincidences.
public struct Gathering: Sendable, Hashable {
    /// HBT peak areas of each arm's two detectors at cycle offsets −K … K (g2), with K given.
    public var hanburyBrownTwissSidePeaks: Int?
    /// BBM92 detections: cycles with one click per arm in coincidence, with both bases.
    public var keyDetections: Bool

    /// Nothing beyond the counts unless asked.
    public init(hanburyBrownTwissSidePeaks: Int? = nil, keyDetections: Bool = false) {
        self.hanburyBrownTwissSidePeaks = hanburyBrownTwissSidePeaks
        self.keyDetections = keyDetections
    }
}
