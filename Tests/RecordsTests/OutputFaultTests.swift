import Records
import Foundation
import Testing

/// An output file that cannot be written is reported with its path and the system's reason, the
/// reason the system gives for the file itself: "not a directory" for a folder on the way that is
/// a regular file (Foundation says "file exists"), "is a directory" for a folder as the path, "no
/// space" for a full device. (Before, AtomicFile threw Foundation's errors, whose text named
/// neither the reason nor, for a device, the truth: "You don't have permission".)
@Suite struct OutputFaultTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("plain-file"))
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func theLineNamesWhatTheFileAndTheSystemsReason() {
        let fault = OutputFault(.create, "record", path: "/x/y.qdotrec.partial", errorNumber: ENOENT)
        #expect(fault.description == "cannot create record /x/y.qdotrec.partial: No such file or directory (errno 2)")
        let worded = OutputFault(.write, "tags file", path: "t.ptu", reason: "the header cannot be patched")
        #expect(worded.description == "cannot write tags file t.ptu: the header cannot be patched")
    }

    @Test func theErrnoIsFoundUnderFoundationsWrapping() {
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue,
                              userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(OutputFault.errorNumber(in: wrapped) == ENOSPC)
        #expect(OutputFault.errorNumber(in: POSIXError(.EISDIR)) == EISDIR)
        #expect(OutputFault.errorNumber(in: CocoaError(.fileWriteUnknown)) == nil)
        #expect(OutputFault(.write, "result", path: "r.json", error: wrapped).description
                == "cannot write result r.json: No space left on device (errno 28)")
    }

    @Test(arguments: [("plain-file/result.json", ENOTDIR), (".", EISDIR)])
    func anAtomicWriteThatFailsSaysWhy(name: String, errorNumber: Int32) throws {
        let target = name == "." ? folder.path : path(name)
        #expect(throws: OutputFault(.write, "file", path: target, errorNumber: errorNumber)) {
            try AtomicFile.write(Data("{}".utf8), to: target)
        }
    }

    @Test func anAtomicWriteIntoAFullDeviceSaysNoSpace() {
        #expect(throws: OutputFault(.write, "file", path: "/dev/full", errorNumber: ENOSPC)) {
            try AtomicFile.write(Data(repeating: 0, count: 10), to: "/dev/full")
        }
    }

    @Test func theCreationProbeLeavesNothingBehind() throws {
        #expect(OutputFault.creationProblem(at: path("new.json")) == nil)
        #expect(!FileManager.default.fileExists(atPath: path("new.json")))
        #expect(OutputFault.creationProblem(at: path("plain-file/new.json")) == ENOTDIR)
        #expect(OutputFault.creationProblem(at: folder.path) == EISDIR)
    }
}
