/// What decoding a T2 file needs, checked: its record type and the time-tag unit in whole
/// picoseconds.
///
/// Built from a header (`init(header:)`), which refuses T3 files, unknown record types and
/// resolutions qdot cannot represent exactly; or from values (`init(recordType:globalResolutionPicoseconds:)`)
/// for writing. Immutable, so what the initializers checked still holds when the decoder relies
/// on it (the bounds that keep its arithmetic inside Int64).
public struct PTUT2Format: Equatable, Sendable {
    /// The smallest and largest time-tag units accepted, in picoseconds. Every PicoQuant T2 unit
    /// lies between (1 ps HydraHarp, PicoHarp 330; 4 ps PicoHarp 300; 5 or 80 ps MultiHarp;
    /// 25 or 250 ps TimeHarp 260), and 1 µs keeps one overflow period's worth of time tags far
    /// inside Int64 picoseconds.
    public static let resolutionRangePicoseconds: ClosedRange<Int64> = 1...1_000_000

    /// The record format.
    public let recordType: PTURecordType
    /// The unit of a time tag (`MeasDesc_GlobalResolution`), in picoseconds.
    public let globalResolutionPicoseconds: Int64

    /// A format from values; throws `unsupportedResolution` outside `resolutionRangePicoseconds`.
    public init(recordType: PTURecordType, globalResolutionPicoseconds: Int64) throws(PTUError) {
        guard Self.resolutionRangePicoseconds.contains(globalResolutionPicoseconds) else {
            throw PTUError(.unsupportedResolution, offset: 0,
                           "global resolution \(globalResolutionPicoseconds) ps; expected 1 ps to 1 µs")
        }
        self.recordType = recordType
        self.globalResolutionPicoseconds = globalResolutionPicoseconds
    }

    /// The format a header declares. Refuses, naming the tag's offset: a measurement mode other
    /// than T2, a T3 or unknown record type, a global resolution that is missing, not a whole
    /// number of picoseconds, or outside 1 ps – 1 µs.
    public init(header: PTUHeader) throws(PTUError) {
        let endOffset = header.tags.last?.offset ?? 0
        if let mode = header.tag(PTUTagName.measurementMode) {
            guard let value = mode.value.int else {
                throw PTUError(.invalidTagValue, offset: mode.offset, "Measurement_Mode is a \(mode.value.type); expected an Int8")
            }
            guard value == 2 else {
                throw PTUError(.unsupportedMeasurementMode, offset: mode.valueOffset,
                               "Measurement_Mode \(value)\(value == 3 ? " (T3)" : ""); qdot reads T2 files only (Measurement_Mode 2)")
            }
        }
        guard let typeTag = header.tag(PTUTagName.recordType) else {
            throw PTUError(.missingTag, offset: endOffset,
                           "the header ends here without \(PTUTagName.recordType); expected the record format")
        }
        guard let code = typeTag.value.int else {
            throw PTUError(.invalidTagValue, offset: typeTag.offset,
                           "\(PTUTagName.recordType) is a \(typeTag.value.type); expected an Int8")
        }
        guard let code32 = UInt32(exactly: code), let type = PTURecordType(rawValue: code32) else {
            let described = UInt32(exactly: code).map { PTURecordType.describeUnsupported(code: $0) } ?? "unknown record type \(code)"
            throw PTUError(.unsupportedRecordType, offset: typeTag.valueOffset, described)
        }
        guard let resolutionTag = header.tag(PTUTagName.globalResolution) else {
            throw PTUError(.missingTag, offset: endOffset,
                           "the header ends here without \(PTUTagName.globalResolution); expected the time-tag unit in seconds")
        }
        guard let seconds = resolutionTag.value.float else {
            throw PTUError(.invalidTagValue, offset: resolutionTag.offset,
                           "\(PTUTagName.globalResolution) is a \(resolutionTag.value.type); expected a Float8")
        }
        let picoseconds = seconds * 1e12
        let whole = picoseconds.rounded()
        guard picoseconds.isFinite, whole >= 1, whole <= 1e6, abs(picoseconds - whole) <= 1e-6 * whole,
              let exact = Int64(exactly: whole) else {
            throw PTUError(.unsupportedResolution, offset: resolutionTag.valueOffset,
                           "\(PTUTagName.globalResolution) \(seconds) s; expected a whole number of picoseconds from 1 ps to 1 µs")
        }
        recordType = type
        globalResolutionPicoseconds = exact
    }

    /// One overflow period in picoseconds (at most 2.1 × 10¹⁴: the period in ticks times 1 µs).
    public var overflowPeriodPicoseconds: Int64 { recordType.overflowPeriodTicks * globalResolutionPicoseconds }
}
