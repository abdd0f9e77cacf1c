#!/usr/bin/env bash
# CI lane: the unit and simulated-board tests under AddressSanitizer (heap/stack overflows,
# use-after-free, leaks) and ThreadSanitizer (data races: the click ring's two threads, the live
# pipeline, the signal handler and the process plumbing of the end-to-end tests). The `qdot` the
# end-to-end tests start is built with the same sanitizer, so a report in it fails its test through
# the exit code. Each build has its own scratch path (.build-asan, .build-tsan).
#
# The ASan build is also CI's build against libgpiod 2.x (bookworm-backports, unpacked into a
# private prefix by Tools/ci/libgpiod2-prefix.sh): the plain build and the Linux backend lane use
# the distribution's 1.6, so both APIs are compiled and every test runs on each, the 2.x one under
# ASan (a separate 2.x build cost the Linux backend lane 220 s of its 246).
#
# Usage: Tools/ci/sanitizers.sh [address|thread]   (default both). Measured on a shared 2-core
# machine (load 8–13): ASan tests 7 min wall / 6¾ CPU-min, TSan tests 14 min wall / 6½ CPU-min;
# cold builds 10 and 13 min, warm builds seconds.
# Under a sanitizer TwoNodeRunTests simulate blocks of 6·10⁵ cycles instead of 10⁶
# (QDOT_TEST_SANITIZER, set by test_lane below): at the full size the pair of in-process link runs
# finished last in the ASan test run (~300 s of 301 s, against the tests' own 5-minute limit). Alone
# under ASan the first took 87 s (94 CPU-s), 68 s (69 CPU-s) with the smaller blocks: most of its
# 300 s was sharing the pool's two threads with the other tests, so the lane gains about its 25 CPU-s
# saved, and the two runs stay further from their limit on a loaded machine.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
step=""
trap 'status=$?; [[ $status -ne 0 ]] && echo "sanitizers: FAILED at: $step (exit $status)" >&2; exit $status' EXIT
Tools/scripts/install-dependencies.sh

# A report stops the process (and so fails the test) with the report on stderr.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/Tools/ci/lsan-suppressions.txt:print_suppressions=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

# Extra build flags of the lane being run (the ASan lane builds without the default traits,
# against libgpiod 2.x's header), and the environment its tests run in.
build_flags=()
test_env=()

# Builds the tests with `sanitizer` into `scratch`, once per lane: its test runs below share the
# build (a second `swift build` of the same lane only checks that nothing changed: 14 s of the ASan
# lane on the shared machine).
build_lane() {
    local sanitizer=$1 scratch=$2
    step="build with --sanitize=$sanitizer ($scratch)"
    echo "== $step"
    local build_start
    build_start=$(date +%s)
    # (pipefail: a failed build fails the pipeline; the grep only drops the progress lines)
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" "${build_flags[@]}" 2>&1 | { grep -v '^\[' || true; }
    echo "== $sanitizer sanitizer build: $(( $(date +%s) - build_start )) s"
}

# Runs the tests built by build_lane with the filters given after `sanitizer` and `scratch`.
# QDOT_TEST_SANITIZER names the sanitizer to the tests: the in-process link runs
# (TwoNodeRunTests, Tests/LinkNodeTests/TwoNodeRunSize.swift) simulate fewer cycles under one,
# through the same code (under ASan the full sizes took ~300 s, the lane's pole).
test_lane() {
    local sanitizer=$1 scratch=$2
    shift 2
    step="tests with --sanitize=$sanitizer $*"
    echo "== $step"
    local test_start
    test_start=$(date +%s)
    # The tests are Swift Testing only; XCTest's empty pass leaks its own suite objects (368 bytes
    # from libXCTest.so), which LeakSanitizer would report as a failure.
    env "${test_env[@]}" QDOT_TEST_SANITIZER="$sanitizer" \
        swift test --skip-build --disable-xctest --sanitize="$sanitizer" --scratch-path "$scratch" "${build_flags[@]}" "$@"
    echo "== $sanitizer sanitizer tests: $(( $(date +%s) - test_start )) s"
}

