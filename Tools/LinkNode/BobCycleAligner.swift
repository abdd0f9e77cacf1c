public import Analysis
public import KeyDistillation
public import Physics

/// Bob's side of cycle alignment on a node (docs/link-node.md): the start-up search over Alice's
/// disclosed start window, then per block the offsets in the block's own tracking window and the
/// next block's, and the line through them that names Alice's cycle for each of his detections.
public struct BobCycleAligner: Sendable {
    /// The largest clock drift between the nodes the tracking allows for: 200 ppm (two crystal
    /// oscillators of ±100 ppm).
    public static let largestRelativeDrift = 2e-4
    let layout: LinkBlockLayout
    let searchCycles: Int64
    /// The latest window's mapping: where the next search is centred.
    public private(set) var latest: CycleMapping?

    /// An aligner for `layout` searching ±`searchCycles` at start-up.
    public init(layout: LinkBlockLayout, searchCycles: Int64) {
        self.layout = layout
        self.searchCycles = searchCycles
    }

    /// The start-up alignment: Alice's disclosed start window against Bob's own detections (from
    /// `ownDetections`, asked for Bob's cycles around it). Throws when no peak stands out.
    public mutating func alignStart(disclosed: [LinkDetection],
                                    ownDetections: (Range<Int64>) -> [LinkDetection]) throws(LinkNodeError) -> CycleMapping {
        let window = layout.startWindow
        let own = ownDetections((window.start - searchCycles)..<(window.start + window.length + searchCycles))
        let blockLength = max(1_000, window.length / 10)
        let settings = CycleAlignmentSettings(searchRange: -searchCycles...searchCycles, blockLength: blockLength,
                                              trackingHalfWidth: Int64((Double(blockLength) * Self.largestRelativeDrift).rounded(.up)) + 8,
                                              evidence: .disclosedOutcomes)
        let mapping = try Self.align(disclosed, own, settings, what: "the start-up window \(window.start) ..< \(window.start + window.length)")
        latest = mapping
        return mapping
    }

    /// Block `blockID`'s key detections: Bob's detections from `ownDetections` over the cycles the
    /// block can reach, placed on Alice's cycle indices by the line through the offsets found in
    /// the two disclosed windows (this block's tracking window and the next one's). Requires
    /// ``alignStart(disclosed:ownDetections:)`` first.
    public mutating func keyDetections(ofBlock blockID: UInt64, disclosedHere: [LinkDetection], disclosedNext: [LinkDetection],
                                       ownDetections: (Range<Int64>) -> [LinkDetection]) throws(LinkNodeError) -> BlockAlignment {
        guard let latest else { throw .alignment("block \(blockID): no start-up alignment yet") }
        let here = layout.trackingWindow(ofBlock: blockID), next = layout.trackingWindow(ofBlock: blockID + 1)
        let predicted = latest.nearestBobPosition(forAlice: here.start) - here.start
        let uncertainty = min(searchCycles, 8 + Int64((3 * (latest.standardError(forAlice: here.start) ?? Double(searchCycles))).rounded(.up)))
        let span = next.start + next.length - here.start
        let driftReach = Int64((Double(span) * Self.largestRelativeDrift).rounded(.up)) + 8
        let bobCycles = (here.start + predicted - uncertainty - driftReach)..<(next.start + next.length + predicted + uncertainty + driftReach)
        let own = ownDetections(bobCycles)

        func settings(around offset: Int64, halfWidth: Int64, length: Int64) -> CycleAlignmentSettings {
            CycleAlignmentSettings(searchRange: (offset - halfWidth)...(offset + halfWidth), blockLength: length,
                                   trackingHalfWidth: 8, evidence: .disclosedOutcomes)
        }
        let first = try Self.align(disclosedHere, own, settings(around: predicted, halfWidth: uncertainty, length: here.length),
                                   what: "block \(blockID)'s tracking window")
        let firstCentre = here.start + here.length / 2
        let nextPredicted = first.nearestBobPosition(forAlice: next.start) - next.start
        let second = try Self.align(disclosedNext, own, settings(around: nextPredicted, halfWidth: driftReach, length: next.length),
                                    what: "block \(blockID + 1)'s tracking window")
        let secondCentre = next.start + next.length / 2
        self.latest = second

        // The line through (x₁, y₁) and (x₂, y₂); Alice's cycle for Bob's c is x₁ + (c − y₁)(x₂ − x₁)/(y₂ − y₁).
        let x1 = Double(firstCentre), y1 = first.bobPosition(forAlice: firstCentre)
        let x2 = Double(secondCentre), y2 = second.bobPosition(forAlice: secondCentre)
        let slope = (x2 - x1) / (y2 - y1)
        let keyRange = layout.keyRange(ofBlock: blockID)
        var detections: [KeyDetection] = []
        detections.reserveCapacity(own.count)
        var last = Int64.min
        for detection in own {
            let alice = Int64((x1 + (Double(detection.cycle) - y1) * slope).rounded())
            guard keyRange.contains(alice), alice > last else { continue }
            last = alice
            detections.append(KeyDetection(index: UInt64(alice), basis: detection.analyzer == .diagonalAntidiagonal ? .diagonal : .rectilinear,
                                           bit: detection.output == .minus))
        }
        return BlockAlignment(detections: detections, offsetAtStart: y1 - x1, offsetAtEnd: y2 - x2,
                              driftPartsPerMillion: ((y2 - y1) / (x2 - x1) - 1) * 1e6)
    }

    static func align(_ alice: [LinkDetection], _ bob: [LinkDetection], _ settings: CycleAlignmentSettings,
                      what: String) throws(LinkNodeError) -> CycleMapping {
        func evidence(_ detections: [LinkDetection]) -> [AlignmentDetection] {
            detections.map { AlignmentDetection(position: $0.cycle, disclosedBasis: $0.analyzer, disclosedOutput: $0.output) }
        }
        let result: CycleAlignmentResult
        do { result = try CycleAlignment.align(alice: evidence(alice), bob: evidence(bob), settings: settings) } catch {
            throw .alignment("\(what): \(error)")
        }
        guard let mapping = result.mapping else { throw .alignment("\(what): \(result)") }
        return mapping
    }
}

/// One block's placement at Bob: his key detections on Alice's indices and the line used.
public struct BlockAlignment: Sendable {
    /// Bob's key detections, indexed by Alice's cycles, strictly increasing.
    public var detections: [KeyDetection]
    /// Bob's cycle minus Alice's at the block's tracking window and at the next one.
    public var offsetAtStart: Double, offsetAtEnd: Double
    /// The relative clock drift over the block, ppm.
    public var driftPartsPerMillion: Double
}
