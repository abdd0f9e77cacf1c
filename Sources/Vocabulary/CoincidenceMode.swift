/// How an experiment decides that clicks of arm A and arm B coincide.
public enum CoincidenceMode: Sendable, Hashable, CustomStringConvertible {
    /// Clicks coincide when the first clicks of the cycle lie at most the coincidence window apart
    /// in time. It needs click timestamps that resolve the window (an ideal board, a hardware
    /// timestamping engine, an external tagger), not a kernel's interrupt stamps.
    case window
    /// Clicks coincide when they fall in the same trigger cycle: the detectors' own gate is the
    /// window, so no timestamp needs to resolve it. Accidental coincidences are measured directly
    /// from the pairs a cycle makes with its neighbours k ± 1 … k ± `sideCycles` (side cycles hold
    /// only clicks of different excitation pulses).
    case gate(sideCycles: Int)

    /// The most side cycles a gate-mode experiment may average on each side.
    public static let maximumSideCycles = 8

    /// "window" or "gate": the name experiment files use.
    public var name: String {
        switch self {
        case .window: "window"
        case .gate: "gate"
        }
    }

    /// The side cycles on each side in gate mode, nil in window mode.
    public var sideCycles: Int? {
        if case .gate(let sideCycles) = self { return sideCycles }
        return nil
    }

    public var description: String {
        switch self {
        case .window: "window"
        case .gate(let sideCycles): "gate (accidentals from side cycles ±1…±\(sideCycles))"
        }
    }
}
