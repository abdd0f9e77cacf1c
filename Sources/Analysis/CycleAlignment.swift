/// Cycle alignment: from the two nodes' detections alone, which of Bob's cycles (or time stamps)
/// belongs to which of Alice's — the start-up offset and the clocks' drift.
///
/// 1. Coarse search: over the first block of Alice's detections, histogram every pair's offset
///    b − a inside ``CycleAlignmentSettings/searchRange`` (the cross-correlation of the two
///    detection sequences, without FFT) and take the strongest two-bin peak; it counts when its
///    significance over the strongest competitor reaches the minimum, else "not found".
/// 2. Tracking: every block, histogram the residuals b − a − f(a) around the prediction f of the
///    line fitted so far (± ``CycleAlignmentSettings/trackingHalfWidth``), locate the peak, and
///    take the mean residual of its pairs (accidentals subtracted) as the block's offset at its
///    centre; blocks without a significant peak are skipped and counted.
/// 3. With ``CycleAlignmentSettings/peakHalfWidth``, each block's offset is taken again as the
///    mean residual, from the whole run's line, of the pairs within a window that shrinks from one
///    bin to that half-width: tagger stamps resolve the pairs to their timing spread, finer than
///    the bins, which must hold a block's drift.
/// 4. A weighted straight-line fit of offset against position (``CycleMapping``) gives offset and
///    drift with standard errors from the blocks' scatter.
/// 5. Gate mode (bin width 1): each whole-cycle step of the offset is placed from the pairs
///    around it (``CycleStaircase``).
///
/// Works the same on cycle indices (gate mode: bin width 1) and on time stamps (tagger mode: bins
/// wider than a block's drift and narrower than the pulse period, the pairs' spread as
/// ``CycleAlignmentSettings/peakHalfWidth``); positions on both sides must be in the same nominal unit.
public enum CycleAlignment {
    /// Aligns Bob's detections to Alice's. Both lists must be sorted by position.
    public static func align(alice: [AlignmentDetection], bob: [AlignmentDetection],
                             settings: CycleAlignmentSettings) throws(AnalysisError) -> CycleAlignmentResult {
        try settings.validate()
        try checkSorted(alice, stream: "Alice's detections")
        try checkSorted(bob, stream: "Bob's detections")
        if settings.evidence == .disclosedOutcomes {
            for (side, detections) in [("Alice", alice), ("Bob", bob)] {
                if let index = detections.firstIndex(where: { $0.disclosedBasis == nil || $0.disclosedOutput == nil }) {
                    throw .emptySetting(location: "\(side)'s detection \(index)",
                                        detail: "disclosed-outcome alignment needs every detection's basis and output")
                }
            }
        }
        guard let firstAlice = alice.first, !bob.isEmpty else {
            return .notFound(bestOffset: 0, significance: 0, reason: "no detections on \(alice.isEmpty ? "Alice's" : "Bob's") side")
        }
        let blocks = blockRanges(alice, start: firstAlice.position, length: settings.blockLength)

        // 1. Coarse search over the first block.
        let width = settings.binWidth
        // validate() bounded the bin counts, so these fit an Int; the span is taken in Int128.
        let searchBins = Int((Int128(settings.searchRange.upperBound) - Int128(settings.searchRange.lowerBound))
            / Int128(width)) + 1
        var coarse = OffsetHistogram(lowestResidual: settings.searchRange.lowerBound, binWidth: width, binCount: searchBins)
        coarse.fill(alice: alice[blocks[0]], bob: bob, evidence: settings.evidence) { _ in 0 }
        let coarsePeak = coarse.peak()
        let bestOffset = settings.searchRange.lowerBound &+ Int64(coarsePeak.firstBin + 1) &* width
        guard coarsePeak.significance >= settings.minimumSignificance, let firstMean = coarse.meanResidual(around: coarsePeak) else {
            return .notFound(bestOffset: bestOffset, significance: coarsePeak.significance,
                             reason: "the strongest peak (\(coarsePeak.score) at offset \(bestOffset)) stands "
                                + "z = \(coarsePeak.significance) over the next (\(coarsePeak.competitorScore)); "
                                + "at least \(settings.minimumSignificance) is needed")
        }

        // 2. Tracking, block by block, around the line fitted so far.
        var points = [(x: Double, y: Double, weight: Double)]()
        points.append((meanPosition(alice[blocks[0]]), firstMean.residual, firstMean.pairs))
        var alignedBlocks = [AlignedBlock(range: blocks[0], peakSign: coarsePeak.score < 0 ? -1 : 1,
                                          backgroundPerUnit: coarsePeak.backgroundPerBin / Double(width))]
        var blocksWithoutPeak = 0
        let halfWidth = settings.trackingHalfWidth
        let trackingBins = Int(2 * Int128(halfWidth) / Int128(width)) + 1
        for block in blocks.dropFirst() {
            guard let fit = StraightLineFit(points) else { break }
            var histogram = OffsetHistogram(lowestResidual: -halfWidth, binWidth: width, binCount: trackingBins)
            histogram.fill(alice: alice[block], bob: bob, evidence: settings.evidence) { position in
                CycleMapping.nearestWhole(fit.value(at: Double(position)))
            }
            let peak = histogram.peak()
            guard peak.significance >= settings.minimumSignificance, let mean = histogram.meanResidual(around: peak) else {
                blocksWithoutPeak += 1
                continue
            }
            // The residuals were taken from the rounded prediction of each a; at the block's centre
            // the rounding averages out, so the block's offset is the prediction there plus the mean.
            let centre = meanPosition(alice[block])
            points.append((centre, fit.value(at: centre) + mean.residual, mean.pairs))
            alignedBlocks.append(AlignedBlock(range: block, peakSign: peak.score < 0 ? -1 : 1,
                                              backgroundPerUnit: peak.backgroundPerBin / Double(width)))
        }
        if let halfWidth = settings.peakHalfWidth {
            points = refine(points, blocks: alignedBlocks, alice: alice, bob: bob, binWidth: width,
                            halfWidth: halfWidth,
                            evidence: settings.evidence)
        }

        // 3. The line through the blocks.
        guard let fit = StraightLineFit(points) else {
            return .notFound(bestOffset: bestOffset, significance: coarsePeak.significance, reason: "no block could be fitted")
        }
        let background = 2 * coarsePeak.backgroundPerBin
        return .aligned(CycleMapping(
            referenceAlicePosition: fit.referenceX, offset: fit.intercept, offsetStandardError: fit.interceptStandardError,
            driftPartsPerMillion: fit.slope * 1e6, driftStandardErrorPartsPerMillion: fit.slopeStandardError.map { $0 * 1e6 },
            blocksAligned: points.count, blocksWithoutPeak: blocksWithoutPeak,
            pairsInPeaks: points.reduce(0) { $0 + $1.weight }, significance: coarsePeak.significance,
            peakOverBackground: background > 0 ? Double(abs(coarsePeak.score)) / background : nil,
            staircase: width == 1 ? staircase(fit: fit, alice: alice, bob: bob, evidence: settings.evidence,
                                              peakSign: coarsePeak.score < 0 ? -1 : 1) : nil))
    }

