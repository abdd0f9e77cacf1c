/// The names of the header tags qdot reads or writes, spelt as PicoQuant's tag dictionary does.
public enum PTUTagName {
    /// `TTResultFormat_TTTRRecType` (Int8): the record format.
    public static let recordType = "TTResultFormat_TTTRRecType"
    /// `TTResult_NumberOfRecords` (Int8).
    public static let numberOfRecords = "TTResult_NumberOfRecords"
    /// `MeasDesc_GlobalResolution` (Float8, seconds).
    public static let globalResolution = "MeasDesc_GlobalResolution"
    /// `MeasDesc_Resolution` (Float8, seconds).
    public static let resolution = "MeasDesc_Resolution"
    /// `TTResult_SyncRate` (Int8, per second).
    public static let syncRate = "TTResult_SyncRate"
    /// `Measurement_Mode` (Int8): 2 = T2, 3 = T3.
    public static let measurementMode = "Measurement_Mode"
    /// `Measurement_SubMode` (Int8): 0 = point.
    public static let measurementSubMode = "Measurement_SubMode"
    /// `File_GUID` (AnsiString).
    public static let fileGUID = "File_GUID"
    /// `File_CreatingTime` (TDateTime).
    public static let creatingTime = "File_CreatingTime"
    /// `File_Comment` (AnsiString or WideString).
    public static let comment = "File_Comment"
    /// `CreatorSW_Name` (AnsiString).
    public static let creatorName = "CreatorSW_Name"
    /// `CreatorSW_Version` (AnsiString).
    public static let creatorVersion = "CreatorSW_Version"
    /// `HW_Type` (AnsiString).
    public static let hardwareType = "HW_Type"
    /// `HW_InpChannels` (Int8): input channels, the sync input counted.
    public static let inputChannels = "HW_InpChannels"
    /// `TTResultFormat_BitsPerRecord` (Int8): 32.
    public static let bitsPerRecord = "TTResultFormat_BitsPerRecord"
    /// `MeasDesc_BinningFactor` (Int8).
    public static let binningFactor = "MeasDesc_BinningFactor"
    /// `MeasDesc_AcquisitionTime` (Int8, milliseconds).
    public static let acquisitionTime = "MeasDesc_AcquisitionTime"
    /// `Header_End` (Empty8): the last tag.
    public static let headerEnd = "Header_End"
}
