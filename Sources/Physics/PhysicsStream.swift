/// The version of the physics model's seeded stream: which draws, in which order, turn a seed into
/// photons and clicks. A seed reproduces a run bit for bit only under the same version, so a
/// physics result records it (its `station.physicsStream`, docs/result-format.md).
///
/// - 1: qdot 0.1.0 to issue 16's first steps. Each pulse drew the laser's jitter, reached the dot
///   through a timer, and drew excitation, each arm's survival and the re-excitation one after
///   another, even when no photon reached an arm.
/// - 2: issue 16. The dot decides at the laser's trigger edge, with one draw from its own stream
///   (``EntangledPairSource/sendsPhotonIntoAnArm(rng:)``), whether any photon of the pulse reaches
///   an arm; a pulse where none does (about 2 in 3 at the shipped station) costs nothing more: no
///   jitter draw, no timer, no emission. The others draw which photons reach an arm given that one
///   does (``ArmPhotonSampler``, the same joint law; its doc comment derives it), then the jitter
///   and, at the pulse, times and polarizations as before. ``StationModel`` draws the same way.
public enum PhysicsStream {
    /// The version this build draws.
    public static let version = 2
}
