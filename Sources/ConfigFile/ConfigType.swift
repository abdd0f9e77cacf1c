/// What a loader expects in one field, and how to turn the file's value into it.
///
/// `expected` completes "expected …" in errors (`a string like "qdot-sim"`, `a probability in
/// [0, 1]`, `one of: ideal, raspberry-pi-4`). The common types are static members, so a loader
/// writes `reader.required("chip", in: section, as: .nonEmptyString(like: "qdot-sim"))`;
/// `map` builds its own (a `TimeSpan` from an integer of nanoseconds).
public struct ConfigType<Value>: Sendable {
    /// What the field should hold, as "expected …" in an error completes it.
    public let expected: String
    private let decodeValue: @Sendable (ConfigValue) -> ConfigDecoding<Value>

    /// A field type that expects `expected` and decodes with `decode`.
    public init(expected: String, decode: @escaping @Sendable (ConfigValue) -> ConfigDecoding<Value>) {
        self.expected = expected
        decodeValue = decode
    }

    /// Decodes `value`, or says what was found instead.
    public func decode(_ value: ConfigValue) -> ConfigDecoding<Value> { decodeValue(value) }

    /// The same field, turned into another type after decoding (the transform cannot fail).
    public func map<Other>(_ transform: @escaping @Sendable (Value) -> Other) -> ConfigType<Other> {
        let decodeValue = self.decodeValue
        return ConfigType<Other>(expected: expected) { value in
            switch decodeValue(value) {
            case .decoded(let decoded): .decoded(transform(decoded))
            case .mismatch(let found): .mismatch(found: found)
            }
        }
    }
}
