public import ConfigFile
public import HAL

extension TimingProfile {
    /// The profiles that ship in `Board/profiles/`, embedded in the binary at build time, by name.
    static let shippedTexts: [(name: String, text: [UInt8])] = [
        ("raspberry-pi-4", PackageResources.raspberry_pi_4_profile_toml),
        ("raspberry-pi-5", PackageResources.raspberry_pi_5_profile_toml),
        ("beaglebone-black", PackageResources.beaglebone_black_profile_toml),
    ]

    /// The names of the profiles qdot knows without a file: `ideal` and the shipped ones.
    public static var builtInNames: [String] { ["ideal"] + shippedTexts.map(\.name) }

    /// The built-in profile `name` (`ideal`, `raspberry-pi-4`, …), or nil.
    /// - Throws: only if a shipped file is broken (a test proves none is).
    public static func builtIn(_ name: String) throws(ConfigErrors) -> TimingProfile? {
        if name == "ideal" { return .ideal }
        guard let shipped = shippedTexts.first(where: { $0.name == name }) else { return nil }
        return try parse(text: String(decoding: shipped.text, as: UTF8.self), fileName: "(built in) \(name).profile.toml")
    }

    /// The shipped `Board/profiles/raspberry-pi-4.profile.toml`: the profile benchmarks, tests
    /// and examples compare against. It is embedded at build time and a test parses every shipped
    /// profile, so it cannot fail at run time short of a broken build.
    public static let raspberryPi4: TimingProfile = {
        do {
            guard let profile = try builtIn("raspberry-pi-4") else { preconditionFailure("no shipped raspberry-pi-4 profile") }
            return profile
        } catch {
            preconditionFailure("the shipped raspberry-pi-4 profile does not parse: \(error)")
        }
    }()

    /// The profile `nameOrPath` names: a built-in name, or a `.profile.toml` file (a relative path
    /// taken from `folder` when given: a board file's own folder).
    public static func resolve(_ nameOrPath: String, relativeTo folder: String? = nil) throws(ConfigErrors) -> TimingProfile {
        if let profile = try builtIn(nameOrPath) { return profile }
        var path = nameOrPath
        if let folder, !path.hasPrefix("/") { path = folder + "/" + path }
        guard path.hasSuffix(".profile.toml") else {
            throw ConfigErrors(ConfigError(fileName: nameOrPath, line: nil,
                                           message: "no timing profile named \(nameOrPath); expected one of \(builtInNames.joined(separator: ", ")) or a .profile.toml file"))
        }
        return try load(contentsOf: path)
    }
}
