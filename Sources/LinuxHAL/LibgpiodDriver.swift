// Public: `setValues` is inlined into callers (the shim's `static inline` set call with it).
public import CGPIOD
import Glibc
public import HAL

/// The real `GPIODriver`: libgpiod through the C shim `qdot_gpiod.h` (1.6 or 2.x, chosen when
/// the package is built), and the /dev directory for finding chips.
///
/// libgpiod is loaded when the driver is (`load()`, with dlopen), not when the program starts:
/// a machine without it can still run everything but real GPIO, and one that needs it gets a
/// `backendUnavailable` error naming the library and the package to install.
public final class LibgpiodDriver: GPIODriver {
    private let library: UnsafeMutablePointer<qdot_gpiod_library>

    /// Loads the libgpiod this package was built for (`libgpiod.so.2` for 1.6, `libgpiod.so.3`
    /// for 2.x), or the library file `soname` instead.
    ///
    /// - Throws: `HardwareError.backendUnavailable` when the library cannot be loaded or lacks a
    ///   function the build expects, with the loader's reason and the Debian package to install.
    public static func load(soname: String? = nil) throws(HardwareError) -> LibgpiodDriver {
        var reason = [CChar](repeating: 0, count: 512)
        guard let library = qdot_gpiod_library_open(soname, &reason, reason.count) else {
            let expected = String(cString: qdot_gpiod_soname())
            let package = String(cString: qdot_gpiod_package())
            throw HardwareError(
                .backendUnavailable, operation: "load libgpiod (dlopen \(soname ?? expected))",
                detail: "\(string(reason)). This qdot was built for libgpiod \(qdot_gpiod_api_major() == 1 ? "1.6" : "2.x") "
                    + "(\(expected)): install it (apt install \(package)) or rebuild qdot against the libgpiod "
                    + "this machine has (see docs/lab-board.md)")
        }
        return LibgpiodDriver(library: library)
    }

    private init(library: UnsafeMutablePointer<qdot_gpiod_library>) {
        self.library = library
    }

    // Every chip and request holds the driver, so none outlives the library.
    deinit { qdot_gpiod_library_close(library) }

    /// Major version of the libgpiod API this build uses (1 or 2).
    public var apiMajorVersion: Int { Int(qdot_gpiod_api_major()) }

    /// The libgpiod version loaded at run time (for example `1.6.3`).
    public var libraryVersion: String { String(cString: qdot_gpiod_version_string(library)) }

    public var providesLineSequenceNumbers: Bool { qdot_gpiod_has_line_seqno() != 0 }

    public var canChooseEventClock: Bool { qdot_gpiod_can_choose_event_clock() != 0 }

