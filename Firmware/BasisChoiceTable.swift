import Vocabulary
/// The basis-line writes of every (arm A code, arm B code) pair a random-basis step can draw,
/// laid out once before the run in flat arrays, so the cycle loop finds a choice's writes by
/// index without touching nested arrays (each of which it would retain and release).
@usableFromInline struct BasisChoiceTable {
    /// Arm A's candidate codes.
    @usableFromInline let codesA: [UInt8]
    /// Arm B's candidate codes.
    @usableFromInline let codesB: [UInt8]
    /// Every choice's writes, one after another.
    @usableFromInline let writes: [TimedWrite]
    /// Choice `c = a * codesB.count + b` owns `writes[starts[c] ..< starts[c + 1]]`.
    @usableFromInline let starts: [Int]

    /// The table of `choice`, its writes laid out by `program` for `lines`.
    init(_ choice: RandomBasisChoice, program: inout CycleProgram, lines: StationLines) {
        codesA = choice.codesA
        codesB = choice.codesB
        var writes: [TimedWrite] = []
        var starts = [0]
        for a in choice.codesA {
            for b in choice.codesB {
                writes += program.basisWrites(for: BasisCodes(armA: a, armB: b), lines: lines)
                starts.append(writes.count)
            }
        }
        self.writes = writes
        self.starts = starts
    }

    /// The index of the choice of the `a`-th code of arm A and the `b`-th of arm B.
    @inline(__always)
    @inlinable func choice(a: Int, b: Int) -> Int { a * codesB.count + b }
}
