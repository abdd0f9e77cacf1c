import ConfigFile

extension StationDefinition {
    /// The text of `Board/simulated.station.toml`, embedded in the binary at build time.
    public static var simulatedStationText: String {
        String(decoding: PackageResources.simulated_station_toml, as: UTF8.self)
    }

    /// The shipped simulated station: literature defaults, gated SNSPDs, three basis bits per arm;
    /// parsed from the embedded `simulated.station.toml`.
    ///
    /// Throws only if the shipped file is broken (a test proves it is not).
    public static var simulatedStation: StationDefinition {
        get throws(ConfigErrors) { try parse(text: simulatedStationText, fileName: "simulated.station.toml") }
    }
}
