public import Vocabulary

/// Which tagger input each detector is wired to, and each cable's delay: how a time tagger's
/// photons become the four detectors' clicks.
public struct TagChannelMap: Sendable, Hashable {
    /// The tagger input (numbered from 1, as PicoQuant's software numbers them) of each detector.
    public var inputs: PerChannel<UInt8>
    /// Each detector's extra delay on its way to the tagger (cable, detector electronics), in
    /// picoseconds: subtracted from its clicks' times before they are matched, so that a pair's
    /// photons that left the source together are compared as such.
    public var delaysPicoseconds: PerChannel<Int64>

    /// A map; by default A+, A−, B+, B− on inputs 1–4 with no delays.
    public init(inputs: PerChannel<UInt8> = PerChannel(1, 2, 3, 4), delaysPicoseconds: PerChannel<Int64> = .zero) {
        self.inputs = inputs
        self.delaysPicoseconds = delaysPicoseconds
    }

    /// The detector on tagger input `input`, or nil when none is.
    @inlinable
    public func detector(onInput input: UInt8) -> DetectorChannel? {
        DetectorChannel.allCases.first { inputs[$0] == input }
    }

    /// Why the map cannot be used: two detectors on one input, an input 0.
    public var problems: [String] {
        var found: [String] = []
        for channel in DetectorChannel.allCases {
            if inputs[channel] == 0 { found.append("\(channel.label): tagger inputs are numbered from 1") }
            if let other = DetectorChannel.allCases.first(where: { $0.rawValue < channel.rawValue && inputs[$0] == inputs[channel] }) {
                found.append("\(other.label) and \(channel.label) are both on tagger input \(inputs[channel])")
            }
        }
        return found
    }
}
