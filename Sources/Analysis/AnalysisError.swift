/// Input that the analysis cannot use, with what was wrong, where, and what was expected.
///
/// Every throwing function of the `Analysis` target throws this type. Nothing in the target
/// traps on input data and nothing returns a silent NaN: a count that is negative, a timestamp
/// out of order, a setting list that does not match, all come back as one of these values.
public enum AnalysisError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A count (or rate) below zero. `location` names the setting or field.
    case negativeCount(location: String, value: Double)
    /// A NaN or infinite value where a finite number is needed.
    case notFinite(location: String, value: Double)
    /// A time-tag stream whose timestamps go backwards.
    case unsortedTags(stream: String, index: Int, previousPicoseconds: Int64, timestampPicoseconds: Int64)
    /// Two lists that must have matching lengths or matching settings do not.
    case mismatchedSettings(detail: String)
    /// A setting (or stream) without the data an estimate needs, such as zero coincidences.
    case emptySetting(location: String, detail: String)
    /// A parameter outside its allowed range.
    case invalidParameter(name: String, value: String, expected: String)
    /// The settings do not determine the state (the linear system is singular).
    case notTomographicallyComplete(detail: String)
    /// An iterative method did not reach its tolerance.
    case didNotConverge(method: String, iterations: Int, detail: String)

    public var description: String {
        switch self {
        case let .negativeCount(location, value):
            return "negative count \(value) in \(location); counts must be ≥ 0"
        case let .notFinite(location, value):
            return "\(value) in \(location); expected a finite number"
        case let .unsortedTags(stream, index, previous, timestamp):
            return "time tags of \(stream) are not sorted: tag \(index) at \(timestamp) ps comes after "
                + "\(previous) ps; expected non-decreasing timestamps"
        case let .mismatchedSettings(detail):
            return "mismatched settings: \(detail)"
        case let .emptySetting(location, detail):
            return "empty setting \(location): \(detail)"
        case let .invalidParameter(name, value, expected):
            return "invalid \(name) = \(value); expected \(expected)"
        case let .notTomographicallyComplete(detail):
            return "the settings are not tomographically complete: \(detail)"
        case let .didNotConverge(method, iterations, detail):
            return "\(method) did not converge in \(iterations) iterations: \(detail)"
        }
    }
}

extension AnalysisError {
    /// Checks that a count is finite and not negative.
    @inlinable
    static func checkCount(_ value: Double, _ location: @autoclosure () -> String) throws(AnalysisError) {
        guard value.isFinite else { throw .notFinite(location: location(), value: value) }
        guard value >= 0 else { throw .negativeCount(location: location(), value: value) }
    }

    /// Checks that a value is finite.
    @inlinable
    static func checkFinite(_ value: Double, _ location: @autoclosure () -> String) throws(AnalysisError) {
        guard value.isFinite else { throw .notFinite(location: location(), value: value) }
    }
}
