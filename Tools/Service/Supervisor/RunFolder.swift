import Foundation
import Records

/// The data folder a service owns: `DATA/runs/ID/` per run, with `run.json` (the run's entry),
/// the experiment text, the result, its figures and the record. Requests reach these files only
/// through the IDs and names this type knows; nothing from a request is joined into a path.
final class RunFolder: @unchecked Sendable {
    /// `DATA/runs`.
    let runsPath: String
    private var entries: [String: APIv1.RunEntry] = [:]
    private let lock = NSLock()

    static let resultName = "result.json"
    static let recordName = "record.qdotrec"
    static let experimentName = "experiment.toml"
    static let entryName = "run.json"

    /// Opens (creating) `data`/runs and reads every run's entry there. A run an earlier service
    /// left running (it was killed) is marked failed, in memory and on disk.
    init(data: String) throws {
        runsPath = (data as NSString).appendingPathComponent("runs")
        try FileManager.default.createDirectory(atPath: runsPath, withIntermediateDirectories: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsPath)) ?? []
        for name in names where Self.isRunID(name) {
            let path = (runsPath as NSString).appendingPathComponent("\(name)/\(Self.entryName)")
            guard let data = FileManager.default.contents(atPath: path),
                  var entry = try? JSONDecoder().decode(APIv1.RunEntry.self, from: data), entry.id == name else { continue }
            if entry.state == .running || entry.state == .stopping {
                entry.state = .failed
                entry.outcome = "the service ended during the run"
                try? save(entry)
            }
            entries[name] = entry
        }
    }

    /// A run ID: `YYYYMMDD-HHMMSS-name` with the name in `[a-z0-9-]`, optionally `-N`.
    static func isRunID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 17, scalars.count <= 100 else { return false }
        for (index, scalar) in scalars.enumerated() {
            switch index {
            case 0..<8, 9..<15: guard ("0"..."9").contains(scalar) else { return false }
            case 8, 15: guard scalar == "-" else { return false }
            default: guard ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" else { return false }
            }
        }
        return true
    }

    /// Makes the folder of a new run of `experimentName` started at `date`, and returns its ID.
    func create(experimentName: String, at date: Date) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var name = String(experimentName.lowercased().unicodeScalars.map {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-"
        }.prefix(60))
        if name.isEmpty { name = "run" }
        let stem = "\(formatter.string(from: date))-\(name)"
        for attempt in 1...1000 {
            let id = attempt == 1 ? stem : "\(stem)-\(attempt)"
            // mkdir fails when the folder exists: two runs never share one.
            if mkdir(folder(of: id), 0o755) == 0 { return id }
            guard errno == EEXIST else { throw OutputFault(.create, "run folder", path: folder(of: id), errorNumber: errno) }
        }
        throw OutputFault(.create, "run folder", path: folder(of: stem), reason: "a thousand runs of this name in one second")
    }

    /// `DATA/runs/ID`.
    func folder(of id: String) -> String { (runsPath as NSString).appendingPathComponent(id) }

    /// `DATA/runs/ID/NAME`.
    func file(_ name: String, of id: String) -> String { (folder(of: id) as NSString).appendingPathComponent(name) }

    /// Writes `entry` to its `run.json` (atomically) and keeps it.
    func save(_ entry: APIv1.RunEntry) throws {
        lock.lock()
        entries[entry.id] = entry
        lock.unlock()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(entry), to: file(Self.entryName, of: entry.id))
    }

    /// Every run, newest first.
    func all() -> [APIv1.RunEntry] {
        lock.lock()
        defer { lock.unlock() }
        return entries.values.sorted { $0.id > $1.id }
    }

    /// The run `id`, nil for any ID this folder does not hold.
    func entry(_ id: String) -> APIv1.RunEntry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[id]
    }

    /// The path of `file` of run `id`, nil when the run or file is not one the entry lists.
    func path(of runFile: RunFile, run id: String) -> String? {
        guard let entry = entry(id) else { return nil }
        let path: String
        switch runFile {
        case .result:
            guard entry.hasResult else { return nil }
            path = file(Self.resultName, of: id)
        case let .figure(name):
            guard entry.figures.contains(name) else { return nil }
            path = file("result.\(name).svg", of: id)
        case .record:
            guard entry.hasRecord else { return nil }
            let complete = file(Self.recordName, of: id)
            path = FileManager.default.fileExists(atPath: complete) ? complete : complete + ".partial"
        }
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
