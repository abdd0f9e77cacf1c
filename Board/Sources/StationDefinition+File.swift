public import ConfigFile

extension StationDefinition {
    /// Reads and parses the station file at `path` (UTF-8); errors name the file by `path`, an
    /// unreadable file with the system's reason, a byte that is not UTF-8 with its line.
    public static func load(contentsOf path: String) throws(ConfigErrors) -> StationDefinition {
        let text = try ConfigText.read(contentsOf: path, expecting: ".station.toml file")
        return try parse(text: text, fileName: path)
    }
}
