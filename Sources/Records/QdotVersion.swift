/// The version of qdot written into every result, so a result says what produced it.
public enum QdotVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
