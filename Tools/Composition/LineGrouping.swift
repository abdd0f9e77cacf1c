public import Boards
public import Firmware
public import HAL

/// How a board's lines become requests and role bindings, the same for every backend.
public enum LineGrouping {
    /// Assignments grouped by chip label, chips in the order they first appear, lines in role order.
    public static func byChip(_ assignments: [LineAssignment]) -> [(chip: String, lines: [LineAssignment])] {
        var chips: [String] = []
        var groups: [String: [LineAssignment]] = [:]
        for assignment in assignments {
            if groups[assignment.chipLabel] == nil { chips.append(assignment.chipLabel) }
            groups[assignment.chipLabel, default: []].append(assignment)
        }
        return chips.map { ($0, groups[$0]!) }
    }

    /// The edges an input role is requested for: rising only for a click line (the firmware counts
    /// clicks by their rising edges, and a both-edge request would make the kernel read the level
    /// to tell the direction, losing clicks narrower than its interrupt latency), both for the
    /// interlock (the firmware stops on its falling edge).
    public static func edges(of role: LineRole) -> EdgeSelection {
        role == .interlock ? .both : .rising
    }

    /// The firmware's `StationLines` from role bindings (the board loader guarantees every
    /// required role is present).
    public static func stationLines(definition: BoardDefinition, outputs: [LineRole: OutputBinding],
                                    inputs: [LineRole: InputBinding], clock: any HardwareClock) -> StationLines {
        StationLines(
            trigger: outputs[.trigger]!,
            gates: definition.gateLines.map { outputs[$0.role]! },
            basisA: definition.basisLines(of: .a).map { outputs[$0.role]! },
            basisB: definition.basisLines(of: .b).map { outputs[$0.role]! },
            status: outputs[.status],
            clicks: [LineRole.clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus].map { inputs[$0]! },
            interlock: inputs[.interlock]!,
            clock: clock)
    }
}
