/*
 * qdot_gpiod.h — the one place where libgpiod 1.6 (Debian 12, Raspberry Pi OS bookworm) and
 * libgpiod 2.x (bookworm-backports, trixie and newer) differ for qdot.
 *
 * Small static inline functions over both APIs, selected at compile time: libgpiod 1.6's header
 * defines the macro GPIOD_LINE_BULK_MAX_LINES (struct gpiod_line_bulk), which 2.x removed along
 * with the whole bulk API. Swift (LinuxHAL) calls only the qdot_gpiod_* functions below.
 *
 * Error convention: functions returning int return -1 (or NULL for pointers) and leave errno set,
 * as libgpiod does. Lines are addressed by offset within a chip; the Swift layer finds offsets by
 * chip label and line name first.
 */
#ifndef QDOT_GPIOD_H
#define QDOT_GPIOD_H

#include <gpiod.h>
#include <dlfcn.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(GPIOD_LINE_BULK_MAX_LINES)
#define QDOT_GPIOD_API_MAJOR 1
#else
#define QDOT_GPIOD_API_MAJOR 2
#endif

/* Most lines one request may hold (libgpiod 1.6's bulk limit, the kernel's GPIO_V2_LINES_MAX). */
#define QDOT_GPIOD_MAX_LINES 64
/* Most edge events one qdot_gpiod_read_edges call returns. */
#define QDOT_GPIOD_EDGE_BATCH 256

/*
 * libgpiod is loaded at run time (dlopen), not linked: a qdot built here starts on a machine
 * without libgpiod (`qdot sim` needs none), and `qdot run` says what is missing instead of the
 * dynamic loader refusing to start the program. gpiod.h is still needed at build time, for the
 * types and to choose the API. Every libgpiod function the shim calls is listed once below and
 * reached through a qdot_gpiod_library, which each chip call takes and each request keeps.
 */
#if QDOT_GPIOD_API_MAJOR == 1
/* libgpiod 1.6: Debian package libgpiod2. */
#define QDOT_GPIOD_SONAME "libgpiod.so.2"
#define QDOT_GPIOD_PACKAGE "libgpiod2"
#define QDOT_GPIOD_SYMBOLS(X) \
    X(gpiod_version_string) \
    X(gpiod_chip_open) \
    X(gpiod_chip_close) \
    X(gpiod_chip_label) \
    X(gpiod_chip_num_lines) \
    X(gpiod_chip_get_line) \
    X(gpiod_line_name) \
    X(gpiod_line_consumer) \
    X(gpiod_line_is_used) \
    X(gpiod_line_request_bulk_output_flags) \
    X(gpiod_line_request) \
    X(gpiod_line_event_get_fd) \
    X(gpiod_line_set_value_bulk) \
    X(gpiod_line_get_value) \
    X(gpiod_line_event_read_multiple)
#else
/* libgpiod 2.x: Debian package libgpiod3. */
#define QDOT_GPIOD_SONAME "libgpiod.so.3"
#define QDOT_GPIOD_PACKAGE "libgpiod3"
#define QDOT_GPIOD_SYMBOLS(X) \
    X(gpiod_api_version) \
    X(gpiod_chip_open) \
    X(gpiod_chip_close) \
    X(gpiod_chip_get_info) \
    X(gpiod_chip_info_free) \
    X(gpiod_chip_info_get_label) \
    X(gpiod_chip_info_get_num_lines) \
    X(gpiod_chip_get_line_info) \
    X(gpiod_line_info_free) \
    X(gpiod_line_info_get_consumer) \
    X(gpiod_line_info_get_name) \
    X(gpiod_line_info_is_used) \
    X(gpiod_line_config_new) \
    X(gpiod_line_config_free) \
    X(gpiod_line_config_add_line_settings) \
    X(gpiod_request_config_new) \
    X(gpiod_request_config_free) \
    X(gpiod_request_config_set_consumer) \
    X(gpiod_line_settings_new) \
    X(gpiod_line_settings_free) \
    X(gpiod_line_settings_reset) \
    X(gpiod_line_settings_set_active_low) \
    X(gpiod_line_settings_set_bias) \
    X(gpiod_line_settings_set_direction) \
    X(gpiod_line_settings_set_edge_detection) \
    X(gpiod_line_settings_set_event_clock) \
    X(gpiod_line_settings_set_output_value) \
    X(gpiod_chip_request_lines) \
    X(gpiod_line_request_get_fd) \
    X(gpiod_line_request_get_value) \
    X(gpiod_line_request_set_values) \
    X(gpiod_line_request_read_edge_events) \
    X(gpiod_line_request_release) \
    X(gpiod_edge_event_buffer_new) \
    X(gpiod_edge_event_buffer_free) \
    X(gpiod_edge_event_buffer_get_event) \
    X(gpiod_edge_event_get_event_type) \
    X(gpiod_edge_event_get_line_offset) \
    X(gpiod_edge_event_get_line_seqno) \
    X(gpiod_edge_event_get_timestamp_ns)
