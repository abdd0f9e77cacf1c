// qdot-bench: each target's benchmark, run by hand in release: `swift run -c release qdot-bench`.
PhysicsBenchmark.run()
