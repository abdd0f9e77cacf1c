@testable import Firmware
import HAL

extension TimedWrite {
    /// "offset #request LINE↑ LINE↓ …": when, which of `program`'s requests, and each line the
    /// mask selects with the level written (line names in request order).
    func described(in program: CycleProgram) -> String {
        let names = program.requests[request].lineNames
        let lines = names.indices.filter { mask[$0] == .active }.map { names[$0] + (values[$0] == .active ? "↑" : "↓") }
        return "\(offset.nanoseconds) #\(request) " + lines.joined(separator: " ")
    }
}
