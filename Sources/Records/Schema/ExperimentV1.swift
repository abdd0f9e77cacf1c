public import Experiments
import HAL
import Vocabulary

/// An experiment as record headers and results store it (format v1): its common parts and its
/// kind's parameters side by side in one object.
///
/// Version 1 stores `sidePeaks`, `g2Basis` and `errorCorrectionInefficiency` for every kind (with
/// the defaults 3, "DA" and 1.16 where the kind has none) and `scan` only for a gate-delay scan.
public struct ExperimentV1: Codable, Sendable, Hashable {
    /// The analyzer table: basis names by code, per arm.
    public struct Analyzer: Codable, Sendable, Hashable {
        public var armA: [String]
        public var armB: [String]

        enum CodingKeys: String, CodingKey { case armA, armB }
    }

    /// A gate-delay scan, nanoseconds.
    public struct Scan: Codable, Sendable, Hashable {
        public var start: Int64
        public var stop: Int64
        public var step: Int64

        enum CodingKeys: String, CodingKey { case start, stop, step }
    }

    public var name: String
    public var description: String
    public var kind: String
    public var seed: UInt64
    public var timing: TimingV1
    public var cyclesPerSetting: Int
    public var analyzer: Analyzer
    public var scan: Scan?
    public var sidePeaks: Int
    public var g2Basis: String
    public var errorCorrectionInefficiency: Double
    public var fileName: String

    enum CodingKeys: String, CodingKey {
        case name, description, kind, seed, timing, cyclesPerSetting, analyzer, scan, sidePeaks, g2Basis,
             errorCorrectionInefficiency, fileName
    }

    /// The stored form of `experiment`.
    public init(_ experiment: ExperimentDefinition) {
        let parameters = experiment.kind.parameters
        name = experiment.name
        description = experiment.description
        kind = experiment.kind.name
        seed = experiment.seed
        timing = TimingV1(experiment.timing)
        cyclesPerSetting = experiment.cyclesPerSetting
        analyzer = Analyzer(armA: experiment.analyzer.names(of: .a), armB: experiment.analyzer.names(of: .b))
        scan = parameters.scan.map { Scan(start: $0.start.nanoseconds, stop: $0.stop.nanoseconds, step: $0.step.nanoseconds) }
        sidePeaks = parameters.sidePeaks ?? 3
        g2Basis = (parameters.g2Basis ?? .diagonalAntidiagonal).name
        errorCorrectionInefficiency = parameters.errorCorrectionInefficiency ?? 1.16
        fileName = experiment.fileName
    }

    /// The experiment stored.
    /// - Throws: `SchemaError` for a kind or basis name this qdot does not know, or a kind's
    ///   parameter it cannot take.
    public func experiment() throws(SchemaError) -> ExperimentDefinition {
        guard let kindType = ExperimentKinds.named(kind) else {
            throw SchemaError(field: "experiment.kind", problem: "unknown kind \"\(kind)\"; this qdot knows \(ExperimentKinds.names.joined(separator: ", "))")
        }
        func bases(_ names: [String], arm: String) throws(SchemaError) -> [AnalyzerBasis] {
            var bases: [AnalyzerBasis] = []
            for (code, name) in names.enumerated() {
                guard let basis = AnalyzerBasis(name: name) else {
                    throw SchemaError(field: "experiment.analyzer.\(arm)[\(code)]", problem: "\"\(name)\" is not \(AnalyzerBasis.expectedName)")
                }
                bases.append(basis)
            }
            return bases
        }
        guard let basis = AnalyzerBasis(name: g2Basis) else {
            throw SchemaError(field: "experiment.g2Basis", problem: "\"\(g2Basis)\" is not \(AnalyzerBasis.expectedName)")
        }
        let parameters = ExperimentParameters(
            scan: scan.map { GateDelayScan(start: .nanoseconds($0.start), stop: .nanoseconds($0.stop), step: .nanoseconds($0.step)) },
            sidePeaks: sidePeaks, g2Basis: basis, errorCorrectionInefficiency: errorCorrectionInefficiency)
        let kindValue: any ExperimentKind
        do { kindValue = try kindType.init(parameters: parameters) } catch {
            throw SchemaError(field: "experiment", problem: error.description)
        }
        return ExperimentDefinition(
            name: name, description: description, kind: kindValue, seed: seed, timing: try timing.timing(),
            cyclesPerSetting: cyclesPerSetting,
            analyzer: AnalyzerCodeTable(armA: try bases(analyzer.armA, arm: "armA"), armB: try bases(analyzer.armB, arm: "armB")),
            fileName: fileName)
    }
}
