#if KeyDeliveryTLS
import Foundation

/// A throwaway PKI made with openssl at test time (test-only, one day valid, in a temporary
/// folder): the lab CA, the KME's server certificate for 127.0.0.1, client certificates for
/// SAE-Alice and SAE-Carol from that CA, and a SAE-Alice certificate from another CA.
struct TestCertificates {
    let folder: URL

    /// The PEM file `name` in the folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Makes every file; throws naming the openssl step that failed.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-kme-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for ca in ["lab-ca", "other-ca"] {
            try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-keyout", "\(ca).key", "-out", "\(ca).pem", "-days", "1", "-subj", "/CN=qdot test-only \(ca)"])
        }
        try issue("server", commonName: "KME-Alice", by: "lab-ca", extensions: "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        try issue("alice", commonName: "SAE-Alice", by: "lab-ca", extensions: "extendedKeyUsage=clientAuth\n")
        try issue("carol", commonName: "SAE-Carol", by: "lab-ca", extensions: "extendedKeyUsage=clientAuth\n")
        try issue("mallory", commonName: "SAE-Alice", by: "other-ca", extensions: "extendedKeyUsage=clientAuth\n")
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: folder) }

    private func issue(_ name: String, commonName: String, by ca: String, extensions: String) throws {
        try Data(extensions.utf8).write(to: folder.appendingPathComponent("\(name).ext"))
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(commonName)"])
        try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-CAcreateserial",
                     "-out", "\(name).pem", "-days", "1", "-extfile", "\(name).ext"])
    }

    private func openssl(_ arguments: [String]) throws {
        let result = try run("/usr/bin/openssl", arguments, in: folder)
        guard result.status == 0 else { throw TestToolError(command: "openssl \(arguments.joined(separator: " "))", output: result.output) }
    }
}

/// A tool the test runs failed.
struct TestToolError: Error, CustomStringConvertible {
    let command: String
    let output: String
    var description: String { "\(command) failed: \(output)" }
}

/// Runs `executable` with `arguments` in `folder`; its exit status and its standard output and
/// error together.
func run(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
#endif
