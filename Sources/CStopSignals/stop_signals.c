#define _GNU_SOURCE
#include "qdot_stop_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static atomic_int first_signal = 0;
static atomic_int pipe_read_end = -1;
static atomic_int pipe_write_end = -1;

/* Async-signal-safe: an atomic compare-and-exchange and write(2); errno is saved and restored. */
static void latch(int number) {
    int saved = errno;
    int none = 0;
    atomic_compare_exchange_strong(&first_signal, &none, number);
    int fd = atomic_load(&pipe_write_end);
    if (fd >= 0) {
        unsigned char byte = (unsigned char)number;
        ssize_t ignored = write(fd, &byte, 1);   /* a full pipe drops the byte: the flag is set */
        (void)ignored;
    }
    errno = saved;
}

int qdot_stop_signals_install(void) {
    if (atomic_load(&pipe_read_end) >= 0) return 0;
    int ends[2];
    if (pipe2(ends, O_NONBLOCK | O_CLOEXEC) != 0) return errno;
    atomic_store(&pipe_write_end, ends[1]);
    atomic_store(&pipe_read_end, ends[0]);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = latch;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    if (sigaction(SIGINT, &action, NULL) != 0 || sigaction(SIGTERM, &action, NULL) != 0) return errno;
    /* A parent may start qdot with the signals blocked (a thread of a dispatch pool blocks them
     * all, and posix_spawn passes its mask on): unblocked here, on the main thread, before any
     * other thread exists, so they reach the handler instead of staying pending for ever. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    if (pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL) != 0) return errno;
    /* A file grown past the size limit (ulimit -f) is an output fault (write fails with EFBIG,
     * exit 5 naming the file), not a reason to dump core. */
    signal(SIGXFSZ, SIG_IGN);
    return 0;
}

int qdot_stop_signals_first(void) { return atomic_load(&first_signal); }

int qdot_stop_signals_pipe(void) { return atomic_load(&pipe_read_end); }

void qdot_stop_signals_restore_default(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    int number = atomic_load(&first_signal);
    if (number != 0) raise(number);
}

/* Also installed from the executable's .preinit_array, which the dynamic loader runs before any
 * shared library's initializer (the Swift runtime's and Foundation's included): from then on a
 * stop signal is latched, not fatal. Only qdot links this target. */
static void install_before_libraries(int argc, char **argv, char **environment) {
    (void)argc; (void)argv; (void)environment;
    (void)qdot_stop_signals_install();
}
__attribute__((section(".preinit_array"), used))
static void (*const install_before_libraries_entry)(int, char **, char **) = install_before_libraries;
