#if KeyDeliveryTLS
/// The subject's commonName (OID 2.5.4.3) of a DER-encoded X.509 certificate, read by walking
/// RFC 5280 clause 4.1's structure: Certificate → tbsCertificate → [version], serialNumber,
/// signature, issuer, validity, subject → RDN sets → AttributeTypeAndValue. NIOSSL keeps its own
/// reader internal. The last commonName wins (as TLS stacks take it); nil for anything malformed.
enum X509SubjectCommonName {
    /// commonName's OID 2.5.4.3, DER content bytes.
    private static let commonNameOID: [UInt8] = [0x55, 0x04, 0x03]

    /// The commonName in `der`'s subject, nil when absent or when `der` is not a certificate.
    static func commonName(der: [UInt8]) -> String? {
        guard let certificate = element(der, at: 0), certificate.tag == 0x30,
              let tbs = children(der, certificate).first, tbs.tag == 0x30 else { return nil }
        var fields = children(der, tbs)
        if fields.first?.tag == 0xA0 { fields.removeFirst() }  // [0] version
        guard fields.count > 4, fields[4].tag == 0x30 else { return nil }
        var found: String?
        for set in children(der, fields[4]) where set.tag == 0x31 {
            for attribute in children(der, set) where attribute.tag == 0x30 {
                let parts = children(der, attribute)
                guard parts.count == 2, parts[0].tag == 0x06, Array(der[parts[0].content]) == commonNameOID,
                      [0x0C, 0x13, 0x16].contains(parts[1].tag) else { continue }  // UTF8, Printable, IA5 string
                found = String(decoding: der[parts[1].content], as: UTF8.self)
            }
        }
        return found
    }

    /// One DER element: its tag and the range of its content bytes.
    private struct Element {
        let tag: UInt8
        let content: Range<Int>
    }

    /// The element starting at `start` (definite lengths up to 4 bytes), nil when it overruns `der`.
    private static func element(_ der: [UInt8], at start: Int) -> Element? {
        guard start + 1 < der.count else { return nil }
        var offset = start + 2, length = Int(der[start + 1])
        if length >= 0x80 {
            let count = length & 0x7F
            guard (1...4).contains(count), offset + count <= der.count else { return nil }
            length = der[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
            offset += count
        }
        guard length <= der.count - offset else { return nil }
        return Element(tag: der[start], content: offset..<offset + length)
    }

    /// The elements inside `parent`'s content, in order; stops at the first malformed one.
    private static func children(_ der: [UInt8], _ parent: Element) -> [Element] {
        var result: [Element] = [], position = parent.content.lowerBound
        while position < parent.content.upperBound, let child = element(der, at: position), child.content.upperBound <= parent.content.upperBound {
            result.append(child)
            position = child.content.upperBound
        }
        return result
    }
}
#endif
