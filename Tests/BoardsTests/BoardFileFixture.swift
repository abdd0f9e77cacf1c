import Foundation

/// A complete, valid board file for a Linux board (per-detector gates, two basis bits on arm A,
/// one on arm B, active-low status and interlock), and helpers to break it one rule at a time.
enum BoardFileFixture {
    static let lab2 = """
        # Lab 2: Raspberry Pi 4 wired to the station by ribbon cable.
        [board]
        name = "lab2-pi4"
        description = "Pi 4 in lab 2, per-detector gates"
        backend = "linux"
        consumer = "qdot-lab2"

        [line.trigger]
        chip = "pinctrl-bcm2711"
        name = "GPIO17"
        safe = "inactive"

        [line.gate-a-plus]
        chip = "pinctrl-bcm2711"
        name = "GPIO22"

        [line.gate-a-minus]
        chip = "pinctrl-bcm2711"
        name = "GPIO23"

        [line.gate-b-plus]
        chip = "pinctrl-bcm2711"
        name = "GPIO24"

        [line.gate-b-minus]
        chip = "pinctrl-bcm2711"
        name = "GPIO25"

        [line.basis-a-0]
        chip = "pinctrl-bcm2711"
        name = "GPIO5"

        [line.basis-a-1]
        chip = "pinctrl-bcm2711"
        name = "GPIO6"

        [line.basis-b-0]
        chip = "pinctrl-bcm2711"
        name = "GPIO13"

        [line.status]
        chip = "pinctrl-bcm2711"
        name = "GPIO26"
        active-low = true     # the lamp driver sinks current
        safe = "inactive"

        [line.click-a-plus]
        chip = "pinctrl-bcm2711"
        name = "GPIO20"
        bias = "disabled"

        [line.click-a-minus]
        chip = "pinctrl-bcm2711"
        name = "GPIO21"

        [line.click-b-plus]
        chip = "pinctrl-bcm2711"
        name = "GPIO19"

        [line.click-b-minus]
        chip = "pinctrl-bcm2711"
        name = "GPIO16"

        [line.interlock]
        chip = "pinctrl-bcm2711"
        name = "GPIO4"
        active-low = true
        bias = "pull-up"
        """

    /// The 1-based line of the first line of `text` that contains `marker`, or 0 if none does.
    static func line(of marker: String, in text: String = lab2) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(marker) } ?? -1) + 1
    }

    /// `lab2` with the first occurrence of `old` replaced by `new`.
    static func replacing(_ old: String, with new: String, in text: String = lab2) -> String {
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    /// `text` with the section `[header]` and its keys removed.
    static func removingSection(_ header: String, from text: String = lab2) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: header) else { return text }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("[") } ?? lines.count
        lines.removeSubrange(start..<end)
        return lines.joined(separator: "\n")
    }
}