#endif

/* The loaded library: its dlopen handle and one function pointer per symbol, named as in gpiod.h. */
typedef struct qdot_gpiod_library {
    void *handle;
#define QDOT_GPIOD_FIELD(name) __typeof__(&name) name;
    QDOT_GPIOD_SYMBOLS(QDOT_GPIOD_FIELD)
#undef QDOT_GPIOD_FIELD
} qdot_gpiod_library;

/* Loads libgpiod (`soname`, NULL for the one this build's API needs) and resolves every symbol.
 * NULL on failure, with the reason (dlerror's text, or the missing symbol) copied into `error`. */
static inline qdot_gpiod_library *qdot_gpiod_library_open(const char *soname, char *error, size_t capacity) {
    if (capacity > 0) error[0] = '\0';
    if (soname == NULL) soname = QDOT_GPIOD_SONAME;
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        if (capacity > 0) snprintf(error, capacity, "%s", reason ? reason : soname);
        return NULL;
    }
    qdot_gpiod_library *lib = (qdot_gpiod_library *)calloc(1, sizeof(qdot_gpiod_library));
    if (lib == NULL) {
        if (capacity > 0) snprintf(error, capacity, "out of memory");
        dlclose(handle);
        return NULL;
    }
    lib->handle = handle;
#define QDOT_GPIOD_RESOLVE(name) \
    lib->name = (__typeof__(&name))dlsym(handle, #name); \
    if (lib->name == NULL) { \
        if (capacity > 0) snprintf(error, capacity, "%s has no symbol %s (not the libgpiod API this build expects)", soname, #name); \
        dlclose(handle); \
        free(lib); \
        return NULL; \
    }
    QDOT_GPIOD_SYMBOLS(QDOT_GPIOD_RESOLVE)
#undef QDOT_GPIOD_RESOLVE
    return lib;
}

/* The library file this build loads ("libgpiod.so.2" for 1.6, "libgpiod.so.3" for 2.x). */
static inline const char *qdot_gpiod_soname(void) { return QDOT_GPIOD_SONAME; }

/* The Debian package that provides it. */
static inline const char *qdot_gpiod_package(void) { return QDOT_GPIOD_PACKAGE; }

/* Unloads a library opened with qdot_gpiod_library_open (after every chip and request is gone). */
static inline void qdot_gpiod_library_close(qdot_gpiod_library *lib) {
    if (lib == NULL) return;
    dlclose(lib->handle);
    free(lib);
}

/* Bias values, shared with Swift (LineBias). */
enum qdot_gpiod_bias { QDOT_BIAS_AS_IS = 0, QDOT_BIAS_DISABLED = 1, QDOT_BIAS_PULL_UP = 2, QDOT_BIAS_PULL_DOWN = 3 };

/* Event clocks, shared with Swift (EdgeEventClock): what the kernel stamps an input line's edges
 * with. 2.x maps them to GPIOD_LINE_CLOCK_MONOTONIC / _REALTIME / _HTE per line; 1.6 (uAPI v1) has
 * no choice (CLOCK_MONOTONIC since Linux 5.7, CLOCK_REALTIME before) and refuses the other two. */
enum qdot_gpiod_event_clock { QDOT_EVENT_CLOCK_MONOTONIC = 0, QDOT_EVENT_CLOCK_REALTIME = 1, QDOT_EVENT_CLOCK_HTE = 2 };

/* Edge selections, shared with Swift (HAL's EdgeSelection): which edges of an input line the kernel
 * reports. With both, the kernel's threaded handler reads the line's level to tell the edge's
 * direction (gpiolib-cdev.c: edge_irq_thread for uAPI v2, lineevent_irq_thread for v1), microseconds
 * after the edge: a pulse already over by then is reported as a falling edge, its rise lost. With
 * one edge the direction is the request's, and nothing is read. 2.x maps them to
 * GPIOD_LINE_EDGE_RISING / _FALLING / _BOTH per line, 1.6 to GPIOD_LINE_REQUEST_EVENT_RISING_EDGE /
 * _FALLING_EDGE / _BOTH_EDGES per line (its event requests are one per line anyway). */
enum qdot_gpiod_edges { QDOT_EDGES_RISING = 1, QDOT_EDGES_FALLING = 2, QDOT_EDGES_BOTH = 3 };

/* Whether a request can choose its lines' event clock (2.x only). */
static inline int qdot_gpiod_can_choose_event_clock(void) { return QDOT_GPIOD_API_MAJOR >= 2; }

/* One edge event as qdot reads it: kind 1 rising / 2 falling (logical), timestamp on the line's
 * event clock (CLOCK_MONOTONIC unless the request chose another), index of the line in its
 * request, and the kernel's per-line sequence number (0 when the API gives none: libgpiod 1.6). */
typedef struct qdot_gpiod_edge {
    int kind;
    unsigned int line_index;
    uint64_t timestamp_ns;
    uint64_t line_seqno;
} qdot_gpiod_edge;

/* A request of lines of one chip. It owns its own chip handle (libgpiod 1.6 releases a chip's
 * lines when the chip is closed), its edge batch and the offsets in request order. */
typedef struct qdot_gpiod_request {
    const qdot_gpiod_library *lib;
    unsigned int num_lines;
    unsigned int offsets[QDOT_GPIOD_MAX_LINES];
    qdot_gpiod_edge *edges; /* QDOT_GPIOD_EDGE_BATCH entries, inputs only */
    struct gpiod_chip *chip;
#if QDOT_GPIOD_API_MAJOR == 1
    struct gpiod_line_bulk bulk;
    /* 1.6 takes one set of flags per output request: lines whose active-low differs from the
     * request's are inverted here (bit i = line i). */
    uint64_t invert_mask;
#else
    struct gpiod_line_request *request;
    struct gpiod_edge_event_buffer *event_buffer;
#endif
} qdot_gpiod_request;

/* 1 on libgpiod 1.6, 2 on 2.x. */
static inline int qdot_gpiod_api_major(void) { return QDOT_GPIOD_API_MAJOR; }

/* Whether edge events carry the kernel's per-line sequence numbers (2.x only). */
static inline int qdot_gpiod_has_line_seqno(void) { return QDOT_GPIOD_API_MAJOR >= 2; }

/* The libgpiod version loaded at run time. */
static inline const char *qdot_gpiod_version_string(const qdot_gpiod_library *lib) {
#if QDOT_GPIOD_API_MAJOR == 1
    return lib->gpiod_version_string();
#else
    return lib->gpiod_api_version();
#endif
}

/* Opens the chip at `path` (a /dev/gpiochipN). NULL and errno on failure. */
static inline struct gpiod_chip *qdot_gpiod_chip_open(const qdot_gpiod_library *lib, const char *path) { return lib->gpiod_chip_open(path); }

static inline void qdot_gpiod_chip_close(const qdot_gpiod_library *lib, struct gpiod_chip *chip) { lib->gpiod_chip_close(chip); }

/* Copies the chip's label (as gpioinfo prints it) into `label`. 0, or -1 and errno. */
static inline int qdot_gpiod_chip_label(const qdot_gpiod_library *lib, struct gpiod_chip *chip, char *label, size_t capacity) {
    if (capacity == 0) { errno = EINVAL; return -1; }
#if QDOT_GPIOD_API_MAJOR == 1
    const char *text = lib->gpiod_chip_label(chip);
    if (text == NULL) { errno = EIO; return -1; }
    strncpy(label, text, capacity - 1);
    label[capacity - 1] = '\0';
    return 0;
#else
    struct gpiod_chip_info *info = lib->gpiod_chip_get_info(chip);
    if (info == NULL) return -1;
    const char *text = lib->gpiod_chip_info_get_label(info);
    strncpy(label, text ? text : "", capacity - 1);
    label[capacity - 1] = '\0';
    lib->gpiod_chip_info_free(info);
    return 0;
#endif
}

/* How many lines the chip has; -1 and errno on failure. */
static inline int qdot_gpiod_chip_num_lines(const qdot_gpiod_library *lib, struct gpiod_chip *chip) {
#if QDOT_GPIOD_API_MAJOR == 1
    return (int)lib->gpiod_chip_num_lines(chip);
#else
    struct gpiod_chip_info *info = lib->gpiod_chip_get_info(chip);
    if (info == NULL) return -1;
    int count = (int)lib->gpiod_chip_info_get_num_lines(info);
    lib->gpiod_chip_info_free(info);
    return count;
#endif
}

/* Copies line `offset`'s name and consumer ("" when unnamed or unused) and whether it is in use. */
static inline int qdot_gpiod_line_describe(const qdot_gpiod_library *lib, struct gpiod_chip *chip, unsigned int offset,
                                           char *name, size_t name_capacity,
                                           char *consumer, size_t consumer_capacity, int *used) {
    if (name_capacity == 0 || consumer_capacity == 0) { errno = EINVAL; return -1; }
#if QDOT_GPIOD_API_MAJOR == 1
    struct gpiod_line *line = lib->gpiod_chip_get_line(chip, offset);
    if (line == NULL) return -1;
    const char *line_name = lib->gpiod_line_name(line);
    const char *line_consumer = lib->gpiod_line_consumer(line);
    *used = lib->gpiod_line_is_used(line) ? 1 : 0;
#else
    struct gpiod_line_info *info = lib->gpiod_chip_get_line_info(chip, offset);
    if (info == NULL) return -1;
    const char *line_name = lib->gpiod_line_info_get_name(info);
    const char *line_consumer = lib->gpiod_line_info_get_consumer(info);
    *used = lib->gpiod_line_info_is_used(info) ? 1 : 0;
#endif
    strncpy(name, line_name ? line_name : "", name_capacity - 1);
    name[name_capacity - 1] = '\0';
    strncpy(consumer, line_consumer ? line_consumer : "", consumer_capacity - 1);
    consumer[consumer_capacity - 1] = '\0';
#if QDOT_GPIOD_API_MAJOR == 2
    lib->gpiod_line_info_free(info);
#endif
    return 0;
}

static inline void qdot_gpiod_release(qdot_gpiod_request *request);

static inline qdot_gpiod_request *qdot_gpiod_request_new(const qdot_gpiod_library *lib, const char *chip_path, const unsigned int *offsets,
                                                         size_t num_lines, int with_edges) {
    if (num_lines == 0 || num_lines > QDOT_GPIOD_MAX_LINES) { errno = EINVAL; return NULL; }
    qdot_gpiod_request *request = (qdot_gpiod_request *)calloc(1, sizeof(qdot_gpiod_request));
    if (request == NULL) return NULL;
    request->lib = lib;
    request->num_lines = (unsigned int)num_lines;
    memcpy(request->offsets, offsets, num_lines * sizeof(unsigned int));
    if (with_edges) {
        request->edges = (qdot_gpiod_edge *)calloc(QDOT_GPIOD_EDGE_BATCH, sizeof(qdot_gpiod_edge));
        if (request->edges == NULL) { free(request); return NULL; }
    }
    request->chip = lib->gpiod_chip_open(chip_path);
    if (request->chip == NULL) {
        int saved = errno;
        free(request->edges);
        free(request);
        errno = saved;
        return NULL;
    }
    return request;
}

#if QDOT_GPIOD_API_MAJOR == 1
static inline int qdot_gpiod_v1_bias_flags(int bias) {
    switch (bias) {
    case QDOT_BIAS_DISABLED: return GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE;
    case QDOT_BIAS_PULL_UP: return GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP;
    case QDOT_BIAS_PULL_DOWN: return GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN;
    default: return 0;
    }
}

/* The v1 request type for an edge selection; -1 for a value that is none. */
static inline int qdot_gpiod_v1_event_request_type(int edges) {
    switch (edges) {
    case QDOT_EDGES_RISING: return GPIOD_LINE_REQUEST_EVENT_RISING_EDGE;
    case QDOT_EDGES_FALLING: return GPIOD_LINE_REQUEST_EVENT_FALLING_EDGE;
    case QDOT_EDGES_BOTH: return GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES;
    default: return -1;
    }
}

static inline int qdot_gpiod_v1_fill_bulk(qdot_gpiod_request *request) {
    const qdot_gpiod_library *lib = request->lib;
    gpiod_line_bulk_init(&request->bulk);
    for (unsigned int i = 0; i < request->num_lines; i++) {
        struct gpiod_line *line = lib->gpiod_chip_get_line(request->chip, request->offsets[i]);
        if (line == NULL) return -1;
        gpiod_line_bulk_add(&request->bulk, line);
    }
    return 0;
}
#else
static inline enum gpiod_line_bias qdot_gpiod_v2_bias(int bias) {
    switch (bias) {
    case QDOT_BIAS_DISABLED: return GPIOD_LINE_BIAS_DISABLED;
    case QDOT_BIAS_PULL_UP: return GPIOD_LINE_BIAS_PULL_UP;
    case QDOT_BIAS_PULL_DOWN: return GPIOD_LINE_BIAS_PULL_DOWN;
    default: return GPIOD_LINE_BIAS_AS_IS;
    }
}

/* The v2 edge detection for an edge selection; GPIOD_LINE_EDGE_NONE for a value that is none. */
static inline enum gpiod_line_edge qdot_gpiod_v2_edge_detection(int edges) {
    switch (edges) {
    case QDOT_EDGES_RISING: return GPIOD_LINE_EDGE_RISING;
    case QDOT_EDGES_FALLING: return GPIOD_LINE_EDGE_FALLING;
    case QDOT_EDGES_BOTH: return GPIOD_LINE_EDGE_BOTH;
    default: return GPIOD_LINE_EDGE_NONE;
    }
}

static inline enum gpiod_line_clock qdot_gpiod_v2_event_clock(int clock) {
    switch (clock) {
    case QDOT_EVENT_CLOCK_REALTIME: return GPIOD_LINE_CLOCK_REALTIME;
    case QDOT_EVENT_CLOCK_HTE: return GPIOD_LINE_CLOCK_HTE;
    default: return GPIOD_LINE_CLOCK_MONOTONIC;
    }
}

/* Requests `request`'s lines with one settings object per line (lines differ in polarity, bias,
 * edges and event clock: one uAPI v2 request carries each line's own edge flags). Outputs take
 * `initial`, inputs `bias`, `edges` (enum qdot_gpiod_edges) and `event_clock` (enum
 * qdot_gpiod_event_clock), one per line. The kernel checks the event clock when the lines are
 * requested (gpiod_chip_request_lines): without an engine for a line, HTE fails there with
 * EOPNOTSUPP (kernel without CONFIG_HTE), ENODEV (no engine claims the line) or EINVAL. */
static inline int qdot_gpiod_v2_request(qdot_gpiod_request *request, const char *consumer,
                                        int is_output, const int *active_low, const int *initial,
                                        const int *bias, const int *edges, const int *event_clock) {
    const qdot_gpiod_library *lib = request->lib;
    struct gpiod_line_config *line_config = lib->gpiod_line_config_new();
    struct gpiod_request_config *request_config = lib->gpiod_request_config_new();
    struct gpiod_line_settings *settings = lib->gpiod_line_settings_new();
    int result = -1;
    if (line_config == NULL || request_config == NULL || settings == NULL) goto done;
    lib->gpiod_request_config_set_consumer(request_config, consumer);
    for (unsigned int i = 0; i < request->num_lines; i++) {
        lib->gpiod_line_settings_reset(settings);
        lib->gpiod_line_settings_set_active_low(settings, active_low[i] != 0);
        if (is_output) {
            if (lib->gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT) < 0) goto done;
            if (lib->gpiod_line_settings_set_output_value(settings, initial[i] ? GPIOD_LINE_VALUE_ACTIVE
                                                                          : GPIOD_LINE_VALUE_INACTIVE) < 0) goto done;
        } else {
            if (lib->gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_INPUT) < 0) goto done;
            enum gpiod_line_edge detection = qdot_gpiod_v2_edge_detection(edges[i]);
            if (detection == GPIOD_LINE_EDGE_NONE) { errno = EINVAL; goto done; }
            if (lib->gpiod_line_settings_set_edge_detection(settings, detection) < 0) goto done;
            if (lib->gpiod_line_settings_set_bias(settings, qdot_gpiod_v2_bias(bias[i])) < 0) goto done;
            /* The corresponding kernel flags: none (monotonic), GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME
             * or GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE; set explicitly even for monotonic. */
            if (lib->gpiod_line_settings_set_event_clock(settings, qdot_gpiod_v2_event_clock(event_clock[i])) < 0) goto done;
        }
        if (lib->gpiod_line_config_add_line_settings(line_config, &request->offsets[i], 1, settings) < 0) goto done;
    }
    if (!is_output) {
        request->event_buffer = lib->gpiod_edge_event_buffer_new(QDOT_GPIOD_EDGE_BATCH);
        if (request->event_buffer == NULL) goto done;
    }
    request->request = lib->gpiod_chip_request_lines(request->chip, request_config, line_config);
    if (request->request == NULL) goto done;
    if (!is_output) {
        int fd = lib->gpiod_line_request_get_fd(request->request);
        int flags = fcntl(fd, F_GETFL);
        if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) goto done;
    }
    result = 0;
