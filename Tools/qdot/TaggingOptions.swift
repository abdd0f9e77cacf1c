import Foundation
import ArgumentParser
import Records
import Vocabulary

/// `qdot analyze --tags FILE.ptu` and how the tagger was wired.
struct TaggingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A time tagger's PicoQuant PTU T2 file: certify from its clicks, matched to the record's cycles by its sync input.",
                               discussion: "The board's trigger must drive the tagger's sync input (docs/lab-board.md)."))
    var tags: String?

    @Option(help: ArgumentHelp("The tagger inputs of A+, A−, B+, B−, comma-separated.", valueName: "a+,a-,b+,b-"))
    var tagInputs: String = "1,2,3,4"

    @Option(parsing: .unconditional, help: ArgumentHelp("How much later each detector's clicks reach the tagger (cables), in ps: A+, A−, B+, B−, all ≥ 0.",
                               valueName: "a+,a-,b+,b-"))
    var tagDelaysPs: String = "0,0,0,0"

    @Option(parsing: .unconditional, help: "Leave out the first N syncs of the file (the tagger ran before the record's run began).")
    var skipSyncs: Int = 0

    @Flag(help: "The tagger is still writing the file: keep reading what it appends until every cycle of the record is matched, or nothing new comes for --follow-idle-s.")
    var follow = false

    @Option(parsing: .unconditional, help: "With --follow: give up waiting after this many seconds without new records.")
    var followIdleS: Double = 5

    func validate() throws {
        _ = try channelMap()
        try OptionBounds.check("--skip-syncs", skipSyncs, in: 0...1_000_000_000_000_000)
        try OptionBounds.check("--follow-idle-s", followIdleS, in: 0...86_400, unit: "s", exclusiveLower: true)
        if tags == nil && (follow || skipSyncs != 0 || tagInputs != "1,2,3,4" || tagDelaysPs != "0,0,0,0") {
            throw ValidationError("--tag-inputs, --tag-delays-ps, --skip-syncs and --follow apply to --tags only")
        }
    }

    /// The wiring the options give.
    func channelMap() throws -> TagChannelMap { try Self.channelMap(inputs: tagInputs, delays: tagDelaysPs) }

    /// The wiring `--tag-inputs` and `--tag-delays-ps` give.
    static func channelMap(inputs tagInputs: String, delays tagDelaysPs: String = "0,0,0,0") throws -> TagChannelMap {
        func four<T>(_ text: String, _ option: String, _ parse: (Substring) -> T?) throws -> PerChannel<T> {
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let values = fields.map { parse(Substring($0)) }
            guard values.count == 4, let a = values[0], let b = values[1], let c = values[2], let d = values[3] else {
                throw ValidationError("\(option) needs four comma-separated values for A+, A−, B+, B−, got \"\(text)\"")
            }
            return PerChannel(a, b, c, d)
        }
        let inputs = try four(tagInputs, "--tag-inputs") { UInt8($0) }
        let delays = try four(tagDelaysPs, "--tag-delays-ps") { Int64($0) }
        for delay in delays.values {
            try OptionBounds.check("--tag-delays-ps", delay, in: 0...1_000_000_000, unit: "ps")
        }
        let map = TagChannelMap(inputs: inputs, delaysPicoseconds: delays)
        if let problem = map.problems.first { throw ValidationError("--tag-inputs: \(problem)") }
        return map
    }
}
