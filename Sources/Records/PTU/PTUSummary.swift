/// What a T2 file holds, counted in one pass over its events: photons per input channel,
/// syncs, markers, overflow and ignored records, the time span, and the sync rate measured
/// against the one the header declares. What `qdot tags show` prints.
public struct PTUSummary: Equatable, Sendable {
    /// Photons per input channel: `photonsPerChannel[c]` for channel c (one slot per UInt8
    /// value; decoded channels run from 1 to 64).
    public var photonsPerChannel = [Int](repeating: 0, count: 256)
    /// Sync events.
    public var syncs = 0
    /// Marker events.
    public var markers = 0
    /// Records read (every kind, overflows included).
    public var records = 0
    /// Overflow records, and the overflow periods they stand for.
    public var overflowRecords = 0
    /// Overflow periods (HydraHarp V2 and later count several in one record).
    public var overflowPeriods: Int64 = 0
    /// Records the format defines no meaning for (skipped).
    public var ignoredRecords = 0
    /// The earliest and latest event times, in picoseconds (nil: no events).
    public var earliestEventPicoseconds: Int64?
    /// The latest event time, in picoseconds.
    public var latestEventPicoseconds: Int64?
    /// The first and last sync times, in picoseconds (nil: no syncs).
    public var firstSyncPicoseconds: Int64?
    /// The last sync time, in picoseconds.
    public var lastSyncPicoseconds: Int64?

    /// An empty summary.
    public init() {}

    /// Counts every event of `reader` from where it stands to the end (a fresh reader: the whole
    /// file); the record, overflow and ignored counts are the reader's decoder's totals.
    public init(reading reader: PTUReader) throws(PTUError) {
        var batch = [PTUEvent](repeating: .sync(timePicoseconds: 0), count: 65_536)
        while case let count = try reader.read(into: &batch), count > 0 {
            add(batch[0..<count])
        }
        records = reader.decoder.recordsDecoded
        overflowRecords = reader.decoder.overflowRecords
        overflowPeriods = reader.decoder.overflowPeriods
        ignoredRecords = reader.decoder.ignoredRecords
    }

    /// Counts `events` (the record and overflow counts come from the decoder, not from events).
    public mutating func add(_ events: ArraySlice<PTUEvent>) {
        for event in events {
            switch event.kind {
            case .photon: photonsPerChannel[Int(event.channel)] += 1
            case .sync:
                if firstSyncPicoseconds == nil { firstSyncPicoseconds = event.timePicoseconds }
                lastSyncPicoseconds = event.timePicoseconds
                syncs += 1
            case .marker: markers += 1
            }
            earliestEventPicoseconds = min(earliestEventPicoseconds ?? event.timePicoseconds, event.timePicoseconds)
            latestEventPicoseconds = max(latestEventPicoseconds ?? event.timePicoseconds, event.timePicoseconds)
        }
    }

    /// Photon counts of the channels that have any, in channel order.
    public var channelsWithPhotons: [(channel: Int, photons: Int)] {
        photonsPerChannel.indices.filter { photonsPerChannel[$0] > 0 }.map { ($0, photonsPerChannel[$0]) }
    }

    /// All photons.
    public var photons: Int { photonsPerChannel.reduce(0, +) }

    /// The time from the earliest to the latest event, in picoseconds (0 with fewer than two).
    public var spanPicoseconds: Int64 {
        guard let earliest = earliestEventPicoseconds, let latest = latestEventPicoseconds else { return 0 }
        let (span, overflow) = latest.subtractingReportingOverflow(earliest)
        return overflow ? .max : span   // decoded times are never negative, so this does not happen
    }

    /// Syncs per second between the first and the last sync: (syncs − 1) / (last − first);
    /// nil with fewer than two syncs or none apart.
    public var measuredSyncRatePerSecond: Double? {
        guard syncs >= 2, let first = firstSyncPicoseconds, let last = lastSyncPicoseconds, last > first else { return nil }
        return Double(syncs - 1) / (Double(last - first) * 1e-12)
    }
}
