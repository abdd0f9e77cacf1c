public import Experiments
import Analysis
import Vocabulary

/// What the analysis of a run found, as results and `qdot analyze --output` store it (format v1).
public struct FindingsV1: Codable, Sendable, Hashable {
    /// One certified figure. `interval` is an optional key, absent when the figure has none (every
    /// file qdot 0.1.0 wrote): written with encodeIfPresent and read with decodeIfPresent, so those
    /// files read and write back byte for byte.
    public struct FigureV1: Codable, Sendable, Hashable {
        public var key: String
        public var name: String
        public var value: Double
        public var standardError: Double
        public var unit: String
        public var method: String
        public var interval: IntervalV1?

        enum CodingKeys: String, CodingKey { case key, name, value, standardError, unit, method, interval }

        public init(key: String, name: String, value: Double, standardError: Double, unit: String, method: String,
                    interval: IntervalV1? = nil) {
            self.key = key
            self.name = name
            self.value = value
            self.standardError = standardError
            self.unit = unit
            self.method = method
            self.interval = interval
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            name = try container.decode(String.self, forKey: .name)
            value = try container.decode(Double.self, forKey: .value)
            standardError = try container.decode(Double.self, forKey: .standardError)
            unit = try container.decode(String.self, forKey: .unit)
            method = try container.decode(String.self, forKey: .method)
            interval = try container.decodeIfPresent(IntervalV1.self, forKey: .interval)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(name, forKey: .name)
            try container.encode(value, forKey: .value)
            try container.encode(standardError, forKey: .standardError)
            try container.encode(unit, forKey: .unit)
            try container.encode(method, forKey: .method)
            try container.encodeIfPresent(interval, forKey: .interval)
        }
    }

    /// A figure's confidence interval: its limits, its confidence level (a probability, 0.6827 for
    /// the one-standard-deviation level every qdot interval uses) and which interval it is.
    public struct IntervalV1: Codable, Sendable, Hashable {
        public var lower: Double
        public var upper: Double
        public var confidenceLevel: Double
        public var method: String

        enum CodingKeys: String, CodingKey { case lower, upper, confidenceLevel, method }

        public init(lower: Double, upper: Double, confidenceLevel: Double, method: String) {
            self.lower = lower
            self.upper = upper
            self.confidenceLevel = confidenceLevel
            self.method = method
        }
    }

    /// One setting's counts: singles A+, A−, B+, B−; coincidences A+B+, A+B−, A−B+, A−B−.
    public struct SettingV1: Codable, Sendable, Hashable {
        public var label: String
        public var cycles: Int
        public var singles: [Int]
        public var coincidences: [Int]
        /// Version 2, gate mode: the pairs with side cycles, per pair (absent when all zero).
        public var sideCoincidences: [Int]?

        enum CodingKeys: String, CodingKey { case label, cycles, singles, coincidences, sideCoincidences }
    }

    /// How a salvaged analysis came about.
    public struct SalvageV1: Codable, Sendable, Hashable {
        /// What one figure is in it.
        public struct TreatmentV1: Codable, Sendable, Hashable {
            public var figure: String
            public var treatment: String
            public var reason: String

            enum CodingKeys: String, CodingKey { case figure, treatment, reason }
        }

        public var status: String
        public var complete: Bool
        public var salvaged: Bool
        public var stoppedAtByteOffset: Int
        public var stopReason: String
        public var fileBytes: Int
        public var intactClicks: Int
        public var cyclesRunAtLeast: Int64
        public var cyclesAnalysed: Int64
        public var clicksAnalysed: Int
        public var clicksLeftOut: Int
        public var boardSecondsAtLeast: Double
        public var figures: [TreatmentV1]

        enum CodingKeys: String, CodingKey {
            case status, complete, salvaged, stoppedAtByteOffset, stopReason, fileBytes, intactClicks, cyclesRunAtLeast,
                 cyclesAnalysed, clicksAnalysed, clicksLeftOut, boardSecondsAtLeast, figures
        }
    }

    public var figures: [FigureV1]
    public var notes: [String]
    public var settings: [SettingV1]
    public var densityMatrixReal: [[Double]]?
    public var densityMatrixImaginary: [[Double]]?
    public var scanDelaysNanoseconds: [Int64]?
    public var scanSingles: [Int]?
    public var hbtPeaks: [[Int]]?
    public var correlationHistogram: [Int]
    public var correlationHistogramRangeNanoseconds: Int64
    public var eventsAnalysed: Int
    public var salvage: SalvageV1?

    enum CodingKeys: String, CodingKey {
        case figures, notes, settings, densityMatrixReal, densityMatrixImaginary, scanDelaysNanoseconds, scanSingles,
             hbtPeaks, correlationHistogram, correlationHistogramRangeNanoseconds, eventsAnalysed, salvage
    }

