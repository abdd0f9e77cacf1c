/// The timing profile a simulated board imitates: what each HAL call costs in board cycles.
///
/// Board data only names the profile; the Simulator target holds the numbers behind each name.
public enum SimulatedTimingProfile: String, Sendable, Hashable, CaseIterable {
    /// HAL calls cost nothing and wake-ups are exact.
    case ideal
    /// A Raspberry Pi 4 through libgpiod: each line write is an ioctl of about a microsecond.
    case raspberryPi4 = "raspberry-pi-4"
}
