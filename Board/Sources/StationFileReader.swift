import ConfigFile

/// A `ConfigReader` that also remembers the line of every field and section it reads, so the
/// station loader can place problems the physics model finds after reading.
struct StationFileReader {
    var reader: ConfigReader
    /// Line of each field (`arm.a.efficiency`) and section (`arm.a`) read.
    var fieldLines: [String: Int] = [:]

    init(_ document: ConfigDocument) { reader = ConfigReader(document) }

    /// The required section `name`, its line noted.
    mutating func section(_ name: String) -> ConfigSection? {
        guard let section = reader.requiredSection(name) else { return nil }
        fieldLines[name] = section.line
        return section
    }

    /// The optional section `name` (nil, without error, when absent), its line noted.
    mutating func optionalSection(_ name: String) -> ConfigSection? {
        guard let section = reader.section(name) else { return nil }
        fieldLines[name] = section.line
        return section
    }

    /// Reads required `key` of `section` into `target` (left as it is when absent or mistyped,
    /// with the error recorded).
    mutating func read<Value>(_ key: String, in section: ConfigSection?, as type: ConfigType<Value>,
                              into target: inout Value) {
        guard let section else { return }
        if let value = reader.required(key, in: section, as: type) { target = value }
        note(key, in: section)
    }

    /// Reads optional `key` of `section` into `target`: nil when absent.
    mutating func readOptional<Value>(_ key: String, in section: ConfigSection?, as type: ConfigType<Value>,
                                      into target: inout Value?) {
        guard let section else { return }
        target = reader.optional(key, in: section, as: type)
        note(key, in: section)
    }

    /// Notes the line of `key` in `section`, if it is written there.
    mutating func note(_ key: String, in section: ConfigSection) {
        if let entry = section.entry(key) { fieldLines[section.fieldPath(key)] = entry.line }
    }
}

extension ConfigType where Value == Int64 {
    /// An integer number of picoseconds, at most a second either way (the physics model judges
    /// the narrower range each field has, so its message names the rule).
    static var picoseconds: ConfigType<Int64> {
        ConfigType<Int>.integer("an integer number of picoseconds", in: -1_000_000_000_000...1_000_000_000_000, unit: "ps")
            .map { Int64($0) }
    }
}
