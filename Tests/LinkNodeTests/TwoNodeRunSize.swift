import Foundation

extension TwoNodeRunTests {
    /// The cycles the in-process link runs simulate: each block, and the start-up window before them.
    ///
    /// The plain run keeps the full sizes (blocks of 10⁶ cycles after a start window of 2·10⁵). Under
    /// a sanitizer — `QDOT_TEST_SANITIZER` set and not empty, as `Tools/ci/sanitizers.sh` sets it
    /// (`address`, `thread`) for its test runs — the blocks are 6·10⁵ cycles: under ASan the full
    /// sizes took ~300 s of the lane's test run (its longest test, against its own 5-minute limit).
    /// The same code runs: the start-up search over the same window, each block's tracking with
    /// whole-cycle offset steps placed inside it (one every 1/(11 ppm) ≈ 9·10⁴ cycles: 6–7 per
    /// block), sifting, the sample, Cascade, privacy amplification and the commits.
    ///
    /// Why not smaller: the per-block checks need a margin. At 6·10⁵ the finite-key deviation is
    /// μ ≈ 4.6 % (ε_sec = 10⁻⁴, a 20 % sample of ≈ 3.2·10⁴ sifted bits), so a block passes below a
    /// sampled QBER of 6.4 %; over world seeds 77, 1, 2, 3 the blocks showed 3.7–4.7 % and kept 16–23
    /// keys of 256 bits. At 5·10⁵ with a 10⁵-cycle start window, two of those four seeds had a block
    /// at 6.3 % and 7.6 % (the tracking misplaced part of it) and the test failed; at 2.5·10⁵ the
    /// first block stopped at the threshold (5.5 % + μ 7.1 %).
    struct RunSize: Sendable {
        /// Alice cycles per key block (`[blocks] cycles`).
        var cyclesPerBlock: Int
        /// Alice cycles of the start-up alignment window (`[blocks] alignment-cycles`).
        var alignmentCycles: Int

        /// The plain run's sizes.
        static let full = RunSize(cyclesPerBlock: 1_000_000, alignmentCycles: 200_000)
        /// The sizes under a sanitizer.
        static let underSanitizer = RunSize(cyclesPerBlock: 600_000, alignmentCycles: 200_000)

        /// The sanitizer the test process runs under, from `QDOT_TEST_SANITIZER` (nil: none).
        static var sanitizer: String? {
            guard let name = ProcessInfo.processInfo.environment["QDOT_TEST_SANITIZER"], !name.isEmpty else { return nil }
            return name
        }

        /// `underSanitizer` when the tests run under a sanitizer, else `full`.
        static var current: RunSize { sanitizer == nil ? full : underSanitizer }
    }
}
