import Boards
import HAL

extension TimingProfile {
    /// The shipped `Board/profiles/raspberry-pi-4.profile.toml` (BoardsTests proves every shipped
    /// profile parses, so a failure here is a broken build, not a test finding).
    static let raspberryPi4: TimingProfile = {
        do {
            guard let profile = try TimingProfile.builtIn("raspberry-pi-4") else { preconditionFailure("no raspberry-pi-4 profile") }
            return profile
        } catch {
            preconditionFailure("the shipped raspberry-pi-4 profile does not parse: \(error)")
        }
    }()
}