    public func chipPaths() throws(GPIODriverError) -> [String] {
        guard let directory = opendir("/dev") else {
            throw GPIODriverError(operation: "opendir(/dev)", errno: Glibc.errno)
        }
        defer { closedir(directory) }
        var paths: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix("gpiochip") { paths.append("/dev/" + name) }
        }
        // Numeric order (gpiochip2 before gpiochip10), for stable messages.
        return paths.sorted { lhs, rhs in
            let left = Int(lhs.dropFirst("/dev/gpiochip".count)) ?? Int.max
            let right = Int(rhs.dropFirst("/dev/gpiochip".count)) ?? Int.max
            return left == right ? lhs < rhs : left < right
        }
    }

    public func openChip(path: String) throws(GPIODriverError) -> GPIODriverHandle {
        guard let chip = qdot_gpiod_chip_open(library, path) else {
            throw GPIODriverError(operation: "gpiod_chip_open", errno: Glibc.errno)
        }
        return GPIODriverHandle(rawValue: UInt(bitPattern: Int(bitPattern: UnsafeMutableRawPointer(chip))))
    }

    public func closeChip(_ chip: GPIODriverHandle) {
        qdot_gpiod_chip_close(library, Self.chipPointer(chip))
    }

    public func describeChip(_ chip: GPIODriverHandle) throws(GPIODriverError) -> GPIOChipDescription {
        var label = [CChar](repeating: 0, count: 64)
        if qdot_gpiod_chip_label(library, Self.chipPointer(chip), &label, label.count) < 0 {
            throw GPIODriverError(operation: "gpiod_chip_label", errno: Glibc.errno)
        }
        let count = qdot_gpiod_chip_num_lines(library, Self.chipPointer(chip))
        if count < 0 { throw GPIODriverError(operation: "gpiod_chip_num_lines", errno: Glibc.errno) }
        return GPIOChipDescription(label: Self.string(label), lineCount: Int(count))
    }

    public func describeLine(_ chip: GPIODriverHandle, offset: Int) throws(GPIODriverError) -> GPIOLineDescription {
        var name = [CChar](repeating: 0, count: 64)
        var consumer = [CChar](repeating: 0, count: 64)
        var used: Int32 = 0
        if qdot_gpiod_line_describe(library, Self.chipPointer(chip), UInt32(offset), &name, name.count,
                                    &consumer, consumer.count, &used) < 0 {
            throw GPIODriverError(operation: "gpiod_line_info", errno: Glibc.errno)
        }
        let holder = Self.string(consumer)
        return GPIOLineDescription(name: Self.string(name),
                                   consumer: used != 0 ? (holder.isEmpty ? "(unnamed consumer)" : holder) : nil)
    }

    public func accessDescription(path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path): cannot stat (errno \(Glibc.errno))" }
        let owner = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "\(info.st_uid)"
        let group = getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) } ?? "\(info.st_gid)"
        let mode = String(info.st_mode & 0o777, radix: 8)
        return "\(path) is owned by \(owner):\(group) with mode \(mode)"
    }

    public func requestOutputs(chipPath: String, offsets: [Int], activeLow: [Bool], initial: LineBits,
                               consumer: String) throws(GPIODriverError) -> GPIODriverHandle {
        let rawOffsets = offsets.map { UInt32($0) }
        let rawActiveLow = activeLow.map { Int32($0 ? 1 : 0) }
        let rawInitial = (0..<offsets.count).map { Int32(initial[$0].rawValue) }
        guard let request = qdot_gpiod_request_outputs(library, chipPath, rawOffsets, rawOffsets.count, rawActiveLow,
                                                       rawInitial, consumer) else {
            throw GPIODriverError(operation: "gpiod request of output lines", errno: Glibc.errno)
        }
        return Self.handle(request)
    }

    public func requestEdgeInputs(chipPath: String, offsets: [Int], activeLow: [Bool], bias: [LineBias], edges: [EdgeSelection],
                                  eventClocks: [EdgeEventClock], consumer: String) throws(GPIODriverError) -> GPIODriverHandle {
        let rawOffsets = offsets.map { UInt32($0) }
        let rawActiveLow = activeLow.map { Int32($0 ? 1 : 0) }
        let rawBias = bias.map { bias -> Int32 in
            switch bias {
            case .asIs: Int32(QDOT_BIAS_AS_IS.rawValue)
            case .disabled: Int32(QDOT_BIAS_DISABLED.rawValue)
            case .pullUp: Int32(QDOT_BIAS_PULL_UP.rawValue)
            case .pullDown: Int32(QDOT_BIAS_PULL_DOWN.rawValue)
            }
        }
        let rawEdges = edges.map { selection -> Int32 in
            switch selection {
            case .rising: Int32(QDOT_EDGES_RISING.rawValue)
            case .falling: Int32(QDOT_EDGES_FALLING.rawValue)
            case .both: Int32(QDOT_EDGES_BOTH.rawValue)
            }
        }
        let rawClocks = eventClocks.map { clock -> Int32 in
            switch clock {
            case .monotonic: Int32(QDOT_EVENT_CLOCK_MONOTONIC.rawValue)
            case .realtime: Int32(QDOT_EVENT_CLOCK_REALTIME.rawValue)
            case .hardwareTimestampEngine: Int32(QDOT_EVENT_CLOCK_HTE.rawValue)
            }
        }
        guard let request = qdot_gpiod_request_edge_inputs(library, chipPath, rawOffsets, rawOffsets.count, rawActiveLow,
                                                           rawBias, rawEdges, rawClocks, consumer) else {
            throw GPIODriverError(operation: "gpiod request of edge-event lines", errno: Glibc.errno)
        }
        return Self.handle(request)
    }

    // The bits go to the shim as one integer (no temporary array, no per-line loop in Swift);
    // the request knows its line count, so `lineCount` is for drivers that keep no request state.
    // Inlinable: the real-time write is the caller's loop → the shim → libgpiod, nothing between.
    @inlinable @inline(__always)
    public func setValues(_ request: GPIODriverHandle, to values: LineBits, lineCount: Int) throws(GPIODriverError) {
        if qdot_gpiod_set_bits(Self.requestPointer(request), values.rawValue) < 0 {
            throw Self.setValuesFailure()
        }
    }

    /// The error of a failed set, with the errno the shim left; out of line (the cold path).
    @usableFromInline @inline(never)
    static func setValuesFailure() -> GPIODriverError {
        GPIODriverError(operation: "gpiod set values", errno: Glibc.errno)
    }

    public func value(_ request: GPIODriverHandle, lineIndex index: Int) throws(GPIODriverError) -> LineValue {
        let result = qdot_gpiod_get_value(Self.requestPointer(request), UInt32(index))
        if result < 0 { throw GPIODriverError(operation: "gpiod get value", errno: Glibc.errno) }
        return LineValue(result != 0)
    }

    public func readEdges(_ request: GPIODriverHandle,
                          into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(GPIODriverError) -> Int {
        let pointer = Self.requestPointer(request)
        let count = Int(qdot_gpiod_read_edges(pointer, buffer.count))
        if count < 0 { throw GPIODriverError(operation: "gpiod read edge events", errno: Glibc.errno) }
        guard let edges = pointer.pointee.edges else { return 0 }
        for index in 0..<count {
            let edge = edges[index]
            buffer[index] = EdgeEvent(kind: edge.kind == 1 ? .rising : .falling,
                                      timestamp: Instant(nanoseconds: Int64(bitPattern: edge.timestamp_ns)),
                                      line: Int(edge.line_index), lineSequence: edge.line_seqno)
        }
        return count
    }

    public func release(_ request: GPIODriverHandle) {
        qdot_gpiod_release(Self.requestPointer(request))
    }

    private static func handle(_ request: UnsafeMutablePointer<qdot_gpiod_request>) -> GPIODriverHandle {
        GPIODriverHandle(rawValue: UInt(bitPattern: Int(bitPattern: request)))
    }

    @inlinable @inline(__always)
    static func requestPointer(_ handle: GPIODriverHandle) -> UnsafeMutablePointer<qdot_gpiod_request> {
        UnsafeMutablePointer(bitPattern: Int(bitPattern: handle.rawValue))!
    }

    private static func chipPointer(_ handle: GPIODriverHandle) -> OpaquePointer {
        OpaquePointer(bitPattern: Int(bitPattern: handle.rawValue))!
    }

    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
