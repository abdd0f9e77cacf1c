public import Analysis
public import KeyDistillation
public import Physics

/// Bob's side of cycle alignment on a node (docs/link-node.md): the start-up search over Alice's
/// disclosed start window, then per block the mapping from Alice's disclosed tracking cycles all
/// along it, which names Alice's cycle for each of his detections.
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
    /// block can reach, placed on Alice's cycle indices by the mapping that Alice's disclosed
    /// tracking-cycle detections give all along the block (gate mode: the whole-cycle steps of the
    /// offset placed from the pairs around them), keeping those that land on Alice's key cycles.
    /// Requires ``alignStart(disclosed:ownDetections:)`` first.
    public mutating func keyDetections(ofBlock blockID: UInt64, disclosed: [LinkDetection],
                                       ownDetections: (Range<Int64>) -> [LinkDetection]) throws(LinkNodeError) -> BlockAlignment {
        guard let latest else { throw .alignment("block \(blockID): no start-up alignment yet") }
        let cycles = layout.cycles(ofBlock: blockID)
        let predicted = latest.nearestBobPosition(forAlice: cycles.lowerBound) - cycles.lowerBound
        let uncertainty = min(searchCycles, 8 + Int64((3 * (latest.standardError(forAlice: cycles.lowerBound) ?? Double(searchCycles))).rounded(.up)))
        let driftReach = Int64((Double(cycles.count) * Self.largestRelativeDrift).rounded(.up)) + 8
        let bobCycles = (cycles.lowerBound + predicted - uncertainty - driftReach)..<(cycles.upperBound + predicted + uncertainty + driftReach)
        let own = ownDetections(bobCycles)
        // Each alignment block spans the cycles over which the measured drift moves the offset by
        // one cycle (20 000 … 200 000): the two-bin peak still holds it; much longer, and the first
        // block's peak smears over neighbouring offsets and no longer stands out. The search spans only the prediction's
        // ±u bins, so z ≥ 4 leaves a false peak below 10⁻³ (Gaussian tail 3·10⁻⁵ per bin over
        // ≤ 2u + 1 bins, u ≤ 30 after the start-up alignment).
        let drift = max(abs(latest.driftPartsPerMillion) * 1e-6, 2.5e-6)
        let blockLength = min(Int64(cycles.count), max(20_000, min(200_000, Int64(1 / drift))))
        let settings = CycleAlignmentSettings(searchRange: (predicted - uncertainty)...(predicted + uncertainty), blockLength: blockLength,
                                              trackingHalfWidth: Int64((Double(blockLength) * Self.largestRelativeDrift).rounded(.up)) + 4,
                                              minimumSignificance: 4, evidence: .disclosedOutcomes)
        let mapping = try Self.align(disclosed, own, settings, what: "block \(blockID)'s tracking cycles")
        self.latest = mapping

        var detections: [KeyDetection] = []
        detections.reserveCapacity(own.count)
        var last = Int64.min
        for detection in own {
            // Alice's cycle whose photon the mapping puts in Bob's cycle c: near c − offset, checked exactly.
            let guess = detection.cycle - Int64((mapping.bobPosition(forAlice: detection.cycle - predicted) - Double(detection.cycle - predicted)).rounded())
            guard let alice = (guess - 2...guess + 2).first(where: { mapping.nearestBobPosition(forAlice: $0) == detection.cycle }),
                  cycles.contains(alice), !layout.isTrackingCycle(alice), alice > last else { continue }
            last = alice
            detections.append(KeyDetection(detection, aliceCycle: alice))
        }
        return BlockAlignment(detections: detections,
                              offsetAtStart: mapping.bobPosition(forAlice: cycles.lowerBound) - Double(cycles.lowerBound),
                              offsetAtEnd: mapping.bobPosition(forAlice: cycles.upperBound - 1) - Double(cycles.upperBound - 1),
                              driftPartsPerMillion: mapping.driftPartsPerMillion, stepsPlaced: mapping.staircase?.stepCycles.count ?? 0)
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
    /// Whole-cycle steps of the offset placed inside the block from the pairs.
    public var stepsPlaced: Int
}
