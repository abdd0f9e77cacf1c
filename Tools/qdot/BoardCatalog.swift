import Boards
import ConfigFile
import Foundation

/// The board files qdot knows: the built-in simulated station and the `.board.toml` files in the
/// folders it looks in, first match of a name winning.
///
/// Folders, in order: `$QDOT_BOARD_DIR`; `/etc/qdot`; `share/qdot/boards` next to the binary's
/// `bin` folder (an installed qdot: /usr/local/share/qdot/boards); and the source tree's `Board/`
/// when the binary was built in one (`swift build` puts it under `.build/`).
struct BoardCatalog {
    /// One board file found, loaded or not.
    struct Entry {
        /// The board's name from the file (the file's name when it does not load).
        var name: String
        /// Its backend, nil when it does not load.
        var backend: BoardBackend?
        /// Its one-line description.
        var description: String
        /// Where it is ("(built in)" for the simulated station).
        var file: String
        /// The mistakes that keep it from loading, empty when it loads.
        var problems: [String]
    }

    /// The folders searched, existing ones only, in order.
    var folders: [String]

    /// The catalog of this installation.
    static func standard() -> BoardCatalog {
        var candidates: [String] = []
        if let folder = ProcessInfo.processInfo.environment["QDOT_BOARD_DIR"], !folder.isEmpty { candidates.append(folder) }
        candidates.append("/etc/qdot")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let binFolder = executable.deletingLastPathComponent()
        candidates.append(binFolder.deletingLastPathComponent().appendingPathComponent("share/qdot/boards").path)
        // A build in a source tree: walk up from .build/<triple>/debug to the folder with Package.swift.
        var folder = binFolder
        for _ in 0..<5 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                candidates.append(folder.appendingPathComponent("Board").path)
                break
            }
            folder = folder.deletingLastPathComponent()
        }
        var seen = Set<String>()
        let existing = candidates.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
                && seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted
        }
        return BoardCatalog(folders: existing)
    }

    /// The built-in boards first (the simulated station, then the other simulated boards), then
    /// every `*.board.toml` of every folder, sorted by file name.
    func entries() -> [Entry] {
        var entries: [Entry] = []
        for name in BoardDefinition.builtInNames {
            guard let board = try? BoardDefinition.builtIn(named: name) else { continue }
            entries.append(Entry(name: board.name, backend: board.backend, description: board.description,
                                 file: "(built in)", problems: []))
        }
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".board.toml") {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
                do {
                    let board = try BoardDefinition.load(contentsOf: path)
                    entries.append(Entry(name: board.name, backend: board.backend, description: board.description,
                                         file: path, problems: []))
                } catch {
                    entries.append(Entry(name: String(name.dropLast(".board.toml".count)), backend: nil,
                                         description: "does not load", file: path,
                                         problems: error.errors.map(\.description)))
                }
            }
        }
        return entries
    }

    /// The file of the board named `name` (first match), or nil.
    func file(named name: String) -> String? {
        entries().first { $0.name == name && $0.problems.isEmpty }?.file
    }
}
