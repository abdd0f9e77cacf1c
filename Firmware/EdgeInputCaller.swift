import HAL

/// Reads one edge-input request, for ``UnretainedRequests``; the base class is never
/// instantiated on its own (see ``TypedEdgeInputCaller``). A failed read leaves its error in
/// `failure` (see ``OutputCaller``). Only the cycle loop's thread calls it.
class EdgeInputCaller {
    /// The error of the last read that failed.
    var failure: HardwareError?

    /// Moves waiting edges into `buffer`: the number read, or -1 when the read failed (the error
    /// is in `failure`).
    func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) -> Int { -1 }

    /// The request's `lostEdgeCount`.
    var lostEdgeCount: Int { 0 }
}

/// The ``EdgeInputCaller`` of a request of type `Input`, held in a constant so calls need no retain.
final class TypedEdgeInputCaller<Input: EdgeInput>: EdgeInputCaller {
    let request: Input

    init(_ request: Input) { self.request = request }

    override func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) -> Int {
        do throws(HardwareError) {
            return try request.readEdges(into: buffer)
        } catch {
            failure = error
            return -1
        }
    }

    override var lostEdgeCount: Int { request.lostEdgeCount }
}

extension UnretainedRequests where Caller == EdgeInputCaller {
    /// A table of edge-input `requests`; request `i` is read with `readEdges(request: i, …)`.
    convenience init(inputs requests: [any EdgeInput]) {
        func caller<Input: EdgeInput>(of request: Input) -> EdgeInputCaller { TypedEdgeInputCaller(request) }
        self.init(requests.map { caller(of: $0) })
    }

    /// Moves the waiting edges of request `index` into `buffer`, as `EdgeInput.readEdges(into:)`.
    @inline(__always)
    func readEdges(request index: Int, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        let caller = entries[index]
        let count = caller._withUnsafeGuaranteedRef { $0.readEdges(into: buffer) }
        guard count >= 0 else {
            throw caller._withUnsafeGuaranteedRef { $0.failure }
                ?? HardwareError(.ioFailure, operation: "read edges", detail: "failed without saying why")
        }
        return count
    }

    /// The edges request `index` has lost so far, as `EdgeInput.lostEdgeCount`.
    @inline(__always)
    func lostEdgeCount(request index: Int) -> Int {
        entries[index]._withUnsafeGuaranteedRef { $0.lostEdgeCount }
    }
}
