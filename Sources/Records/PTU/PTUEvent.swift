/// One decoded T2 event: a photon on an input channel, a sync (the board's trigger on the
/// tagger's sync input), or an external marker, with its time in picoseconds since the start
/// of the measurement.
///
/// Overflow records are not events: the decoder folds them into the times (and counts them).
/// Sixteen bytes in memory, so a batch of events is a flat array.
public struct PTUEvent: Equatable, Hashable, Sendable {
    /// Which kind of event.
    public enum Kind: UInt8, Sendable, CaseIterable {
        /// A detector click on an input channel.
        case photon = 0
        /// An edge on the sync input (qdot: the board's trigger, once per cycle).
        case sync = 1
        /// An external marker edge; its time is only as good as the markers' coarser resolution.
        case marker = 2
    }

    /// The time in picoseconds since the start of the measurement: (overflows × overflow period
    /// + time tag) × global resolution.
    public var timePicoseconds: Int64
    /// Which kind of event.
    public var kind: Kind
    /// A photon's input channel, numbered from 1 as PicoQuant's software numbers the inputs
    /// (the record's channel field plus one in the HydraHarp family); 0 for syncs and markers.
    public var channel: UInt8
    /// A marker's bits (1–15; several markers can share a record); 0 for photons and syncs.
    public var markerBits: UInt8

    /// An event from its fields.
    public init(timePicoseconds: Int64, kind: Kind, channel: UInt8 = 0, markerBits: UInt8 = 0) {
        self.timePicoseconds = timePicoseconds
        self.kind = kind
        self.channel = channel
        self.markerBits = markerBits
    }

    /// A photon on input `channel` (from 1).
    public static func photon(channel: UInt8, timePicoseconds: Int64) -> PTUEvent {
        PTUEvent(timePicoseconds: timePicoseconds, kind: .photon, channel: channel)
    }

    /// A sync.
    public static func sync(timePicoseconds: Int64) -> PTUEvent {
        PTUEvent(timePicoseconds: timePicoseconds, kind: .sync)
    }

    /// A marker with `bits` (1–15).
    public static func marker(bits: UInt8, timePicoseconds: Int64) -> PTUEvent {
        PTUEvent(timePicoseconds: timePicoseconds, kind: .marker, markerBits: bits)
    }
}

extension PTUEvent: CustomStringConvertible {
    /// `photon(ch 2, 1234 ps)`, `sync(0 ps)`, `marker(0b0101, 10 ps)`.
    public var description: String {
        switch kind {
        case .photon: "photon(ch \(channel), \(timePicoseconds) ps)"
        case .sync: "sync(\(timePicoseconds) ps)"
        case .marker: "marker(0b\(String(markerBits, radix: 2)), \(timePicoseconds) ps)"
        }
    }
}
