import Boards
public import ConfigFile
import KeyDistillation
import Physics

extension LinkNodeFile {
    /// Parses a node file's text. `directory` resolves its relative paths (the file's folder).
    /// Pure apart from reading the station file a `[world] station` names. Throws every mistake
    /// found, sorted by line, each with file, line and field.
    public static func parse(text: String, fileName: String, directory: String) throws(ConfigErrors) -> LinkNodeFile {
        let document = try ConfigDocument.parse(text, fileName: fileName)
        var reader = ConfigReader(document)
        func path(_ relative: String) -> String { relative.hasPrefix("/") ? relative : directory + "/" + relative }

        let node = reader.requiredSection("node")
        let role = node.flatMap { reader.required("role", in: $0, as: .oneOf([("alice", LinkNode.alice), ("bob", LinkNode.bob)])) }
        let state = node.flatMap { reader.required("state-directory", in: $0, as: .nonEmptyString(like: "state/alice")) }
        let secret = node.flatMap { reader.required("pre-shared-secret-file", in: $0, as: .nonEmptyString(like: "link.secret")) }

        var link: Endpoint?
        if let section = reader.requiredSection("link") {
            let key = role == .bob ? "listen" : "peer"
            link = endpoint(key, in: section, reader: &reader, required: true)
        }
        let delivery = reader.requiredSection("key-delivery").flatMap { readKeyDelivery($0, reader: &reader, path: path) }
        let blocks = reader.requiredSection("blocks").map { readBlocks($0, reader: &reader) }
        let world = reader.requiredSection("world").flatMap { readWorld($0, reader: &reader, path: path) }
        try reader.finish()
        guard let role, let state, let secret, let link, let delivery, let blocks, let world else {
            // finish() threw for whatever is nil; unreachable with a consistent reader.
            throw ConfigErrors(ConfigError(fileName: fileName, line: nil, field: nil, message: "incomplete node file"))
        }
        return LinkNodeFile(fileName: fileName, role: role, stateDirectory: path(state), preSharedSecretFile: path(secret),
                            link: link, keyDelivery: delivery, blocks: blocks, world: world)
    }

    /// Reads and parses the node file at `path`.
    public static func load(contentsOf path: String) throws(ConfigErrors) -> LinkNodeFile {
        let text = try ConfigText.read(contentsOf: path, expecting: ".node.toml file")
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
        return try parse(text: text, fileName: path, directory: directory)
    }

    /// `host:port` (`[v6]:port` for IPv6), port 0…65535.
    static func endpoint(_ key: String, in section: ConfigSection, reader: inout ConfigReader, required: Bool) -> Endpoint? {
        let text = required ? reader.required(key, in: section, as: .nonEmptyString(like: "127.0.0.1:9471"))
                            : reader.optional(key, in: section, as: .nonEmptyString(like: "127.0.0.1:9471"))
        guard let text else { return nil }
        if let endpoint = Endpoint(parsing: text) { return endpoint }
        if let entry = section.entries.first(where: { $0.key == key }) {
            reader.report("expected host:port with a port 0…65535 (e.g. 127.0.0.1:9471 or [::1]:9471), found \"\(text)\"",
                          about: entry, in: section)
        }
        return nil
    }

