// fuzz-key-messages: every key-distillation message decoder (KeyDistillation) on arbitrary bytes,
// and what a node does next with a message that decoded: Alice answering Cascade's setup and
// parity requests and a sample disclosure on a key of her own, both sides building the Toeplitz
// hash a seed message names. Any crash, trap or sanitizer report is a finding
// (Tools/fuzz/FINDINGS.md); thrown errors are the decoders doing their job.
import FuzzDriver
import KeyDistillation

/// The key a node would hold: 4 096 bits, so the fuzzer's sizes reach past it as well as into it.
let ownKey = BitString(zeros: 4096)

runLibFuzzer { data, size in
    let bytes = fuzzInputBytes(data, size)
    _ = try? BasisAnnouncement(decoding: bytes)
    _ = try? VerificationTag(decoding: bytes)
    _ = try? CascadeParityReply(decoding: bytes)
    if let disclosure = try? SampleDisclosure(decoding: bytes) {
        _ = try? ParameterEstimation.answer(disclosure, key: ownKey)
    }
    if let setup = try? CascadeSetup(decoding: bytes), setup.keyLength <= ownKey.count {
        _ = try? CascadeResponder(key: ownKey.slice(0 ..< setup.keyLength), setup: setup)
    }
    if let request = try? CascadeParityRequest(decoding: bytes),
       var responder = try? CascadeResponder(key: ownKey, setup: CascadeSetup(seed: 1, keyLength: ownKey.count, passCount: 4,
                                                                             firstBlockSize: 64)) {
        _ = try? responder.reply(to: request)
    }
    // Hashing is Θ(n^1.58): only seeds for keys up to the node's own size are hashed.
    if let amplification = try? PrivacyAmplificationSeed(decoding: bytes), amplification.inputBits <= ownKey.count,
       let hash = try? amplification.hash() {
        _ = try? hash.hash(ownKey.slice(0 ..< amplification.inputBits))
    }
    return 0
}
