/// Export as a Value Change Dump (IEEE 1364-2005, section 18), for GTKWave and friends.
extension Trace {
    /// The trace as VCD text: header, a 1-bit wire per line (named after the line, in a scope per
    /// chip), the initial levels in `$dumpvars`, then the changes in time order.
    ///
    /// - Parameter date: the `$date` text (a run's wall-clock start; the caller supplies it so
    ///   the simulation itself never reads a wall clock).
    public func vcd(date: String = "", version: String = "qdot") -> String {
        var out = ""
        out += "$date \(date) $end\n"
        out += "$version \(version) $end\n"
        out += "$timescale \(timescale) $end\n"
        let identifiers = lines.indices.map(Self.identifier)
        var chips: [String] = []
        for spec in lines where !chips.contains(spec.chip) { chips.append(spec.chip) }
        for chip in chips {
            out += "$scope module \(Self.sanitized(chip)) $end\n"
            for (index, spec) in lines.enumerated() where spec.chip == chip {
                out += "$var wire 1 \(identifiers[index]) \(Self.sanitized(spec.name)) $end\n"
            }
            out += "$upscope $end\n"
        }
        out += "$enddefinitions $end\n"
        out += "#0\n$dumpvars\n"
        for (index, level) in initialLevels.enumerated() { out += "\(level)\(identifiers[index])\n" }
        out += "$end\n"
        var lastTime: Int64 = 0
        for record in records {
            let time = ticks(record.time.nanoseconds)
            if time != lastTime {
                out += "#\(time)\n"
                lastTime = time
            }
            out += "\(record.level)\(identifiers[record.line.index])\n"
        }
        return out
    }

    /// 1 ns unless the board cycle is finer, then 1 ps.
    private var timescale: String { cyclePeriodPicoseconds % 1_000 == 0 ? "1 ns" : "1 ps" }

    private func ticks(_ nanoseconds: Int64) -> Int64 {
        cyclePeriodPicoseconds % 1_000 == 0 ? nanoseconds : nanoseconds * 1_000
    }

    /// VCD identifiers: printable ASCII 33...126, shortest first.
    static func identifier(_ index: Int) -> String {
        var n = index
        var id = ""
        repeat {
            id.append(Character(Unicode.Scalar(UInt8(33 + n % 94))))
            n = n / 94 - 1
        } while n >= 0
        return id
    }

    private static func sanitized(_ name: String) -> String {
        String(name.map { $0.isWhitespace || $0 == "$" ? "_" : $0 })
    }
}
