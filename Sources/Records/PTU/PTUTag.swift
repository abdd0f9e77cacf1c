/// One entry of a PTU header's tag list: a name, an index (−1 when the tag is not one of a
/// numbered series), a typed value, and where it is in the file.
public struct PTUTag: Equatable, Sendable {
    /// The tag's name (up to 32 bytes in the file), e.g. `MeasDesc_GlobalResolution`.
    public var name: String
    /// The index within a numbered series (`HW_InpChan_Offset(2)`), or −1 for a single tag.
    public var index: Int32
    /// The value.
    public var value: PTUTagValue
    /// The byte offset of the tag's 48-byte entry in the file.
    public var offset: Int

    /// A tag.
    public init(name: String, index: Int32 = -1, value: PTUTagValue, offset: Int = 0) {
        self.name = name
        self.index = index
        self.value = value
        self.offset = offset
    }

    /// The byte offset of the tag's 8-byte value field (the name is 32 bytes, index and type 4 each).
    public var valueOffset: Int { offset + 40 }
}