done:;
    int saved = errno;
    if (settings) lib->gpiod_line_settings_free(settings);
    if (request_config) lib->gpiod_request_config_free(request_config);
    if (line_config) lib->gpiod_line_config_free(line_config);
    errno = saved;
    return result;
}
#endif

/* Requests `num_lines` output lines of the chip at `chip_path` together, each with its own
 * active-low flag and initial logical value, under `consumer`. NULL and errno on failure. */
static inline qdot_gpiod_request *qdot_gpiod_request_outputs(const qdot_gpiod_library *lib, const char *chip_path, const unsigned int *offsets,
                                                             size_t num_lines, const int *active_low,
                                                             const int *initial, const char *consumer) {
    qdot_gpiod_request *request = qdot_gpiod_request_new(lib, chip_path, offsets, num_lines, 0);
    if (request == NULL) return NULL;
#if QDOT_GPIOD_API_MAJOR == 1
    /* One flag set per request: use line 0's polarity for the request and invert the others. */
    int flags = active_low[0] ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    int values[QDOT_GPIOD_MAX_LINES];
    for (size_t i = 0; i < num_lines; i++) {
        if ((active_low[i] != 0) != (active_low[0] != 0)) request->invert_mask |= (uint64_t)1 << i;
        values[i] = (initial[i] != 0) ^ (int)((request->invert_mask >> i) & 1);
    }
    if (qdot_gpiod_v1_fill_bulk(request) < 0 ||
        lib->gpiod_line_request_bulk_output_flags(&request->bulk, consumer, flags, values) < 0) {
        int saved = errno;
        lib->gpiod_chip_close(request->chip);
        free(request);
        errno = saved;
        return NULL;
    }
#else
    if (qdot_gpiod_v2_request(request, consumer, 1, active_low, initial, NULL, NULL, NULL) < 0) {
        int saved = errno;
        qdot_gpiod_release(request);
        errno = saved;
        return NULL;
    }
#endif
    return request;
}

