// fuzz-link-frame: the QKD link's frame decoder and authenticated session (LinkProtocol) on
// arbitrary bytes, as a node receives them from the network.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the decoder doing its job.
import FuzzDriver
import LinkProtocol

/// The pre-shared secret of the seed frames (Tests/LinkProtocolTests/LinkReferenceVectorTests:
/// bytes 0…95), so seeds made with it authenticate and the fuzzer reaches the payload parsers.
let referenceSecret = (0..<96).map { UInt8($0) }

runLibFuzzer { data, size in
    let bytes = fuzzInputBytes(data, size)
    // The bare decoder, fed in chunks whose sizes come from the input's first byte.
    var decoder = LinkFrameDecoder()
    let chunk = max(1, Int(bytes.first ?? 1))
    var start = 0
    while start < bytes.count {
        decoder.append(bytes[start ..< min(start + chunk, bytes.count)])
        while let frame = try? decoder.nextFrame() { _ = frame }
        start += chunk
    }
    _ = try? decoder.endOfStream()
    // The session Bob runs: authentication, replay refusal, then the link's own payloads.
    if var bob = try? LinkSession(preSharedSecret: referenceSecret, role: .bob) {
        bob.receive(bytes)
        while let message = try? bob.nextMessage() {
            switch message.messageType {
            case .hello: _ = try? LinkHello(payload: message.payload)
            case .abort: _ = try? LinkAbort(payload: message.payload)
            default: break
            }
        }
        _ = try? bob.endOfStream()
    }
    return 0
}
