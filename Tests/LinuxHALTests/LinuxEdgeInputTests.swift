import HAL
import LinuxHAL
import Testing

/// Edge reading: batches drained into the caller's buffer, lost edges counted.
@Suite struct LinuxEdgeInputTests {
    static func clicks(sequenceNumbers: Bool) throws -> (LinuxEdgeInput, RecordingGPIODriver) {
        let driver = RecordingGPIODriver(chips: [.init(path: "/dev/gpiochip0", label: "qdot-sim", lines: [
            .init(name: "CLICK_A_PLUS", consumer: nil), .init(name: "CLICK_B_PLUS", consumer: nil),
        ])], providesLineSequenceNumbers: sequenceNumbers)
        let input = try LinuxGPIO(consumer: "qdot", driver: driver).requestEdgeInputs(
            chipLabel: "qdot-sim", lines: [.init(name: "CLICK_A_PLUS", bias: .pullDown), .init(name: "CLICK_B_PLUS")])
        return (input, driver)
    }

    static func edge(_ kind: EdgeKind, at nanoseconds: Int64, line: Int, sequence: UInt64 = 0) -> EdgeEvent {
        EdgeEvent(kind: kind, timestamp: Instant(nanoseconds: nanoseconds), line: line, lineSequence: sequence)
    }

    @Test func readsBatchesUntilTheDriverRunsDryOrTheBufferIsFull() throws {
        let (input, driver) = try Self.clicks(sequenceNumbers: true)
        let handle = GPIODriverHandle(rawValue: 2)
        driver.pendingEdges[handle] = (1...10).map { Self.edge($0 % 2 == 1 ? .rising : .falling, at: Int64($0) * 100, line: 0, sequence: UInt64($0)) }
        var storage = [EdgeEvent](repeating: Self.edge(.rising, at: 0, line: 0), count: 7)
        let first = try storage.withUnsafeMutableBufferPointer { try input.readEdges(into: $0) }
        #expect(first == 7)
        #expect(storage.map(\.timestamp.nanoseconds) == [100, 200, 300, 400, 500, 600, 700])
        let second = try storage.withUnsafeMutableBufferPointer { try input.readEdges(into: $0) }
        #expect(second == 3)
        #expect(storage.prefix(3).map(\.lineSequence) == [8, 9, 10])
        let third = try storage.withUnsafeMutableBufferPointer { try input.readEdges(into: $0) }
        #expect(third == 0)
        #expect(driver.log.filter { $0.hasPrefix("read") } == [
            "read #2 4 of at most 7", "read #2 3 of at most 3",
            "read #2 3 of at most 7", "read #2 0 of at most 4", "read #2 0 of at most 7",
        ])
        #expect(input.lostEdgeCount == 0)
    }

    @Test func kernelSequenceGapsCountExactlyPerLine() throws {
        let (input, driver) = try Self.clicks(sequenceNumbers: true)
        // Line 0 loses edges 3 and 4, line 1 loses its first two (it starts at 3).
        driver.pendingEdges[GPIODriverHandle(rawValue: 2)] = [
            Self.edge(.rising, at: 10, line: 0, sequence: 1), Self.edge(.falling, at: 20, line: 0, sequence: 2),
            Self.edge(.rising, at: 30, line: 1, sequence: 3), Self.edge(.rising, at: 50, line: 0, sequence: 5),
            Self.edge(.falling, at: 60, line: 1, sequence: 4),
        ]
        var storage = [EdgeEvent](repeating: Self.edge(.rising, at: 0, line: 0), count: 16)
        let count = try storage.withUnsafeMutableBufferPointer { try input.readEdges(into: $0) }
        #expect(count == 5)
        #expect(input.lostEdgeCount == 4)
        #expect(storage.prefix(5).map(\.lineSequence) == [1, 2, 3, 5, 4], "kernel numbers are passed through")
    }

    @Test func withoutKernelNumbersRepeatedKindsCountAsLostAndLeaveAGap() throws {
        let (input, driver) = try Self.clicks(sequenceNumbers: false)
        driver.pendingEdges[GPIODriverHandle(rawValue: 2)] = [
            Self.edge(.rising, at: 10, line: 0), Self.edge(.falling, at: 20, line: 0),
            Self.edge(.falling, at: 25, line: 1), Self.edge(.rising, at: 30, line: 0),
            Self.edge(.rising, at: 40, line: 0), Self.edge(.rising, at: 45, line: 1),
        ]
        var storage = [EdgeEvent](repeating: Self.edge(.rising, at: 0, line: 0), count: 16)
        let count = try storage.withUnsafeMutableBufferPointer { try input.readEdges(into: $0) }
        #expect(count == 6)
        #expect(storage.prefix(6).map(\.lineSequence) == [1, 2, 1, 3, 5, 2])
        #expect(input.lostEdgeCount == 1, "the falling edge between the two rising ones of line 0")
    }

    /// libgpiod 1.6, click lines requested for rising edges only: a run of clicks read through
    /// the request counts no loss, and the request says its losses cannot be seen.
    @Test func withoutKernelNumbersRisingOnlyClicksAreNotLossesAndSayLossesAreUndetectable() throws {
        let driver = RecordingGPIODriver(chips: [.init(path: "/dev/gpiochip0", label: "qdot-sim", lines: [
            .init(name: "CLICK_A_PLUS", consumer: nil), .init(name: "INTERLOCK", consumer: nil),
        ])], providesLineSequenceNumbers: false)
        let input = try LinuxGPIO(consumer: "qdot", driver: driver).requestEdgeInputs(
            chipLabel: "qdot-sim", lines: [.init(name: "CLICK_A_PLUS", edges: .rising), .init(name: "INTERLOCK", edges: .both)])
        #expect(input.lostEdgeDetection == [.undetectable, .lowerBound])
        driver.pendingEdges[GPIODriverHandle(rawValue: 2)] = (1...12).map { Self.edge(.rising, at: Int64($0) * 100, line: 0) }
        var storage = [EdgeEvent](repeating: Self.edge(.rising, at: 0, line: 0), count: 16)
        let count = try storage.withUnsafeMutableBufferPointer { try input.readEdges(into: $0) }
        #expect(count == 12)
        #expect(input.lostEdgeCount == 0)
        let inTurn: [UInt64] = Array(1...12)
        #expect(Array(storage.prefix(12).map(\.lineSequence)) == inTurn)
    }

    @Test func withKernelNumbersEveryLinesLossesAreExact() throws {
        let (input, _) = try Self.clicks(sequenceNumbers: true)
        #expect(input.lostEdgeDetection == [.exact, .exact])
    }

    @Test func badLineIndexIsRefused() throws {
        let (input, _) = try Self.clicks(sequenceNumbers: true)
        #expect(#expect(throws: HardwareError.self) { try input.value(ofLine: 2) }?.kind == .invalidRequest)
        #expect(try input.value(ofLine: 1) == .inactive)
    }

    @Test func inputsAreReleasedOnDeinit() throws {
        var driver: RecordingGPIODriver?
        do {
            let (input, recording) = try Self.clicks(sequenceNumbers: true)
            driver = recording
            _ = input.lineCount
        }
        #expect(driver?.log.last == "release #2")
        #expect(driver?.log.first == "request inputs /dev/gpiochip0 [0, 1] bias [\"pull-down\", \"as-is\"] edges [\"both\", \"both\"] "
            + "clock [\"monotonic\", \"monotonic\"] as qdot → #2")
    }
}
