import Glibc

/// A PM QoS request that keeps idle CPUs out of deep sleep states while it is held.
///
/// Writing a 32-bit latency in µs to `/dev/cpu_dma_latency` and keeping the file open caps how
/// long a CPU may take to wake (0: no idle state deeper than polling); closing it lifts the cap
/// (kernel Documentation/power/pm_qos_interface.rst). cyclictest does the same by default, and
/// on a virtual machine it decides the latency tail: without it a halted vCPU wakes milliseconds
/// late. Needs root or CAP_SYS_ADMIN-equivalent write access to the device.
public final class CPUWakeLatencyHold: Sendable {
    /// The wake-up latency cap in force, µs.
    public let maximumMicroseconds: Int32
    private let descriptor: Int32

    /// Holds the cap at `maximumMicroseconds`, or returns nil and the reason when the device
    /// cannot be opened or written.
    public static func hold(maximumMicroseconds: Int32) -> (hold: CPUWakeLatencyHold?, failure: String?) {
        let descriptor = open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return (nil, "cannot open /dev/cpu_dma_latency (\(String(cString: strerror(errno))))")
        }
        var value = max(maximumMicroseconds, 0)
        guard write(descriptor, &value, MemoryLayout<Int32>.size) == MemoryLayout<Int32>.size else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            return (nil, "cannot write /dev/cpu_dma_latency (\(reason))")
        }
        return (CPUWakeLatencyHold(descriptor: descriptor, maximumMicroseconds: value), nil)
    }

    private init(descriptor: Int32, maximumMicroseconds: Int32) {
        self.descriptor = descriptor
        self.maximumMicroseconds = maximumMicroseconds
    }

    deinit { close(descriptor) }
}
