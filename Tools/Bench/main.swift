// qdot-bench: speed and memory figures, printed with units; `qdot-bench --help` lists the
// sections and `qdot-bench SECTION --help` says what each measures (`QdotBench.swift`).
QdotBench.main()
