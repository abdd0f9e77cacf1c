import CGPIOD
import HAL
import LinuxHAL
import Testing

/// libgpiod is loaded at run time, not linked: what loading gives on this machine, and the error
/// when the library is not there.
@Suite struct LibgpiodLoadingTests {
    @Test func loadsTheLibgpiodThisBuildWasMadeFor() throws {
        let driver = try LibgpiodDriver.load()
        #expect([1, 2].contains(driver.apiMajorVersion))
        #expect(driver.libraryVersion.hasPrefix(driver.apiMajorVersion == 1 ? "1." : "2."), "\(driver.libraryVersion)")
        #expect(driver.providesLineSequenceNumbers == (driver.apiMajorVersion == 2))
        #expect(driver.canChooseEventClock == (driver.apiMajorVersion == 2))
        // chipPaths needs no GPIO: it lists /dev/gpiochip* (none on a CI machine).
        #expect(try driver.chipPaths().allSatisfy { $0.hasPrefix("/dev/gpiochip") })
    }

    @Test func missingLibraryIsBackendUnavailableNamingLibraryAndPackage() {
        let failure = #expect(throws: HardwareError.self) { try LibgpiodDriver.load(soname: "libgpiod-not-installed.so.9") }
        #expect(failure?.kind == .backendUnavailable)
        #expect(failure?.operation.contains("libgpiod-not-installed.so.9") == true)
        #expect(failure?.detail.contains("cannot open shared object file") == true)
        #expect(failure?.detail.contains("apt install libgpiod2") == true || failure?.detail.contains("apt install libgpiod3") == true)
    }

    @Test func aLibraryWithoutLibgpiodsFunctionsIsRefusedByName() {
        // libm loads but has no gpiod_chip_open: the first missing symbol is named.
        let failure = #expect(throws: HardwareError.self) { try LibgpiodDriver.load(soname: "libm.so.6") }
        #expect(failure?.kind == .backendUnavailable)
        #expect(failure?.detail.contains("libm.so.6 has no symbol gpiod_") == true)
    }

    /// The dlopen table resolves `gpiod_line_settings_set_event_clock` on a 2.x build and has no
    /// such entry on a 1.6 build (the symbol does not exist there, and loading would fail on it).
    @Test func theEventClockFunctionIsInTheSymbolTableOnlyForLibgpiod2() throws {
        let driver = try LibgpiodDriver.load()
        let fields = Mirror(reflecting: qdot_gpiod_library()).children.compactMap(\.label)
        #expect(fields.contains("gpiod_chip_open"), "\(fields)")
        #expect(fields.contains("gpiod_line_settings_set_event_clock") == (driver.apiMajorVersion == 2), "\(fields)")
    }
}
