public import HAL
public import Vocabulary
/// A board: which backend drives it and which chip line plays each role.
///
/// Load one from a `.board.toml` file with `BoardDefinition.load(contentsOf:)` or
/// `parse(text:fileName:)`; the shipped simulated station is `BoardDefinition.simulatedStation`.
/// A loaded definition has passed every rule: all required roles, exactly one gate form,
/// contiguous basis bits, no line used twice. Board/README.md describes the file format.
public struct BoardDefinition: Hashable, Sendable {
    /// The board's name, shown in results (`simulated-station`).
    public var name: String
    /// One line about the board, for `qdot boards`.
    public var description: String
    /// Which HAL backend drives it.
    public var backend: BoardBackend
    /// The board's timing profile (`timing-profile`: a built-in name or a profile file): what a
    /// simulated board pays, and on any board how good its kernel click stamps are. Nil when the
    /// file names none (a simulated board is then ideal; a lab board's stamps are of unknown quality).
    public var timingProfile: TimingProfile?
    /// How the click edges reach qdot (`[clicks]`): who stamps them, and a pulse stretcher.
    public var clicks: ClickPath
    /// The consumer name the lines are requested with (what `gpioinfo` shows as their user).
    public var consumer: String
    /// Each role the board has, bound to its line.
    public var lines: [LineRole: LineAssignment]
    /// The name of the file it was read from (for messages).
    public var fileName: String

    /// A definition from parts; `load`/`parse` are the checked way to make one.
    public init(name: String, description: String, backend: BoardBackend, timingProfile: TimingProfile?,
                clicks: ClickPath = .kernel, consumer: String, lines: [LineRole: LineAssignment], fileName: String) {
        self.name = name
        self.description = description
        self.backend = backend
        self.timingProfile = timingProfile
        self.clicks = clicks
        self.consumer = consumer
        self.lines = lines
        self.fileName = fileName
    }

    /// The line playing `role`, if the board has that role.
    public subscript(role: LineRole) -> LineAssignment? { lines[role] }

    /// The board's gate form: `.shared` when it has a `gate` line, else `.perDetector`.
    public var gateForm: GateForm { lines[.gate] == nil ? .perDetector : .shared }

    /// The gate lines in the board's form (one shared, or A+, A−, B+, B−).
    public var gateLines: [LineAssignment] { LineRole.gates(of: gateForm).compactMap { lines[$0] } }

    /// The basis-select lines of `arm`, bit 0 first: as many as the arm has (1 to 3).
    public func basisLines(of arm: AnalyzerArm) -> [LineAssignment] {
        LineRole.basisBits(of: arm).prefix { lines[$0] != nil }.compactMap { lines[$0] }
    }

    /// How many basis-code bits `arm` has (1 to 3): it can select 2^count analyzer settings.
    public func basisBitCount(of arm: AnalyzerArm) -> Int { basisLines(of: arm).count }

    /// Every output line, in role order.
    public var outputLines: [LineAssignment] { lines.values.filter { $0.role.isOutput }.sorted { $0.role < $1.role } }

    /// Every input line the station reads (the clicks and the interlock), in role order: not the
    /// loopback line, which only `qdot profile --loopback` requests.
    public var inputLines: [LineAssignment] {
        lines.values.filter { $0.role.isInput && $0.role.isStationRole }.sorted { $0.role < $1.role }
    }

    /// The spare input wired to the trigger output (`[line.loopback]`), if the board has one.
    public var loopbackLine: LineAssignment? { lines[.loopback] }

    /// Every line of the board file, the loopback line too, in role order (for role tables).
    public var allLines: [LineAssignment] { lines.values.sorted { $0.role < $1.role } }
}
