/// HAL requests (output lines, edge inputs) as the cycle loop calls them: without retaining and
/// releasing the request around every call.
///
/// A call through an `any OutputLine` or `any EdgeInput` loaded from an array makes Swift copy —
/// retain — the existential for the duration of the call, because it cannot prove the array
/// keeps the object alive meanwhile: two atomic operations per line write and per edge read,
/// six or seven a cycle, about a sixth of a simulated BBM92 cycle. Here each request is held
/// strongly, in `owners`, for as long as the table lives, and as an unretained reference in
/// `entries` next to an unretained `Caller` that knows the request's concrete type (see
/// ``OutputCaller`` and ``EdgeInputCaller``). A call reads an entry (two plain pointers) and goes
/// through `Unmanaged._withUnsafeGuaranteedRef`, which is sound because `owners` keeps both
/// objects alive while the table exists, and the table outlives every call made through it.
final class UnretainedRequests<Caller: AnyObject> {
    /// One request as the hot path sees it: the object and its caller, neither retained.
    struct Entry {
        let request: Unmanaged<AnyObject>
        let caller: Unmanaged<Caller>
    }

    /// The strong references that keep every entry valid.
    private let owners: [(request: AnyObject, caller: Caller)]
    /// The unretained view of `owners`, in the order the requests were given.
    let entries: [Entry]

    /// A table of `requests`, each with the caller that knows its type; request `i` is entry `i`.
    init(_ requests: [(request: AnyObject, caller: Caller)]) {
        owners = requests
        entries = requests.map { Entry(request: .passUnretained($0.request), caller: .passUnretained($0.caller)) }
    }

    /// The number of requests.
    var count: Int { entries.count }
}
