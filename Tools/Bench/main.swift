// qdot-bench: each engineer's benchmark figures, printed with units. Run in release:
//   swift run -c release qdot-bench
AnalysisBenchmark.run()
