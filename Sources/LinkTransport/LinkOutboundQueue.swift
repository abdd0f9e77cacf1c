internal import LinkProtocol

/// The node's outgoing messages until the peer acknowledges them: unsent ones at the back, sent
/// ones (with the sequence number of their latest sealing) a prefix at the front. Bounded in
/// messages and payload bytes.
struct LinkOutboundQueue {
    struct Entry {
        let messageType: LinkMessageType
        let payload: [UInt8]
        /// The sequence number it was last sealed under; nil while unsent on this connection.
        var sequenceNumber: UInt64?
    }

    let capacityMessages: Int
    let capacityBytes: Int
    private(set) var entries: [Entry] = []
    private(set) var payloadBytes = 0

    init(capacityMessages: Int, capacityBytes: Int) {
        self.capacityMessages = capacityMessages
        self.capacityBytes = capacityBytes
    }

    /// Whether a payload of `bytes` fits (any one message fits an empty queue).
    func hasRoom(forPayloadBytes bytes: Int) -> Bool {
        entries.isEmpty || (entries.count < capacityMessages && payloadBytes + bytes <= capacityBytes)
    }

    mutating func append(_ messageType: LinkMessageType, payload: [UInt8]) {
        entries.append(Entry(messageType: messageType, payload: payload, sequenceNumber: nil))
        payloadBytes += payload.count
    }

    /// Drops the sent messages the peer acknowledged (sequence number below `nextExpected`).
    mutating func dropAcknowledged(below nextExpected: UInt64) {
        var count = 0
        while count < entries.count, let sequenceNumber = entries[count].sequenceNumber, sequenceNumber < nextExpected {
            payloadBytes -= entries[count].payload.count
            count += 1
        }
        entries.removeFirst(count)
    }

    /// After a reconnect: every message left is to be sealed again (fresh pads, fresh numbers).
    mutating func markAllUnsent() {
        for index in entries.indices { entries[index].sequenceNumber = nil }
    }

    /// The index of the first unsent message.
    var firstUnsentIndex: Int { entries.firstIndex { $0.sequenceNumber == nil } ?? entries.count }

    mutating func markSent(at index: Int, sequenceNumber: UInt64) { entries[index].sequenceNumber = sequenceNumber }
}
