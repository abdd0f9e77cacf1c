import Records
import Testing
import Vocabulary

/// `TagCorrelations` on synthetic tags: pairs from pulses every 10 µs, each detector with a known
/// cable delay, one pair per pulse on a chosen A–B pair; its peaks, centre and side pairs and the
/// delays that align them.
@Suite struct TagCorrelationsTests {
    @Test func peaksSidePairsAndDelaysOfKnownCables() throws {
        let cables = PerChannel<Int64>(0, 1_200, 3_500, 2_100)   // ps: A+, A−, B+, B−
        var events: [PTUEvent] = []
        for pulse in 0..<4_000 {
            let t = Int64(pulse) * 10_000_000
            events.append(.sync(timePicoseconds: t))
            // Every pulse sends one pair to (A+ or A−, B+ or B−), cycling through the four.
            let a: DetectorChannel = pulse % 2 == 0 ? .aPlus : .aMinus
            let b: DetectorChannel = (pulse / 2) % 2 == 0 ? .bPlus : .bMinus
            events.append(.photon(channel: UInt8(a.rawValue + 1), timePicoseconds: t + 1_000_000 + cables[a]))
            events.append(.photon(channel: UInt8(b.rawValue + 1), timePicoseconds: t + 1_000_000 + cables[b]))
        }
        events.sort { ($0.timePicoseconds, $0.kind.rawValue) < ($1.timePicoseconds, $1.kind.rawValue) }
        let correlations = try TagCorrelations(events: events, map: TagChannelMap(), binPicoseconds: 100,
                                               rangePicoseconds: 20_000, windowPicoseconds: 1_000)
        #expect(correlations.syncPeriodPicoseconds == 10_000_000)
        #expect(correlations.singles == PerChannel(2_000, 2_000, 2_000, 2_000))
        for pair in correlations.pairs {
            // The peak bin holds t_B − t_A = cable_B − cable_A; its middle is within half a bin.
            #expect(abs(pair.peakDelayPicoseconds - (cables[pair.b] - cables[pair.a])) <= 50, "\(pair.a.label)\(pair.b.label)")
            #expect(pair.centrePairs == 1_000)
            // Side peaks: A of one pulse with B of pulses ±1…±3 away, of this pair's detectors.
            #expect(pair.sidePairs > 0 && pair.sidePairs < 1_000)
            #expect(pair.backgroundPerBin == 0)
        }
        // Relative to A+: the cables themselves (the fit is exact: residual 0 up to the bins).
        let delays = correlations.suggestedDelaysPicoseconds
        for channel in DetectorChannel.allCases {
            #expect(abs((delays[channel] - delays[.aPlus]) - (cables[channel] - cables[.aPlus])) <= 50, "\(channel.label): \(delays)")
        }
        #expect(correlations.fitResidualPicoseconds <= 50)
    }
}
