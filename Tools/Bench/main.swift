// qdot-bench: speed and memory figures, printed with units. Run in release:
//   swift run -c release qdot-bench [simulator|physics|analysis|latency ...]   (no argument: all but latency)
let arguments = Array(CommandLine.arguments.dropFirst())
let sections = arguments.isEmpty ? ["simulator", "physics", "analysis"] : [arguments[0]]
for section in sections {
    switch section {
    case "simulator": SimulatorBenchmark.run()
    case "physics": PhysicsBenchmark.run()
    case "analysis": AnalysisBenchmark.run()
    default:
        print("qdot-bench: unknown section \"\(section)\"; sections: simulator, physics, analysis")
    }
}
