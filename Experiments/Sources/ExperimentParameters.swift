import HAL
public import Vocabulary

/// The parameters of an experiment's kind as records and results store them (format v1): each
/// kind reads the ones it has and leaves the rest nil. A kind with a new parameter adds it here
/// and to the file schema, an explicit change of the stored format.
public struct ExperimentParameters: Sendable, Hashable {
    /// Gate-delay scan: the delays stepped through.
    public var scan: GateDelayScan?
    /// g2: side peaks averaged on each side of zero delay.
    public var sidePeaks: Int?
    /// g2: the basis both arms are held in.
    public var g2Basis: AnalyzerBasis?
    /// BBM92: error-correction inefficiency f of the key-rate formula.
    public var errorCorrectionInefficiency: Double?

    /// Parameters; nil where a kind has none.
    public init(scan: GateDelayScan? = nil, sidePeaks: Int? = nil, g2Basis: AnalyzerBasis? = nil,
                errorCorrectionInefficiency: Double? = nil) {
        self.scan = scan
        self.sidePeaks = sidePeaks
        self.g2Basis = g2Basis
        self.errorCorrectionInefficiency = errorCorrectionInefficiency
    }

    /// The value of a parameter a kind needs, or the error naming it.
    public static func required<Value>(_ value: Value?, _ name: String, of kind: String) throws(ExperimentError) -> Value {
        guard let value else { throw .problems(["a \(kind) experiment needs its \(name)"]) }
        return value
    }
}
