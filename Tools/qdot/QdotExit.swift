import ArgumentParser

/// qdot's exit statuses: one table, one meaning each (README, "Exit codes"). Every command ends
/// through one of these; the argument parser itself gives `badCommandLine` for options it refuses.
enum QdotExit: Int32, CaseIterable {
    /// Everything asked for was done.
    case done = 0
    /// An error qdot did not expect (a bug: please report it with the command and its output).
    case unexpected = 1
    /// A board, station or experiment file has mistakes, or does not fit the board or station it is
    /// used with (every mistake printed as file:line: field: …); nothing was run.
    case badInputFile = 2
    /// The station could not be built or armed: no such chip or line (with the list of what exists),
    /// a line held by another consumer, permission denied, libgpiod missing, interlock open; for
    /// `qdot profile`, the interlock closed (laser permitted) or the loopback wiring missing or reversed.
    case stationUnavailable = 3
    /// The run stopped early (interlock opened, hardware fault, Ctrl-C or SIGTERM); everything
    /// gathered was written, marked incomplete (`qdot profile` writes nothing). A signal that
    /// comes before the run started stops qdot there: nothing run, nothing written.
    case stoppedEarly = 4
    /// An output file (result, figure, record, trace, tags, profile) could not be written: the
    /// message names the file and the system's reason. A record cut short is named, with why, in
    /// the result. Wins over 4: a run that stopped early and lost an output is exit 5.
    case outputNotWritten = 5
    /// A run record or a time tagger's PTU file could not be read, or is corrupted (with the
    /// byte offset of the problem); a PTU file in T3 mode is refused the same way.
    case unreadableRecord = 6
    /// The run completed but lost clicks on the way (the analysis ring was full, or the kernel lost
    /// edges): the result is written and names the loss; its counts and figures undercount.
    case dataLost = 7
    /// The command line is wrong (an unknown option, a value out of range); from the argument parser.
    case badCommandLine = 64

    /// The status for the argument parser to exit with.
    var code: ExitCode { ExitCode(rawValue) }

    /// One line per status, for `--help`.
    static var table: String {
        allCases.map { "\($0.rawValue) \($0.summary)" }.joined(separator: "; ")
    }

    /// A few words for `--help`.
    var summary: String {
        switch self {
        case .done: "done"
        case .unexpected: "an unexpected error (please report it)"
        case .badInputFile: "a board, station or experiment file is wrong"
        case .stationUnavailable: "the station could not be built or armed"
        case .stoppedEarly: "the run stopped early (result written, marked incomplete)"
        case .outputNotWritten: "an output file could not be written"
        case .unreadableRecord: "a run record or PTU file could not be read or is corrupted"
        case .dataLost: "the run completed but lost clicks (result written, the loss named)"
        case .badCommandLine: "the command line is wrong"
        }
    }
}
