extension SimulatedBoard {
    /// Runs every event due at or before `target`, as ``advanceWorld(to:)``, without a call when
    /// none is: the firmware looks at the world five or six times per trigger cycle (each sleep
    /// and edge read), and mostly nothing has come due since it last looked.
    @inline(__always)
    func runEventsDue(upTo target: Int64) {
        if engine == .eventDriven, (queue.nextCycle ?? .max) > target {
            if target > worldCycle { worldCycle = target }
        } else {
            advanceWorld(to: target)
        }
    }
}
