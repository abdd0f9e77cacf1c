import ConfigFile

extension BoardDefinition {
    /// The text of `Board/simulated.board.toml`, embedded in the binary at build time.
    public static var simulatedStationText: String {
        String(decoding: PackageResources.simulated_board_toml, as: UTF8.self)
    }

    /// The simulated station used by tests and CI: chip "qdot-sim", one shared gate, three basis
    /// bits per arm, a status line; parsed from the embedded `simulated.board.toml`.
    ///
    /// Throws only if the shipped file is broken (a test proves it is not).
    public static var simulatedStation: BoardDefinition {
        get throws(ConfigErrors) { try parse(text: simulatedStationText, fileName: "simulated.board.toml") }
    }
}
