import CStopSignals
import Dispatch
import Firmware
import Foundation
import Reports

/// A command that drives the station (`sim`, `run`, `profile`): SIGINT and SIGTERM stop its run
/// at a cycle boundary, or before the run when they come earlier, and never kill qdot.
protocol DrivesTheStation {}

/// Raises a `StopSignal` on SIGINT and SIGTERM for as long as it lives, so the loop stops at a
/// cycle boundary and drives the outputs safe.
///
/// The signals themselves are caught from qdot's first instruction on by the latch in
/// `Sources/CStopSignals` (an async-signal-safe handler: an atomic flag and one byte into a
/// pipe). This reads the pipe on a dispatch queue, outside the handler, prints and raises the stop.
/// A signal that came before the run started is not a run to stop: `start` refuses it.
final class StopOnSignals {
    /// Nil only when the latch could not be installed (no pipe): the signals then keep their default action.
    private let source: (any DispatchSourceRead)?

    /// Listens for stop signals for the run about to start; when one came already (while the
    /// files were read, say), prints that the run was stopped before it started and throws exit 4,
    /// so the laser is never triggered.
    ///
    /// - Parameter command: the command's name for the message, "qdot sim".
    static func start(_ stop: StopSignal, command: String) throws -> StopOnSignals {
        try refuseIfSignalled(command: command)
        return StopOnSignals(stop)
    }

    /// Throws exit 4 with "stopped before the run started" when a stop signal has come.
    static func refuseIfSignalled(command: String) throws {
        let number = qdot_stop_signals_first()
        guard number != 0 else { return }
        printError("\(command): signal \(number) — stopped before the run started; nothing was run, no file written")
        throw QdotExit.stoppedEarly.code
    }

    private init(_ stop: StopSignal) {
        let pipe = qdot_stop_signals_pipe()
        guard pipe >= 0 else {
            source = nil
            return
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: pipe, queue: .global())
        self.source = source
        // On a terminal a progress line may be showing without its newline: start a line of our own.
        let newLine = ProgressDisplay.standardErrorIsTerminal ? "\n" : ""
        source.setEventHandler {
            var number: UInt8 = 0
            while read(pipe, &number, 1) == 1 {
                printError(newLine + "qdot: signal \(number) — stopping at the next cycle, outputs to safe levels")
                stop.raise()
            }
        }
        source.resume()
        // A signal between the check in `start` and the source's registration left its byte in
        // the pipe, which the source then reads: none is lost.
    }

    deinit { source?.cancel() }
}
