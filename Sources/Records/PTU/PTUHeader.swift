/// A PTU file's header: the format version and the self-describing tag list, up to and
/// including `Header_End`, after which the records begin.
///
/// The typed accessors read the tags qdot needs and return nil when a tag is absent or has
/// another type; `PTUT2Format(header:)` checks them and says what is wrong.
public struct PTUHeader: Equatable, Sendable {
    /// The eight bytes after the magic, up to the first NUL (PicoQuant writes e.g. "1.0.00").
    public var formatVersion: String
    /// Every tag in file order, `Header_End` last.
    public var tags: [PTUTag]
    /// The byte offset of the first record (the file's length when it has none).
    public var recordsOffset: Int

    /// A header (usually from `parse`; `PTUWriter` builds its own).
    public init(formatVersion: String, tags: [PTUTag], recordsOffset: Int) {
        self.formatVersion = formatVersion
        self.tags = tags
        self.recordsOffset = recordsOffset
    }

    /// The first tag called `name` with index `index` (−1: a single tag).
    public func tag(_ name: String, index: Int32 = -1) -> PTUTag? {
        tags.first { $0.name == name && $0.index == index }
    }

    /// `TTResultFormat_TTTRRecType`: the record format, as a code (see `PTURecordType`).
    public var recordTypeCode: Int64? { tag(PTUTagName.recordType)?.value.int }
    /// `TTResult_NumberOfRecords`: the record count the header declares (0 or stale while a
    /// tagger is still writing the file).
    public var declaredRecordCount: Int64? { tag(PTUTagName.numberOfRecords)?.value.int }
    /// `MeasDesc_GlobalResolution`, in seconds: the unit of T2 time tags.
    public var globalResolutionSeconds: Double? { tag(PTUTagName.globalResolution)?.value.float }
    /// `MeasDesc_Resolution`, in seconds: the instrument's timing resolution (in T2 files the
    /// same as the global resolution).
    public var resolutionSeconds: Double? { tag(PTUTagName.resolution)?.value.float }
    /// `TTResult_SyncRate`, in counts per second, as recorded when the measurement began.
    public var syncRatePerSecond: Int64? { tag(PTUTagName.syncRate)?.value.int }
    /// `Measurement_Mode`: 2 for T2, 3 for T3.
    public var measurementMode: Int64? { tag(PTUTagName.measurementMode)?.value.int }
    /// `File_GUID`, e.g. "{C3A5…}".
    public var fileGUID: String? { tag(PTUTagName.fileGUID)?.value.string }
    /// `CreatorSW_Name`: the program that wrote the file.
    public var creatorSoftwareName: String? { tag(PTUTagName.creatorName)?.value.string }
    /// `CreatorSW_Version`.
    public var creatorSoftwareVersion: String? { tag(PTUTagName.creatorVersion)?.value.string }
    /// `File_CreatingTime`, in seconds since 1970-01-01 00:00 UTC (from a TDateTime tag).
    public var creatingTimeSecondsSince1970: Double? { tag(PTUTagName.creatingTime)?.value.secondsSince1970 }
    /// `HW_Type`: the instrument, e.g. "HydraHarp".
    public var hardwareType: String? { tag(PTUTagName.hardwareType)?.value.string }
    /// `File_Comment`.
    public var comment: String? { tag(PTUTagName.comment)?.value.string }
}
