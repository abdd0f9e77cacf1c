import Reports
import Testing

/// The progress line with a fake clock and a captured sink: when it speaks, what it says, exactly.
///
/// Figures chosen so every number is exact: 200 000 of 700 000 cycles of 10 µs after 2 s of wall
/// time is 0.10 M cycles/s, 28 % (28.57 rounded down), ETA 500 000 / 100 000 = 5 s, and 300
/// coincidences in 2 s of board time is 150 /s.
@Suite struct ProgressDisplayTests {
    let period = 10e-6   // s: the shipped experiments' 100 kHz trigger

    @Test func silentInTheFirstSecond() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 700_000, periodSeconds: period)
        for seconds in [0.0, 0.2, 0.5, 0.999_999] {
            terminal.elapsedSeconds = seconds
            display.update(cycles: Int(seconds * 100_000), coincidences: 10)
        }
        #expect(terminal.writes.isEmpty)
        #expect(!display.hasShownLine)
    }

    @Test func firstLineAfterOneSecondHasTheExactFigures() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 700_000, periodSeconds: period)
        terminal.elapsedSeconds = 2
        display.update(cycles: 200_000, coincidences: 300)
        #expect(terminal.writes == ["\r  200000/700000 cycles (28%)  0.10 M cycles/s  ETA 5 s  coincidences 150 /s"])
        #expect(display.hasShownLine)
    }

    @Test func exactlyOneSecondIsNoLongerQuiet() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 1_000_000, periodSeconds: period)
        terminal.elapsedSeconds = 1
        display.update(cycles: 250_000, coincidences: 250)
        // 0.25 M cycles/s, 750 000 left → 3 s; 250 coincidences in 2.5 s of board time → 100 /s.
        #expect(terminal.writes == ["\r  250000/1000000 cycles (25%)  0.25 M cycles/s  ETA 3 s  coincidences 100 /s"])
    }

    @Test func twoUpdatesATenthOfASecondApartGiveOneLine() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 700_000, periodSeconds: period)
        terminal.elapsedSeconds = 2
        display.update(cycles: 200_000, coincidences: 300)
        terminal.elapsedSeconds = 2.1
        display.update(cycles: 210_000, coincidences: 315)
        #expect(terminal.writes.count == 1)
        terminal.elapsedSeconds = 2.25
        display.update(cycles: 225_000, coincidences: 330)
        #expect(terminal.writes.count == 2)
        // 225 000 / 2.25 s = 0.10 M cycles/s, 475 000 left → 4.75 s printed as 5; 330 / 2.25 s → 147 /s.
        #expect(terminal.writes.last == "\r  225000/700000 cycles (32%)  0.10 M cycles/s  ETA 5 s  coincidences 147 /s")
    }

    @Test func atMostFiveLinesASecond() {
        // Updates every 1/64 s (binary-exact, so no rounding decides a boundary) from 1 s to 3 s:
        // 12/64 s = 0.1875 s is too soon, 13/64 s = 0.203125 s is not, so lines come at steps
        // 0, 13, …, 117 of 128: ten lines in two seconds.
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 10_000_000, periodSeconds: period)
        for step in 0...128 {
            terminal.elapsedSeconds = 1 + Double(step) / 64
            display.update(cycles: 1_000 * step, coincidences: step)
        }
        #expect(terminal.writes.count == 10)
        #expect(terminal.writes.allSatisfy { $0.hasPrefix("\r  ") && !$0.contains("\n") })
        #expect(terminal.writes[1].hasPrefix("\r  13000/10000000 cycles (0%)"))
    }

    @Test func finishWritesNothingWhenNoLineWasShown() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 50_000, periodSeconds: period)
        terminal.elapsedSeconds = 0.4
        display.update(cycles: 50_000, coincidences: 80)
        display.finish(cycles: 50_000, coincidences: 80)
        #expect(terminal.writes.isEmpty)
    }

    @Test func finishShowsTheCompleteRunAndEndsTheLine() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 700_000, periodSeconds: period)
        terminal.elapsedSeconds = 2
        display.update(cycles: 200_000, coincidences: 300)
        terminal.elapsedSeconds = 7.05
        display.update(cycles: 699_999, coincidences: 1049)
        terminal.elapsedSeconds = 7.1   // 0.05 s after the last line: finish is not rate limited
        display.finish(cycles: 700_000, coincidences: 1050)
        // 700 000 / 7.1 s = 0.0986 M cycles/s; 1050 coincidences in 7 s of board time → 150 /s.
        #expect(terminal.writes == [
            "\r  200000/700000 cycles (28%)  0.10 M cycles/s  ETA 5 s  coincidences 150 /s",
            "\r  699999/700000 cycles (99%)  0.10 M cycles/s  ETA 0 s  coincidences 150 /s",
            "\r  700000/700000 cycles (100%)  0.10 M cycles/s  done  coincidences 150 /s" + String(repeating: " ", count: 2),
            "\n",
        ])
    }

    @Test func finishOfARunStoppedEarlySaysStopped() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 700_000, periodSeconds: period)
        terminal.elapsedSeconds = 2
        display.update(cycles: 200_000, coincidences: 300)
        terminal.elapsedSeconds = 3
        display.finish(cycles: 300_000, coincidences: 450)
        #expect(terminal.writes.suffix(2) == [
            "\r  300000/700000 cycles (42%)  0.10 M cycles/s  stopped  coincidences 150 /s",
            "\n",
        ])
    }

    @Test func aShorterLineIsPaddedToCoverTheLongerOneBeforeIt() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 1_000, periodSeconds: period)
        terminal.elapsedSeconds = 2
        display.update(cycles: 500, coincidences: 5_000)   // 5000 in 5 ms of board time
        terminal.elapsedSeconds = 3
        display.update(cycles: 600, coincidences: 6)       // 6 in 6 ms
        let first = "  500/1000 cycles (50%)  0.00 M cycles/s  ETA 2 s  coincidences 1000000 /s"
        let second = "  600/1000 cycles (60%)  0.00 M cycles/s  ETA 2 s  coincidences 1000 /s"
        #expect(terminal.writes == ["\r" + first, "\r" + second + String(repeating: " ", count: first.count - second.count)])
        #expect(first.count - second.count == 3)
    }

    @Test func noCyclesYetPrintsDashesNotNaNOrInfinity() {
        // Rate 0: no ETA can be given; no board time yet: no coincidence rate.
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 1_000, periodSeconds: period)
        terminal.elapsedSeconds = 1.5
        display.update(cycles: 0, coincidences: 0)
        #expect(terminal.writes == ["\r  0/1000 cycles (0%)  0.00 M cycles/s  ETA -- s  coincidences -- /s"])
    }

    @Test func aRunOfNoPlannedCyclesIsDoneFromTheStart() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 0, periodSeconds: period)
        terminal.elapsedSeconds = 1.5
        display.update(cycles: 0, coincidences: 0)
        display.finish(cycles: 0, coincidences: 0)
        #expect(terminal.writes == [
            "\r  0/0 cycles (100%)  0.00 M cycles/s  ETA 0 s  coincidences -- /s",
            "\r  0/0 cycles (100%)  0.00 M cycles/s  done  coincidences -- /s" + String(repeating: " ", count: 3),
            "\n",
        ])
    }

    @Test(arguments: [Double.nan, .infinity, 0, -1e-5])
    func aPeriodThatIsNotPositiveAndFiniteGivesNoCoincidenceRate(period: Double) {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 1_000, periodSeconds: period)
        terminal.elapsedSeconds = 2
        display.update(cycles: 500, coincidences: 7)
        #expect(terminal.writes == ["\r  500/1000 cycles (50%)  0.00 M cycles/s  ETA 2 s  coincidences -- /s"])
    }

    @Test func aClockThatCannotBeReadShowsNothing() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 1_000, periodSeconds: period)
        for seconds in [Double.nan, -.infinity] {
            terminal.elapsedSeconds = seconds
            display.update(cycles: 500, coincidences: 7)
        }
        #expect(terminal.writes.isEmpty)
        terminal.elapsedSeconds = .infinity
        display.update(cycles: 500, coincidences: 7)
        #expect(terminal.writes == ["\r  500/1000 cycles (50%)  -- M cycles/s  ETA -- s  coincidences 1400 /s"])
    }

    @Test func disabledPrintsNothingAtAll() {
        let terminal = FakeTerminal()
        let display = terminal.display(plannedCycles: 700_000, periodSeconds: period, enabled: false)
        for step in 0...40 {
            terminal.elapsedSeconds = Double(step) / 4
            display.update(cycles: 20_000 * step, coincidences: 30 * step)
        }
        display.finish(cycles: 700_000, coincidences: 1050)
        #expect(terminal.writes.isEmpty)
        #expect(!display.hasShownLine)
    }
}
