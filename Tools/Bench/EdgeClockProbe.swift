import Glibc
import HAL
import LinuxHAL

/// `qdot-bench edge-clock`: requests one input line for edge events with a chosen event clock
/// through qdot's Linux backend (`LinuxGPIO.requestEdgeInputs`, the call a station's click lines
/// go through), and says whether it was granted or why not; the gpio-sim lane checks both.
///
/// Options (`QdotBench.EdgeClock`): `--chip LABEL`, `--line NAME`, `--clock monotonic|realtime|hte` (required);
/// `--edge-detection rising|falling|both` (default both: the edges the line is requested for, as
/// a click line asks for rising and the interlock for both); `--edges N` then waits (at most
/// `--timeout-ms`, default 5000) for N edges and checks that each stamp lies on CLOCK_MONOTONIC
/// between the request and the read.
///
/// Prints a human line, then `edge-clock-result clock=… granted=0|1 …` for scripts: with
/// `kind=… errno=…` when refused, `edges=… on-monotonic=… rising=… falling=… edge-detection=…
/// lost=… lost-edge-detection=…` when edges were awaited (`lost` as the backend counts it:
/// exact, a lower bound, or nothing at all where it cannot see losses). Exit status: 0 granted (and every awaited edge came, on
/// CLOCK_MONOTONIC), 3 refused, 1 otherwise; ArgumentParser's 64 for a usage error.
enum EdgeClockProbe {
    /// Requests line `lineName` of chip `chipLabel` for `detection` edges stamped by `clock`, waits
    /// for `edges` edges (at most `timeoutMilliseconds`), prints the report; returns the exit status.
    static func run(chipLabel: String, lineName: String, clock: EdgeEventClock, detection: EdgeSelection, edges: Int,
                    timeoutMilliseconds: Int64) -> Int32 {
        let driver: LibgpiodDriver
        do { driver = try LibgpiodDriver.load() } catch {
            print("qdot-bench edge-clock: \(error)")
            return 1
        }
        let about = "libgpiod \(driver.libraryVersion) (API \(driver.apiMajorVersion)), kernel \(driver.kernelRelease)"
        let gpio = LinuxGPIO(consumer: "qdot-bench", driver: driver)
        let monotonic = LinuxClock()
        let before = monotonic.now
        let input: LinuxEdgeInput
        do {
            input = try gpio.requestEdgeInputs(chipLabel: chipLabel,
                                               lines: [EdgeInputLineSpec(name: lineName, edges: detection, eventClock: clock)])
        } catch {
            print("edge-clock: \(about), \(chipLabel):\(lineName), clock \(clock.rawValue): refused — \(error)")
            print("edge-clock-result clock=\(clock.rawValue) granted=0 kind=\(error.kind.rawValue) errno=\(error.errno.map { "\($0)" } ?? "-")")
            return 3
        }
        print("edge-clock: \(about), \(chipLabel):\(lineName), clock \(clock.rawValue), \(detection) edges: granted")
        print("edge-clock-ready")   // the harness starts its edges after this line …
        fflush(nil)                 // … so it must reach a file or pipe now, not when the probe exits
        guard edges > 0 else {
            print("edge-clock-result clock=\(clock.rawValue) granted=1")
            return 0
        }
        var buffer = [EdgeEvent](repeating: EdgeEvent(kind: .rising, timestamp: before, line: 0, lineSequence: 0), count: 64)
        var seen = 0, onMonotonic = 0, rising = 0
        let deadline = before + .milliseconds(timeoutMilliseconds)
        do {
            while seen < edges, monotonic.now < deadline {
                let count = try buffer.withUnsafeMutableBufferPointer { pointer throws(HardwareError) in
                    try input.readEdges(into: pointer)
                }
                let readAt = monotonic.now
                for edge in buffer.prefix(count) {
                    let inWindow = edge.timestamp >= before && edge.timestamp <= readAt
                    if inWindow { onMonotonic += 1 }
                    if edge.kind == .rising { rising += 1 }
                    print("edge-clock-edge \(edge.kind) stamp-ns=\(edge.timestamp.nanoseconds) read-ns=\(readAt.nanoseconds) "
                        + (inWindow ? "on-monotonic" : "OUTSIDE request \(before.nanoseconds) ... read \(readAt.nanoseconds)"))
                }
                seen += count
                if count == 0 { monotonic.sleep(until: monotonic.now + .milliseconds(1)) }
            }
        } catch {
            print("edge-clock: reading edges failed — \(error)")
            return 1
        }
        print("edge-clock-result clock=\(clock.rawValue) granted=1 edges=\(seen) on-monotonic=\(onMonotonic) "
            + "rising=\(rising) falling=\(seen - rising) edge-detection=\(detection) "
            + "lost=\(input.lostEdgeCount) lost-edge-detection=\(input.lostEdgeDetection[0].rawValue)")
        return seen >= edges && onMonotonic == seen ? 0 : 1
    }
}
