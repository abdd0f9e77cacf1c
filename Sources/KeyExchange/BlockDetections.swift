import LinkProtocol
import KeyStore
import KeyDistillation

/// A node's own detections for a block: in strictly increasing index order, all inside the block's range.
enum BlockDetections {
    static func check(_ detections: [KeyDetection], in range: Range<UInt64>) throws(KeyDistillationError) {
        guard !range.isEmpty else {
            throw .invalidParameter(name: "detectionRange", value: "\(range.lowerBound) ..< \(range.upperBound)", expected: "a non-empty range")
        }
        guard detections.count <= BasisAnnouncement.maximumDetections else {
            throw .invalidParameter(name: "detections in one block", value: "\(detections.count)", expected: "≤ \(BasisAnnouncement.maximumDetections)")
        }
        for (position, detection) in detections.enumerated() {
            guard range.contains(detection.index) else {
                throw .invalidParameter(name: "detection \(position) index", value: "\(detection.index)",
                                        expected: "inside the block's range \(range.lowerBound) ..< \(range.upperBound)")
            }
            if position > 0, detection.index <= detections[position - 1].index {
                throw .invalidParameter(name: "detection \(position) index", value: "\(detection.index) after \(detections[position - 1].index)",
                                        expected: "strictly increasing detection indices")
            }
        }
    }
}

/// The commit's last in-memory step, the same on both nodes: the set-aside bits into both
/// directions' pools (first half Alice → Bob, ``LinkProtocol/LinkSession/replenish(bits:)``).
enum BlockCommit {
    static func replenish(_ session: inout LinkSession, with setAside: KeyMaterial) throws(KeyExchangeError) {
        guard setAside.bitCount > 0 else { return }
        let bytes = setAside.withUnsafeKeyBytes { $0 }
        do { try session.replenish(bits: bytes) } catch { throw .authentication(error) }
    }
}
