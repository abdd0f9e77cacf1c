import Boards
import ConfigFile
import Testing

/// Station times are bounded where they are read, so the simulator's picosecond arithmetic
/// (pulse time + delay + jitter) cannot overflow: a delay of Int64.max used to pass the loader
/// and trap in `qdot sim`.
@Suite struct StationFileRangeTests {
    @Test(arguments: [
        ("arm.a", "arrival-delay-ps", "9223372036854775807",
         "expected an integer number of picoseconds, -1 000 000 000 000 … 1 000 000 000 000 ps, found 9223372036854775807"),
        ("laser", "trigger-to-pulse-delay-ps", "9223372036854775807",
         "expected an integer number of picoseconds, -1 000 000 000 000 … 1 000 000 000 000 ps, found 9223372036854775807"),
        ("arm.b", "arrival-delay-ps", "2000000000", "expected a delay 0 … 1 000 000 000 ps, found 2000000000"),
        ("detector.a-plus", "dead-time-ps", "999999999999", "expected a dead time 0 … 1 000 000 000 ps, found 999999999999"),
        ("detector.b-plus", "click-pulse-width-ps", "1000000001", "expected a pulse width 1 … 1 000 000 000 ps, found 1000000001"),
        ("detector.b-minus", "jitter-rms-ps", "1e300", "expected a number 0 … 1 000 000 ps, found 1e+300"),
        ("laser", "timing-jitter-rms-ps", "1e300", "expected a number 0 … 1 000 000 ps, found 1e+300"),
        ("source", "exciton-lifetime-ps", "1e300", "expected a number > 0, at most 1 000 000 ps, found 1e+300"),
        ("detector.a-minus", "dark-count-rate-per-s", "1e300", "expected a number 0 … 1 000 000 000 per second, found 1e+300"),
    ])
    func aTimeBeyondItsBoundIsAFieldError(section: String, key: String, value: String, message: String) throws {
        let (text, line) = try StationFileTests.edited(section: section, key: key, value: value)
        do {
            _ = try StationDefinition.parse(text: text, fileName: "s.station.toml")
            Issue.record("\(section).\(key) = \(value) was accepted")
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            #expect(error.first.description == "s.station.toml:\(line): \(section).\(key): \(message)")
        }
    }
}
