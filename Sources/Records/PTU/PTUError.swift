/// Why a PicoQuant PTU file could not be read (or an event could not be written): what went
/// wrong, the byte offset in the file where it went wrong, and what was expected there.
///
/// Every offset points into the file: at the structure that is wrong or cut short (a tag, a tag's
/// value, a record), never past the last byte; an empty file's errors name offset 0.
public struct PTUError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What kind of problem it is, so code can react to one kind (a file still being written says
    /// `truncatedRecord`, a T3 file says `unsupportedRecordType`) without reading the message.
    public enum Kind: String, Sendable, CaseIterable {
        /// The file could not be opened or read (the message gives the system's reason).
        case unreadableFile
        /// The file does not start with the PTU magic `PQTTTR`.
        case notPTU
        /// The file ends inside the header: in the preamble, a tag, or a tag's string, array or blob.
        case truncatedHeader
        /// The tag list ends (the file ends at a tag boundary) without the `Header_End` tag.
        case missingHeaderEnd
        /// A tag's type code is none of the eleven the format defines.
        case unknownTagType
        /// A tag's value cannot be right: a negative length, an array whose length is not a whole
        /// number of values, a tag qdot needs with the wrong type.
        case invalidTagValue
        /// A tag qdot needs is not in the header (the record type, the resolution, the record count).
        case missingTag
        /// The measurement mode is not T2 (`Measurement_Mode` 2).
        case unsupportedMeasurementMode
        /// The record type is unknown, or known but not a T2 type (T3 files are refused).
        case unsupportedRecordType
        /// The global resolution is not a whole number of picoseconds from 1 ps to 1 µs.
        case unsupportedResolution
        /// `TTResult_NumberOfRecords` disagrees with the number of records the file holds.
        case recordCountMismatch
        /// The file ends inside a record.
        case truncatedRecord
        /// The overflow records add up to a time past Int64 picoseconds (about 106 days).
        case timeOutOfRange
        /// A file being followed became shorter than what was already read from it.
        case fileShrank
        /// The writer was given an event it cannot encode (out of time order, a channel or marker
        /// the record type has no field for, a negative time).
        case eventNotWritable
        /// The writer could not create, write or rename its file.
        case cannotWrite
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte offset in the file of the tag, value or record that is wrong.
    public var offset: Int
    /// What was expected there and what was found.
    public var message: String
    /// The file, when the bytes came from one.
    public var path: String?

    /// An error at `offset`.
    public init(_ kind: Kind, offset: Int, _ message: String, path: String? = nil) {
        self.kind = kind
        self.offset = offset
        self.message = message
        self.path = path
    }

    /// `path: byte offset N: message`, the way qdot names a place in any file it reads.
    public var description: String { "\(path ?? "PTU data"): byte offset \(offset): \(message)" }

    /// `0x` and eight upper-case hex digits, the way PicoQuant's documents write type codes.
    static func hex(_ code: UInt32) -> String {
        let digits = String(code, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Runs `body`, which throws only `PTUError`s but through a standard-library call that does not
    /// say so (`withUnsafeBytes` on an array), and rethrows them typed.
    static func typed<Result>(_ body: () throws -> Result) throws(PTUError) -> Result {
        do {
            return try body()
        } catch let error as PTUError {
            throw error
        } catch {
            throw PTUError(.unreadableFile, offset: 0, "unexpected error \(error)")
        }
    }

    /// The same error, naming `path`.
    func at(path: String?) -> PTUError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}
