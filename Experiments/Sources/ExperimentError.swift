/// Why an experiment cannot be planned, run or read back.
public enum ExperimentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Problems with the experiment, each naming the figures that clash.
    case problems([String])

    public var description: String {
        switch self {
        case let .problems(list): return list.joined(separator: "; ")
        }
    }
}
