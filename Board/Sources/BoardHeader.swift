import ConfigFile
import HAL

/// The `[board]` and `[clicks]` sections of a board file, as read (fields nil where the file was wrong).
struct BoardHeader {
    var name: String?
    var description = ""
    var backend: BoardBackend?
    /// The board's timing profile, if it names one (a simulated board without one is ideal).
    var timingProfile: TimingProfile?
    var consumer = "qdot"
    var clicks = ClickPath.kernel
    /// The line of the `[board]` header, or 1 when it is missing (errors about missing roles point here).
    var sectionLine = 1

    /// Reads the sections; a profile named by a file path is read from `folder` (the board
    /// file's own), a built-in one from the binary.
    static func read(from reader: inout ConfigReader, folder: String?) -> BoardHeader {
        var header = BoardHeader()
        guard let section = reader.requiredSection("board") else { return header }
        header.sectionLine = section.line
        header.name = reader.required("name", in: section, as: .nonEmptyString(like: "my-station"))
        header.description = reader.value("description", in: section, as: .string(like: "Lab 2 station, Pi 4"), default: "")
        header.backend = reader.required("backend", in: section, as: .oneOf(BoardBackend.self))
        if let profile = reader.optional("timing-profile", in: section,
                                         as: .nonEmptyString(like: "raspberry-pi-4 or my-board.profile.toml")) {
            do {
                header.timingProfile = try TimingProfile.resolve(profile, relativeTo: folder)
            } catch {
                let why = error.errors.map(\.description).joined(separator: "; ")
                reader.report("expected a built-in timing profile or a readable .profile.toml file, found \"\(profile)\" (\(why))",
                              field: "board.timing-profile",
                              line: section.entry("timing-profile")?.line)
            }
        }
        header.consumer = reader.value("consumer", in: section, as: .nonEmptyString(like: "qdot"), default: "qdot")
        header.clicks = readClicks(from: &reader)
        return header
    }

    /// The `[clicks]` section (optional: kernel stamps, no stretcher).
    static func readClicks(from reader: inout ConfigReader) -> ClickPath {
        var clicks = ClickPath.kernel
        guard let section = reader.section("clicks") else { return clicks }
        let source = reader.value("timestamps", in: section, as: .oneOf([("kernel", "kernel"), ("hte", "hte"), ("tagger", "tagger")]),
                                  default: "kernel")
        let positiveNanoseconds = ConfigType<Int>.integer("a time in nanoseconds", in: 1...1_000_000, unit: "ns")
        switch source {
        case "hte":
            let tick = reader.value("hte-tick-ns", in: section, as: positiveNanoseconds, default: 32)
            clicks.timestamps = .hardwareEngine(tick: .nanoseconds(Int64(tick)))
        case "tagger":
            let bin = reader.value("tagger-resolution-ps", in: section, as: .integer("a time in picoseconds", in: 1...1_000_000, unit: "ps"),
                                   default: 1)
            clicks.timestamps = .externalTagger(resolutionPicoseconds: Int64(bin))
        default:
            clicks.timestamps = .kernelInterrupt
        }
        for (key, wanted) in [("hte-tick-ns", "hte"), ("tagger-resolution-ps", "tagger")] where source != wanted {
            if let entry = reader.entry(key, in: section) {
                reader.report("expected \(key) only with timestamps = \"\(wanted)\", found it with \"\(source)\"", about: entry, in: section)
            }
        }
        let stretch = reader.value("pulse-stretch-ns", in: section, as: .integer("a time in nanoseconds", in: 0...1_000_000_000, unit: "ns"),
                                   default: 0)
        clicks.pulseStretch = .nanoseconds(Int64(stretch))
        return clicks
    }
}
