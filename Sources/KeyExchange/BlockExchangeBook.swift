import KeyDistillation
import KeyStore
import LinkProtocol

/// What both roles keep the same way: the block's header on every message, the frame counts, the
/// report, and the endings (an abort message out, the outcome in the report).
struct BlockExchangeBook {
    var report: KeyBlockExchangeReport
    var header: KeyBlockHeader { report.header }

    /// A block message of `type` with the header before `body`, counted as sent.
    mutating func message(_ type: LinkMessageType, _ body: [UInt8]) -> OutgoingLinkMessage {
        report.framesSent += 1
        return OutgoingLinkMessage(type, payload: header.framing(body))
    }

    /// Ends the block here with `reason`: the outcome, and the abort for the peer.
    mutating func abort(_ reason: LinkAbortReason, _ detail: String) -> [OutgoingLinkMessage] {
        report.outcome = .aborted(reason: reason, detail: detail, byPeer: false)
        report.framesSent += 1
        return [OutgoingLinkMessage(.abort, payload: LinkAbort(reason: reason, detail: "\(header): \(detail)").payload)]
    }

    /// The body of a block message expected as `expected` in step `step`; throws when the type is
    /// another or the header names another block or range.
    func body(of message: LinkMessage, expected: LinkMessageType, step: String) throws(KeyExchangeViolation) -> [UInt8] {
        guard message.messageType == expected else {
            throw KeyExchangeViolation("\(step): expected \(expected) (0x\(String(expected.rawValue, radix: 16))), got \(message.messageType) (0x\(String(message.messageType.rawValue, radix: 16)))")
        }
        let (found, body) = try KeyBlockHeader.split(message.payload, message: "\(expected)")
        guard found == header else { throw KeyExchangeViolation("\(step): \(expected) for \(found), this is \(header)") }
        return body
    }

    /// Refuses announced indices outside the block's detection range.
    func checkInRange(_ announcement: BasisAnnouncement) throws(KeyExchangeViolation) {
        if let first = announcement.indices.first, let last = announcement.indices.last,
           first < header.detectionRange.lowerBound || last >= header.detectionRange.upperBound {
            throw KeyExchangeViolation("sifting bases: indices \(first) … \(last) outside \(header)")
        }
    }
}
