import Foundation
import KeyStore
import LinkProtocol
public import LinkTransport
import Physics

/// What the command line may change in a node file for one run.
public struct LinkNodeOverrides: Sendable {
    /// `--state`: the state folder.
    public var stateDirectory: String?
    /// `--blocks`: blocks before only serving keys (0: until stopped).
    public var blocks: Int?
    /// `--link`: Alice's peer or Bob's listening address.
    public var link: LinkNodeFile.Endpoint?
    /// `--key-delivery`: where the ETSI 014 server listens.
    public var keyDelivery: LinkNodeFile.Endpoint?

    /// No overrides.
    public init(stateDirectory: String? = nil, blocks: Int? = nil,
                link: LinkNodeFile.Endpoint? = nil, keyDelivery: LinkNodeFile.Endpoint? = nil) {
        self.stateDirectory = stateDirectory
        self.blocks = blocks
        self.link = link
        self.keyDelivery = keyDelivery
    }

    /// `file` with these overrides applied.
    public func applied(to file: LinkNodeFile) -> LinkNodeFile {
        var file = file
        if let stateDirectory { file.stateDirectory = stateDirectory }
        if let blocks { file.blocks.count = blocks }
        if let link { file.link = link }
        if let keyDelivery { file.keyDelivery.listen = keyDelivery }
        return file
    }
}

/// One node's run (`qdot link`): opens the state folder, the key store and the link, serves keys,
/// drives the blocks until asked to stop, and returns the result it also wrote.
public enum LinkNodeRun {
    /// Runs `file`'s node; `stopRequested` is polled every 100 ms (the SIGINT/SIGTERM latch).
    /// `onKeyDeliveryListening` gets the ETSI 014 server's port (0 in the file: the system's pick).
    public static func run(file: LinkNodeFile, resultPath: String? = nil, log: @escaping @Sendable (String) -> Void,
                           transportLog: LinkTransportLog? = nil,
                           onKeyDeliveryListening: @escaping @Sendable (Int) -> Void = { _ in },
                           stopRequested: @escaping @Sendable () -> Bool) async throws(LinkNodeError) -> LinkNodeResult {
        do { try DurableFile.createDirectory(file.stateDirectory) } catch {
            throw .state(path: file.stateDirectory, reason: "\(error)")
        }
        let secret = try readSecret(file.preSharedSecretFile)
        let node: SimulatedLinkNode
        do { node = try SimulatedLinkNode(file: file) } catch { throw .service("\(file.fileName): \(error)") }
        let store: KeyStore
        do { store = try KeyStore(directory: file.stateDirectory + "/keys", keySizeBits: file.keyDelivery.keySizeBits) } catch {
            throw .state(path: file.stateDirectory + "/keys", reason: "\(error)")
        }
        let session = try openSession(file: file, secret: secret, log: log)
        let configuration = LinkTransportConfiguration(host: file.link.host, port: file.link.port)
        let eventLog = transportLog ?? { event in log(event.description) }
        let transport: LinkTransport
        do {
            transport = file.role == .alice ? try LinkTransport.connect(session: session, configuration: configuration, log: eventLog)
                                            : try await LinkTransport.listen(session: session, configuration: configuration, log: eventLog)
        } catch { throw .service("link: \(error)") }

        let keyDelivery = try await LinkNodeKeyDelivery.start(file: file, store: store, transport: transport, log: log,
                                                              onListening: onKeyDeliveryListening)
        let watcher = Task {
            while !stopRequested() && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
            log("stopping: closing the link and the key delivery server")
            await transport.close()
        }
        let driver: LinkNodeDriver
        do {
            driver = try LinkNodeDriver(file: file, node: node, store: store, transport: transport,
                                        sessionFile: try sessionFile(file),
                                        resultPath: resultPath ?? file.stateDirectory + "/result.json", blockLimit: file.blocks.count, log: log)
        } catch {
            watcher.cancel()
            await transport.close()
            await keyDelivery.stop()
            throw error
        }
        var failure: LinkNodeError?
        do { try await driver.run() } catch { failure = error }
        watcher.cancel()
        let closed = await transport.close()
        do { try sessionFile(file).save(closed.snapshot(reservingOutgoingPads: 0)) } catch {
            log("link: the session state could not be saved at the stop (\(error)); the last save stands")
        }
        await keyDelivery.stop()
        driver.result.keysReady = await store.readyKeyCount
        try? driver.writeResult()
        if let failure { throw failure }
        return driver.result
    }

    /// The session state file in the state folder (docs/link-channel.md, "Across restarts").
    static func sessionFile(_ file: LinkNodeFile) throws(LinkNodeError) -> LinkSessionStateFile {
        do { return try LinkSessionStateFile(directory: file.stateDirectory) } catch {
            throw .state(path: file.stateDirectory + "/" + LinkSessionStateFile.fileName, reason: "\(error)")
        }
    }

    /// The session as the node saved it last, or keyed from the pre-shared secret on the first
    /// start; either way its first outgoing pads reserved on the disk before anything is sealed.
    static func openSession(file: LinkNodeFile, secret: [UInt8], log: (String) -> Void) throws(LinkNodeError) -> LinkSession {
        let stateFile = try sessionFile(file)
        let path = file.stateDirectory + "/" + LinkSessionStateFile.fileName
        var session: LinkSession
        do {
            if let saved = try stateFile.load() {
                guard saved.role == (file.role == .alice ? .alice : .bob) else {
                    throw LinkNodeError.state(path: path, reason: "holds \(saved.role)'s session, this node file is \(file.role.rawValue)'s")
                }
                session = LinkSession(restoring: saved)
                log("link: session restored from \(path) (\(session.outgoingPool.tagsRemaining) pads out, \(session.incomingPool.tagsRemaining) in)")
            } else {
                session = try LinkSession(preSharedSecret: secret, role: file.role == .alice ? .alice : .bob)
            }
            let first = session.snapshot(reservingOutgoingPads: LinkNodeDriver.padsReservedPerSave)
            try stateFile.save(first)
            session.snapshotSaved(first)
        } catch let error as LinkNodeError {
            throw error
        } catch let error as LinkProtocolError {
            throw .secret(path: file.preSharedSecretFile, reason: "\(error)")
        } catch {
            throw .state(path: path, reason: "\(error)")
        }
        return session
    }

    /// The pre-shared secret: 32 bytes of hash key and at least one 16-byte pad per direction.
    static func readSecret(_ path: String) throws(LinkNodeError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .secret(path: path, reason: "cannot read it (errno \(errno): \(String(cString: strerror(errno))))")
        }
        return Array(data)
    }
}
