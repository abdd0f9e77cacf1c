public import ConfigFile
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension StationDefinition {
    /// Reads and parses the station file at `path` (UTF-8); errors name the file by `path`.
    public static func load(contentsOf path: String) throws(ConfigErrors) -> StationDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors(ConfigError(fileName: path, line: nil,
                                           message: "cannot read the station file (\(error)); expected a readable UTF-8 .station.toml file"))
        }
        return try parse(text: text, fileName: path)
    }
}
