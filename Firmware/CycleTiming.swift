public import HAL
public import Vocabulary

/// The timing of one trigger cycle, as an experiment sets it.
///
/// All offsets are measured from the cycle's deadline. The trigger rises `triggerLead` after the
/// deadline (long enough that a gate with a negative `gateDelay` can open before it); the gate
/// opens `gateDelay` after the trigger's rising edge and stays open `gateWidth`.
public struct CycleTiming: Sendable, Hashable {
    /// Time from one trigger pulse to the next (1/repetition rate).
    public var triggerPeriod: TimeSpan
    /// Width of the trigger pulse on the trigger line.
    public var triggerPulseWidth: TimeSpan
    /// From the trigger's rising edge to the gate opening (negative: the gate opens first).
    public var gateDelay: TimeSpan
    /// How long the gate stays open.
    public var gateWidth: TimeSpan
    /// Window mode: two clicks in arms A and B of the same cycle closer than this are a
    /// coincidence. Not used in gate mode.
    public var coincidenceWindow: TimeSpan
    /// Window or gate (the cycle is the window; accidentals from side cycles).
    public var coincidenceMode: CoincidenceMode

    /// A cycle timing.
    public init(triggerPeriod: TimeSpan, triggerPulseWidth: TimeSpan, gateDelay: TimeSpan, gateWidth: TimeSpan,
                coincidenceWindow: TimeSpan, coincidenceMode: CoincidenceMode = .window) {
        self.triggerPeriod = triggerPeriod
        self.triggerPulseWidth = triggerPulseWidth
        self.gateDelay = gateDelay
        self.gateWidth = gateWidth
        self.coincidenceWindow = coincidenceWindow
        self.coincidenceMode = coincidenceMode
    }

    /// The rule the live tally and every recount count coincidences by.
    public var coincidenceRule: CoincidenceRule {
        CoincidenceRule(mode: coincidenceMode, windowNanoseconds: coincidenceWindow.nanoseconds)
    }

    /// The default station timing: 100 kHz trigger, 1 µs pulse, a 2 µs gate opened 500 ns before
    /// the trigger, 5 ns coincidence window.
    public static let standard = CycleTiming(
        triggerPeriod: .microseconds(10), triggerPulseWidth: .microseconds(1), gateDelay: .nanoseconds(-500),
        gateWidth: .microseconds(2), coincidenceWindow: .nanoseconds(5))

    /// When the trigger rises, after the cycle deadline.
    public var triggerLead: TimeSpan { gateDelay < .zero ? -gateDelay : .zero }

    /// When the last timed action of the cycle happens, after the deadline.
    public var lastActionOffset: TimeSpan {
        let triggerEnd = triggerLead + triggerPulseWidth
        let gateEnd = triggerLead + gateDelay + gateWidth
        return triggerEnd > gateEnd ? triggerEnd : gateEnd
    }

    /// What is wrong with this timing, if anything: each problem names the figures that clash.
    public var problems: [String] {
        var found: [String] = []
        let longest = TimeSpan.nanoseconds(Int64(RunLimits.longestCycleTimeNanoseconds))
        func check(_ name: String, _ span: TimeSpan, from lowest: TimeSpan) {
            if span < lowest || span > longest {
                found.append("expected a \(name) \(lowest.nanoseconds) … \(DigitGrouping.grouped(RunLimits.longestCycleTimeNanoseconds)) ns, found \(span)")
            }
        }
        check("trigger period", triggerPeriod, from: .nanoseconds(1))
        check("trigger pulse width", triggerPulseWidth, from: .nanoseconds(1))
        check("gate width", gateWidth, from: .nanoseconds(1))
        check("gate delay", gateDelay, from: -longest)
        if coincidenceMode == .window { check("coincidence window", coincidenceWindow, from: .nanoseconds(1)) }
        if let sideCycles = coincidenceMode.sideCycles, !(1...CoincidenceMode.maximumSideCycles).contains(sideCycles) {
            found.append("expected 1 … \(CoincidenceMode.maximumSideCycles) side cycles on each side in gate mode, found \(sideCycles)")
        }
        // Only within those bounds is the sum below sure to fit in 64 bits.
        if found.isEmpty, lastActionOffset >= triggerPeriod {
            found.append("expected the cycle's actions to end within the trigger period \(triggerPeriod), found them ending \(lastActionOffset) after its start")
        }
        if coincidenceMode == .window, coincidenceWindow > gateWidth, gateWidth > .zero {
            found.append("expected a coincidence window no wider than the gate \(gateWidth), found \(coincidenceWindow)")
        }
        return found
    }
}
