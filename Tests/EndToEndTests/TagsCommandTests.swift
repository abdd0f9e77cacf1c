import Foundation
import Records
import Testing

/// `qdot tags show`: what a lab engineer sees for a tagger's PTU file, and the exit status when
/// the file cannot be read.
@Suite struct TagsCommandTests {
    /// A HydraHarp V2 file: 1 000 syncs every 10 µs, photons on inputs 1 and 3, two markers.
    static func writeFile(in dir: URL) throws -> (path: String, bytes: [UInt8]) {
        let path = dir.appendingPathComponent("run.ptu").path
        let writer = try PTUWriter(path: path, settings: PTUWriterSettings(syncRatePerSecond: 100_000, fileGUID: "{E2E00000-0000-0000-0000-000000000000}",
                                                                           creatingTimeSecondsSince1970: 1_700_000_000))
        for cycle in 0..<1_000 {
            let trigger = Int64(cycle) * 10_000_000
            try writer.writeSync(timePicoseconds: trigger)
            if cycle % 2 == 0 { try writer.writePhoton(channel: 1, timePicoseconds: trigger + 2_000_000) }
            if cycle % 5 == 0 { try writer.writePhoton(channel: 3, timePicoseconds: trigger + 3_000_000) }
            if cycle == 500 || cycle == 999 { try writer.writeMarker(bits: 2, timePicoseconds: trigger + 4_000_000) }
        }
        try writer.finish()
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func showPrintsTheHeaderEssentialsAndTheCounts() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let (path, _) = try Self.writeFile(in: dir)
        let run = try QdotProcess.run(["tags", "show", path], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let out = run.standardOutput
        #expect(out.contains("HydraHarp V2 T2 (0x01010204), T2 mode, written by qdot \(QdotVersion.current) on 2023-11-14T22:13:20Z"))
        #expect(out.contains("file GUID     {E2E00000-0000-0000-0000-000000000000}"))
        #expect(out.contains("resolution    1 ps per time tag"))
        #expect(out.contains("photons       700  (ch1 500  ch3 200)"))
        #expect(out.contains("syncs         1000"))
        #expect(out.contains("markers       2"))
        #expect(out.contains("time span     0.009994 s (events from 0 ps to 9994000000 ps)"))
        #expect(out.contains("sync rate     measured 100000.000 /s, declared 100000 /s (+0.000 %)"))
    }

    @Test func jsonHasTheCountsByKey() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let (path, _) = try Self.writeFile(in: dir)
        let run = try QdotProcess.run(["tags", "show", "--json", path], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let json = try JSONObject.decode(Data(run.standardOutput.utf8))
        #expect(json["recordTypeCode"] as? Int == 0x0101_0204)
        #expect(json["syncs"] as? Int == 1_000)
        #expect(json["markers"] as? Int == 2)
        #expect(json["photonsPerChannel"] as? [String: Int] == ["1": 500, "3": 200])
        #expect(json["globalResolutionPicoseconds"] as? Int == 1)
        #expect(json["firstSyncPicoseconds"] as? Int == 0)
        #expect(json["lastSyncPicoseconds"] as? Int == 9_990_000_000)
        #expect(json["latestEventPicoseconds"] as? Int == 9_994_000_000)
        #expect(json["syncRateDeclaredPerSecond"] as? Int == 100_000)
        #expect(json["creatorSoftware"] as? String == "qdot")
        #expect((json["records"] as? Int).map { $0 >= 1_702 } == true)
    }

    @Test func anUnreadableFileExitsSixWithTheByteOffset() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let (path, bytes) = try Self.writeFile(in: dir)
        let cut = dir.appendingPathComponent("cut.ptu").path
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: cut))
        let truncated = try QdotProcess.run(["tags", "show", cut], in: dir)
        #expect(truncated.exitCode == 6)
        #expect(truncated.standardError.contains("cut.ptu: byte offset \(bytes.count - 4): the file ends 1 bytes into record"))
        #expect(truncated.standardOutput.isEmpty)

        var t3 = bytes
        let header = try PTUHeader.parse(bytes)
        let typeValue = try #require(header.tag("TTResultFormat_TTTRRecType")).valueOffset
        t3.replaceSubrange(typeValue..<typeValue + 4, with: [0x04, 0x03, 0x01, 0x01])   // HydraHarp V2 T3, 0x01010304
        let t3Path = dir.appendingPathComponent("t3.ptu").path
        try Data(t3).write(to: URL(fileURLWithPath: t3Path))
        let refused = try QdotProcess.run(["tags", "show", "--json", t3Path], in: dir)
        #expect(refused.exitCode == 6)
        #expect(refused.standardError.contains("byte offset \(typeValue): HydraHarp V2 T3 (0x01010304)"))
        #expect(refused.standardError.contains("qdot reads T2 files only"))

        let missing = try QdotProcess.run(["tags", "show", dir.appendingPathComponent("none.ptu").path], in: dir)
        #expect(missing.exitCode == 6)
        #expect(missing.standardError.contains("cannot open the file"))
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
