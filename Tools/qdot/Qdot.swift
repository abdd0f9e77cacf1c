import ArgumentParser

/// `qdot`: control firmware for an on-demand quantum-dot entangled-photon-pair source.
@main
struct Qdot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdot",
        abstract: "Control firmware for a quantum-dot source of polarization-entangled photon pairs.",
        discussion: """
            qdot drives the laser trigger, the detector gates and the analyzers' basis selection \
            through GPIO, counts the detectors' clicks and coincidences, and reports what the \
            source delivers. The same firmware runs on a lab board (libgpiod) and on a \
            cycle-accurate simulated board.

            Board files bind roles (trigger, gate, basis bits, clicks, interlock) to GPIO lines by \
            chip label and line name; see Board/README.md.

            Exit status: \(QdotExit.table).
            """,
        version: "qdot 0.1.0",
        subcommands: [SimCommand.self, RunCommand.self, AnalyzeCommand.self, CheckCommand.self, ExperimentsCommand.self,
                      LatencyCommand.self, ProfileCommand.self, BoardsCommand.self, TagsCommand.self],
        defaultSubcommand: SimCommand.self)
}
