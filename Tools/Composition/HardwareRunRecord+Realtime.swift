public import HAL
public import LinuxHAL
public import Records

extension HardwareRunRecord {
    /// The record of a run: `realtime` as `RealtimeSetup.apply` reported it, the clock's tail and
    /// the driver the lines went through.
    public init(realtime: RealtimeReport, busyWaitTail: TimeSpan, driver: any GPIODriver) {
        let libgpiod = driver as? LibgpiodDriver
        self.init(libgpiodVersion: libgpiod?.libraryVersion, libgpiodAPIMajor: libgpiod?.apiMajorVersion,
                  lostEdgesExact: driver.providesLineSequenceNumbers, fifoPriority: realtime.fifoPriority,
                  memoryLocked: realtime.memoryLocked, pinnedCPU: realtime.pinnedCPU,
                  pinnedCPUIsIsolated: realtime.pinnedCPUIsIsolated,
                  cpuWakeLatencyCapMicroseconds: realtime.cpuWakeLatencyCapMicroseconds,
                  busyWaitTailNanoseconds: busyWaitTail.nanoseconds, warnings: realtime.warnings)
    }
}
