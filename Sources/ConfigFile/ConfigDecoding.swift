/// The outcome of turning one `ConfigValue` into a loader's type.
public enum ConfigDecoding<Value> {
    /// The value fits.
    case decoded(Value)
    /// It does not; `found` says what was there, for "expected …, found …"
    /// (`integer 3` for a wrong kind, `1.3` for a number out of range).
    case mismatch(found: String)
}
