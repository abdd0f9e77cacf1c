/// HAL requests (output lines, edge inputs) as the cycle loop calls them: without retaining and
/// releasing anything around every call.
///
/// A call through an `any OutputLine` or `any EdgeInput` loaded from an array makes Swift copy —
/// retain — the existential for the duration of the call, because it cannot prove the array
/// keeps the object alive meanwhile: two atomic operations per line write and per edge read,
/// six or seven a cycle, about a sixth of a simulated BBM92 cycle. Here each request sits in a
/// `Caller` (``OutputCaller``, ``EdgeInputCaller``) that holds it in a constant of its concrete
/// type, which Swift calls without retaining; the table keeps every caller alive in `owners` and
/// hands out unretained references to them in `entries`, called through
/// `Unmanaged._withUnsafeGuaranteedRef`. That is sound because `owners` keeps the callers (and
/// their requests) alive while the table exists, and the table outlives every call made through it.
final class UnretainedRequests<Caller: AnyObject> {
    /// The strong references that keep every entry valid.
    private let owners: [Caller]
    /// The unretained view of `owners`, in the order the requests were given.
    let entries: [Unmanaged<Caller>]

    /// A table of `callers`; request `i` is entry `i`.
    init(_ callers: [Caller]) {
        owners = callers
        entries = callers.map { .passUnretained($0) }
    }

    /// The number of requests.
    var count: Int { entries.count }
}
