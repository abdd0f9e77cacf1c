public import Vocabulary
/// One detector click as a time tagger (or the firmware) reports it.
public struct TimeTag: Sendable, Hashable {
    /// The detector channel (0 ..< channel count; a station's four are `DetectorChannel`'s raw values).
    public var channel: Int
    /// When the click happened, in picoseconds on the tagger's (or board's) timebase.
    public var timestampPicoseconds: Int64
    /// The trigger cycle the click belongs to, when the firmware knows it.
    public var cycle: Int64?

    /// A time tag.
    @inlinable
    public init(channel: Int, timestampPicoseconds: Int64, cycle: Int64? = nil) {
        self.channel = channel
        self.timestampPicoseconds = timestampPicoseconds
        self.cycle = cycle
    }

    /// A time tag on one of the station's four detectors.
    @inlinable
    public init(_ channel: DetectorChannel, timestampPicoseconds: Int64, cycle: Int64? = nil) {
        self.init(channel: channel.rawValue, timestampPicoseconds: timestampPicoseconds, cycle: cycle)
    }

    /// Splits a time-ordered stream of tags of all channels into one timestamp list per channel.
    /// Throws when the stream goes backwards in time or names a channel outside 0 ..< `channelCount`.
    public static func timestampsByChannel(_ tags: [TimeTag], channelCount: Int) throws(AnalysisError) -> [[Int64]] {
        guard channelCount > 0 else {
            throw .invalidParameter(name: "channelCount", value: "\(channelCount)", expected: "> 0")
        }
        var result = [[Int64]](repeating: [], count: channelCount)
        var previous = Int64.min
        for (index, tag) in tags.enumerated() {
            guard tag.channel >= 0, tag.channel < channelCount else {
                throw .invalidParameter(name: "channel of tag \(index)", value: "\(tag.channel)", expected: "0 ..< \(channelCount)")
            }
            guard tag.timestampPicoseconds >= previous else {
                throw .unsortedTags(stream: "merged stream", index: index, previousPicoseconds: previous,
                                    timestampPicoseconds: tag.timestampPicoseconds)
            }
            previous = tag.timestampPicoseconds
            result[tag.channel].append(tag.timestampPicoseconds)
        }
        return result
    }

    /// The trigger cycle of a timestamp for a pulsed source: ⌊(t − t₀)/T⌋, with t₀ the first
    /// trigger and T the trigger period (> 0).
    public static func cycleIndex(timestampPicoseconds: Int64, firstTriggerPicoseconds: Int64,
                                  triggerPeriodPicoseconds: Int64) throws(AnalysisError) -> Int64 {
        guard triggerPeriodPicoseconds > 0 else {
            throw .invalidParameter(name: "trigger period (ps)", value: "\(triggerPeriodPicoseconds)", expected: "> 0")
        }
        let offset = timestampPicoseconds - firstTriggerPicoseconds
        let quotient = offset / triggerPeriodPicoseconds
        return offset % triggerPeriodPicoseconds < 0 ? quotient - 1 : quotient
    }
}
