import ArgumentParser

/// `qdot tags`: time-tag files from an external time tagger (PicoQuant PTU, T2 mode).
struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags",
        abstract: "Inspect time-tag files from an external time tagger (PicoQuant PTU, T2 mode).",
        discussion: """
            A lab time tagger (HydraHarp, MultiHarp, PicoHarp, TimeHarp) with the board's trigger \
            on its sync input saves the detector clicks as a PTU file; docs/tagger-ptu.md describes \
            what qdot reads and writes.
            """,
        subcommands: [TagsShowCommand.self, TagsCorrelateCommand.self])
}
