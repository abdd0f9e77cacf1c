import Glibc

// qdot-bench: speed and memory figures, printed with units. Run in release:
//   swift run -c release qdot-bench [simulator|physics|analysis|experiments|ptu]   (no argument: all five)
//   swift run -c release qdot-bench latency [options]               (wake-up latency, see --help)
//   qdot-bench gpio-write --chip LABEL --line NAME                  (time per line write; the gpio-sim lane)
//   qdot-bench edge-clock --chip LABEL --line NAME --clock CLOCK    (is that event clock granted, which edges come; gpio-sim lane)
//   qdot-bench simulator-once [stand-in|physics] [cycles]           (one run and nothing else: for perf or callgrind)
//   qdot-bench ptu-files DIR                                        (PTU files for Tools/ci/ptu-interop.sh)
//   swift run -c release qdot-bench record [CYCLES …]               (qdot analyze time and peak RSS on 10⁶- and 10⁷-cycle records)
//   qdot-bench config [MB]                                          (config reader on generated files, default 20 MB)
//   qdot-bench serve-publish                                        (the loop publishing for qdot serve: cost and allocations)
//   qdot-bench key-distillation [PASSES] [SEEDS] [doubling|option7] (Cascade and Toeplitz hashing on 10⁶-bit blocks at QBER 2 %)
let arguments = Array(CommandLine.arguments.dropFirst())
// Only the simulator and serve-publish sections count allocations; the others run without the interposer.
if arguments.first == nil || ["simulator", "serve-publish", "linux-loop"].contains(arguments.first!) { AllocationCounting.preloadIfPossible() }
switch arguments.first {
case nil:
    SimulatorBenchmark.run()
    PhysicsBenchmark.run()
    AnalysisBenchmark.run()
    ExperimentBenchmark.run()
    PTUBenchmark.run()
case "experiments": ExperimentBenchmark.run()
case "simulator": SimulatorBenchmark.run()
case "linux-loop": LinuxLoopBenchmark.run()
case "simulator-once": exit(SimulatorBenchmark.runOnce(arguments: Array(arguments.dropFirst())))
case "physics": PhysicsBenchmark.run()
case "analysis": AnalysisBenchmark.run()
case "ptu": PTUBenchmark.run()
case "ptu-files": exit(PTUInteropFiles.run(arguments: Array(arguments.dropFirst())))
case "latency": exit(LatencyBenchmark.run(arguments: Array(arguments.dropFirst())))
case "gpio-write": exit(GPIOWriteBenchmark.run(arguments: Array(arguments.dropFirst())))
case "edge-clock": exit(EdgeClockProbe.run(arguments: Array(arguments.dropFirst())))
case "record": exit(RecordBenchmark.run(arguments: Array(arguments.dropFirst())))
case "record-analyse": exit(RecordBenchmark.analyseOnce(arguments: Array(arguments.dropFirst())))
case "config": exit(ConfigBenchmark.run(arguments: Array(arguments.dropFirst())))
case "serve-publish": exit(PublicationBenchmark.run(arguments: Array(arguments.dropFirst())))
case "key-distillation": exit(KeyDistillationBenchmark.run(arguments: Array(arguments.dropFirst())))
default:
    print("usage: qdot-bench [simulator|physics|analysis|experiments|ptu|latency [options]|gpio-write [options]|edge-clock [options]|simulator-once [stand-in|physics] [cycles]|ptu-files DIR|record [CYCLES …]|config [MB]|serve-publish|key-distillation]")
    exit(2)
}
