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
