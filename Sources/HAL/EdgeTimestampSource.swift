/// Where the timestamps of a board's click edges come from, and so how finely two clicks can be
/// told apart in time.
public enum EdgeTimestampSource: Sendable, Hashable, CustomStringConvertible {
    /// The kernel's GPIO interrupt handler stamps each edge with CLOCK_MONOTONIC, microseconds
    /// after the pin changed and with a latency that differs from edge to edge and line to line
    /// (the board's timing profile gives its distribution).
    case kernelInterrupt
    /// The kernel's hardware timestamping engine (libgpiod 2.x event clock `hte`, e.g. NVIDIA
    /// Tegra) stamps each edge in hardware, quantized to `tick`.
    case hardwareEngine(tick: TimeSpan)
    /// An external time tagger (PicoQuant, Swabian, qutools class) stamps the clicks, with the
    /// board's trigger on its sync input; `resolutionPicoseconds` is its bin width.
    case externalTagger(resolutionPicoseconds: Int64)

    /// The name board files use: `kernel`, `hte`, `tagger`.
    public var name: String {
        switch self {
        case .kernelInterrupt: "kernel"
        case .hardwareEngine: "hte"
        case .externalTagger: "tagger"
        }
    }

    public var description: String {
        switch self {
        case .kernelInterrupt: "the kernel's interrupt stamp"
        case .hardwareEngine(let tick): "the hardware timestamping engine (\(tick.nanoseconds) ns ticks)"
        case .externalTagger(let resolution): "an external time tagger (\(resolution) ps bins)"
        }
    }
}
