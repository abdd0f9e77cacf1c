public import Vocabulary
/// Everything the physics model needs about a station: the dot, two arms, four detectors and
/// each arm's basis-code table.
///
/// Field keys in problems are the station file's: `laser.…`, `source.…`, `arm.a.…`, `arm.b.…`,
/// `detector.a-plus.…` (and `a-minus`, `b-plus`, `b-minus`), `analyzer.a.…`, `analyzer.b.…`.
public struct StationParameters: Hashable, Sendable {
    /// The quantum dot and its excitation. Section `source`.
    public var source: SourceParameters
    /// Arm A, which carries the biexciton (XX) photon. Section `arm.a`.
    public var armA: ArmParameters
    /// Arm B, which carries the exciton (X) photon. Section `arm.b`.
    public var armB: ArmParameters
    /// The four detectors, indexed by ``DetectorChannel/rawValue`` (A+, A−, B+, B−). Sections `detector.*`.
    public var detectors: [DetectorParameters]
    /// Arm A's basis-code table. Section `analyzer.a`.
    public var analyzerA: AnalyzerBasisTable
    /// Arm B's basis-code table. Section `analyzer.b`.
    public var analyzerB: AnalyzerBasisTable
    /// The pulsed laser: trigger-to-pulse delay and jitter. Section `laser`.
    public var laser: LaserParameters

    /// A station; every default is the literature value of its type.
    public init(source: SourceParameters = SourceParameters(), armA: ArmParameters = ArmParameters(),
                armB: ArmParameters = ArmParameters(),
                detectors: [DetectorParameters] = Array(repeating: DetectorParameters(), count: 4),
                analyzerA: AnalyzerBasisTable = .standard, analyzerB: AnalyzerBasisTable = .standard,
                laser: LaserParameters = LaserParameters()) {
        self.source = source
        self.armA = armA
        self.armB = armB
        self.detectors = detectors
        self.analyzerA = analyzerA
        self.analyzerB = analyzerB
        self.laser = laser
    }

    /// The parameters of the detector on `channel`.
    public func detector(_ channel: DetectorChannel) -> DetectorParameters { detectors[channel.rawValue] }

    /// Every problem in the station data, each naming its field by its full station-file key.
    public func validate() -> [ParameterProblem] {
        var problems = laser.validate().map { $0.nested(under: "laser") }
        problems += source.validate().map { $0.nested(under: "source") }
        problems += armA.validate().map { $0.nested(under: "arm.a") }
        problems += armB.validate().map { $0.nested(under: "arm.b") }
        if detectors.count != DetectorChannel.allCases.count {
            problems.append(ParameterProblem(field: "detector", found: "\(detectors.count) detectors",
                                             expected: "exactly 4: a-plus, a-minus, b-plus, b-minus"))
        } else {
            for channel in DetectorChannel.allCases {
                problems += detector(channel).validate().map { $0.nested(under: "detector." + channel.stationKey) }
            }
        }
        problems += analyzerA.validate().map { $0.nested(under: "analyzer.a") }
        problems += analyzerB.validate().map { $0.nested(under: "analyzer.b") }
        return problems
    }
}
