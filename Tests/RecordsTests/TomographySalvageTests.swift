import Experiments
import Records
import Testing

/// A tomography record salvaged from a cut before its last settings ran (the fuzz lane's 24 kB
/// seeds): the settings after the cut have no complete cycle, so what was measured does not fix the
/// state. The tomography is refused with the first unmeasured setting named, by the salvage
/// reader's analysis and the streaming one alike, instead of reconstructed from a made-up exposure
/// of one cycle with no count per unmeasured setting (tomography-16 did that: figures of a state the
/// counts do not fix, from 101 maximum-likelihood searches, 1–2.4 s per input under the fuzzer).
@Suite struct TomographySalvageTests {
    static let tomographyFigures: Set<FigureKey> = [.tomographyFidelityPhiPlus, .concurrence, .purity, .maximalCHSH]

    @Test(arguments: ["tomography-16.qdotrec", "tomography-36.qdotrec"])
    func aTomographyCutBeforeItsLastSettingsIsRefused(_ name: String) throws {
        let bytes = Array(try GoldenFiles.bytes(name).prefix(24_576))
        let salvaged = try SalvagedRunRecord.parse(bytes, path: name)
        let cycles = salvaged.record.cyclesPerSetting
        let unmeasured = try #require(cycles.firstIndex(of: 0), "\(cycles)")
        #expect(unmeasured > 0 && cycles[0] > 0, "\(cycles)")
        let findings = RecordAnalysis.findings(salvaged)
        #expect(findings.figures.allSatisfy { !Self.tomographyFigures.contains($0.key) }, "\(findings.figures.map(\.key))")
        #expect(findings.densityMatrixReal == nil)
        let refusal = try #require(findings.notes.first { $0.hasPrefix("tomography: ") }, "\(findings.notes)")
        #expect(refusal.hasSuffix("no trigger cycles recorded while other settings have some"), "\(refusal)")
        if name.hasPrefix("tomography-16") {
            let label = salvaged.record.header.schedule.steps[unmeasured].label
            #expect(refusal == "tomography: empty setting \(label): no trigger cycles recorded while other settings have some")
        }
        let streamed = try StreamedRecordAnalysis.analyse(bytes, path: name, salvage: true)
        #expect(streamed.findings == findings)
    }
}
