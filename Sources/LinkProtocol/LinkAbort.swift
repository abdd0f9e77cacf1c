/// The ``LinkMessageType/abort`` payload: the reason byte, then a UTF-8 detail for the log
/// (never key material).
public struct LinkAbort: Sendable, Equatable {
    /// Why the session ends.
    public let reason: LinkAbortReason
    /// What a person reading the log needs, e.g. "QBER 0.134 ± 0.004 above 0.11".
    public let detail: String

    /// An abort for `reason` with `detail`.
    public init(reason: LinkAbortReason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// The payload bytes.
    public var payload: [UInt8] { [reason.rawValue] + Array(detail.utf8) }

    /// Reads an abort payload: a known reason byte and valid UTF-8.
    public init(payload: some Collection<UInt8>) throws(LinkProtocolError) {
        let type = LinkMessageType.abort.rawValue
        guard let reasonByte = payload.first else { throw .malformedPayload(messageType: type, reason: "empty, expected a reason byte") }
        guard let reason = LinkAbortReason(rawValue: reasonByte) else {
            throw .malformedPayload(messageType: type, reason: "unknown abort reason \(reasonByte)")
        }
        guard let detail = String(validating: Array(payload.dropFirst()), as: UTF8.self) else {
            throw .malformedPayload(messageType: type, reason: "detail is not valid UTF-8")
        }
        self.reason = reason
        self.detail = detail
    }
}
