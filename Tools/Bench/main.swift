import Glibc

// qdot-bench BENCHMARK [options]: runs one benchmark; each engineer's XBenchmark.swift adds one.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "latency":
    exit(LatencyBenchmark.run(arguments: Array(arguments.dropFirst())))
default:
    print("usage: qdot-bench latency [options]")
    exit(2)
}
