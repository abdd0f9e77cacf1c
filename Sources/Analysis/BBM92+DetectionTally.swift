extension BBM92 {
    /// BBM92 detections counted by what the analysis needs of them: how many with each pair of
    /// bases and each pair of outcome bits (16 counts). Memory stays flat however long the run:
    /// the certified figures depend on these counts only, not on the order of the detections.
    public struct DetectionTally: Sendable, Equatable {
        /// Counts by index basisA·8 + basisB·4 + bitA·2 + bitB.
        @usableFromInline var counts = InlineArray<16, Int>(repeating: 0)

        /// No detections.
        public init() {}

        /// The tally of `detections`.
        /// - Throws: an outcome bit other than 0 or 1, with the detection's index.
        public init(_ detections: [Detection]) throws(AnalysisError) {
            for (index, detection) in detections.enumerated() {
                guard detection.bitA <= 1, detection.bitB <= 1 else {
                    throw .invalidParameter(name: "outcome bits of detection \(index)",
                                            value: "(\(detection.bitA), \(detection.bitB))", expected: "0 or 1")
                }
                add(detection)
            }
        }

        /// Counts one detection (its bits must be 0 or 1).
        @inlinable @inline(__always)
        public mutating func add(_ detection: Detection) {
            counts[Self.index(detection.basisA, detection.basisB, Int(detection.bitA & 1), Int(detection.bitB & 1))] += 1
        }

        /// Detections with bases `basisA`, `basisB` and bits `bitA`, `bitB`.
        public func count(_ basisA: Basis, _ basisB: Basis, bitA: Int, bitB: Int) -> Int {
            counts[Self.index(basisA, basisB, bitA, bitB)]
        }

        public static func == (left: Self, right: Self) -> Bool {
            (0..<16).allSatisfy { left.counts[$0] == right.counts[$0] }
        }

        /// All detections.
        public var total: Int {
            var sum = 0
            for index in 0..<16 { sum += counts[index] }
            return sum
        }

        @inlinable @inline(__always)
        static func index(_ basisA: Basis, _ basisB: Basis, _ bitA: Int, _ bitB: Int) -> Int {
            (basisA == .rectilinear ? 0 : 8) + (basisB == .rectilinear ? 0 : 4) + bitA * 2 + bitB
        }
    }
}
