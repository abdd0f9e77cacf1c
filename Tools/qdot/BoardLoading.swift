import ArgumentParser
import Boards
import Composition
import ConfigFile
import Foundation
import Physics
import Records

/// Loading a board file for a command, with every mistake printed and a non-zero exit.
enum BoardLoading {
    /// The board at `path` (a file, or the name of a built-in board when no such file exists), or
    /// the built-in simulated station when `path` is nil.
    static func load(_ path: String?) throws -> BoardDefinition {
        do {
            if let path {
                if !FileManager.default.fileExists(atPath: path), let board = try BoardDefinition.builtIn(named: path) {
                    return board
                }
                return try BoardDefinition.load(contentsOf: path)
            }
            return try BoardDefinition.simulatedStation
        } catch {
            throw nothingRun(error, file: "the board file \(path ?? "(built in)")")
        }
    }
}

/// Loading a station file for a command, with every mistake printed and a non-zero exit.
enum StationLoading {
    /// The station at `path`, or the built-in simulated station when `path` is nil.
    static func load(_ path: String?) throws -> StationDefinition {
        do {
            if let path { return try StationDefinition.load(contentsOf: path) }
            return try StationDefinition.simulatedStation
        } catch {
            throw nothingRun(error, file: "the station file \(path ?? "(built in)")")
        }
    }

    /// How a result names the physics station `definition`, loaded from `path` (nil: the built-in
    /// one), with the version of the physics stream that draws it (docs/physics-stream.md).
    static func resultStation(_ definition: StationDefinition, path: String?) -> ResultDocument.Station {
        ResultDocument.Station(source: .physics, name: definition.name, file: path ?? "(built in) simulated.station.toml",
                               physicsStream: PhysicsStream.version)
    }
}

/// Writing an output file, with a clear error naming the file and the system's reason when it
/// fails, and exit 5.
enum OutputFiles {
    static func write(_ data: Data, to path: String, what: String) throws {
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw notWritten(OutputFault(.write, what, path: path, error: error))
        }
    }

    /// Prints `qdot: cannot write result x.json: Not a directory (errno 20)` and gives exit 5.
    static func notWritten(_ fault: OutputFault) -> ExitCode {
        printError("qdot: \(fault)")
        return QdotExit.outputNotWritten.code
    }
}

/// Prints every mistake found in a file, one `error: FILE:LINE: …` line each.
func printMistakes(_ mistakes: ConfigErrors) {
    // Written in blocks of about 64 kB, not one write per line: a file of a million unknown
    // sections gives a million lines.
    var block = ""
    for problem in mistakes.errors {
        block += "error: \(problem)\n"
        if block.utf8.count >= 1 << 16 {
            FileHandle.standardError.write(Data(block.utf8))
            block = ""
        }
    }
    if !block.isEmpty { FileHandle.standardError.write(Data(block.utf8)) }
}

/// Prints every mistake of `file` ("the board file Board/x.board.toml") and that nothing was run;
/// returns the exit status of a file mistake (2).
func nothingRun(_ mistakes: ConfigErrors, file: String) -> ExitCode {
    printMistakes(mistakes)
    printError("qdot: \(file) has \(mistakes.errors.count) mistake(s); nothing was run")
    return QdotExit.badInputFile.code
}

/// Prints to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
