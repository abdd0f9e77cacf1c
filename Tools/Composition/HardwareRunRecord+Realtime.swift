public import Boards
public import HAL
public import LinuxHAL
public import Records

extension HardwareRunRecord {
    /// The record of a run: `realtime` as `RealtimeSetup.apply` reported it, the clock's tail, the
    /// driver the lines went through, the clock the click lines were stamped with and the input
    /// roles whose lost edges could not be detected (`LinuxStationBuilder.lostEdgesUndetectableOn`).
    public init(realtime: RealtimeReport, busyWaitTail: TimeSpan, driver: any GPIODriver, clickEventClock: EdgeEventClock,
                lostEdgesUndetectableOn: [LineRole] = []) {
        let libgpiod = driver as? LibgpiodDriver
        self.init(libgpiodVersion: libgpiod?.libraryVersion, libgpiodAPIMajor: libgpiod?.apiMajorVersion,
                  lostEdgesExact: driver.providesLineSequenceNumbers, fifoPriority: realtime.fifoPriority,
                  memoryLocked: realtime.memoryLocked, pinnedCPU: realtime.pinnedCPU,
                  pinnedCPUIsIsolated: realtime.pinnedCPUIsIsolated,
                  cpuWakeLatencyCapMicroseconds: realtime.cpuWakeLatencyCapMicroseconds,
                  busyWaitTailNanoseconds: busyWaitTail.nanoseconds, warnings: realtime.warnings,
                  clickEventClock: EventClock(clickEventClock),
                  lostEdgesUndetectableOn: lostEdgesUndetectableOn.isEmpty ? nil : lostEdgesUndetectableOn.map(\.rawValue))
    }
}

extension HardwareRunRecord.EventClock {
    /// The record's spelling of a LinuxHAL event clock.
    public init(_ clock: EdgeEventClock) {
        switch clock {
        case .monotonic: self = .monotonic
        case .realtime: self = .realtime
        case .hardwareTimestampEngine: self = .hte
        }
    }
}