/* Requests `num_lines` input lines for edge events, each with its own active-low flag, bias (enum
 * qdot_gpiod_bias), edges (enum qdot_gpiod_edges: lines of one request may differ, on both APIs)
 * and event clock (enum qdot_gpiod_event_clock), non-blocking reads. NULL and errno on failure: an
 * edges value that is none fails with EINVAL, and on 1.6 a clock other than monotonic with
 * EOPNOTSUPP, before anything is requested (the Swift layer refuses such clocks first, with a message). */
static inline qdot_gpiod_request *qdot_gpiod_request_edge_inputs(const qdot_gpiod_library *lib, const char *chip_path, const unsigned int *offsets,
                                                                 size_t num_lines, const int *active_low, const int *bias,
                                                                 const int *edges, const int *event_clock, const char *consumer) {
    for (size_t i = 0; i < num_lines; i++) {
        if (edges[i] != QDOT_EDGES_RISING && edges[i] != QDOT_EDGES_FALLING && edges[i] != QDOT_EDGES_BOTH) {
            errno = EINVAL;
            return NULL;
        }
#if QDOT_GPIOD_API_MAJOR == 1
        if (event_clock[i] != QDOT_EVENT_CLOCK_MONOTONIC) { errno = EOPNOTSUPP; return NULL; }
#endif
    }
    qdot_gpiod_request *request = qdot_gpiod_request_new(lib, chip_path, offsets, num_lines, 1);
    if (request == NULL) return NULL;
#if QDOT_GPIOD_API_MAJOR == 1
    /* The v1 uAPI makes one event request per line (GPIO_GET_LINEEVENT_IOCTL takes one line, and
     * libgpiod 1.6's gpiod_line_request_bulk loops over the bulk the same way, with one request type
     * for all), so each line is requested on its own with its own request type and flags: lines of
     * one qdot request may ask for different edges. Kernels >= 5.7 stamp v1 events on
     * CLOCK_MONOTONIC, older ones on CLOCK_REALTIME (LinuxGPIO refuses those kernels on 1.6). */
    if (qdot_gpiod_v1_fill_bulk(request) < 0) goto fail;
    for (unsigned int i = 0; i < request->num_lines; i++) {
        struct gpiod_line *line = request->bulk.lines[i];
        struct gpiod_line_request_config config;
        config.consumer = consumer;
        config.request_type = qdot_gpiod_v1_event_request_type(edges[i]);
        config.flags = qdot_gpiod_v1_bias_flags(bias[i]) | (active_low[i] ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0);
        if (lib->gpiod_line_request(line, &config, 0) < 0) goto fail;
        int fd = lib->gpiod_line_event_get_fd(line);
        int fd_flags = fcntl(fd, F_GETFL);
        if (fd_flags < 0 || fcntl(fd, F_SETFL, fd_flags | O_NONBLOCK) < 0) goto fail;
    }
    return request;
fail:;
    int saved = errno;
    lib->gpiod_chip_close(request->chip); /* releases the lines requested so far */
    free(request->edges);
    free(request);
    errno = saved;
    return NULL;
#else
    if (qdot_gpiod_v2_request(request, consumer, 0, active_low, NULL, bias, edges, event_clock) < 0) {
        int saved = errno;
        qdot_gpiod_release(request);
        errno = saved;
        return NULL;
    }
    return request;
#endif
}

