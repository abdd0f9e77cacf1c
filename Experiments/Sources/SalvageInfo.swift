/// How a salvaged analysis (`qdot analyze --salvage`) came about: where reading stopped, what is
/// known of the cycles run, and what was done with each figure. Only present in the findings of a
/// record that had no end record; its presence marks them INCOMPLETE and SALVAGED.
public struct SalvageInfo: Sendable, Hashable {
    /// What was done with a figure.
    public enum Treatment: String, Sendable, Hashable {
        /// Computed from the counts as for a whole record.
        case computed
        /// Given per trigger cycle instead of per second (it needs the board time).
        case perCycle = "per trigger cycle instead"
        /// Not given, for the reason stated.
        case leftOut = "left out"
    }

    /// What one figure is in a salvaged analysis, and why.
    public struct FigureTreatment: Sendable, Hashable {
        /// The figure's key ("qber-hv", "coincidence-rate").
        public var figure: FigureKey
        /// What was done with it.
        public var treatment: Treatment
        /// Why.
        public var reason: String

        /// A treatment.
        public init(figure: FigureKey, treatment: Treatment, reason: String) {
            self.figure = figure
            self.treatment = treatment
            self.reason = reason
        }
    }

    /// "INCOMPLETE, SALVAGED".
    public var status: String { "INCOMPLETE, SALVAGED" }
    /// Always false: the run's end was never recorded.
    public var complete: Bool { false }
    /// Always true.
    public var salvaged: Bool { true }
    /// The byte offset where reading stopped (the end of the last intact record when the file
    /// simply ends there).
    public var stoppedAtByteOffset: Int
    /// Why reading stopped there.
    public var stopReason: String
    /// The file's size in bytes.
    public var fileBytes: Int
    /// Clicks read intact.
    public var intactClicks: Int
    /// The last intact click's cycle + 1: the run ran AT LEAST this many cycles.
    public var cyclesRunAtLeast: Int64
    /// Complete cycles analysed (0 ..< this): every click of theirs is in the file.
    public var cyclesAnalysed: Int64
    /// Clicks of the complete cycles, analysed.
    public var clicksAnalysed: Int
    /// Clicks of the last cycle seen, left out (the cut may have taken some of its clicks).
    public var clicksLeftOut: Int
    /// Board seconds the run covered, at least: complete cycles × trigger period (cycle k starts no
    /// earlier than k periods after cycle 0; missed slots only add time).
    public var boardSecondsAtLeast: Double
    /// Every figure's treatment.
    public var figures: [FigureTreatment]

    /// A salvage description.
    public init(stoppedAtByteOffset: Int, stopReason: String, fileBytes: Int, intactClicks: Int, cyclesRunAtLeast: Int64,
                cyclesAnalysed: Int64, clicksAnalysed: Int, clicksLeftOut: Int, boardSecondsAtLeast: Double,
                figures: [FigureTreatment]) {
        self.stoppedAtByteOffset = stoppedAtByteOffset
        self.stopReason = stopReason
        self.fileBytes = fileBytes
        self.intactClicks = intactClicks
        self.cyclesRunAtLeast = cyclesRunAtLeast
        self.cyclesAnalysed = cyclesAnalysed
        self.clicksAnalysed = clicksAnalysed
        self.clicksLeftOut = clicksLeftOut
        self.boardSecondsAtLeast = boardSecondsAtLeast
        self.figures = figures
    }
}
