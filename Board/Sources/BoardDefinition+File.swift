public import ConfigFile
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension BoardDefinition {
    /// Reads and parses the board file at `path` (UTF-8); errors name the file by `path`.
    public static func load(contentsOf path: String) throws(ConfigErrors) -> BoardDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors(ConfigError(fileName: path, line: nil,
                                           message: "cannot read the board file (\(error)); expected a readable UTF-8 .board.toml file"))
        }
        return try parse(text: text, fileName: path)
    }
}
