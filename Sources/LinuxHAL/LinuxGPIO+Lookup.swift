import Glibc
import HAL

extension LinuxGPIO {
    /// A chip found by label, with the offsets of the requested line names in request order.
    struct LocatedLines {
        var path: String
        var label: String
        var lineNames: [String]
        var offsets: [Int]
    }

    /// Finds the chip labelled `chipLabel` and the offset of each of `lineNames` on it.
    func locate(chipLabel: String, lineNames: [String]) throws(HardwareError) -> LocatedLines {
        let operation = "find lines by chip label and name"
        guard !lineNames.isEmpty else {
            throw HardwareError(.invalidRequest, operation: operation, line: chipLabel,
                                detail: "a request needs at least one line")
        }
        guard lineNames.count <= 64 else {
            throw HardwareError(.invalidRequest, operation: operation, line: chipLabel,
                                detail: "a request holds at most 64 lines, got \(lineNames.count)")
        }
        if let repeated = lineNames.enumerated().first(where: { lineNames.firstIndex(of: $0.element) != $0.offset }) {
            throw HardwareError(.invalidRequest, operation: operation, line: "\(chipLabel):\(repeated.element)",
                                detail: "line \"\(repeated.element)\" is named twice in one request")
        }
        let paths: [String]
        do { paths = try driver.chipPaths() } catch { throw HardwareError(error, advice: "cannot list /dev") }
        var seen: [String] = []
        var denied: [String] = []
        for path in paths {
            let chip: GPIODriverHandle
            do { chip = try driver.openChip(path: path) } catch {
                if error.errno == EACCES || error.errno == EPERM { denied.append(path) }
                else { seen.append("\(path) (cannot open: errno \(error.errno))") }
                continue
            }
            defer { driver.closeChip(chip) }
            let description: GPIOChipDescription
            do { description = try driver.describeChip(chip) } catch {
                seen.append("\(path) (no label: errno \(error.errno))")
                continue
            }
            guard description.label == chipLabel else {
                seen.append("\(path) \"\(description.label)\" (\(description.lineCount) lines)")
                continue
            }
            var offsetByName: [String: Int] = [:]
            var namesInOrder: [String] = []
            for offset in 0..<description.lineCount {
                let line: GPIOLineDescription
                do { line = try driver.describeLine(chip, offset: offset) } catch {
                    throw HardwareError(error, line: "\(chipLabel) offset \(offset)")
                }
                guard !line.name.isEmpty else { continue }
                namesInOrder.append(line.name)
                if offsetByName[line.name] == nil { offsetByName[line.name] = offset }
            }
            var offsets: [Int] = []
            for name in lineNames {
                guard let offset = offsetByName[name] else {
                    let known = namesInOrder.isEmpty ? "none (the chip names no lines)" : namesInOrder.joined(separator: ", ")
                    throw HardwareError(.noSuchLine, operation: operation, line: "\(chipLabel):\(name)",
                                        detail: "chip \"\(chipLabel)\" (\(path)) has no line named \"\(name)\"; its lines are: \(known)")
                }
                offsets.append(offset)
            }
            return LocatedLines(path: path, label: chipLabel, lineNames: lineNames, offsets: offsets)
        }
        if !denied.isEmpty {
            let access = denied.map { driver.accessDescription(path: $0) }.joined(separator: "; ")
            throw HardwareError(.permissionDenied, operation: "gpiod_chip_open", line: chipLabel, errno: EACCES,
                                detail: "no chip labelled \"\(chipLabel)\" among those this process may open, and "
                                    + "\(denied.count) it may not: \(access). Add the user to that group "
                                    + "(usermod -aG gpio USER) or install Tools/deploy/60-qdot-gpio.rules")
        }
        let listing = seen.isEmpty ? "there are no GPIO chips on this machine (no /dev/gpiochip*)"
                                   : "chips here: " + seen.joined(separator: ", ")
        throw HardwareError(.noSuchChip, operation: operation, line: chipLabel,
                            detail: "no chip labelled \"\(chipLabel)\"; \(listing)")
    }

    /// The `HardwareError` for a failed request: a busy line names its consumer, a permission
    /// failure the device's owner and group.
    func requestFailure(_ failure: GPIODriverError, chip: LocatedLines) -> HardwareError {
        let where_ = "\(chip.label):\(chip.lineNames.joined(separator: ","))"
        switch failure.errno {
        case EBUSY:
            var holders: [String] = []
            if let handle = try? driver.openChip(path: chip.path) {
                defer { driver.closeChip(handle) }
                for (name, offset) in zip(chip.lineNames, chip.offsets) {
                    if let consumer = (try? driver.describeLine(handle, offset: offset))?.consumer {
                        holders.append("\(name) is held by \"\(consumer)\"")
                    }
                }
            }
            let advice = holders.isEmpty ? "another process holds a line" : holders.joined(separator: ", ")
            return HardwareError(failure, line: where_, advice: advice + " (see gpioinfo)")
        case EACCES, EPERM:
            return HardwareError(failure, line: where_,
                                 advice: driver.accessDescription(path: chip.path)
                                     + "; add the user to that group or install Tools/deploy/60-qdot-gpio.rules")
        default:
            return HardwareError(failure, line: where_)
        }
    }
}
