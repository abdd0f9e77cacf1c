public import Vocabulary

// Interim: the result file's form of a setting tally, until the file formats get schema types.
extension SettingTally: Codable {
    enum CodingKeys: String, CodingKey {
        case label, codes, cycles, singles, coincidences, doubleClickCycles
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try container.decode(String.self, forKey: .label),
                  codes: try container.decode(BasisCodes.self, forKey: .codes))
        counts.triggerCycles = try container.decode(Int.self, forKey: .cycles)
        counts.singles = PerChannel(try container.decode([Int].self, forKey: .singles))!
        counts.coincidences = PerPair(try container.decode([Int].self, forKey: .coincidences))!
        counts.doubleClickCycles = try container.decode(Int.self, forKey: .doubleClickCycles)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(codes, forKey: .codes)
        try container.encode(counts.triggerCycles, forKey: .cycles)
        try container.encode(counts.singles.values, forKey: .singles)
        try container.encode(counts.coincidences.values, forKey: .coincidences)
        try container.encode(counts.doubleClickCycles, forKey: .doubleClickCycles)
    }
}
