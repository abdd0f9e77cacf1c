import Foundation

/// What a `PTUWriter` writes into the header: the record type, the time-tag unit, the declared
/// sync rate and input channels, the file's identity and creator.
public struct PTUWriterSettings: Sendable {
    /// The record format (the HydraHarp family: V1, V2, TimeHarp 260 N/P, MultiHarp generic).
    public var recordType: PTURecordType
    /// The time-tag unit (`MeasDesc_GlobalResolution`), in picoseconds: 1 for a HydraHarp 400,
    /// 5 for a MultiHarp 160, 80 for a MultiHarp 150.
    public var globalResolutionPicoseconds: Int64
    /// The sync rate declared in `TTResult_SyncRate`, per second (qdot: the trigger rate).
    public var syncRatePerSecond: Int64
    /// The number of photon inputs (channels 1…this); `HW_InpChannels` counts the sync input too.
    public var inputChannelCount: Int
    /// `File_GUID`, in Windows GUID form with braces.
    public var fileGUID: String
    /// `File_CreatingTime`, in seconds since 1970-01-01 00:00 UTC.
    public var creatingTimeSecondsSince1970: Double
    /// `File_Comment`, if any.
    public var comment: String?
    /// `CreatorSW_Version` (the name is always "qdot").
    public var creatorVersion: String

    /// Settings; the GUID is a fresh random one and the creating time now unless given.
    public init(recordType: PTURecordType = .hydraHarpV2T2, globalResolutionPicoseconds: Int64 = 1, syncRatePerSecond: Int64,
                inputChannelCount: Int = 4, fileGUID: String? = nil, creatingTimeSecondsSince1970: Double? = nil,
                comment: String? = nil, creatorVersion: String = QdotVersion.current) {
        self.recordType = recordType
        self.globalResolutionPicoseconds = globalResolutionPicoseconds
        self.syncRatePerSecond = syncRatePerSecond
        self.inputChannelCount = inputChannelCount
        self.fileGUID = fileGUID ?? "{\(UUID().uuidString)}"
        self.creatingTimeSecondsSince1970 = creatingTimeSecondsSince1970 ?? Date().timeIntervalSince1970
        self.comment = comment
        self.creatorVersion = creatorVersion
    }

    /// The header's tags, in the order PicoQuant's software writes the ones it shares, with the
    /// record count and the acquisition time 0 (the writer patches both when it finishes).
    func tags() -> [PTUTag] {
        var tags: [PTUTag] = [
            PTUTag(name: PTUTagName.fileGUID, value: .ansiString(fileGUID)),
            PTUTag(name: PTUTagName.creatingTime, value: .dateTime(days: creatingTimeSecondsSince1970 / 86_400 + 25_569)),
        ]
        if let comment { tags.append(PTUTag(name: PTUTagName.comment, value: PTUHeader.textValue(comment))) }
        let seconds = Double(globalResolutionPicoseconds) * 1e-12
        tags += [
            PTUTag(name: PTUTagName.creatorName, value: .ansiString("qdot")),
            PTUTag(name: PTUTagName.creatorVersion, value: PTUHeader.textValue(creatorVersion)),
            PTUTag(name: PTUTagName.measurementMode, value: .int(2)),
            PTUTag(name: PTUTagName.measurementSubMode, value: .int(0)),
            PTUTag(name: PTUTagName.hardwareType, value: .ansiString(recordType.hardwareType)),
            PTUTag(name: PTUTagName.inputChannels, value: .int(Int64(inputChannelCount) + 1)),
            PTUTag(name: PTUTagName.globalResolution, value: .float(seconds)),
            PTUTag(name: PTUTagName.resolution, value: .float(seconds)),
            PTUTag(name: PTUTagName.binningFactor, value: .int(1)),
            PTUTag(name: PTUTagName.acquisitionTime, value: .int(0)),
            PTUTag(name: PTUTagName.syncRate, value: .int(syncRatePerSecond)),
            PTUTag(name: PTUTagName.recordType, value: .int(Int64(recordType.rawValue))),
            PTUTag(name: PTUTagName.bitsPerRecord, value: .int(32)),
            PTUTag(name: PTUTagName.numberOfRecords, value: .int(0)),
            PTUTag(name: PTUTagName.headerEnd, value: .empty),
        ]
        return tags
    }
}
