import Composition
import Dispatch
import Firmware
import Foundation
import Reports

/// Raises a `StopSignal` on SIGINT and SIGTERM for as long as it lives, from a dispatch queue
/// (not a signal handler), so the loop stops at a cycle boundary and drives the outputs safe.
final class StopOnSignals {
    private var sources: [any DispatchSourceSignal] = []

    init(_ stop: StopSignal) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)   // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            // On a terminal a progress line may be showing without its newline: start a line of our own.
            let newLine = ProgressDisplay.standardErrorIsTerminal ? "\n" : ""
            source.setEventHandler {
                printError(newLine + "qdot: signal \(number) — stopping at the next cycle, outputs to safe levels")
                stop.raise()
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
