import HAL

/// Writes to one output request, for ``UnretainedRequests``; the base class is never
/// instantiated on its own (see ``TypedOutputCaller``).
///
/// A failed write leaves its error in `failure` and returns false: the unretained call's closure
/// cannot throw a typed error, and handing a 64-byte optional error back through it on every
/// write cost more than the write's own bookkeeping. Only the cycle loop's thread calls it.
class OutputCaller {
    /// The error of the last write that failed.
    var failure: HardwareError?

    /// Writes the request's lines selected by `mask` to `values`; false when it failed (the error
    /// is in `failure`).
    func set(_ values: LineBits, mask: LineBits) -> Bool { false }
}

/// The ``OutputCaller`` of a request of type `Line`, held in a constant so calls need no retain.
final class TypedOutputCaller<Line: OutputLine>: OutputCaller {
    let request: Line

    init(_ request: Line) { self.request = request }

    override func set(_ values: LineBits, mask: LineBits) -> Bool {
        do throws(HardwareError) {
            try request.set(values, mask: mask)
            return true
        } catch {
            failure = error
            return false
        }
    }
}

extension UnretainedRequests where Caller == OutputCaller {
    /// A table of output `requests`; request `i` is written with `set(request: i, …)`.
    convenience init(outputs requests: [any OutputLine]) {
        func caller<Line: OutputLine>(of request: Line) -> OutputCaller { TypedOutputCaller(request) }
        self.init(requests.map { caller(of: $0) })
    }

    /// Drives the lines of request `index` selected by `mask` to `values` (one bulk write).
    @inline(__always)
    func set(request index: Int, _ values: LineBits, mask: LineBits) throws(HardwareError) {
        let caller = entries[index]
        guard caller._withUnsafeGuaranteedRef({ $0.set(values, mask: mask) }) else {
            throw caller._withUnsafeGuaranteedRef { $0.failure }
                ?? HardwareError(.ioFailure, operation: "set", detail: "failed without saying why")
        }
    }
}
