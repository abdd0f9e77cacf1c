/// Coincidences of a pulsed source counted by trigger cycle: a click in arm A in cycle k and a
/// click in arm B in cycle k + d form a pair at cycle offset d. Offset 0 is the centre peak (true
/// plus accidental coincidences); offsets ±1, ±2, … are the side peaks, which hold only
/// accidentals (uncorrelated clicks from different excitation pulses).
public struct CycleCoincidences: Sendable, Hashable {
    /// Pairs at each offset d = −maximumOffset … +maximumOffset (index d + maximumOffset).
    public var pairsByOffset: [Int]
    /// The largest |d| counted.
    public var maximumOffset: Int

    /// Counts pairs by cycle offset from the sorted cycle indices of each arm's clicks (several
    /// clicks in one cycle count all their pairs). O((2·maximumOffset + 1)(n + m)).
    public init(cyclesA: [Int64], cyclesB: [Int64], maximumOffset: Int) throws(AnalysisError) {
        guard maximumOffset >= 1, maximumOffset <= 1_000 else {
            throw .invalidParameter(name: "maximum cycle offset", value: "\(maximumOffset)", expected: "1 … 1000")
        }
        try Self.checkSorted(cyclesA, "arm A cycles")
        try Self.checkSorted(cyclesB, "arm B cycles")
        let runsA = Self.runs(cyclesA)
        let runsB = Self.runs(cyclesB)
        self.maximumOffset = maximumOffset
        pairsByOffset = (-maximumOffset...maximumOffset).map { offset in
            var i = 0, j = 0, pairs = 0
            while i < runsA.count && j < runsB.count {
                let target = runsA[i].cycle + Int64(offset)
                if runsB[j].cycle < target { j += 1 }
                else if runsB[j].cycle > target { i += 1 }
                else { pairs += runsA[i].clicks * runsB[j].clicks; i += 1; j += 1 }
            }
            return pairs
        }
    }

    /// Pairs in the centre peak (offset 0).
    public var centrePeak: Int { pairsByOffset[maximumOffset] }

    /// Pairs at offset d (|d| ≤ maximumOffset), or nil outside the range.
    public func pairs(atOffset offset: Int) -> Int? {
        abs(offset) <= maximumOffset ? pairsByOffset[offset + maximumOffset] : nil
    }

    /// The accidental coincidences expected in the centre peak: the mean of the 2·maximumOffset
    /// side peaks. Error: Poisson on their sum S, σ = √S / (2·maximumOffset).
    public var accidentals: Estimate {
        let sideSum = Double(pairsByOffset.reduce(0, +) - centrePeak)
        let peaks = Double(2 * maximumOffset)
        return Estimate(value: sideSum / peaks, standardError: sideSum.squareRoot() / peaks)
    }

    /// g2(0) of a pulsed source, centre peak over mean side peak (see `PulsedG2`).
    public func g2() throws(AnalysisError) -> Estimate {
        try PulsedG2.estimate(centrePeak: Double(centrePeak),
                              sidePeaks: pairsByOffset.enumerated().filter { $0.offset != maximumOffset }.map { Double($0.element) })
    }

    static func runs(_ cycles: [Int64]) -> [(cycle: Int64, clicks: Int)] {
        var result: [(cycle: Int64, clicks: Int)] = []
        for cycle in cycles {
            if let last = result.last, last.cycle == cycle { result[result.count - 1].clicks += 1 }
            else { result.append((cycle, 1)) }
        }
        return result
    }

    static func checkSorted(_ cycles: [Int64], _ stream: String) throws(AnalysisError) {
        for i in cycles.indices.dropFirst() where cycles[i] < cycles[i - 1] {
            throw .invalidParameter(name: "\(stream) index \(i)", value: "\(cycles[i]) after \(cycles[i - 1])",
                                    expected: "non-decreasing cycle indices")
        }
    }
}
