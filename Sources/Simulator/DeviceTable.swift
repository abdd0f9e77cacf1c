/// The board's device models in manually managed storage, so the event loop can call a device
/// through a borrowed reference instead of retaining and releasing it on every event.
///
/// Storage only grows; a buffer outgrown while a device is being called (a test attaching a
/// device from inside a callback) is kept until the table goes away, so the borrowed reference
/// stays valid.
final class DeviceTable {
    private(set) var base: UnsafeMutablePointer<any SimulatedDevice>
    private(set) var count = 0
    private var capacity: Int
    private var retired: [(UnsafeMutablePointer<any SimulatedDevice>, Int)] = []

    init(capacity: Int = 16) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
        for (buffer, used) in retired {
            buffer.deinitialize(count: used)
            buffer.deallocate()
        }
    }

    func append(_ device: any SimulatedDevice) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<any SimulatedDevice>.allocate(capacity: capacity * 2)
            bigger.initialize(from: base, count: count)
            retired.append((base, count))
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: device)
        count += 1
    }
}
