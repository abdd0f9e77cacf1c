/// Someone outside the real-time path who wants to hear from the cycle loop now and then: a
/// consumer draining the click ring on the loop's own thread (the simulated board, which must
/// stay single-threaded), a progress display.
///
/// The loop calls `cyclesCompleted(_:)` every `observerInterval` cycles, between cycles, and once
/// more when the run ends. What the observer does costs loop time, so it should be quick.
public protocol CycleObserver: AnyObject {
    /// Called with the number of cycles completed so far.
    func cyclesCompleted(_ cycles: Int)
}
