public import HAL
import Vocabulary

/// One write of a cycle: at `offset` after the cycle deadline, drive the lines of one request
/// selected by `mask` to `values`. Writes on one request at one offset are merged into one.
@usableFromInline struct TimedWrite {
    @usableFromInline var offset: TimeSpan
    @usableFromInline var request: Int
    @usableFromInline var mask: LineBits
    @usableFromInline var values: LineBits
}

/// The output requests of a station, deduplicated, and the cycle's timed writes against them.
struct CycleProgram {
    /// Every distinct output request, in first-seen order.
    private(set) var requests: [any OutputLine] = []
    /// Per request: the safe levels of the lines the station uses, and which those are.
    private(set) var safeMask: [LineBits] = []
    private(set) var safeValues: [LineBits] = []

    init(lines: StationLines) {
        for binding in lines.allOutputs {
            let request = requestIndex(of: binding.request)
            safeMask[request][binding.index] = .active
            safeValues[request][binding.index] = binding.safeValue
        }
    }

    /// Index of a request, adding it when new.
    mutating func requestIndex(of request: any OutputLine) -> Int {
        if let index = requests.firstIndex(where: { $0 === request }) { return index }
        requests.append(request)
        safeMask.append(.none)
        safeValues.append(.none)
        return requests.count - 1
    }

    /// The trigger and gate writes of one cycle for `timing`, in time order.
    mutating func layOut(_ timing: CycleTiming, lines: StationLines) -> [TimedWrite] {
        // Precedence at equal offsets: gate opens, trigger rises, trigger falls, gate closes.
        var planned: [(offset: TimeSpan, precedence: Int, binding: OutputBinding, value: LineValue)] = []
        let trigger = timing.triggerLead
        let gateOpen = trigger + timing.gateDelay
        for gate in lines.gates { planned.append((gateOpen, 0, gate, .active)) }
        planned.append((trigger, 1, lines.trigger, .active))
        planned.append((trigger + timing.triggerPulseWidth, 2, lines.trigger, .inactive))
        for gate in lines.gates { planned.append((gateOpen + timing.gateWidth, 3, gate, .inactive)) }
        planned.sort { ($0.offset, $0.precedence) < ($1.offset, $1.precedence) }

        var writes: [TimedWrite] = []
        for item in planned {
            let request = requestIndex(of: item.binding.request)
            if let last = writes.last, last.offset == item.offset, last.request == request,
               last.mask[item.binding.index] == .inactive {
                writes[writes.count - 1].mask[item.binding.index] = .active
                writes[writes.count - 1].values[item.binding.index] = item.value
            } else {
                var write = TimedWrite(offset: item.offset, request: request, mask: .none, values: .none)
                write.mask[item.binding.index] = .active
                write.values[item.binding.index] = item.value
                writes.append(write)
            }
        }
        return writes
    }

    /// The writes that put `codes` on the basis-select lines: one per request involved.
    mutating func basisWrites(for codes: BasisCodes, lines: StationLines) -> [TimedWrite] {
        var result: [TimedWrite] = []
        func add(_ bindings: [OutputBinding], code: UInt8) {
            for (bit, binding) in bindings.enumerated() {
                let request = requestIndex(of: binding.request)
                let value = LineValue((code >> UInt8(bit)) & 1 == 1)
                if let i = result.firstIndex(where: { $0.request == request }) {
                    result[i].mask[binding.index] = .active
                    result[i].values[binding.index] = value
                } else {
                    var write = TimedWrite(offset: .zero, request: request, mask: .none, values: .none)
                    write.mask[binding.index] = .active
                    write.values[binding.index] = value
                    result.append(write)
                }
            }
        }
        add(lines.basisA, code: codes.armA)
        add(lines.basisB, code: codes.armB)
        return result
    }
}
