import HAL
import Simulator
import Testing

/// The laser excites a listener of any type, not only the station's own (the quantum dot and the
/// stand-in source, which it calls directly): through the protocol, the listener still decides
/// each pulse at its trigger edge and hears the ones it took, the laser's delay after their edges.
@Suite struct LaserListenerTests {
    /// Takes every other pulse, and records when the ones it took reached it.
    final class EveryOtherPulse: LaserPulseListener {
        var pulsesAsked = 0
        var arrivalsPicoseconds: [Int64] = []
        var decidesPulsesAtTrigger: Bool { true }

        func pulseTriggered(on board: SimulatedBoard) -> Bool {
            pulsesAsked += 1
            return pulsesAsked % 2 == 1
        }

        func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard) {
            arrivalsPicoseconds.append(picoseconds)
        }
    }

    @Test func aListenerOfAnyTypeDecidesAndHearsItsPulses() throws {
        let board = SimulatedBoard(profile: .ideal)
        let trigger = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "TRIGGER", direction: .output))
        let listener = EveryOtherPulse()
        let laser = LaserModel(triggerToPulseDelayPicoseconds: 250, listener: listener)
        laser.attach(to: board, trigger: trigger)
        let output = try board.requestOutputs([trigger])
        let clock = board.makeClock()
        // Four trigger edges 2 µs apart; the last sleep lets the third pulse reach the listener.
        for edge in 1...4 {
            clock.sleep(until: Instant(nanoseconds: Int64(edge) * 2_000))
            try output.set(.active)
            clock.sleep(until: Instant(nanoseconds: Int64(edge) * 2_000 + 1_000))
            try output.set(.inactive)
        }
        #expect(laser.pulsesFired == 4)
        #expect(listener.pulsesAsked == 4)
        #expect(listener.arrivalsPicoseconds == [2_000_250, 6_000_250])
        #expect(laser.lastPulsePicoseconds == 6_000_250)
    }
}
