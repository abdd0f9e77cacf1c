public import Experiments
import Foundation

/// The figures people would rather look at, as standalone SVG: the A–B correlation histogram,
/// the density matrix as two heat maps (real and imaginary parts), the gate-delay scan curve and
/// the HBT peaks.
public enum SVGFigures {
    /// Every figure that applies to `findings`, as (file-name suffix, SVG text).
    public static func all(_ findings: ExperimentFindings, experiment: ExperimentDefinition) -> [(name: String, svg: String)] {
        var result: [(String, String)] = []
        if findings.correlationHistogram.reduce(0, +) > 0 {
            let range = findings.correlationHistogramRangeNanoseconds
            result.append(("correlation", bars(
                title: "\(experiment.name): t(B) − t(A) of each cycle's first clicks",
                xLabel: "delay (ns), " + (experiment.timing.coincidenceMode == .window
                    ? "window ±\(experiment.timing.coincidenceWindow.nanoseconds) ns" : RunSummary.coincidenceRule(experiment.timing)), yLabel: "cycles",
                values: findings.correlationHistogram.map(Double.init), firstX: Double(-range), stepX: 1)))
        }
        if let real = findings.densityMatrixReal, let imaginary = findings.densityMatrixImaginary {
            result.append(("density-matrix", densityMatrix(title: "\(experiment.name): reconstructed ρ", real: real,
                                                           imaginary: imaginary)))
        }
        if let delays = findings.scanDelaysNanoseconds, let singles = findings.scanSingles, delays.count > 1 {
            let step = Double(delays[1] - delays[0])
            result.append(("scan", bars(title: "\(experiment.name): singles against gate delay",
                                        xLabel: "gate delay after the trigger (ns)", yLabel: "clicks (all detectors)",
                                        values: singles.map(Double.init), firstX: Double(delays[0]), stepX: step)))
        }
        if let peaks = findings.hbtPeaks {
            for (arm, values) in peaks.enumerated() {
                let k = (values.count - 1) / 2
                result.append(("hbt-\(arm == 0 ? "a" : "b")", bars(
                    title: "\(experiment.name): HBT peaks, arm \(arm == 0 ? "A" : "B")",
                    xLabel: "pulse offset k (trigger periods)", yLabel: "coincidences",
                    values: values.map(Double.init), firstX: Double(-k), stepX: 1)))
            }
        }
        return result
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    /// A bar chart of `values` at x = firstX + i·stepX.
    static func bars(title: String, xLabel: String, yLabel: String, values: [Double], firstX: Double,
                     stepX: Double) -> String {
        let width = 720.0, height = 420.0, left = 70.0, right = 20.0, top = 40.0, bottom = 60.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let peak = max(values.max() ?? 1, 1)
        let barWidth = plotWidth / Double(max(values.count, 1))
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(width / 2)" y="22" text-anchor="middle" font-size="15">\(escape(title))</text>
            <line x1="\(left)" y1="\(top + plotHeight)" x2="\(left + plotWidth)" y2="\(top + plotHeight)" stroke="black"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(top + plotHeight)" stroke="black"/>

            """
        for (index, value) in values.enumerated() where value > 0 {
            let h = plotHeight * value / peak
            svg += "<rect x=\"\(number(left + Double(index) * barWidth))\" y=\"\(number(top + plotHeight - h))\" "
                + "width=\"\(number(max(barWidth * 0.9, 0.5)))\" height=\"\(number(h))\" fill=\"#3b6ea8\"/>\n"
        }
        for tick in 0...4 {
            let fraction = Double(tick) / 4
            let y = top + plotHeight * (1 - fraction)
            svg += "<text x=\"\(left - 6)\" y=\"\(number(y + 4))\" text-anchor=\"end\">\(number(peak * fraction))</text>\n"
            let index = Double(values.count - 1) * fraction
            let x = left + (index + 0.5) * barWidth
            svg += "<text x=\"\(number(x))\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\">\(number(firstX + index.rounded() * stepX))</text>\n"
        }
        svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(height - 15)\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(18 \(top + plotHeight / 2)) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        return svg + "</svg>\n"
    }

    /// Re ρ and Im ρ as two 4×4 heat maps in the basis HH, HV, VH, VV, each cell labelled.
    static func densityMatrix(title: String, real: [[Double]], imaginary: [[Double]]) -> String {
        let cell = 70.0, labels = ["HH", "HV", "VH", "VV"]
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="760" height="420" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="380" y="22" text-anchor="middle" font-size="15">\(escape(title))</text>

            """
        for (panel, (name, matrix)) in [("Re ρ", real), ("Im ρ", imaginary)].enumerated() {
            let x0 = 60.0 + Double(panel) * 370, y0 = 70.0
            svg += "<text x=\"\(x0 + 2 * cell)\" y=\"\(y0 - 20)\" text-anchor=\"middle\" font-size=\"14\">\(name)</text>\n"
            for row in 0..<4 {
                svg += "<text x=\"\(x0 - 6)\" y=\"\(y0 + (Double(row) + 0.55) * cell)\" text-anchor=\"end\">\(labels[row])</text>\n"
                svg += "<text x=\"\(x0 + (Double(row) + 0.5) * cell)\" y=\"\(y0 + 4 * cell + 16)\" text-anchor=\"middle\">\(labels[row])</text>\n"
                for column in 0..<4 {
                    let value = row < matrix.count && column < matrix[row].count ? matrix[row][column] : 0
                    let strength = min(1, abs(value) / 0.5)
                    let shade = Int(255 * (1 - strength))
                    let color = value >= 0 ? "rgb(\(shade),\(shade),255)" : "rgb(255,\(shade),\(shade))"
                    let x = x0 + Double(column) * cell, y = y0 + Double(row) * cell
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(color)\" stroke=\"#888\"/>\n"
                    svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\">\(String(format: "%.3f", value))</text>\n"
                }
            }
        }
        return svg + "</svg>\n"
    }
}
