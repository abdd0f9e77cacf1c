/// The example experiment files shipped in `Experiments/`, embedded in the binary so that
/// `qdot experiments` can list them and `qdot sim --experiment NAME` can run them anywhere.
public enum ExperimentExamples {
    /// One example: its name (the file name without `.experiment.toml`) and its text.
    public struct Example: Sendable {
        /// "bell-chsh", "bbm92", …
        public var name: String
        /// The file's text.
        public var text: String
        /// The file name in `Experiments/`.
        public var fileName: String { "\(name).experiment.toml" }
    }

    /// Every example: one per experiment kind, and the Raspberry Pi variants in gate mode.
    public static var all: [Example] {
        [("bell-chsh", PackageResources.bell_chsh_experiment_toml),
         ("tomography-16", PackageResources.tomography_16_experiment_toml),
         ("tomography-36", PackageResources.tomography_36_experiment_toml),
         ("bbm92", PackageResources.bbm92_experiment_toml),
         ("g2", PackageResources.g2_experiment_toml),
         ("gate-delay-scan", PackageResources.gate_delay_scan_experiment_toml),
         ("raspberry-pi-bell-chsh", PackageResources.raspberry_pi_bell_chsh_experiment_toml),
         ("raspberry-pi-bbm92", PackageResources.raspberry_pi_bbm92_experiment_toml)]
            .map { Example(name: $0.0, text: String(decoding: $0.1, as: UTF8.self)) }
    }

    /// The example named `name`, if there is one.
    public static func named(_ name: String) -> Example? { all.first { $0.name == name } }
}
