/// A block that tracking aligned: its Alice detections, the sign of its peak, and the accidental
/// level around it (pair weight per unit of residual).
struct AlignedBlock {
    var range: Range<Int>
    var peakSign: Double
    var backgroundPerUnit: Double
}

extension CycleAlignment {
    /// Each block's offset again as the mean residual b − a − f(a) from the line f through all
    /// blocks, of the pairs within a window around f (the accidentals' uniform level taken out: it
    /// adds weight, not moment, since the window is centred on f). The window starts at one bin
    /// and shrinks fourfold per pass to ±`halfWidth`, then twice more at that width, so a line
    /// that the bins placed only to a fraction of a bin never loses the pairs.
    static func refine(_ points: [(x: Double, y: Double, weight: Double)], blocks: [AlignedBlock],
                       alice: [AlignmentDetection], bob: [AlignmentDetection], binWidth: Int64, halfWidth: Int64,
                       evidence: AlignmentEvidence) -> [(x: Double, y: Double, weight: Double)] {
        var windows: [Int64] = []
        var window = binWidth
        while window > halfWidth {
            windows.append(window)
            window /= 4
        }
        windows += [halfWidth, halfWidth]
        var points = points
        for halfWidth in windows {
            guard let fit = StraightLineFit(points) else { return points }
            var refined: [(x: Double, y: Double, weight: Double)] = []
            for block in blocks {
                var weight = 0.0, moment = 0.0
                var first = bob.startIndex
                for a in alice[block.range] {
                    let predicted = fit.value(at: Double(a.position))
                    let centre = Int128(CycleMapping.nearestWhole(predicted)) + Int128(a.position)
                    first = OffsetHistogram.firstIndex(in: bob, atLeast: Int64(clamping: centre - Int128(halfWidth)), from: first)
                    var index = first
                    while index < bob.endIndex && Int128(bob[index].position) - centre <= Int128(halfWidth) {
                        let pairWeight = block.peakSign * Double(evidence.weight(a, bob[index]))
                        weight += pairWeight
                        moment += pairWeight * (Double(Int128(bob[index].position) - Int128(a.position)) - predicted)
                        index += 1
                    }
                }
                weight -= block.backgroundPerUnit * (2 * Double(halfWidth) + 1)
                guard weight > 0 else { continue }
                let x = meanPosition(alice[block.range])
                refined.append((x, fit.value(at: x) + moment / weight, weight))
            }
            guard refined.count >= Swift.min(3, points.count) else { return points }
            points = refined
        }
        return points
    }
}
