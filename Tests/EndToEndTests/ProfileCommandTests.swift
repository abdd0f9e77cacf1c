import Boards
import Foundation
import HAL
import Testing

/// `qdot profile --loopback` as a lab engineer runs it: on the built-in simulated Raspberry Pi 4
/// it writes a profile file that `qdot check` and `qdot sim --profile` take; bad input exits with
/// the table's codes and says what to fix.
@Suite struct ProfileCommandTests {
    @Test func theSimulatedRaspberryPi4sProfileIsWrittenReadBackAndUsed() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["profile", "--loopback", "--board", "simulated-raspberry-pi-4", "--samples", "2000",
                                       "--output", "pi4.profile.toml", "--name", "pi4-measured"], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("2000 cycles: 4000 edges, 2000 wake-ups"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("line write cost           1200 ns"), "\(run.standardOutput)")
        let path = dir.appendingPathComponent("pi4.profile.toml").path
        let profile = try TimingProfile.load(contentsOf: path)
        #expect(profile.name == "pi4-measured")
        #expect(profile.lineWriteCost == .nanoseconds(1_200) && profile.clockReadCost == .nanoseconds(60))
        #expect(profile.lineWriteLatency + profile.edgeStampLatency.minimum == .nanoseconds(2_900))

        let check = try QdotProcess.run(["check", path], in: dir)
        #expect(check.exitCode == 0 && check.standardOutput.contains("timing profile pi4-measured"), "\(check.standardError)")
        let sim = try QdotProcess.run(["sim", "--board", "simulated-raspberry-pi-4", "--profile", path, "--cycles", "2000",
                                       "--output", "sim.json"], in: dir)
        #expect(sim.exitCode == 0, "\(sim.standardError)")
        #expect(sim.standardOutput.contains("profile pi4-measured"), "\(sim.standardOutput)")
    }

    @Test func theDefaultNameAndFileComeFromTheBoard() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["profile", "--loopback", "--board", "simulated-raspberry-pi-4", "--samples", "50"], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let profile = try TimingProfile.load(contentsOf: dir.appendingPathComponent("simulated-raspberry-pi-4-measured.profile.toml").path)
        #expect(profile.name == "simulated-raspberry-pi-4-measured")
    }

    @Test func aBoardWithoutALoopbackLineExitsTwoAndSaysWhatToAdd() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["profile", "--loopback", "--board", "simulated-station"], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("has no loopback line"), "\(run.standardError)")
        #expect(run.standardError.contains("[line.loopback]"))
    }

    @Test func theCommandLineIsCheckedBeforeAnythingRuns() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let noMethod = try QdotProcess.run(["profile", "--board", "simulated-raspberry-pi-4"], in: dir)
        #expect(noMethod.exitCode == 64 && noMethod.standardError.contains("pass --loopback"), "\(noMethod.standardError)")
        let badFile = try QdotProcess.run(["profile", "--loopback", "--board", "simulated-raspberry-pi-4", "--output", "x.toml"], in: dir)
        #expect(badFile.exitCode == 64 && badFile.standardError.contains("must end in .profile.toml"))
        let badName = try QdotProcess.run(["profile", "--loopback", "--board", "simulated-raspberry-pi-4", "--name", "a b"], in: dir)
        #expect(badName.exitCode == 64 && badName.standardError.contains("--name must be"))
        let tooFew = try QdotProcess.run(["profile", "--loopback", "--board", "simulated-raspberry-pi-4", "--samples", "3"], in: dir)
        #expect(tooFew.exitCode == 64 && tooFew.standardError.contains("--samples: expected 10 … 10 000 000 cycles, found 3"))
    }

    @Test(.enabled(if: !LinuxCommandTests.machineHasGPIO, "this machine has GPIO chips"))
    func aLabBoardWithoutItsChipExitsThree() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["profile", "--loopback", "--board", LinuxCommandTests.board("raspberry-pi-4")], in: dir)
        #expect(run.exitCode == 3)
        #expect(run.standardError.contains("no chip labelled \"pinctrl-bcm2711\""), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
