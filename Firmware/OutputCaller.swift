import HAL

/// Writes to an output request whose concrete type it knows, for ``UnretainedRequests``; the base
/// class is never instantiated on its own.
///
/// A failed write leaves its error in `failure` and returns false: the unretained call's closure
/// cannot throw a typed error, and handing a 64-byte optional error back through it on every
/// write cost more than the write's own bookkeeping. Only the cycle loop's thread calls it.
class OutputCaller {
    /// The error of the last write that failed.
    var failure: HardwareError?

    /// Forwards a bulk write to `request`; false when it failed (the error is in `failure`).
    func set(_ request: Unmanaged<AnyObject>, _ values: LineBits, mask: LineBits) -> Bool { false }
}

/// The ``OutputCaller`` of requests of type `Line`.
final class TypedOutputCaller<Line: OutputLine>: OutputCaller {
    override func set(_ request: Unmanaged<AnyObject>, _ values: LineBits, mask: LineBits) -> Bool {
        // `request` was made from a `Line` (see `UnretainedRequests.init(outputs:)`), so the downcast holds.
        request._withUnsafeGuaranteedRef { object in
            do throws(HardwareError) {
                try unsafeDowncast(object, to: Line.self).set(values, mask: mask)
                return true
            } catch {
                failure = error
                return false
            }
        }
    }
}

extension UnretainedRequests where Caller == OutputCaller {
    /// A table of output `requests`; request `i` is written with `set(request: i, …)`.
    convenience init(outputs requests: [any OutputLine]) {
        func caller<Line: OutputLine>(of request: Line) -> OutputCaller { TypedOutputCaller<Line>() }
        self.init(requests.map { ($0 as AnyObject, caller(of: $0)) })
    }

    /// Drives the lines of request `index` selected by `mask` to `values` (one bulk write).
    @inline(__always)
    func set(request index: Int, _ values: LineBits, mask: LineBits) throws(HardwareError) {
        let entry = entries[index]
        guard entry.caller._withUnsafeGuaranteedRef({ $0.set(entry.request, values, mask: mask) }) else {
            throw entry.caller._withUnsafeGuaranteedRef { $0.failure } ?? HardwareError(.ioFailure, operation: "set", detail: "failed without saying why")
        }
    }
}
