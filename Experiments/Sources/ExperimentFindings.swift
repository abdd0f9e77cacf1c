public import Vocabulary

/// What the analysis of one run found: the figures, and the data behind the plots.
public struct ExperimentFindings: Sendable, Equatable {
    /// Every certified figure.
    public var figures: [Figure] = []
    /// Figures that could not be computed, and why (a setting without coincidences, say).
    public var notes: [String] = []
    /// Per setting, in schedule order: its label and counts.
    public var settings: [LabelledCounts] = []
    /// The reconstructed density matrix (tomography), row-major, real and imaginary parts.
    public var densityMatrixReal: [[Double]]?
    public var densityMatrixImaginary: [[Double]]?
    /// The gate-delay scan: gate delay (ns) and singles of all four detectors per step.
    public var scanDelaysNanoseconds: [Int64]?
    public var scanSingles: [Int]?
    /// HBT peak areas by cycle offset −K … K, arm A and arm B (g2).
    public var hbtPeaks: [[Int]]?
    /// t(B) − t(A) histogram of each cycle's first clicks: 1 ns bins from −range to +range.
    public var correlationHistogram: [Int] = []
    /// Half width of `correlationHistogram`, in nanoseconds.
    public var correlationHistogramRangeNanoseconds: Int64 = 0
    /// Click events the analysis saw.
    public var eventsAnalysed = 0
    /// Set only by a salvaged analysis of a record without an end record (`SalvageAnalysis`):
    /// marks the findings INCOMPLETE and SALVAGED and says what each figure is.
    public var salvage: SalvageInfo?

    /// No findings yet.
    public init() {}

    /// The figure with `key`, if it was computed.
    public func figure(_ key: FigureKey) -> Figure? { figures.first { $0.key == key } }

    /// Runs `body`, turning a failure into a note "`what`: why" (a figure that cannot be computed
    /// is reported, never silently dropped).
    public mutating func attempt(_ what: String, _ body: (inout ExperimentFindings) throws -> Void) {
        do { try body(&self) } catch { notes.append("\(what): \(error)") }
    }
}

/// One setting's counts under its label, as findings list them.
public struct LabelledCounts: Sendable, Hashable {
    /// The setting's label.
    public var label: String
    /// Its counts.
    public var counts: SettingCounts

    /// `counts` under `label`.
    public init(label: String, counts: SettingCounts) {
        self.label = label
        self.counts = counts
    }
}
