/// The clock the kernel stamps a line's edge events with.
///
/// In the GPIO character device's uAPI v2 (libgpiod 2.x) every line of a request chooses it. The
/// corresponding libgpiod call is `gpiod_line_settings_set_event_clock`, with
/// `GPIOD_LINE_CLOCK_MONOTONIC`, `GPIOD_LINE_CLOCK_REALTIME` or `GPIOD_LINE_CLOCK_HTE`; it sets the
/// kernel's line flag `GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME` or `GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE`
/// (neither: CLOCK_MONOTONIC).
///
/// libgpiod 1.6 (uAPI v1) has no choice: the kernel stamps v1 edge events with CLOCK_MONOTONIC since
/// Linux 5.7 and with CLOCK_REALTIME before it. `LinuxGPIO` therefore accepts only `.monotonic` on
/// 1.6, and refuses a kernel older than 5.7 there.
///
/// qdot's firmware attributes each click to a cycle by comparing its timestamp with the cycle's
/// deadlines, which are CLOCK_MONOTONIC (`LinuxClock`). A stamp must be on that timebase, so:
/// - `.realtime` is refused on every libgpiod. Converting it is not exact: CLOCK_REALTIME - CLOCK_MONOTONIC
///   changes whenever NTP or an administrator steps the wall clock, and a stamp taken before a step
///   would be converted with the offset measured after it, shifting clicks into the wrong cycle.
/// - `.hardwareTimestampEngine` is passed to the kernel, which refuses it when no engine serves the
///   line (the `HardwareError` names the errno); the stamps it gives are checked against
///   CLOCK_MONOTONIC as they are read (`LinuxEdgeInput`), because an engine counts on its own
///   timebase (Tegra's counts its TSC, the system counter, from power-on).
///
/// The raw values are the spellings gpioinfo and libgpiod 2.x's tools print (`--event-clock`).
public enum EdgeEventClock: String, Sendable, Hashable, CaseIterable {
    /// CLOCK_MONOTONIC, stamped in the GPIO interrupt handler: the clock qdot's deadlines use.
    /// libgpiod 2.x: `GPIOD_LINE_CLOCK_MONOTONIC` (the kernel's default, no flag).
    case monotonic
    /// CLOCK_REALTIME, the wall clock: jumps with NTP steps and `settimeofday`. qdot refuses it.
    /// libgpiod 2.x: `GPIOD_LINE_CLOCK_REALTIME` (`GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME`, Linux 5.11).
    case realtime
    /// The chip's hardware timestamping engine (HTE, for example NVIDIA Tegra's GTE on its
    /// always-on GPIO controller): the edge is stamped in hardware, without interrupt latency.
    /// libgpiod 2.x: `GPIOD_LINE_CLOCK_HTE` (`GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE`, Linux 5.19 with CONFIG_HTE).
    case hardwareTimestampEngine = "hte"

    /// The clock's name in messages (for example `CLOCK_MONOTONIC`).
    public var displayName: String {
        switch self {
        case .monotonic: "CLOCK_MONOTONIC"
        case .realtime: "CLOCK_REALTIME"
        case .hardwareTimestampEngine: "the hardware timestamping engine (HTE)"
        }
    }
}
