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
        // chipPaths needs no GPIO: it lists /dev/gpiochip* (none on a CI machine).
        #expect(try driver.chipPaths().allSatisfy { $0.hasPrefix("/dev/gpiochip") })
    }

    @Test func missingLibraryIsBackendUnavailableNamingLibraryAndPackage() {
        #expect {
            _ = try LibgpiodDriver.load(soname: "libgpiod-not-installed.so.9")
        } throws: { error in
            guard let failure = error as? HardwareError else { return false }
            return failure.kind == .backendUnavailable && failure.operation.contains("libgpiod-not-installed.so.9")
                && failure.detail.contains("cannot open shared object file")
                && (failure.detail.contains("apt install libgpiod2") || failure.detail.contains("apt install libgpiod3"))
        }
    }

    @Test func aLibraryWithoutLibgpiodsFunctionsIsRefusedByName() {
        // libm loads but has no gpiod_chip_open: the first missing symbol is named.
        #expect {
            _ = try LibgpiodDriver.load(soname: "libm.so.6")
        } throws: { error in
            guard let failure = error as? HardwareError else { return false }
            return failure.kind == .backendUnavailable && failure.detail.contains("libm.so.6 has no symbol gpiod_")
        }
    }
}
