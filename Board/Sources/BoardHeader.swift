import ConfigFile

/// The `[board]` section of a board file, as read (fields nil where the file was wrong).
struct BoardHeader {
    var name: String?
    var description = ""
    var backend: BoardBackend?
    var timingProfile: SimulatedTimingProfile = .ideal
    var consumer = "qdot"
    /// The line of the `[board]` header, or 1 when it is missing (errors about missing roles point here).
    var sectionLine = 1

    static func read(from reader: inout ConfigReader) -> BoardHeader {
        var header = BoardHeader()
        guard let section = reader.requiredSection("board") else { return header }
        header.sectionLine = section.line
        header.name = reader.required("name", in: section, as: .nonEmptyString(like: "my-station"))
        header.description = reader.value("description", in: section, as: .string(like: "Lab 2 station, Pi 4"), default: "")
        header.backend = reader.required("backend", in: section, as: .oneOf(BoardBackend.self))
        if header.backend == .linux, let entry = reader.entry("timing-profile", in: section) {
            reader.report("timing-profile applies to simulated boards only; a linux board's timing is measured, remove it",
                          about: entry, in: section)
        } else {
            header.timingProfile = reader.value("timing-profile", in: section,
                                                as: .oneOf(SimulatedTimingProfile.self), default: .ideal)
        }
        header.consumer = reader.value("consumer", in: section, as: .nonEmptyString(like: "qdot"), default: "qdot")
        return header
    }
}