lanes=("${@:-address thread}")
for lane in ${lanes[*]}; do
    case "$lane" in
        # Every test but one suite (below): memory errors can hide anywhere, and ASan costs about 2×. Without the default
        # traits, so ServiceTests build empty (their sources are `#if Service`): their waits on
        # sockets and timers would add minutes under ASan, and `qdot serve`'s threads run under TSan
        # below. (SwiftPM still compiles every target, Service and SwiftNIO included; the link
        # transport's own tests run here too.)
        # PhysicsEndToEndTests are left out: they repeat the physics and analysis code the other
        # suites run tens of times over for their statistics, single-threaded; under ASan they took
        # minutes and held the cooperative pool's two threads while the link tests waited. The
        # plain run covers them.
        # So are PhysicsTests and AnalysisTests but the coincidence counters' suites: ASan finds
        # memory errors where code manages memory itself (unsafe pointers, C, the runtime's
        # threads), and Sources/Physics and Sources/Analysis have none outside the coincidence
        # counters, which is checked below (pure safe Swift is bounds- and lifetime-checked by the
        # language; under ASan the two suites took 46 s and 94 s of the lane). Simulation code
        # that does manage memory (the board's event queue, the click ring, the records) still runs
        # under ASan through PhysicsStationTests, SimulatorTests, FirmwareTests and RecordsTests.
        # As under TSan, the socket and timer suites run first on their own, so that no long
        # synchronous test (a record cut at every byte, two link nodes in one process) holds the
        # pool's threads while their 60 s limits run.
        address) step="Physics and Analysis manage no memory themselves (else their suites belong under ASan)"
                 if grep -rlE 'Unsafe|Unmanaged|unsafeBitCast|withMemoryRebound' Sources/Physics Sources/Analysis \
                        | grep -v 'CoincidenceCounter'; then
                     echo "sanitizers: the files above use unsafe memory: run their suites under ASan (remove the skip)" >&2
                     exit 1
                 fi
                 source "$repo/Tools/ci/libgpiod2-prefix.sh"
                 step="libgpiod 2.x from bookworm-backports (private prefix)"
                 libgpiod2_prefix
                 # The 2.x header before /usr/include (where 1.6's sits); the tests' dlopen finds
                 # libgpiod.so.3 through LD_LIBRARY_PATH.
                 build_flags=(--disable-default-traits -Xcc -I"$GPIOD2_INCLUDE")
                 test_env=(LD_LIBRARY_PATH="$GPIOD2_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
                 echo "== the ASan build compiles LinuxHAL against libgpiod $GPIOD2_VERSION"
                 build_lane address .build-asan
                 test_lane address .build-asan --filter '^(LinkTransportTests|KeyStoreTests)\.'
                 test_lane address .build-asan \
                     --skip '^(PhysicsEndToEndTests|PhysicsTests|LinkTransportTests|KeyStoreTests)\.|^AnalysisTests\.(?!Coincidence)' ;;
        # TSan costs 5–15× and finds races only where threads are; these suites have them:
        # FirmwareTests (the click ring on two threads, the loop and its consumer), CompositionTests
        # (the live experiment pipeline, record writer flushes), EndToEndTests (qdot processes,
        # its signal handler, pipes read on threads), ServiceTests (qdot serve: the loop publishing
        # through sequence locks while the sampler and request threads read, the HTTP server's
        # event loops, the live stream's per-client queues), LinkTransportTests (the QKD link's
        # event loop, its queues and the tasks that send and receive), KeyStoreTests (the key
        # store actor under concurrent enc_keys requests). The pure-math suites (Analysis, Physics,
        # PhysicsEndToEnd, Vocabulary, SeededRandom, ConfigFile, Boards, Records, Reports,
        # Simulator, TimingMeasurement) run single-threaded code and would only add minutes.
        # One test is left out under TSan: it runs qdot under `ulimit -f 256`, and TSan's runtime
        # dies of SIGBUS in its own file-backed memory under that limit before qdot's code is
        # reached ("ThreadSanitizer: BUS on unknown address"); ASan and the plain run cover it.
        # A second: serving a run's files through Hummingbird's FileIO, where TSan reports SwiftNIO's
        # own hand-off of a chunk its thread pool read (NIOCore ByteBuffer storage written in
        # _NIOFileSystem's FileChunkProducer, read by the response writer) — inside SwiftNIO, not
        # qdot's code; the plain run covers the test.
        # The filters are anchored: unanchored, 'EndToEndTests' also matched PhysicsEndToEndTests,
        # whose statistical tests ran for minutes under TSan. Swift Testing runs synchronous tests
        # on the cooperative thread pool, which is as wide as the machine (2 threads here); two of
        # them held both threads, and every awaiting link and live-stream test starved past its
        # 60 s limit (stop 20's CI: 14 tests "Time limit was exceeded" at 346 s). The socket and
        # timer suites also run in their own invocation, so no long synchronous test can starve them.
        thread) build_flags=()
                test_env=()
                build_lane thread .build-tsan
                test_lane thread .build-tsan --filter '^(ServiceTests|LinkTransportTests|KeyStoreTests)\.' \
                    --skip 'theResultFigureAndRecordAreServedFromThePathsTheServiceGivesWithTheirTypes'
                test_lane thread .build-tsan --filter '^(FirmwareTests|CompositionTests|EndToEndTests)\.' \
                    --skip 'aRecordThatRunsOutOfRoomMidRunIsExit5AndTheResultSaysItIsIncomplete' ;;
        *) echo "sanitizers: unknown sanitizer $lane (address or thread)" >&2; exit 64 ;;
    esac
done
