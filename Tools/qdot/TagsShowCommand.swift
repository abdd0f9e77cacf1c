import ArgumentParser
import Foundation
import Records

/// `qdot tags show FILE.ptu`: what a PTU T2 file holds, from its header and one pass over its records.
struct TagsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a PTU file's header essentials and what its records hold.",
        discussion: """
            The record type and resolution, photons per input channel, syncs, markers, overflow \
            records, the time span, and the sync rate measured between the first and last sync \
            against the one the header declares. A file that cannot be read (not PTU, T3, cut \
            short, a record count that disagrees with the file's length) is refused with the byte \
            offset of the problem, exit status \(QdotExit.unreadableRecord.rawValue).
            """)

    @Argument(help: "The PTU file.")
    var file: String

    @Flag(help: "Print the summary as JSON (keys in docs/tagger-ptu.md).")
    var json = false

    func run() throws {
        let reader: PTUReader
        let summary: PTUSummary
        do {
            reader = try PTUReader(path: file)
            summary = try PTUSummary(reading: reader)
        } catch {
            printError("qdot tags show: \(error)")
            throw QdotExit.unreadableRecord.code
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(TagsSummaryJSON(file: file, reader: reader, summary: summary)), as: UTF8.self))
        } else {
            print(Self.text(file: file, reader: reader, summary: summary))
        }
    }

    /// The human summary.
    static func text(file: String, reader: PTUReader, summary: PTUSummary) -> String {
        let header = reader.header
        let format = reader.format
        var creator = header.creatorSoftwareName.map { ", written by \($0)" + (header.creatorSoftwareVersion.map { " \($0)" } ?? "") } ?? ""
        if let seconds = header.creatingTimeSecondsSince1970 { creator += " on " + Self.iso8601(seconds) }
        var lines = [
            "qdot tags show — \(file)",
            "  format        PTU \(header.formatVersion), \(format.recordType.name) (\(format.recordType.hexCode)), T2 mode\(creator)",
        ]
        if let guid = header.fileGUID { lines.append("  file GUID     \(guid)") }
        lines.append("  resolution    \(format.globalResolutionPicoseconds) ps per time tag (MeasDesc_GlobalResolution"
                     + (header.resolutionSeconds.map { "; instrument \(picoseconds($0)) ps" } ?? "") + ")")
        lines.append("  records       \(summary.records), after a \(header.recordsOffset)-byte header")
        let channels = summary.channelsWithPhotons
        lines.append("  photons       \(summary.photons)"
                     + (channels.isEmpty ? "" : "  (" + channels.map { "ch\($0.channel) \($0.photons)" }.joined(separator: "  ") + ")"))
        lines.append("  syncs         \(summary.syncs)")
        lines.append("  markers       \(summary.markers)")
        lines.append("  overflows     \(summary.overflowRecords) records, \(summary.overflowPeriods) periods of \(format.recordType.overflowPeriodTicks) ticks")
        if summary.ignoredRecords > 0 { lines.append("  ignored       \(summary.ignoredRecords) records the format defines no meaning for") }
        if let earliest = summary.earliestEventPicoseconds, let latest = summary.latestEventPicoseconds {
            lines.append("  time span     \(seconds(summary.spanPicoseconds)) s (events from \(earliest) ps to \(latest) ps)")
        } else {
            lines.append("  time span     no events")
        }
        let declared = header.syncRatePerSecond
        var rate = "  sync rate     measured " + (summary.measuredSyncRatePerSecond.map { String(format: "%.3f", $0) + " /s" } ?? "— (fewer than two syncs)")
        rate += ", declared " + (declared.map { "\($0) /s" } ?? "— (no TTResult_SyncRate)")
        if let measured = summary.measuredSyncRatePerSecond, let declared, declared > 0 {
            rate += String(format: " (%+.3f %%)", (measured / Double(declared) - 1) * 100)
        }
        lines.append(rate)
        return lines.joined(separator: "\n")
    }

    static func picoseconds(_ seconds: Double) -> String { String(format: "%g", seconds * 1e12) }
    static func seconds(_ picoseconds: Int64) -> String { String(format: "%.6f", Double(picoseconds) * 1e-12) }
    static func iso8601(_ secondsSince1970: Double) -> String {
        guard secondsSince1970.isFinite, abs(secondsSince1970) < 1e12 else { return "(an invalid date)" }
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: secondsSince1970))
    }
}

/// `qdot tags show --json`: one object, keys sorted (docs/tagger-ptu.md lists them).
struct TagsSummaryJSON: Encodable {
    var file: String
    var formatVersion: String
    var recordType: String
    var recordTypeCode: UInt32
    var measurementMode: Int64?
    var globalResolutionPicoseconds: Int64
    var resolutionSeconds: Double?
    var declaredRecordCount: Int64?
    var records: Int
    var headerBytes: Int
    var photonsPerChannel: [String: Int]
    var photons: Int
    var syncs: Int
    var markers: Int
    var overflowRecords: Int
    var overflowPeriods: Int64
    var ignoredRecords: Int
    var earliestEventPicoseconds: Int64?
    var latestEventPicoseconds: Int64?
    var spanPicoseconds: Int64
    var firstSyncPicoseconds: Int64?
    var lastSyncPicoseconds: Int64?
    var syncRateMeasuredPerSecond: Double?
    var syncRateDeclaredPerSecond: Int64?
    var creatorSoftware: String?
    var creatorVersion: String?
    var fileGUID: String?
    var creatingTime: String?

    init(file: String, reader: PTUReader, summary: PTUSummary) {
        let header = reader.header
        self.file = file
        formatVersion = header.formatVersion
        recordType = reader.format.recordType.name
        recordTypeCode = reader.format.recordType.rawValue
        measurementMode = header.measurementMode
        globalResolutionPicoseconds = reader.format.globalResolutionPicoseconds
        resolutionSeconds = header.resolutionSeconds
        declaredRecordCount = header.declaredRecordCount
        records = summary.records
        headerBytes = header.recordsOffset
        photonsPerChannel = Dictionary(uniqueKeysWithValues: summary.channelsWithPhotons.map { (String($0.channel), $0.photons) })
        photons = summary.photons
        syncs = summary.syncs
        markers = summary.markers
        overflowRecords = summary.overflowRecords
        overflowPeriods = summary.overflowPeriods
        ignoredRecords = summary.ignoredRecords
        earliestEventPicoseconds = summary.earliestEventPicoseconds
        latestEventPicoseconds = summary.latestEventPicoseconds
        spanPicoseconds = summary.spanPicoseconds
        firstSyncPicoseconds = summary.firstSyncPicoseconds
        lastSyncPicoseconds = summary.lastSyncPicoseconds
        syncRateMeasuredPerSecond = summary.measuredSyncRatePerSecond
        syncRateDeclaredPerSecond = header.syncRatePerSecond
        creatorSoftware = header.creatorSoftwareName
        creatorVersion = header.creatorSoftwareVersion
        fileGUID = header.fileGUID
        creatingTime = header.creatingTimeSecondsSince1970.map(TagsShowCommand.iso8601)
    }
}