    /// The stored form of `findings`.
    public init(_ findings: ExperimentFindings) {
        figures = findings.figures.map {
            FigureV1(key: $0.key.rawValue, name: $0.name, value: $0.value, standardError: $0.standardError, unit: $0.unit,
                     method: $0.method, interval: $0.interval.map {
                         IntervalV1(lower: $0.lower, upper: $0.upper, confidenceLevel: $0.confidenceLevel, method: $0.method)
                     })
        }
        notes = findings.notes
        settings = findings.settings.map {
            SettingV1(label: $0.label, cycles: $0.counts.triggerCycles, singles: $0.counts.singles.values,
                      coincidences: $0.counts.coincidences.values,
                      sideCoincidences: $0.counts.sideCoincidences == .zero ? nil : $0.counts.sideCoincidences.values)
        }
        densityMatrixReal = findings.densityMatrixReal
        densityMatrixImaginary = findings.densityMatrixImaginary
        scanDelaysNanoseconds = findings.scanDelaysNanoseconds
        scanSingles = findings.scanSingles
        hbtPeaks = findings.hbtPeaks
        correlationHistogram = findings.correlationHistogram
        correlationHistogramRangeNanoseconds = findings.correlationHistogramRangeNanoseconds
        eventsAnalysed = findings.eventsAnalysed
        salvage = findings.salvage.map { info in
            SalvageV1(status: info.status, complete: info.complete, salvaged: info.salvaged,
                      stoppedAtByteOffset: info.stoppedAtByteOffset, stopReason: info.stopReason, fileBytes: info.fileBytes,
                      intactClicks: info.intactClicks, cyclesRunAtLeast: info.cyclesRunAtLeast,
                      cyclesAnalysed: info.cyclesAnalysed, clicksAnalysed: info.clicksAnalysed,
                      clicksLeftOut: info.clicksLeftOut, boardSecondsAtLeast: info.boardSecondsAtLeast,
                      figures: info.figures.map {
                          SalvageV1.TreatmentV1(figure: $0.figure.rawValue, treatment: $0.treatment.rawValue, reason: $0.reason)
                      })
        }
    }

    /// The findings stored.
    public func findings() throws(SchemaError) -> ExperimentFindings {
        var findings = ExperimentFindings()
        findings.figures = figures.map {
            Figure(key: FigureKey(rawValue: $0.key), name: $0.name, value: $0.value, standardError: $0.standardError,
                   unit: $0.unit, method: $0.method, interval: $0.interval.map {
                       ConfidenceInterval(lower: $0.lower, upper: $0.upper, confidenceLevel: $0.confidenceLevel, method: $0.method)
                   })
        }
        findings.notes = notes
        for (index, setting) in settings.enumerated() {
            guard let singles = PerChannel(setting.singles), let coincidences = PerPair(setting.coincidences),
                  let side = PerPair(setting.sideCoincidences ?? [0, 0, 0, 0]) else {
                throw SchemaError(field: "findings.settings[\(index)]",
                                  problem: "expected 4 singles, 4 coincidences and 4 side coincidences, found \(setting.singles.count), \(setting.coincidences.count) and \(setting.sideCoincidences?.count ?? 4)")
            }
            findings.settings.append(LabelledCounts(label: setting.label, counts: SettingCounts(
                triggerCycles: setting.cycles, singles: singles, coincidences: coincidences, sideCoincidences: side)))
        }
        findings.densityMatrixReal = densityMatrixReal
        findings.densityMatrixImaginary = densityMatrixImaginary
        findings.scanDelaysNanoseconds = scanDelaysNanoseconds
        findings.scanSingles = scanSingles
        findings.hbtPeaks = hbtPeaks
        findings.correlationHistogram = correlationHistogram
        findings.correlationHistogramRangeNanoseconds = correlationHistogramRangeNanoseconds
        findings.eventsAnalysed = eventsAnalysed
        if let salvage {
            var treatments: [SalvageInfo.FigureTreatment] = []
            for (index, entry) in salvage.figures.enumerated() {
                guard let treatment = SalvageInfo.Treatment(rawValue: entry.treatment) else {
                    throw SchemaError(field: "findings.salvage.figures[\(index)].treatment",
                                      problem: "\"\(entry.treatment)\"; expected computed, per trigger cycle instead or left out")
                }
                treatments.append(.init(figure: FigureKey(rawValue: entry.figure), treatment: treatment, reason: entry.reason))
            }
            findings.salvage = SalvageInfo(
                stoppedAtByteOffset: salvage.stoppedAtByteOffset, stopReason: salvage.stopReason, fileBytes: salvage.fileBytes,
                intactClicks: salvage.intactClicks, cyclesRunAtLeast: salvage.cyclesRunAtLeast,
                cyclesAnalysed: salvage.cyclesAnalysed, clicksAnalysed: salvage.clicksAnalysed,
                clicksLeftOut: salvage.clicksLeftOut, boardSecondsAtLeast: salvage.boardSecondsAtLeast, figures: treatments)
        }
        return findings
    }
}
