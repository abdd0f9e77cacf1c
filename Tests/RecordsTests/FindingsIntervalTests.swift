import Experiments
import Foundation
import Records
import Testing

/// A figure's optional `interval` as docs/result-format.md lists it: under `interval`, with `lower`,
/// `upper`, `confidenceLevel` and `method`, written only when the figure has one. The literal below
/// pins the spelling: a reader in another language is written against it.
@Suite struct FindingsIntervalTests {
    /// (JSONEncoder writes "/" as "\/", as every qdot file has it.)
    static let stored = #"""
        {
          "correlationHistogram" : [

          ],
          "correlationHistogramRangeNanoseconds" : 0,
          "eventsAnalysed" : 12,
          "figures" : [
            {
              "interval" : {
                "confidenceLevel" : 0.6826894921370859,
                "lower" : 0,
                "method" : "Clopper–Pearson interval (Clopper & Pearson, Biometrika 26, 404 (1934))",
                "upper" : 0.0018
              },
              "key" : "qber-hv",
              "method" : "errors\/sifted bits; binomial error √(e(1−e)\/n)",
              "name" : "QBER, H\/V basis",
              "standardError" : 0,
              "unit" : "",
              "value" : 0
            },
            {
              "key" : "photon-arrival-delay",
              "method" : "centroid",
              "name" : "photon arrival after the trigger's rising edge",
              "standardError" : 0.29,
              "unit" : "ns",
              "value" : 105
            }
          ],
          "notes" : [

          ],
          "settings" : [

          ]
        }
        """#

    @Test func anIntervalIsStoredUnderItsDocumentedKeysAndOnlyWhenThereIsOne() throws {
        let bytes = Array(Self.stored.utf8)
        let findings = try JSONDecoder().decode(FindingsV1.self, from: Data(bytes)).findings()
        let qber = try #require(findings.figure(.qberHV)?.interval)
        #expect(qber.lower == 0 && qber.upper == 0.0018 && qber.confidenceLevel == 0.682_689_492_137_085_9)
        #expect(qber.method.hasPrefix("Clopper–Pearson"))
        #expect(findings.figure(.photonArrivalDelay)?.interval == nil)
        #expect(try GoldenFileTests.json(FindingsV1(findings)) == bytes)
    }
}
