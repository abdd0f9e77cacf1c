/* qdot's SIGINT/SIGTERM latch: a sigaction handler installed as the first thing qdot does, so a
 * stop signal never kills it before a run could stop cleanly. The handler only records the
 * signal (an atomic store) and writes its number into a pipe, both async-signal-safe; Swift code
 * (Tools/qdot/StopOnSignals.swift) reads them later, outside the handler. */
#ifndef QDOT_STOP_SIGNALS_H
#define QDOT_STOP_SIGNALS_H

/* Installs the handler for SIGINT and SIGTERM (SA_RESTART) and unblocks them on the calling thread,
 * creates the pipe and ignores SIGXFSZ
 * (a write past the file-size limit then fails with EFBIG instead of killing qdot); idempotent.
 * Returns 0, or the errno of the pipe or sigaction call that failed (the handler is then not
 * installed and the signals keep their default action). */
int qdot_stop_signals_install(void);

/* The first stop signal received since install (SIGINT or SIGTERM), 0 while none has come. */
int qdot_stop_signals_first(void);

/* The read end of the pipe the handler writes one byte (the signal's number) into per signal:
 * non-blocking, close-on-exec; -1 before install. */
int qdot_stop_signals_pipe(void);

/* Gives SIGINT and SIGTERM back their default action (for commands that run nothing); a signal
 * received before is raised again, so it ends qdot as it would have without the latch. */
void qdot_stop_signals_restore_default(void);

#endif
