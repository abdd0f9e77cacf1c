import HAL

/// Reads an edge-input request whose concrete type it knows, for ``UnretainedRequests``; the base
/// class is never instantiated on its own.
class EdgeInputCaller {
    /// Forwards `readEdges(into:)` to `request`: the number of edges read, or the error.
    func readEdges(_ request: Unmanaged<AnyObject>, into buffer: UnsafeMutableBufferPointer<EdgeEvent>)
        -> Result<Int, HardwareError> { .success(0) }

    /// Forwards `lostEdgeCount` to `request`.
    func lostEdgeCount(_ request: Unmanaged<AnyObject>) -> Int { 0 }
}

/// The ``EdgeInputCaller`` of requests of type `Input`.
final class TypedEdgeInputCaller<Input: EdgeInput>: EdgeInputCaller {
    // `request` was made from an `Input` (see `UnretainedRequests.init(inputs:)`), so the downcasts hold.
    override func readEdges(_ request: Unmanaged<AnyObject>, into buffer: UnsafeMutableBufferPointer<EdgeEvent>)
        -> Result<Int, HardwareError> {
        request._withUnsafeGuaranteedRef { (object) -> Result<Int, HardwareError> in
            do throws(HardwareError) {
                return .success(try unsafeDowncast(object, to: Input.self).readEdges(into: buffer))
            } catch {
                return .failure(error)
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
        return try entry.caller._withUnsafeGuaranteedRef { $0.readEdges(entry.request, into: buffer) }.get()
    }

    /// The edges request `index` has lost so far, as `EdgeInput.lostEdgeCount`.
    @inline(__always)
    func lostEdgeCount(request index: Int) -> Int {
        let entry = entries[index]
        return entry.caller._withUnsafeGuaranteedRef { $0.lostEdgeCount(entry.request) }
    }
}
