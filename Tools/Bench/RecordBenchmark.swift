import Experiments
import Firmware
import Foundation
import HAL
import Records
import Reports
import SeededRandom
import Vocabulary

/// `qdot analyze` on long records: writes a BBM92 record of 10⁶ and 10⁷ cycles (or the cycle
/// counts given) and analyses each in a fresh process (`record-analyse`), printing the time and
/// the peak resident memory (VmHWM, which getrusage's ru_maxrss also gives for a process that did
/// not inherit a larger one across execve) of streaming it (`StreamedRecordAnalysis`, what
/// `qdot analyze` does) and of holding every click (`RunRecord.read` + `RecordAnalysis`, what it
/// did before). Flat RSS in the record's length is the target: a 10⁹-cycle record is ~7 GB.
///
/// The clicks are drawn, not simulated (the simulator would dominate the time): per cycle, with
/// probability 0.1 a pair (one click on each arm, the bits agreeing in the same basis but for a 3 %
/// error rate), with probability 0.15 one click, the random bases per cycle as BBM92 draws them.
enum RecordBenchmark {
    static func run(arguments: [String]) -> Int32 {
        let cycleCounts = arguments.isEmpty ? [1_000_000, 10_000_000] : arguments.compactMap { Int($0) }
        guard !cycleCounts.isEmpty, cycleCounts.allSatisfy({ $0 > 0 }) else {
            print("usage: qdot-bench record [CYCLES …]")
            return 2
        }
        print("qdot analyze on BBM92 records (each analysis in a fresh process; peak RSS = its VmHWM)")
        printCRCThroughput()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-bench-record-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for cycles in cycleCounts {
                let path = folder.appendingPathComponent("bbm92-\(cycles).qdotrec").path
                let started = ContinuousClock.now
                let clicks = try write(cycles: cycles, to: path)
                let writeSeconds = (ContinuousClock.now - started).inSeconds
                let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
                print(String(format: "  %.0e cycles: %d clicks, %.1f MB record, written in %.2f s", Double(cycles), clicks,
                             Double(bytes) / 1e6, writeSeconds))
                for mode in ["streamed", "whole"] {
                    try analyseInChild(path: path, mode: mode, fileBytes: bytes)
                }
                try FileManager.default.removeItem(atPath: path)
            }
        } catch {
            print("  failed: \(error)")
            return 1
        }
        return 0
    }

    /// The process's peak resident set in KiB (`VmHWM` in /proc/self/status), nil if unreadable.
    static func peakResidentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// CRC-32C over 64 MiB, best of five: what closing a block costs the writer per byte (98 kB per
    /// 4096 records) and the reader's check per byte.
    static func printCRCThroughput() {
        let bytes = [UInt8](repeating: 0xA5, count: 64 << 20)
        var best = Double.infinity, crc: UInt32 = 0
        for _ in 0..<5 {
            let started = ContinuousClock.now
            crc ^= bytes.withUnsafeBytes { CRC32C.checksum($0) }
            best = min(best, (ContinuousClock.now - started).inSeconds)
        }
        print(String(format: "  CRC-32C (table, 8 bytes a step): %.2f GB/s = %.1f ns per 24-byte record (check %08x)",
                     Double(bytes.count) / best / 1e9, best / Double(bytes.count / 24) * 1e9, crc))
    }

    /// Writes the record; returns its click count.
    static func write(cycles: Int, to path: String) throws -> Int {
        guard let example = ExperimentExamples.named("bbm92") else { return 0 }
        var experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        experiment.cyclesPerSetting = cycles
        let schedule = try experiment.schedule()
        let writer = try RunRecordWriter(path: path, header: RunRecordHeader(
            software: "qdot-bench", experiment: experiment, schedule: schedule, board: "none", timingProfile: "ideal", seed: 1))
        let period = experiment.timing.triggerPeriod.nanoseconds
        var random = Xoshiro256StarStar(seed: 92)
        var clicks = 0
        for cycle in 0..<Int64(cycles) {
            let draw = random.next()
            let codes = BasisCodes(armA: UInt8(draw & 1), armB: UInt8((draw >> 1) & 1))
            let kind = (draw >> 8) % 100
            guard kind < 25 else { continue }
            let time = Instant(nanoseconds: cycle * period + 1_000 + Int64((draw >> 16) % 500))
            let bit = (draw >> 2) & 1
            // Same basis: the bits agree but for a 3 % error rate; other bases: at random.
            let agree = codes.armA == codes.armB ? (draw >> 24) % 100 >= 3 : (draw >> 3) & 1 == 0
            let channelA: DetectorChannel = bit == 0 ? .aPlus : .aMinus
            let channelB: DetectorChannel = (agree ? bit : 1 - bit) == 0 ? .bPlus : .bMinus
            try writer.write(ClickEvent(cycle: cycle, setting: 0, channel: channelA, codes: codes, timestamp: time))
            clicks += 1
            if kind < 10 {
                try writer.write(ClickEvent(cycle: cycle, setting: 0, channel: channelB, codes: codes, timestamp: time))
                clicks += 1
            }
        }
        try writer.finish(cyclesPerSetting: [cycles], complete: true, boardNanoseconds: Int64(cycles) * period)
        return clicks
    }

    static func analyseInChild(path: String, mode: String, fileBytes: Int) throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["record-analyse", path, mode, String(fileBytes)]
        let output = Pipe()
        child.standardOutput = output   // printed here, in order with the parent's lines
        try child.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        print(String(decoding: text, as: UTF8.self), terminator: "")
        if child.terminationStatus != 0 { print("    \(mode): failed (exit \(child.terminationStatus))") }
    }

    /// The child: analyses the record at `arguments[0]` (`streamed` or `whole`) and prints its time
    /// and peak RSS.
    static func analyseOnce(arguments: [String]) -> Int32 {
        guard arguments.count == 3, let fileBytes = Int(arguments[2]) else { return 2 }
        let (path, mode) = (arguments[0], arguments[1])
        let started = ContinuousClock.now, cpuStarted = CPUTime.process()
        let findings: ExperimentFindings
        do {
            if mode == "whole" {
                findings = RecordAnalysis.findings(try RunRecord.read(contentsOf: path))
            } else {
                findings = try StreamedRecordAnalysis.analyse(contentsOf: path).findings
            }
        } catch {
            print("    \(mode): \(error)")
            return 1
        }
        let seconds = (ContinuousClock.now - started).inSeconds, cpu = CPUTime.process() - cpuStarted
        // Peak RSS of this process image: VmHWM. (getrusage's ru_maxrss would do, but Linux carries
        // it across execve, so a child spawned by a parent that once held more reports the parent's.)
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let peakKiB = peakResidentKiB() ?? Int(usage.ru_maxrss)
        let peakMB = Double(peakKiB) * 1_024 / 1e6
        let qber = findings.figures.first { $0.key == "qber-hv" }.map { String(format: "%.4f", $0.value) } ?? "?"
        print(String(format: "    %@ %6.2f s (CPU %.2f s, %.0f MB/s), peak RSS %7.1f MB (%.2f × the file), QBER H/V %@",
                     mode.padding(toLength: 8, withPad: " ", startingAt: 0), seconds, cpu, Double(fileBytes) / 1e6 / seconds,
                     peakMB, Double(peakKiB) * 1_024 / Double(max(fileBytes, 1)), qber))
        return 0
    }
}
