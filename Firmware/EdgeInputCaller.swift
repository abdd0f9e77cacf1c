import HAL

/// Reads an edge-input request whose concrete type it knows, for ``UnretainedRequests``; the base
/// class is never instantiated on its own. A failed read leaves its error in `failure` (see
/// ``OutputCaller``). Only the cycle loop's thread calls it.
class EdgeInputCaller {
    /// The error of the last read that failed.
    var failure: HardwareError?

    /// Forwards `readEdges(into:)` to `request`: the number of edges read, or -1 when the read
    /// failed (the error is in `failure`).
    func readEdges(_ request: Unmanaged<AnyObject>, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) -> Int { -1 }

    /// Forwards `lostEdgeCount` to `request`.
    func lostEdgeCount(_ request: Unmanaged<AnyObject>) -> Int { 0 }
}

/// The ``EdgeInputCaller`` of requests of type `Input`.
final class TypedEdgeInputCaller<Input: EdgeInput>: EdgeInputCaller {
    // `request` was made from an `Input` (see `UnretainedRequests.init(inputs:)`), so the downcasts hold.
    override func readEdges(_ request: Unmanaged<AnyObject>, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) -> Int {
        request._withUnsafeGuaranteedRef { object in
            do throws(HardwareError) {
                return try unsafeDowncast(object, to: Input.self).readEdges(into: buffer)
            } catch {
                failure = error
                return -1
            }
        }
    }

    override func lostEdgeCount(_ request: Unmanaged<AnyObject>) -> Int {
        request._withUnsafeGuaranteedRef { unsafeDowncast($0, to: Input.self).lostEdgeCount }
    }
}

extension UnretainedRequests where Caller == EdgeInputCaller {
    /// A table of edge-input `requests`; request `i` is read with `readEdges(request: i, …)`.
    convenience init(inputs requests: [any EdgeInput]) {
        func caller<Input: EdgeInput>(of request: Input) -> EdgeInputCaller { TypedEdgeInputCaller<Input>() }
        self.init(requests.map { ($0 as AnyObject, caller(of: $0)) })
    }

    /// Moves the waiting edges of request `index` into `buffer`, as `EdgeInput.readEdges(into:)`.
    @inline(__always)
    func readEdges(request index: Int, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        let entry = entries[index]
        let count = entry.caller._withUnsafeGuaranteedRef { $0.readEdges(entry.request, into: buffer) }
        guard count >= 0 else { throw entry.caller._withUnsafeGuaranteedRef { $0.failure } ?? HardwareError(.ioFailure, operation: "read edges", detail: "failed without saying why") }
        return count
    }

    /// The edges request `index` has lost so far, as `EdgeInput.lostEdgeCount`.
    @inline(__always)
    func lostEdgeCount(request index: Int) -> Int {
        let entry = entries[index]
        return entry.caller._withUnsafeGuaranteedRef { $0.lostEdgeCount(entry.request) }
    }
}