/* Drives every line of an output request to its logical value, bit i of `logical_bits` for line
 * i, in one ioctl. The bits come as one integer so the caller builds no array: the only loop per
 * write is this one, into the value array libgpiod takes (1.6's gpiod_line_set_value, the C
 * reference's call, builds a one-line bulk and makes this same gpiod_line_set_value_bulk call). */
static inline int qdot_gpiod_set_bits(qdot_gpiod_request *request, uint64_t logical_bits) {
    const qdot_gpiod_library *lib = request->lib;
#if QDOT_GPIOD_API_MAJOR == 1
    uint64_t raw_bits = logical_bits ^ request->invert_mask;
    int raw[QDOT_GPIOD_MAX_LINES];
    for (unsigned int i = 0; i < request->num_lines; i++) raw[i] = (int)((raw_bits >> i) & 1);
    return lib->gpiod_line_set_value_bulk(&request->bulk, raw);
#else
    enum gpiod_line_value raw[QDOT_GPIOD_MAX_LINES];
    for (unsigned int i = 0; i < request->num_lines; i++)
        raw[i] = (logical_bits >> i) & 1 ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE;
    return lib->gpiod_line_request_set_values(request->request, raw);
#endif
}

/* The logical value (0 or 1) of line `index` of a request; -1 and errno on failure. */
static inline int qdot_gpiod_get_value(qdot_gpiod_request *request, unsigned int index) {
    const qdot_gpiod_library *lib = request->lib;
    if (index >= request->num_lines) { errno = EINVAL; return -1; }
#if QDOT_GPIOD_API_MAJOR == 1
    int value = lib->gpiod_line_get_value(request->bulk.lines[index]);
    if (value < 0) return -1;
    return value ^ (int)((request->invert_mask >> index) & 1);
#else
    enum gpiod_line_value value = lib->gpiod_line_request_get_value(request->request, request->offsets[index]);
    return value == GPIOD_LINE_VALUE_ERROR ? -1 : (int)value;
#endif
}

