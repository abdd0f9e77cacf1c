import ArgumentParser
import CStopSignals

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
                      LatencyCommand.self, ProfileCommand.self, BoardsCommand.self, TagsCommand.self, LinkCommand.self] + Self.serviceCommands,
        defaultSubcommand: SimCommand.self)

    /// The entry point: the stop-signal latch first (see `StopOnSignals`), then the command line.
    ///
    /// The latch is in place before the arguments are parsed or Foundation is touched (the
    /// executable's .preinit_array installed it even earlier; this call only makes sure), so a
    /// SIGINT or SIGTERM in qdot's first milliseconds never kills it: a command that drives the
    /// station stops before its run or at a cycle boundary and exits 4; any other command gets
    /// the signal's default action back, and with it a signal that came already.
    static func main() {
        _ = qdot_stop_signals_install()
        do {
            var command = try parseAsRoot(nil)
            if !(command is any DrivesTheStation) { qdot_stop_signals_restore_default() }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

extension Qdot {
    /// `qdot serve`, in a build with the Service trait (the default).
    static var serviceCommands: [any ParsableCommand.Type] {
        #if Service
        [ServeCommand.self]
        #else
        []
        #endif
    }
}