    /// The index ranges of successive blocks of `length` in position, from `start`.
    static func blockRanges(_ detections: [AlignmentDetection], start: Int64, length: Int64) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lower = 0
        // In Int128, so a block end beyond Int64 (a long block, a late detection) cannot overflow.
        var blockEnd = Int128(start) + Int128(length)
        for (index, detection) in detections.enumerated() where Int128(detection.position) >= blockEnd {
            if index > lower { ranges.append(lower..<index) }
            lower = index
            // Skip empty blocks at once: the next block is the one that holds this detection.
            let blocksAhead = (Int128(detection.position) - Int128(start)) / Int128(length)
            blockEnd = Int128(start) + (blocksAhead + 1) * Int128(length)
        }
        ranges.append(lower..<detections.count)
        return ranges
    }

    /// The mean position of `detections`.
    static func meanPosition(_ detections: ArraySlice<AlignmentDetection>) -> Double {
        guard let first = detections.first else { return 0 }
        // Relative to the first, so large time stamps lose no precision.
        let sum = detections.reduce(0.0) { $0 + Double(Int128($1.position) - Int128(first.position)) }
        return Double(first.position) + sum / Double(detections.count)
    }

    static func checkSorted(_ detections: [AlignmentDetection], stream: String) throws(AnalysisError) {
        for index in detections.indices.dropFirst() where detections[index].position < detections[index - 1].position {
            throw .unsortedTags(stream: stream, index: index, previousPicoseconds: detections[index - 1].position,
                                timestampPicoseconds: detections[index].position)
        }
    }
}
