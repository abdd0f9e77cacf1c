import Foundation
import Testing

/// Runs the built `qdot` executable as a lab engineer would, capturing its output and exit code.
struct QdotProcess {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String

    /// The `qdot` binary next to the test bundle in the build folder.
    static var executable: URL {
        var folder = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("qdot").path) {
            folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        return folder.appendingPathComponent("qdot")
    }

    /// Runs qdot (or `program`, a shell that starts qdot) with `arguments` in `directory`.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    program: URL? = nil) throws -> QdotProcess {
        let process = Process()
        process.executableURL = program ?? executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return QdotProcess(exitCode: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                           standardError: String(decoding: errData, as: UTF8.self))
    }

    /// The shipped experiment `name`, as `qdot experiments --show` prints it, with
    /// `cyclesPerSetting` cycles per setting, written into `directory` as `NAME.experiment.toml`;
    /// its path.
    static func writeExample(_ name: String, cyclesPerSetting: Int, in directory: URL) throws -> String {
        let shown = try run(["experiments", "--show", name], in: directory)
        #expect(shown.exitCode == 0, "\(shown.standardError)")
        let text = shown.standardOutput.replacingOccurrences(
            of: #"cycles-per-setting = \d+"#, with: "cycles-per-setting = \(cyclesPerSetting)", options: .regularExpression)
        let path = directory.appendingPathComponent("\(name).experiment.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

private final class Marker {}