/* Reads up to `max_events` (at most QDOT_GPIOD_EDGE_BATCH) waiting edge events into
 * request->edges without blocking, oldest first. Returns how many (0 when none), -1 and errno. */
static inline int qdot_gpiod_read_edges(qdot_gpiod_request *request, size_t max_events) {
    const qdot_gpiod_library *lib = request->lib;
    if (request->edges == NULL) { errno = EINVAL; return -1; }
    if (max_events > QDOT_GPIOD_EDGE_BATCH) max_events = QDOT_GPIOD_EDGE_BATCH;
    if (max_events == 0) return 0;
#if QDOT_GPIOD_API_MAJOR == 1
    /* One fd per line: drain each, then merge by timestamp (each line's events are in order). */
    struct gpiod_line_event events[QDOT_GPIOD_EDGE_BATCH];
    size_t count = 0;
    for (unsigned int i = 0; i < request->num_lines && count < max_events; i++) {
        int read_count = lib->gpiod_line_event_read_multiple(request->bulk.lines[i], events, (unsigned int)(max_events - count));
        if (read_count < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return -1;
        }
        for (int k = 0; k < read_count; k++) {
            qdot_gpiod_edge edge;
            edge.kind = events[k].event_type == GPIOD_LINE_EVENT_RISING_EDGE ? 1 : 2;
            edge.line_index = i;
            edge.timestamp_ns = (uint64_t)events[k].ts.tv_sec * 1000000000u + (uint64_t)events[k].ts.tv_nsec;
            edge.line_seqno = 0;
            size_t j = count++; /* insertion sort: stable, batches are small */
            while (j > 0 && request->edges[j - 1].timestamp_ns > edge.timestamp_ns) {
                request->edges[j] = request->edges[j - 1];
                j--;
            }
            request->edges[j] = edge;
        }
    }
    return (int)count;
#else
    int read_count = lib->gpiod_line_request_read_edge_events(request->request, request->event_buffer, max_events);
    if (read_count < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
    for (int k = 0; k < read_count; k++) {
        struct gpiod_edge_event *event = lib->gpiod_edge_event_buffer_get_event(request->event_buffer, (unsigned long)k);
        unsigned int offset = lib->gpiod_edge_event_get_line_offset(event);
        unsigned int index = 0;
        while (index + 1 < request->num_lines && request->offsets[index] != offset) index++;
        request->edges[k].kind = lib->gpiod_edge_event_get_event_type(event) == GPIOD_EDGE_EVENT_RISING_EDGE ? 1 : 2;
        request->edges[k].line_index = index;
        request->edges[k].timestamp_ns = lib->gpiod_edge_event_get_timestamp_ns(event);
        request->edges[k].line_seqno = (uint64_t)lib->gpiod_edge_event_get_line_seqno(event);
    }
    return read_count;
#endif
}

/* Releases the request's lines and frees it. Does not drive any value: the Swift layer drives
 * outputs to their safe level first. */
static inline void qdot_gpiod_release(qdot_gpiod_request *request) {
    if (request == NULL) return;
    const qdot_gpiod_library *lib = request->lib;
#if QDOT_GPIOD_API_MAJOR == 1
    if (request->chip) lib->gpiod_chip_close(request->chip); /* releases the bulk's lines */
#else
    if (request->request) lib->gpiod_line_request_release(request->request);
    if (request->event_buffer) lib->gpiod_edge_event_buffer_free(request->event_buffer);
    if (request->chip) lib->gpiod_chip_close(request->chip);
#endif
    free(request->edges);
    free(request);
}

#endif /* QDOT_GPIOD_H */
