import ArgumentParser
import Boards
import Composition
import HAL

/// `qdot boards`: the boards qdot knows, and one board's role table.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards",
        abstract: "List the built-in and shipped board files, or show one board's role table.",
        discussion: """
            Looks in $QDOT_BOARD_DIR, /etc/qdot, share/qdot/boards next to the binary, and the \
            source tree's Board/ folder. A lab copies a shipped file (Raspberry Pi 4, Pi 5, \
            BeagleBone Black), edits the wiring and checks it with `qdot boards --show FILE`.
            """)

    @Option(help: ArgumentHelp("Print the role table of this board: a file, a board name, or \"simulated-station\".",
                               valueName: "FILE"))
    var show: String?

    func run() throws {
        let catalog = BoardCatalog.standard()
        guard let show else {
            list(catalog)
            return
        }
        let path: String?
        if show == "(built in)" {
            path = nil
        } else if BoardDefinition.builtInNames.contains(show) {
            path = show   // BoardLoading takes a built-in board's name
        } else if show.contains("/") || show.hasSuffix(".toml") {
            path = show
        } else if let file = catalog.file(named: show) {
            path = file == "(built in)" ? nil : file
        } else {
            path = show   // let the loader say the file does not exist
        }
        let board = try BoardLoading.load(path)
        print(Self.roleTable(board, file: path ?? "(built in)"))
    }

    private func list(_ catalog: BoardCatalog) {
        let entries = catalog.entries()
        let nameWidth = max(entries.map(\.name.count).max() ?? 0, 4)
        print("NAME".padded(nameWidth) + "  BACKEND    FILE")   // widths below: name, 9, file
        for entry in entries {
            print(entry.name.padded(nameWidth) + "  " + (entry.backend?.rawValue ?? "-").padded(9) + "  " + entry.file)
            for problem in entry.problems { print("    error: \(problem)") }
        }
        print("searched: " + (catalog.folders.isEmpty ? "(no board folder found)" : catalog.folders.joined(separator: ", ")))
    }

    /// One line per role: role, direction, chip, line, polarity, and bias (inputs) or safe level (outputs).
    static func roleTable(_ board: BoardDefinition, file: String) -> String {
        let profile: String = board.timingProfile.map { ", timing profile \($0.name)" } ?? ""
        var clicks = "  clicks stamped by \(board.clicks.timestamps)"
        if board.clicks.pulseStretch > .zero { clicks += ", stretched to \(board.clicks.pulseStretch.nanoseconds) ns" }
        if let resolution = board.clickResolution, resolution.picoseconds > 0 {
            clicks += "; coincidence windows below \(ExperimentBoardFit.format(picoseconds: resolution.picoseconds)) cannot be resolved"
        }
        let header: String = "  " + "ROLE".padded(15) + "DIR     " + "CHIP".padded(19) + "LINE".padded(12) + "POLARITY     BIAS/SAFE"
        var lines = ["board \(board.name) — \(board.description)",
                     "  file \(file), backend \(board.backend.rawValue), consumer \"\(board.consumer)\"" + profile,
                     clicks, header]
        for assignment in board.allLines {
            let extra: String
            if assignment.role.isOutput {
                extra = "safe " + ((assignment.safeLevel ?? .inactive) == .active ? "active" : "inactive")
            } else {
                extra = "bias " + (assignment.bias ?? .asIs).rawValue
            }
            let direction = assignment.role.isOutput ? "output  " : "input   "
            let polarity = assignment.isActiveLow ? "active-low " : "active-high"
            let columns: [String] = [assignment.role.rawValue.padded(14), direction + assignment.chipLabel.padded(18),
                                     assignment.lineName.padded(11), polarity + "  " + extra]
            lines.append("  " + columns.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string padded with spaces to `width` (unchanged when it is already as wide).
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
