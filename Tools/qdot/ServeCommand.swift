#if Service
import ArgumentParser
import Boards
import Composition
import Dispatch
import Firmware
import Foundation
import HAL
import LinuxHAL
import Records
import Service

/// `qdot serve`: the board as a service (docs/service.md).
struct ServeCommand: ParsableCommand, DrivesTheStation {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Keep the board up as a service: HTTP API, live stream, dashboard, Prometheus metrics.",
        discussion: """
            Owns the board (the simulated one, or a lab board on libgpiod: the same code) and runs one \
            experiment at a time on it, started from the dashboard at http://HOST:PORT/ or the API \
            under /api/v1 (docs/service.md). The real-time loop runs on its own thread exactly as in \
            `qdot run`; it publishes its figures and the server reads them, so no request ever \
            reaches the loop. Every run's files (experiment, result, figures, record) go to \
            DATA/runs/ID/.

            Control endpoints need the bearer token in --token-file, a file of mode 0600 (or 0400); \
            qdot refuses to start without one. It listens on 127.0.0.1 unless told otherwise; put a \
            TLS reverse proxy in front before opening it to a network (docs/lab-board.md).

            SIGTERM or Ctrl-C: the run in progress stops at its next cycle boundary, the outputs go \
            safe, its result is written, then the server closes and qdot exits 0.

            Exit status: 0 after a stop signal; 2 a board, station or token file is wrong; 3 the \
            station could not be had; 5 the data folder cannot be written; 64 the command line is wrong.
            """)

    @Option(help: ArgumentHelp("Board file, or a built-in board: \(BoardDefinition.builtInNames.joined(separator: ", ")). Default: the built-in simulated station.",
                               valueName: "FILE|NAME"))
    var board: String?

    @Option(help: "Station file for a simulated board (default: the built-in simulated.station.toml).")
    var station: String?

    @Option(help: "Timing profile for a simulated board: a shipped name or a profile file (default: the board file's).")
    var profile: String?

    @Option(help: "Simulated board: real-time paces board time to the wall clock (a lab's rates on the dashboard); fast runs as fast as it can.")
    var pace: Pace = .fast

    @Option(help: "File holding the bearer token for control endpoints (mode 0600 or 0400, 16+ characters).")
    var tokenFile: String

    @Option(help: "Address and port to listen on (port 0: any free port, printed at start).")
    var listen: String = "\(ServerOptions.defaultHost):\(ServerOptions.defaultPort)"

    @Flag(help: "Serve the read-only endpoints (status, runs, results, live stream, metrics) without the token.")
    var openRead = false

    @Option(help: "The folder the service owns: every run's files go to DATA/runs/ID/.")
    var data: String = "qdot-data"

    @Option(parsing: .unconditional, help: "Largest request body in bytes (uploaded experiments); larger ones get 413.")
    var maxUploadBytes: Int = ServerOptions.defaultMaxUploadBytes

    @OptionGroup var realtime: RealtimeOptions

    enum Pace: String, ExpressibleByArgument, CaseIterable {
        case fast
        case realTime = "real-time"
    }

    func validate() throws {
        try OptionBounds.check("--max-upload-bytes", maxUploadBytes, in: 1...(64 << 20), unit: "bytes")
        _ = try Self.address(listen)
    }

    /// `--listen` as host and port, through the server's own parser.
    static func address(_ text: String) throws -> (host: String, port: Int) {
        guard let address = ServerOptions.listenAddress(text) else {
            throw ValidationError("--listen: expected HOST:PORT (an IPv6 host in brackets) with a port 0 … 65535, found \(text)")
        }
        return address
    }

    func run() throws {
        // The loop gets its CPU to itself: every thread made from here on (the server's event
        // loops, the sampler) stays off it; the loop's thread pins itself there when a run starts.
        if let cpu = realtime.cpu, let problem = RealtimeSetup.keepOff(cpu: cpu) {
            printError("qdot serve: warning: \(problem)")
        }
        let token: String
        do { token = try BearerTokenFile.load(path: tokenFile) } catch {
            printError("qdot serve: \(error)")
            throw QdotExit.badInputFile.code
        }
        let serviceBoard = try makeBoard()
        let supervisor: RunSupervisor
        do { supervisor = try RunSupervisor(board: serviceBoard, data: data, openRead: openRead) } catch {
            printError("qdot serve: the data folder \(data) cannot be made: \(error)")
            throw QdotExit.outputNotWritten.code
        }
        defer { supervisor.close() }
        let (host, port) = try Self.address(listen)
        let options = ServerOptions(host: host, port: port, token: token, openRead: openRead, maxUploadBytes: maxUploadBytes)
        let server = ServiceServer(service: supervisor, options: options, broadcaster: LiveBroadcaster())
        let stop = StopSignal()
        let signals = try StopOnSignals.start(stop, command: "qdot serve")
        defer { withExtendedLifetime(signals) {} }
        let outcome = DetachedTaskOutcome()
        let summary = serviceBoard.summary
        Task.detached {
            do {
                try await server.serve(onListening: { host, port in
                    let line = "qdot serve: board \(summary.name) (\(summary.backend)\(summary.pace.map { ", pace \($0)" } ?? "")), "
                        + "listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }, until: {
                    while !stop.isRaised { try? await Task.sleep(for: .milliseconds(100)) }
                    // Stop the run at a cycle boundary and write its files before the server goes.
                    while supervisor.isRunning {
                        _ = try? supervisor.stop()
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                })
            } catch {
                outcome.fail("\(error)")
            }
            outcome.finish()
        }
        outcome.wait()
        // A server that failed (address in use) leaves the run to stop here.
        supervisor.stopAndWait()
        if let failure = outcome.failure {
            printError("qdot serve: \(failure)")
            throw QdotExit.stationUnavailable.code
        }
        print("qdot serve: stopped")
    }

    /// The board the service owns, on its backend.
    func makeBoard() throws -> any ServiceBoard {
        let definition = try BoardLoading.load(board)
        // Named as `qdot sim` and `qdot run` name it in the result.
        let boardFile = board.map { FileManager.default.fileExists(atPath: $0) ? $0 : definition.fileName } ?? "(built in) simulated.board.toml"
        switch definition.backend {
        case .simulated:
            let stationDefinition = try StationLoading.load(station)
            var override: TimingProfile?
            if let profile {
                do { override = try TimingProfile.resolve(profile) } catch { throw nothingRun(error, file: "the timing profile \(profile)") }
            }
            return SimulatedServiceBoard(
                definition: definition, boardFile: boardFile, source: .physics(stationDefinition),
                station: StationLoading.resultStation(stationDefinition, path: station),
                profileOverride: override, pacedToWallClock: pace == .realTime,
                loopPriority: realtime.priority, loopCPU: realtime.cpu, busyWaitTailNanoseconds: realtime.busyWaitUs * 1_000)
        case .linux:
            let driver: LibgpiodDriver
            do { driver = try LibgpiodDriver.load(soname: ProcessInfo.processInfo.environment["QDOT_LIBGPIOD"]) } catch {
                printError("qdot serve: \(error)")
                throw QdotExit.stationUnavailable.code
            }
            let request = HardwareRun.Request(
                board: definition, schedule: CycleSchedule.plainTwoSettings(cycles: 1, timing: .standard),
                priority: realtime.priority, lockMemory: realtime.lockMemory, cpu: realtime.cpu,
                busyWaitTail: .microseconds(realtime.busyWaitUs), maximumCPUWakeLatencyMicroseconds: realtime.wakeLatencyCap)
            return LinuxServiceBoard(request: request, boardFile: boardFile, driver: driver)
        }
    }
}

#endif
