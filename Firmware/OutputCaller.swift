import HAL

/// Writes to an output request whose concrete type it knows, for ``UnretainedRequests``; the base
/// class is never instantiated on its own.
class OutputCaller {
    /// Forwards a bulk write to `request`, returning the error rather than throwing it (the
    /// unretained call's closure cannot throw a typed error).
    func set(_ request: Unmanaged<AnyObject>, _ values: LineBits, mask: LineBits) -> HardwareError? { nil }
}

/// The ``OutputCaller`` of requests of type `Line`.
final class TypedOutputCaller<Line: OutputLine>: OutputCaller {
    override func set(_ request: Unmanaged<AnyObject>, _ values: LineBits, mask: LineBits) -> HardwareError? {
        // `request` was made from a `Line` (see `UnretainedRequests.init(outputs:)`), so the downcast holds.
        request._withUnsafeGuaranteedRef { (object) -> HardwareError? in
            do throws(HardwareError) {
                try unsafeDowncast(object, to: Line.self).set(values, mask: mask)
                return nil
            } catch {
                return error
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
        if let error = entry.caller._withUnsafeGuaranteedRef({ $0.set(entry.request, values, mask: mask) }) {
            throw error
        }
    }
}
