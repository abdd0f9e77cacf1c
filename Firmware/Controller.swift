public import HAL
import Vocabulary

/// The station controller: the real-time trigger cycle, the interlock, the safe state.
///
/// Per cycle, against absolute deadlines (each computed from the first, never from "now"):
/// read the clicks of the previous cycle and the interlock; put the bases on the basis-select
/// lines if they change; open the gate(s), pulse the trigger, close the gate(s) at their
/// offsets. The loop allocates nothing once it runs: buffers and tallies are made beforehand.
/// Every way out of `run` drives the outputs to their safe levels.
public final class Controller {
    /// Where the controller is.
    public internal(set) var state: ControllerState = .idle
    /// The station's lines.
    public let lines: StationLines
    /// Edges read per `readEdges` call.
    public static let edgeBatchCapacity = 256

    var program: CycleProgram
    /// Distinct input requests, and per request what each line is.
    var inputRequests: [any EdgeInput] = []
    var inputRoles: [[InputRole]] = []
    var interlockRequest = 0
    let edgeBuffer: UnsafeMutableBufferPointer<EdgeEvent>

    /// A controller for a station whose lines are already requested.
    ///
    /// - Throws: `FirmwareError.badStation` when the bindings are not a station (four clicks, one
    ///   or four gates, at least one basis bit per arm, no line bound twice).
    public init(lines: StationLines) throws(FirmwareError) {
        guard lines.clicks.count == 4 else {
            throw .badStation("a station has four click inputs (A+, A-, B+, B-), this one has \(lines.clicks.count)")
        }
        guard lines.gates.count == 1 || lines.gates.count == 4 else {
            throw .badStation("a station has one shared gate or four gates, this one has \(lines.gates.count)")
        }
        guard !lines.basisA.isEmpty, !lines.basisB.isEmpty, lines.basisA.count <= 8, lines.basisB.count <= 8 else {
            throw .badStation("each arm needs 1 to 8 basis-select lines (A has \(lines.basisA.count), B has \(lines.basisB.count))")
        }
        var seen: [(ObjectIdentifier, Int)] = []
        for binding in lines.allOutputs {
            let key = (ObjectIdentifier(binding.request), binding.index)
            guard !seen.contains(where: { $0 == key }) else {
                throw .badStation("one output line is bound to two roles (\(binding.request.lineNames[binding.index]))")
            }
            seen.append(key)
        }
        self.lines = lines
        self.program = CycleProgram(lines: lines)
        edgeBuffer = .allocate(capacity: Self.edgeBatchCapacity)
        for (channel, binding) in zip(DetectorChannel.allCases, lines.clicks) {
            let request = inputIndex(of: binding.request)
            inputRoles[request][binding.index] = .click(channel)
        }
        interlockRequest = inputIndex(of: lines.interlock.request)
        inputRoles[interlockRequest][lines.interlock.index] = .interlock
    }

    deinit { edgeBuffer.deallocate() }

    private func inputIndex(of request: any EdgeInput) -> Int {
        if let index = inputRequests.firstIndex(where: { $0 === request }) { return index }
        inputRequests.append(request)
        inputRoles.append(Array(repeating: .unused, count: request.lineCount))
        return inputRequests.count - 1
    }

    /// Drives every output the station uses to its safe level, one bulk write per request.
    /// Tries every request even when one fails, and throws the first failure.
    public func driveSafe() throws(HardwareError) {
        var firstError: HardwareError?
        for (index, request) in program.requests.enumerated() where program.safeMask[index] != .none {
            do {
                try request.set(program.safeValues[index], mask: program.safeMask[index])
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
    }

    /// Outputs safe, interlock checked: ready to run.
    ///
    /// Leaves the controller in `.safe` when the interlock is open, in `.fault` on a hardware error.
    public func arm() {
        do {
            try driveSafe()
            let interlock = try lines.interlock.request.value(ofLine: lines.interlock.index)
            guard interlock == .active else {
                state = .safe(reason: "interlock open at arming")
                return
            }
            state = .armed
        } catch {
            state = .fault(reason: error.description)
            try? driveSafe()
        }
    }

    /// Arms the controller and insists it is ready: the step every composition root takes before a run.
    ///
    /// - Throws: `FirmwareError.notArmed` with the state it stopped in (safe: interlock open; fault:
    ///   a hardware error while driving the outputs safe).
    public func armForRun() throws(FirmwareError) {
        arm()
        guard case .armed = state else { throw .notArmed(state) }
    }
}

/// A mistake in how the firmware was set up (not a hardware failure).
public enum FirmwareError: Error, Sendable, CustomStringConvertible {
    /// The station's line bindings are not a station.
    case badStation(String)
    /// The schedule cannot run (timing that clashes, a basis code too wide for its lines).
    case badSchedule([String])
    /// `run` was called in a state other than `.armed`.
    case notArmed(ControllerState)

    public var description: String {
        switch self {
        case let .badStation(text): return "station wiring: \(text)"
        case let .badSchedule(problems): return "schedule: " + problems.joined(separator: "; ")
        case let .notArmed(state): return "the controller must be armed to run (it is \(state))"
        }
    }
}
