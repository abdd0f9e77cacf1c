public import Vocabulary
public import Physics

/// One arm's polarization analyzer (motorized wave plates before a polarizing beam splitter),
/// set by the arm's basis-select lines: the code on the lines (bit i on line i) picks the
/// analyzer setting through the station's basis table.
///
/// It watches its lines, so the setting is resolved once per change, not once per pulse. A code
/// the table does not know leaves the analyzer unset; a pulse that finds it unset delivers no
/// photons (``QuantumDotSource`` counts those pulses) and the first such code is kept as
/// ``unknownCodeProblem``, naming the arm and the table's codes. Codes seen only between two
/// line writes of one bulk update, with no pulse, are no problem.
public final class PolarizationAnalyzer: SimulatedDevice {
    /// The arm's name in the station file: `a` or `b`.
    public let arm: String
    /// The basis-select lines, bit 0 first.
    public let basisSelectLines: [LineID]
    /// The station's table for this arm.
    public let table: AnalyzerBasisTable
    /// The code the lines show now.
    public var basisCode: Int { code }
    /// The setting the code selects, or nil while the code is not in the table.
    public var setting: AnalyzerBasis? { selected }
    /// ``basisCode`` and ``setting``, set only through ``resolve()`` (usable from inline code:
    /// a basis line's change is inlined into the firmware's write).
    @usableFromInline var code = 0
    @usableFromInline var selected: AnalyzerBasis?
    /// The first code the lines showed that the table does not know, as a station-data problem.
    public private(set) var unknownCodeProblem: ParameterProblem?

    /// The setting of every code the lines can show (nil where the table has none).
    @usableFromInline let settingsByCode: [AnalyzerBasis?]

    /// An analyzer on `basisSelectLines` (bit 0 first) of arm `arm`, resolving codes through
    /// `table`. The table must have as many lines as `basisSelectLines` (``PhysicsStation`` checks).
    public init(arm: String, basisSelectLines: [LineID], table: AnalyzerBasisTable) {
        self.arm = arm
        self.basisSelectLines = basisSelectLines
        self.table = table
        settingsByCode = (0..<(1 << basisSelectLines.count)).map { table.settingsByCode[$0] }
        resolve()
    }

    /// Hangs the analyzer off its basis-select lines and reads their present code.
    @discardableResult
    public func attach(to board: SimulatedBoard) -> DeviceID {
        let id = board.attach(self, watching: basisSelectLines)
        code = 0
        for (bit, line) in basisSelectLines.enumerated() where board.value(of: line) == 1 { code |= 1 << bit }
        resolve()
        return id
    }

    /// Inlined into the board's line write, which calls the analyzer directly, and with it into
    /// the firmware's write (its basis lines change about once per trigger cycle).
    @inlinable @inline(__always)
    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        guard let bit = basisSelectLines.firstIndex(of: line) else { return }
        basisLineChanged(bit: bit, to: value)
    }

    /// Basis-select line `bit` (an index into ``basisSelectLines``) changed to `value`: the
    /// board calls this directly for a line only the analyzer watches, with the bit it found
    /// when the analyzer attached (``LineWatchers/analyzer(_:bit:)``).
    @inlinable @inline(__always)
    func basisLineChanged(bit: Int, to value: UInt8) {
        // `bit` is below the number of basis lines, which the code's table has room for (< 64).
        code = code & ~(1 &<< bit) | Int(value & 1) &<< bit
        resolve()
    }

    /// The setting a pulse meets now; when the analyzer is unset, records why (once) and returns nil.
    @inline(__always)
    func settingForPulse() -> AnalyzerBasis? {
        if let selected { return selected }
        if unknownCodeProblem == nil, case .failure(let problem) = table.setting(forCode: basisCode, arm: arm) {
            unknownCodeProblem = problem
        }
        return nil
    }

    /// Sets ``selected`` for ``code``. Every code the lines can show has an entry in
    /// `settingsByCode` (`code` has bits only below the number of basis lines, and the table one
    /// entry per such code), so the entry is read without a bounds check (about once per trigger
    /// cycle, inlined into the firmware's write).
    @inlinable @inline(__always)
    func resolve() {
        selected = settingsByCode.withUnsafeBufferPointer { $0[code] }
    }
}
