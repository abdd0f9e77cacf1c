import CGPIOD
import Glibc
import HAL
import LinuxHAL
import Testing

/// Which edges each input line is requested for: passed line by line from `EdgeInputLineSpec`
/// to the driver and into the C shim, which checks them before it touches a chip.
@Suite struct EdgeSelectionRequestTests {
    static func driver(libgpiod2: Bool) -> RecordingGPIODriver {
        RecordingGPIODriver(chips: [.init(path: "/dev/gpiochip0", label: "pinctrl-bcm2711", lines: [
            .init(name: "GPIO5", consumer: nil), .init(name: "GPIO6", consumer: nil), .init(name: "GPIO16", consumer: nil),
        ])], providesLineSequenceNumbers: libgpiod2)
    }

    @Test func aLineReportsBothEdgesUnlessItSaysOtherwise() {
        #expect(EdgeInputLineSpec(name: "GPIO16").edges == .both)
    }

    /// Click lines rising, the interlock both, in one request: on libgpiod 2.x one uAPI v2 request
    /// carries per-line edge flags; on 1.6 every event line is its own v1 request anyway.
    @Test(arguments: [true, false])
    func linesOfOneRequestMayAskForDifferentEdges(libgpiod2: Bool) throws {
        let driver = Self.driver(libgpiod2: libgpiod2)
        let input = try LinuxGPIO(consumer: "qdot", driver: driver).requestEdgeInputs(chipLabel: "pinctrl-bcm2711", lines: [
            .init(name: "GPIO5", edges: .rising), .init(name: "GPIO6", edges: .falling),
            .init(name: "GPIO16", activeLow: true, bias: .pullUp, edges: .both),
        ])
        #expect(driver.requestedEdges == [[.rising, .falling, .both]])
        #expect(input.edges == [.rising, .falling, .both])
        #expect(driver.log.first == "request inputs /dev/gpiochip0 [0, 1, 2] bias [\"as-is\", \"as-is\", \"pull-up\"] "
            + "edges [\"rising\", \"falling\", \"both\"] clock [\"monotonic\", \"monotonic\", \"monotonic\"] as qdot → #2")
    }

    /// The dlopen table holds the call each API requests a line's edges with: 1.6's general
    /// `gpiod_line_request` (its request type says which edges), 2.x's per-line edge detection;
    /// the both-edges-only call of 1.6 is no longer used.
    @Test func theSymbolTableHoldsThePerLineEdgeRequestOfThisBuildsAPI() throws {
        let driver = try LibgpiodDriver.load()
        let fields = Mirror(reflecting: qdot_gpiod_library()).children.compactMap(\.label)
        #expect(!fields.contains("gpiod_line_request_both_edges_events_flags"), "\(fields)")
        if driver.apiMajorVersion == 1 {
            #expect(fields.contains("gpiod_line_request"), "\(fields)")
        } else {
            #expect(fields.contains("gpiod_line_settings_set_edge_detection"), "\(fields)")
        }
    }

    /// The shim refuses an edge selection it does not know with EINVAL before it opens the chip
    /// (a known one goes on to open it, and fails there on a path that is no chip).
    @Test func theShimRefusesAnUnknownEdgeSelectionBeforeOpeningTheChip() throws {
        var reason = [CChar](repeating: 0, count: 256)
        let library = try #require(qdot_gpiod_library_open(nil, &reason, reason.count))
        defer { qdot_gpiod_library_close(library) }
        let path = "/nonexistent/gpiochip-for-qdot-tests"
        func request(edges: Int32) -> (granted: Bool, errno: Int32) {
            let offsets: [UInt32] = [0]
            let activeLow: [Int32] = [0], bias: [Int32] = [Int32(QDOT_BIAS_AS_IS.rawValue)]
            let clocks: [Int32] = [Int32(QDOT_EVENT_CLOCK_MONOTONIC.rawValue)]
            let edges = [edges]
            errno = 0
            let granted = qdot_gpiod_request_edge_inputs(library, path, offsets, 1, activeLow, bias, edges, clocks, "qdot-tests")
            let failure = errno
            if let granted { qdot_gpiod_release(granted) }
            return (granted != nil, failure)
        }
        #expect(request(edges: 0) == (false, EINVAL))
        #expect(request(edges: 4) == (false, EINVAL))
        for known in [QDOT_EDGES_RISING, QDOT_EDGES_FALLING, QDOT_EDGES_BOTH] {
            #expect(request(edges: Int32(known.rawValue)) == (false, ENOENT), "\(known)")
        }
    }
}
