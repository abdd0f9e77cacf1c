public import Records
public import Simulator
public import Vocabulary
import SeededRandom

/// Writes what a simulated time tagger sees as a PicoQuant PTU T2 file, as a HydraHarp 400
/// (1 ps bins) or a MultiHarp (any other bin) wired to the board would: the trigger on the sync
/// input, A+, A−, B+, B− on inputs 1–4 (or as `map` says).
public final class PTUTagRecorder: TimeTagSink {
    /// The file being written.
    public let writer: PTUWriter
    /// Which input each detector is on.
    public let map: TagChannelMap
    /// The first error writing the file, after which nothing more is written.
    public private(set) var failure: PTUError?

    /// A recorder writing `path` with bins of `resolutionPicoseconds`, a declared sync rate of
    /// `syncRatePerSecond` (the trigger's), `comment` in the header.
    public init(path: String, resolutionPicoseconds: Int64, syncRatePerSecond: Int64, map: TagChannelMap = TagChannelMap(),
                fileGUID: String? = nil, comment: String? = nil) throws(PTUError) {
        let settings = PTUWriterSettings(recordType: resolutionPicoseconds == 1 ? .hydraHarpV2T2 : .genericT2,
                                         globalResolutionPicoseconds: resolutionPicoseconds, syncRatePerSecond: syncRatePerSecond,
                                         inputChannelCount: max(4, Int(DetectorChannel.allCases.map { map.inputs[$0] }.max() ?? 4)),
                                         fileGUID: fileGUID, comment: comment)
        writer = try PTUWriter(path: path, settings: settings)
        self.map = map
    }

    /// A GUID that a seed reproduces (`{8-4-4-4-12}` hex digits, version-4 layout), for a
    /// simulated tagger's file: the same run gives the same file.
    public static func guid(seed: UInt64) -> String {
        var random = Xoshiro256StarStar(seed: seed ^ 0x5054_5547_5549_4400)   // "PTUGUID"
        let high = random.next() & 0xFFFF_FFFF_FFFF_0FFF | 0x4000, low = random.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        return "{\(hex(high >> 32, 8))-\(hex(high >> 16 & 0xFFFF, 4))-\(hex(high & 0xFFFF, 4))-\(hex(low >> 48, 4))-\(hex(low & 0xFFFF_FFFF_FFFF, 12))}"
    }

    public func sync(atPicoseconds timePicoseconds: Int64) {
        guard failure == nil else { return }
        do { try writer.writeSync(timePicoseconds: timePicoseconds) } catch { failure = error }
    }

    public func click(_ channel: DetectorChannel, atPicoseconds timePicoseconds: Int64) {
        guard failure == nil else { return }
        do { try writer.writePhoton(channel: Int(map.inputs[channel]), timePicoseconds: timePicoseconds) } catch { failure = error }
    }

    public func finish() {
        guard failure == nil else { return }
        do { try writer.finish() } catch { failure = error }
    }
}
