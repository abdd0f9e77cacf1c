public import ConfigFile

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

    /// The simulated boards built into the binary, by name: the station used by tests and CI, and
    /// the same station as a Raspberry Pi 4 (its timing profile, kernel click stamps and pulse
    /// stretchers on the click lines).
    static let builtInTexts: [(name: String, file: String, text: [UInt8])] = [
        ("simulated-station", "simulated.board.toml", PackageResources.simulated_board_toml),
        ("simulated-raspberry-pi-4", "simulated-raspberry-pi-4.board.toml", PackageResources.simulated_raspberry_pi_4_board_toml),
    ]

    /// The names of the built-in boards.
    public static var builtInNames: [String] { builtInTexts.map(\.name) }

    /// The built-in board `name`, or nil.
    /// - Throws: only if a shipped file is broken (a test proves none is).
    public static func builtIn(named name: String) throws(ConfigErrors) -> BoardDefinition? {
        guard let board = builtInTexts.first(where: { $0.name == name }) else { return nil }
        return try parse(text: String(decoding: board.text, as: UTF8.self), fileName: "(built in) \(board.file)")
    }
}
