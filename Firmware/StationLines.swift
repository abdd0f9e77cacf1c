public import HAL

/// One output role bound to its line: the request that holds it, the line's index in that
/// request, and the level it must go to in the safe state.
public struct OutputBinding {
    /// The request holding the line.
    public var request: any OutputLine
    /// The line's index in the request.
    public var index: Int
    /// The level driven whenever the station is made safe.
    public var safeValue: LineValue

    /// A binding.
    public init(request: any OutputLine, index: Int, safeValue: LineValue = .inactive) {
        self.request = request
        self.index = index
        self.safeValue = safeValue
    }
}

/// One input role bound to its line: the request that holds it and the line's index in it.
public struct InputBinding {
    /// The request holding the line.
    public var request: any EdgeInput
    /// The line's index in the request.
    public var index: Int

    /// A binding.
    public init(request: any EdgeInput, index: Int) {
        self.request = request
        self.index = index
    }
}

/// Every line the firmware drives or reads, by the role it plays, and the board's clock.
///
/// The composition root (the `qdot` tool or a test) builds this from a board definition and a
/// backend; the firmware never learns which backend it is.
public struct StationLines {
    /// Laser trigger (pulse picker / diode driver).
    public var trigger: OutputBinding
    /// Detector gates: one shared gate, or one per detector in `DetectorChannel` order.
    public var gates: [OutputBinding]
    /// Arm A's basis-select lines, bit 0 first.
    public var basisA: [OutputBinding]
    /// Arm B's basis-select lines, bit 0 first.
    public var basisB: [OutputBinding]
    /// Status output (active while an experiment runs), if the board has one.
    public var status: OutputBinding?
    /// Click inputs in `DetectorChannel` order: A+, A−, B+, B−.
    public var clicks: [InputBinding]
    /// Interlock input: active = loop closed = laser permitted.
    public var interlock: InputBinding
    /// The board's clock.
    public var clock: any HardwareClock
    /// The cycle loop compiled for these lines' concrete types, once the composition root named
    /// them (``compileLoop(for:)``).
    @usableFromInline var compiledLoop: CompiledCycleLoop?

    /// The station's lines.
    public init(trigger: OutputBinding, gates: [OutputBinding], basisA: [OutputBinding], basisB: [OutputBinding],
                status: OutputBinding?, clicks: [InputBinding], interlock: InputBinding, clock: any HardwareClock) {
        self.trigger = trigger
        self.gates = gates
        self.basisA = basisA
        self.basisB = basisB
        self.status = status
        self.clicks = clicks
        self.interlock = interlock
        self.clock = clock
    }

    /// Every output binding, for the safe state.
    var allOutputs: [OutputBinding] {
        [trigger] + gates + basisA + basisB + (status.map { [$0] } ?? [])
    }
}
