/// Where a test stops a role as if its process were killed: before or after the store's writes of
/// the commit, before the message that follows them leaves. Internal: only the crash tests set it.
enum CommitHaltPoint: Hashable, Sendable {
    /// Before the node writes the block's pending file.
    case beforePendingDeposit
    /// After the pending file is written, before anything else (no message sent).
    case afterPendingDeposit
    /// Alice: the acknowledgement is in, the commit not made. Bob: committed, acknowledgement not sent.
    case aroundCommit
}
