import Vocabulary

extension CycleSchedule {
    /// The plain run without an experiment file, the same on every backend (`qdot sim --cycles`,
    /// `qdot run --cycles`): the given timing, half the cycles with both arms on basis code 0 and
    /// half on code 1.
    public static func plainTwoSettings(cycles: Int, timing: CycleTiming = .standard) -> CycleSchedule {
        let first = cycles / 2
        return CycleSchedule(timing: timing, steps: [
            ScheduleStep(label: "A0/B0", codes: BasisCodes(armA: 0, armB: 0), cycles: first),
            ScheduleStep(label: "A1/B1", codes: BasisCodes(armA: 1, armB: 1), cycles: cycles - first),
        ])
    }
}
