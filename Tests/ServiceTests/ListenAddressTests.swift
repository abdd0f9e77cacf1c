#if Service
import Testing
@testable import Service

/// `--listen` values as the docs write them, and the ones refused.
struct ListenAddressTests {
    @Test func hostAndPortAreSplitIPv6InBrackets() throws {
        let loopback = try #require(ServerOptions.listenAddress("127.0.0.1:8470"))
        #expect(loopback.host == "127.0.0.1" && loopback.port == 8470)
        let anyPort = try #require(ServerOptions.listenAddress("localhost:0"))
        #expect(anyPort.host == "localhost" && anyPort.port == 0)
        let ipv6 = try #require(ServerOptions.listenAddress("[::1]:8470"))
        #expect(ipv6.host == "::1" && ipv6.port == 8470)
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.1:", ":8470", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:84x0", "::1:8470",
                      "[::1]8470", "[::1]:", "[]:8470", "127.0.0.1:８４７０"])
    func aValueWithoutAUsablePortOrHostIsRefused(text: String) {
        #expect(ServerOptions.listenAddress(text) == nil)
    }
}
#endif