    static func readKeyDelivery(_ section: ConfigSection, reader: inout ConfigReader, path: (String) -> String) -> KeyDelivery? {
        let listen = endpoint("listen", in: section, reader: &reader, required: true)
        let name = ConfigType<String>.nonEmptyString(like: "kme-alice")
        let kme = reader.required("kme-id", in: section, as: name)
        let peerKME = reader.required("peer-kme-id", in: section, as: name)
        let master = reader.required("master-sae", in: section, as: .nonEmptyString(like: "sae-alice"))
        let slave = reader.required("slave-sae", in: section, as: .nonEmptyString(like: "sae-bob"))
        let size = reader.value("key-size-bits", in: section, as: .integer("a key size in bits", in: 8...8192, unit: "bits"), default: 256)
        if size % 8 != 0, let entry = section.entries.first(where: { $0.key == "key-size-bits" }) {
            reader.report("expected a multiple of 8 bits, found \(size)", about: entry, in: section)
        }
        let pem = ConfigType<String>.nonEmptyString(like: "tls/kme.pem")
        let chain = reader.optional("tls-certificate-chain", in: section, as: pem)
        let key = reader.optional("tls-private-key", in: section, as: pem)
        let ca = reader.optional("tls-client-ca", in: section, as: pem)
        var tls: (String, String, String)?
        if let chain, let key, let ca {
            tls = (path(chain), path(key), path(ca))
        } else if chain != nil || key != nil || ca != nil {
            reader.report("expected all three of tls-certificate-chain, tls-private-key, tls-client-ca, or none (plain HTTP on loopback)",
                          field: "key-delivery.tls-*", line: section.line)
        }
        guard let listen, let kme, let peerKME, let master, let slave else { return nil }
        return KeyDelivery(listen: listen, kmeID: kme, peerKMEID: peerKME, masterSAE: master, slaveSAE: slave,
                           keySizeBits: size, tls: tls)
    }

    static func readBlocks(_ section: ConfigSection, reader: inout ConfigReader) -> Blocks {
        let cycles = reader.value("cycles", in: section, as: .integer("Alice cycles per block", in: 10_000...1 << 34), default: 10_000_000)
        let count = reader.value("count", in: section, as: .integer("a number of blocks (0: until stopped)", in: 0...1 << 40), default: 0)
        let alignment = reader.value("alignment-cycles", in: section, as: .integer("Alice cycles for alignment", in: 1_000...1 << 30),
                                     default: 1_000_000)
        let tracking = reader.value("tracking-cycles-per-thousand", in: section,
                                    as: .integer("tracking cycles per 1000 (disclosed, never key)", in: 1...499), default: 50)
        let search = reader.value("search-cycles", in: section, as: .integer("cycles searched either way", in: 1...4_000_000), default: 20_000)
        let replenishment = reader.value("authentication-replenishment-bits", in: section,
                                         as: .integer("bits per block for the authentication pools", in: 0...(1 << 24)), default: 65_536)
        if replenishment % 256 != 0, let entry = section.entries.first(where: { $0.key == "authentication-replenishment-bits" }) {
            reader.report("expected a multiple of 256 (whole 128-bit pads for both directions), found \(replenishment)", about: entry, in: section)
        }
        let defaults = KeyBlockParameters()
        var parameters = defaults
        parameters.sampleFraction = reader.value("sample-fraction", in: section, as: .number("a fraction", in: 0.001...0.5),
                                                 default: defaults.sampleFraction)
        parameters.qberThreshold = reader.value("qber-threshold", in: section, as: .number("a QBER", in: 0.001...0.25),
                                                default: defaults.qberThreshold)
        parameters.epsilonSecrecy = reader.value("epsilon-secrecy", in: section, as: .number("ε_sec", in: 1e-30...1e-3),
                                                 default: defaults.epsilonSecrecy)
        parameters.cascadePassCount = reader.value("cascade-passes", in: section, as: .integer("Cascade passes", in: 1...16),
                                                   default: defaults.cascadePassCount)
        return Blocks(cyclesPerBlock: Int64(cycles), count: count, alignmentCycles: Int64(alignment),
                      trackingCyclesPerThousand: Int64(tracking), searchCycles: Int64(search), authenticationReplenishmentBits: replenishment,
                      parameters: parameters)
    }
}

extension LinkNodeFile.Endpoint {
    /// Parses `host:port` or `[v6]:port` (a command-line override).
    public init?(text: String) { self.init(parsing: text) }

    /// Parses `host:port` or `[v6]:port`.
    init?(parsing text: String) {
        var host: Substring, portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else { return nil }
        self.init(host: String(host), port: port)
    }
}
