/// Every experiment kind qdot knows. Adding a kind is one new file in `Kinds/` and one line here.
public enum ExperimentKinds {
    /// The kinds, in the order `qdot experiments` and the docs list them.
    public static let all: [any ExperimentKind.Type] = [
        BellCHSHExperiment.self,
        Tomography16Experiment.self,
        Tomography36Experiment.self,
        BBM92Experiment.self,
        G2Experiment.self,
        GateDelayScanExperiment.self,
    ]

    /// The kind named `name`, if there is one.
    public static func named(_ name: String) -> (any ExperimentKind.Type)? {
        all.first { $0.name == name }
    }

    /// Every kind's name.
    public static var names: [String] { all.map { $0.name } }
}
