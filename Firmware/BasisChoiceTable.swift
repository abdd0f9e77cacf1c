import HAL
import Vocabulary
/// The basis-line writes of every (arm A code, arm B code) pair a random-basis step can draw,
/// and of every change from one pair to another, laid out once before the run in flat arrays, so
/// the cycle loop finds a change's writes by index without touching nested arrays (each of which
/// it would retain and release). Four stored arrays: the table travels into the loop in registers.
@usableFromInline struct BasisChoiceTable {
    /// Arm A's candidate codes.
    @usableFromInline let codesA: [UInt8]
    /// Arm B's candidate codes.
    @usableFromInline let codesB: [UInt8]
    /// The writes that take the lines from one choice to another: transition
    /// ``transition(from:to:)`` owns `changeWrites[changeStarts[t] ..< changeStarts[t + 1]]`.
    /// From −1 (the lines were set by another step) they are the choice's whole writes, one per
    /// request its lines are on. From a choice, each write is masked to the lines whose level
    /// changes, and a write that changes none is left out: every choice writes the same requests
    /// and lines in the same order, so the last choice's levels are what the lines hold (lines
    /// no choice writes are left as they are). Worked out once here, not per cycle.
    @usableFromInline let changeWrites: [TimedWrite]
    @usableFromInline let changeStarts: [Int]

    /// The table of `choice`, its writes laid out by `program` for `lines`.
    init(_ choice: RandomBasisChoice, program: inout CycleProgram, lines: StationLines) {
        codesA = choice.codesA
        codesB = choice.codesB
        // Choice c = a · codesB.count + b owns writes[starts[c] ..< starts[c + 1]].
        var writes: [TimedWrite] = []
        var starts = [0]
        for a in choice.codesA {
            for b in choice.codesB {
                writes += program.basisWrites(for: BasisCodes(armA: a, armB: b), lines: lines)
                starts.append(writes.count)
            }
        }
        var changeWrites: [TimedWrite] = []
        var changeStarts = [0]
        for from in -1..<(starts.count - 1) {
            for to in 0..<(starts.count - 1) {
                for position in starts[to]..<starts[to + 1] {
                    var write = writes[position]
                    if from >= 0 {
                        let held = writes[starts[from] + position - starts[to]].values
                        write.mask = LineBits(rawValue: write.mask.rawValue & (write.values.rawValue ^ held.rawValue))
                    }
                    if write.mask != .none { changeWrites.append(write) }
                }
                changeStarts.append(changeWrites.count)
            }
        }
        self.changeWrites = changeWrites
        self.changeStarts = changeStarts
    }

    // (Wrapping arithmetic in the three below: a station has a handful of codes per arm, and the
    // table, built before the run, holds (choices + 1) · choices transitions: nothing near 2⁶³.)

    /// The number of choices.
    @inlinable var choiceCount: Int { codesA.count &* codesB.count }

    /// The index of the choice of the `a`-th code of arm A and the `b`-th of arm B.
    @inline(__always)
    @inlinable func choice(a: Int, b: Int) -> Int { a &* codesB.count &+ b }

    /// The index of the transition from choice `from` (−1: lines set by another step) to `to`.
    @inline(__always)
    @inlinable func transition(from: Int, to: Int) -> Int { (from &+ 1) &* choiceCount &+ to }

    /// The writes of transition `transition`.
    func writes(ofTransition transition: Int) -> ArraySlice<TimedWrite> {
        changeWrites[changeStarts[transition]..<changeStarts[transition + 1]]
    }

    /// Every write of choice `choice`: its transition from lines another step set.
    func writes(ofChoice choice: Int) -> ArraySlice<TimedWrite> { writes(ofTransition: transition(from: -1, to: choice)) }
}
