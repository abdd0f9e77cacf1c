public import Vocabulary
/// One arm's table from basis code (the value of its basis-select lines, bit i = line i) to
/// analyzer setting.
public struct AnalyzerBasisTable: Hashable, Sendable {
    /// How many basis-select lines the arm has; codes run from 0 to 2^count − 1. Key `lines`.
    public var basisSelectLineCount: Int
    /// The setting for each code the station uses. Key `code.N` for code N.
    public var settingsByCode: [Int: AnalyzerBasis]

    /// A table for `basisSelectLineCount` lines.
    public init(basisSelectLineCount: Int, settingsByCode: [Int: AnalyzerBasis]) {
        self.basisSelectLineCount = basisSelectLineCount
        self.settingsByCode = settingsByCode
    }

    /// The usual table: two lines, code 0 = H/V, 1 = D/A, 2 = R/L, 3 = linear 22.5° (a CHSH angle).
    public static let standard = AnalyzerBasisTable(
        basisSelectLineCount: 2,
        settingsByCode: [0: .horizontalVertical, 1: .diagonalAntidiagonal, 2: .rightLeft,
                         3: .linear(degrees: 22.5)])

    /// The most lines a table may have (256 codes).
    public static let maximumBasisSelectLineCount = 8

    /// Every problem with the table: a line count out of range, a code the lines cannot show
    /// (unknown to the hardware), a bad angle.
    public func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        guard (1...Self.maximumBasisSelectLineCount).contains(basisSelectLineCount) else {
            return [ParameterProblem(field: "lines", found: "\(basisSelectLineCount)",
                                     expected: "a line count from 1 to \(Self.maximumBasisSelectLineCount)")]
        }
        let codeCount = 1 << basisSelectLineCount
        if settingsByCode.isEmpty {
            problems.append(ParameterProblem(field: "code", found: "no codes", expected: "at least one basis code"))
        }
        for (code, setting) in settingsByCode.sorted(by: { $0.key < $1.key }) {
            if !(0..<codeCount).contains(code) {
                problems.append(ParameterProblem(
                    field: "code.\(code)", found: "basis code \(code)",
                    expected: "a code from 0 to \(codeCount - 1) (\(basisSelectLineCount) basis-select lines)"))
            }
            problems += setting.validate(field: "code.\(code)")
        }
        return problems
    }

    /// The setting for `code`, or the problem naming `arm` when the lines show a code the table
    /// does not know.
    public func setting(forCode code: Int, arm: String) -> Result<AnalyzerBasis, ParameterProblem> {
        guard let setting = settingsByCode[code] else {
            let known = settingsByCode.keys.sorted().map(String.init).joined(separator: ", ")
            return .failure(ParameterProblem(field: "analyzer.\(arm).code.\(code)", found: "unknown basis code \(code)",
                                             expected: "one of the codes in the table: \(known)"))
        }
        return .success(setting)
    }
}
