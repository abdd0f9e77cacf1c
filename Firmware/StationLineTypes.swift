public import HAL

/// The concrete types of a station's output requests, edge-input requests and clock.
///
/// The composition root, which built the station on one backend, names them
/// (``StationLines/compileLoop(for:)``) so the cycle loop is compiled for that backend: the
/// loop's line writes, edge reads and sleeps become direct calls the compiler can inline, not
/// calls through `any OutputLine`, `any EdgeInput` and `any HardwareClock`. The firmware still
/// names no backend: the types come in as generic parameters. A station whose types were not
/// named (or whose requests are of several types) runs the same loop through ``ErasedOutputLine``,
/// ``ErasedEdgeInput`` and ``ErasedClock``.
public struct StationLineTypes<Output: OutputLine, Input: EdgeInput, Clock: HardwareClock>: Sendable {
    /// The types given as generic arguments.
    public init() {}

    /// The controller's requests and clock as these types; nil when any is of another type.
    @inlinable func typed(outputs: [any OutputLine], inputs: [any EdgeInput],
               clock: any HardwareClock) -> (outputs: [Output], inputs: [Input], clock: Clock)? {
        guard let clock = clock as? Clock else { return nil }
        var typedOutputs: [Output] = []
        for request in outputs {
            guard let typed = request as? Output else { return nil }
            typedOutputs.append(typed)
        }
        var typedInputs: [Input] = []
        for request in inputs {
            guard let typed = request as? Input else { return nil }
            typedInputs.append(typed)
        }
        return (typedOutputs, typedInputs, clock)
    }
}

/// What one run of the cycle loop is given, besides its requests and clock.
@usableFromInline struct CycleLoopPlan {
    @usableFromInline var cycleWrites: [[TimedWrite]]
    @usableFromInline var basisWrites: [[TimedWrite]]
    @usableFromInline var randomChoices: [BasisChoiceTable?]
    @usableFromInline var stop: StopSignal?
    @usableFromInline var observer: (any CycleObserver)?
}

/// The cycle loop compiled for one station's line types (``StationLineTypes``).
@usableFromInline struct CompiledCycleLoop {
    /// Runs `loop` with the controller's requests and clock as the compiled types; false (and
    /// nothing run) when they are not of those types.
    @usableFromInline let execute: (inout CycleLoop, _ outputs: [any OutputLine], _ inputs: [any EdgeInput], _ clock: any HardwareClock,
                  CycleLoopPlan) -> Bool

    @inlinable init<Output, Input, Clock>(_ types: StationLineTypes<Output, Input, Clock>) {
        execute = { loop, outputs, inputs, clock, plan in
            guard let typed = types.typed(outputs: outputs, inputs: inputs, clock: clock) else { return false }
            loop.execute(outputs: typed.outputs, inputs: typed.inputs, clock: typed.clock, plan: plan)
            return true
        }
    }

    /// Runs `loop` with requests and a clock of any types, each call through its existential.
    static func executeErased(_ loop: inout CycleLoop, outputs: [any OutputLine], inputs: [any EdgeInput],
                              clock: any HardwareClock, plan: CycleLoopPlan) {
        loop.execute(outputs: outputs.map(ErasedOutputLine.init), inputs: inputs.map(ErasedEdgeInput.init),
                     clock: ErasedClock(clock), plan: plan)
    }
}

extension StationLines {
    /// Compiles the cycle loop for this station's concrete request and clock types (see
    /// ``StationLineTypes``). Call it where the backend is known, after the last change of
    /// `clock` or a binding; a controller whose requests turn out to be of other types runs the
    /// loop through their existentials, as before.
    @inlinable public mutating func compileLoop<Output, Input, Clock>(for types: StationLineTypes<Output, Input, Clock>) {
        compiledLoop = CompiledCycleLoop(types)
    }
}

/// An output request of any type, as one concrete type (the loop for stations whose types were
/// not named).
final class ErasedOutputLine: OutputLine {
    let base: any OutputLine
    init(_ base: any OutputLine) { self.base = base }
    var lineCount: Int { base.lineCount }
    var lineNames: [String] { base.lineNames }
    var driven: LineBits { base.driven }
    func set(_ values: LineBits, mask: LineBits) throws(HardwareError) { try base.set(values, mask: mask) }
    func set(line index: Int, to value: LineValue) throws(HardwareError) { try base.set(line: index, to: value) }
}

/// An edge-input request of any type, as one concrete type.
final class ErasedEdgeInput: EdgeInput {
    let base: any EdgeInput
    init(_ base: any EdgeInput) { self.base = base }
    var lineCount: Int { base.lineCount }
    var lineNames: [String] { base.lineNames }
    var lostEdgeCount: Int { base.lostEdgeCount }
    func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        try base.readEdges(into: buffer)
    }
    func value(ofLine index: Int) throws(HardwareError) -> LineValue { try base.value(ofLine: index) }
}

/// A clock of any type, as one concrete type.
final class ErasedClock: HardwareClock {
    let base: any HardwareClock
    init(_ base: any HardwareClock) { self.base = base }
    var now: Instant { base.now }
    func sleep(until deadline: Instant) -> Instant { base.sleep(until: deadline) }
}
