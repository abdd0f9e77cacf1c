#if Service
import Foundation
import Testing
@testable import Service

/// The wire types read back what they write, with the field names docs/service.md gives.
struct APIv1Tests {
    @Test func anErrorBodyIsOneFieldNamedError() throws {
        let data = try JSONEncoder().encode(APIv1.ErrorBody(error: "no run in progress"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"error":"no run in progress"}"#)
    }

    @Test func aStartRequestTakesTheSeedAsOptional() throws {
        let request = try JSONDecoder().decode(APIv1.StartRequest.self, from: Data(#"{"experiment":"bell-chsh"}"#.utf8))
        #expect(request == APIv1.StartRequest(experiment: "bell-chsh", seed: nil))
    }
}
#endif
