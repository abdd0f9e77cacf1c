/// Which end of the link a node is: fixes which half of the shared secret keys which direction.
public enum LinkRole: String, Sendable, CaseIterable {
    /// The node whose outgoing direction is Alice → Bob.
    case alice
    /// The node whose outgoing direction is Bob → Alice.
    case bob
}
