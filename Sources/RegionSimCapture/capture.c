/*
 * regionsim-capture: records QEMU's calls into libblkio, for regionsim.
 *
 * Loaded into QEMU with LD_PRELOAD, this library defines the libblkio
 * functions that QEMU's block/blkio.c uses to set up a device and to map
 * guest RAM (declared in include/regionsim_capture.h). Each one forwards to
 * the real libblkio function, found with dlsym(RTLD_NEXT), and then appends
 * one line describing the call and its result to the file named by
 * $REGIONSIM_CAPTURE. `regionsim import` and `regionsim check --calls-only`
 * read that file.
 *
 * It is written in C, not Swift, so that preloading it into QEMU adds no
 * runtime (only libc, and libdl on older glibc) to the QEMU process.
 *
 * Capture file, version 1:
 *   - first line, once per process: `regionsim-capture 1 pid=PID`;
 *   - then one record per call, written after the real call returns: the
 *     record kind, then key=value fields in a fixed order per kind (see the
 *     wrappers below), then ` tid=TID` and a newline;
 *   - each record is written with a single write(2) on an O_APPEND file, so
 *     records from different threads never interleave, and lines that
 *     other tools append (`event ...`) land between whole records;
 *   - numbers: ret, fd, tid, pid and int property values in signed decimal;
 *     uint64 property values in unsigned decimal; bools as true/false;
 *     handles, region fields and sizes in lower-case hex with 0x
 *     (fd-offset, an int64_t, as its two's complement uint64);
 *   - strings are percent-encoded (see put_string) and a NULL string is
 *     written as `(null)`; a NULL region as the single field `region=(null)`;
 *   - `msg=` (libblkio's error message) only when the call returned < 0.
 *
 * The interposer never changes what the real call returns or writes, and
 * preserves errno. With $REGIONSIM_CAPTURE unset or empty it opens and
 * writes nothing at all.
 */
#define _GNU_SOURCE
#include "regionsim_capture.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Strings (driver, property names and values, error messages, fd paths) are
 * cut at STRING_CUT bytes before they are encoded, so that a record has a
 * known maximum length and fits the stack buffer without malloc. No real
 * name, message (libblkio's are at most 255 bytes) or path comes close.
 */
#define STRING_CUT 1024
#define STRING_ENCODED_MAX (3 * STRING_CUT)
/*
 * A record holds at most three strings (get-str and set-str: name, value,
 * msg); everything else in the longest record (alloc) is under 256 bytes.
 */
#define RECORD_MAX (3 * STRING_ENCODED_MAX + 512)

/* ---- the real libblkio functions ---------------------------------------- */

enum real_id {
    REAL_CREATE,
    REAL_CONNECT,
    REAL_START,
    REAL_DESTROY,
    REAL_GET_BOOL,
    REAL_GET_INT,
    REAL_GET_UINT64,
    REAL_GET_STR,
    REAL_SET_BOOL,
    REAL_SET_INT,
    REAL_SET_UINT64,
    REAL_SET_STR,
    REAL_ALLOC_MEM_REGION,
    REAL_FREE_MEM_REGION,
    REAL_MAP_MEM_REGION,
    REAL_UNMAP_MEM_REGION,
    REAL_GET_ERROR_MSG,
    REAL_COUNT
};

static const char *const real_names[REAL_COUNT] = {
    [REAL_CREATE] = "blkio_create",
    [REAL_CONNECT] = "blkio_connect",
    [REAL_START] = "blkio_start",
    [REAL_DESTROY] = "blkio_destroy",
    [REAL_GET_BOOL] = "blkio_get_bool",
    [REAL_GET_INT] = "blkio_get_int",
    [REAL_GET_UINT64] = "blkio_get_uint64",
    [REAL_GET_STR] = "blkio_get_str",
    [REAL_SET_BOOL] = "blkio_set_bool",
    [REAL_SET_INT] = "blkio_set_int",
    [REAL_SET_UINT64] = "blkio_set_uint64",
    [REAL_SET_STR] = "blkio_set_str",
    [REAL_ALLOC_MEM_REGION] = "blkio_alloc_mem_region",
    [REAL_FREE_MEM_REGION] = "blkio_free_mem_region",
    [REAL_MAP_MEM_REGION] = "blkio_map_mem_region",
    [REAL_UNMAP_MEM_REGION] = "blkio_unmap_mem_region",
    [REAL_GET_ERROR_MSG] = "blkio_get_error_msg",
};

typedef int create_fn(const char *, struct blkio **);
typedef int instance_fn(struct blkio *);
typedef void destroy_fn(struct blkio **);
typedef int get_bool_fn(struct blkio *, const char *, bool *);
typedef int get_int_fn(struct blkio *, const char *, int *);
typedef int get_uint64_fn(struct blkio *, const char *, uint64_t *);
typedef int get_str_fn(struct blkio *, const char *, char **);
typedef int set_bool_fn(struct blkio *, const char *, bool);
typedef int set_int_fn(struct blkio *, const char *, int);
typedef int set_uint64_fn(struct blkio *, const char *, uint64_t);
typedef int set_str_fn(struct blkio *, const char *, const char *);
typedef int alloc_fn(struct blkio *, struct blkio_mem_region *, size_t);
typedef int map_fn(struct blkio *, const struct blkio_mem_region *);
typedef void unmap_fn(struct blkio *, const struct blkio_mem_region *);
typedef const char *error_msg_fn(void);

/* Written once by initialize() under pthread_once, read-only afterwards. */
static void *real_fns[REAL_COUNT];
static int capture_fd = -1;
static pthread_once_t initialized = PTHREAD_ONCE_INIT;
/* One flag per function so that a missing one is reported once. */
static int missing_reported[REAL_COUNT];

/*
 * Finds the real function. RTLD_NEXT finds libblkio when QEMU links it or
 * loads it into the global scope. A modular QEMU may load libblkio with its
 * block module in a local scope that RTLD_NEXT does not search; the module's
 * own calls still reach us (preloaded symbols come first), so ask the
 * already-loaded libblkio directly (RTLD_NOLOAD: never load it ourselves).
 */
static void *find_real(const char *name)
{
    void *fn = dlsym(RTLD_NEXT, name);
    if (fn == NULL) {
        void *lib = dlopen("libblkio.so.1", RTLD_LAZY | RTLD_NOLOAD);
        if (lib != NULL) {
            fn = dlsym(lib, name);
            dlclose(lib); /* drops only our reference; it stays loaded */
        }
    }
    return fn;
}

/*
 * Opens the capture file named by $REGIONSIM_CAPTURE and writes the header.
 * The descriptor is kept above 2 because a daemonizing QEMU dup2()s
 * /dev/null over 0, 1 and 2.
 */
static void open_capture(void)
{
    const char *path = getenv("REGIONSIM_CAPTURE");
    if (path == NULL || path[0] == '\0') {
        return;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "regionsim-capture: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    if (fd <= 2) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        close(fd);
        if (high < 0) {
            fprintf(stderr, "regionsim-capture: cannot open %s: %s\n", path, strerror(errno));
            return;
        }
        fd = high;
    }
    char header[64];
    int len = snprintf(header, sizeof header, "regionsim-capture 1 pid=%ld\n", (long)getpid());
    (void)!write(fd, header, (size_t)len);
    capture_fd = fd;
}

/* Runs once per process, on the first call of any wrapper. */
static void initialize(void)
{
    for (int id = 0; id < REAL_COUNT; id++) {
        real_fns[id] = find_real(real_names[id]);
    }
    open_capture();
}

/*
 * Returns the real function `id` (NULL if libblkio lacks it, reported once
 * on stderr), initializing on first use. errno is left as the caller had it.
 */
static void *real(enum real_id id)
{
    int saved_errno = errno;
    pthread_once(&initialized, initialize);
    void *fn = real_fns[id];
    if (fn == NULL && !__atomic_exchange_n(&missing_reported[id], 1, __ATOMIC_RELAXED)) {
        fprintf(stderr, "regionsim-capture: no real %s found (is libblkio loaded?)\n",
                real_names[id]);
    }
    errno = saved_errno;
    return fn;
}

/* Whether calls are being recorded (only valid after real()). */
static bool capturing(void)
{
    return capture_fd >= 0;
}

/* ---- building one record ------------------------------------------------ */

/* One record, built on the stack (no malloc on the call path). */
struct record {
    size_t len;
    char text[RECORD_MAX];
};

/*
 * Appends n bytes. The check never cuts a record in practice (RECORD_MAX
 * covers the longest one); it is there so that a mistake cannot overflow.
 */
static void put_bytes(struct record *r, const char *bytes, size_t n)
{
    size_t room = sizeof r->text - 1 - r->len; /* keep one byte for "\n" */
    if (n > room) {
        n = room;
    }
    memcpy(r->text + r->len, bytes, n);
    r->len += n;
}

/* Appends a NUL-terminated text as is (only for our own constant words). */
static void put_text(struct record *r, const char *text)
{
    put_bytes(r, text, strlen(text));
}

/* Unsigned decimal, without snprintf so the call path stays simple. */
static void put_decimal(struct record *r, uint64_t value)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    put_bytes(r, digits + sizeof digits - n, n);
}

/* Signed decimal: ret, fd, tid and int property values. */
static void put_signed(struct record *r, int64_t value)
{
    if (value < 0) {
        put_bytes(r, "-", 1);
        put_decimal(r, -(uint64_t)value); /* also right for INT64_MIN */
    } else {
        put_decimal(r, (uint64_t)value);
    }
}

/* Lower-case hex with 0x, no padding: handles, region fields, sizes. */
static void put_hex(struct record *r, uint64_t value)
{
    static const char hex[] = "0123456789abcdef";
    char digits[18] = "0x";
    size_t n = 0;
    char reversed[16];
    do {
        reversed[n++] = hex[value & 0xf];
        value >>= 4;
    } while (value != 0);
    for (size_t i = 0; i < n; i++) {
        digits[2 + i] = reversed[n - 1 - i];
    }
    put_bytes(r, digits, 2 + n);
}

/*
 * Percent-encodes a string so that a record stays one line of words: every
 * byte outside 0x21..0x7e, and '%' itself, becomes %XX (upper-case hex). An
 * empty string encodes to nothing. Only the first STRING_CUT bytes are
 * written; longer strings are cut silently.
 */
static void put_string(struct record *r, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (s == NULL) {
        put_text(r, "(null)");
        return;
    }
    size_t n = strnlen(s, STRING_CUT);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x21 && c <= 0x7e && c != '%') {
            put_bytes(r, (const char *)&c, 1);
        } else {
            char escaped[3] = {'%', hex[c >> 4], hex[c & 0xf]};
            put_bytes(r, escaped, 3);
        }
    }
}

/* Starts a record with its kind, the first word of the line. */
static void begin(struct record *r, const char *kind)
{
    r->len = 0;
    put_text(r, kind);
}

/* Starts a field: " key=". */
static void put_key(struct record *r, const char *key)
{
    put_bytes(r, " ", 1);
    put_text(r, key);
    put_bytes(r, "=", 1);
}

/* The field helpers: " key=" and the value in the format its kind needs. */
static void field_signed(struct record *r, const char *key, int64_t value)
{
    put_key(r, key);
    put_signed(r, value);
}

static void field_decimal(struct record *r, const char *key, uint64_t value)
{
    put_key(r, key);
    put_decimal(r, value);
}

static void field_hex(struct record *r, const char *key, uint64_t value)
{
    put_key(r, key);
    put_hex(r, value);
}

static void field_bool(struct record *r, const char *key, bool value)
{
    put_key(r, key);
    put_text(r, value ? "true" : "false");
}

static void field_string(struct record *r, const char *key, const char *value)
{
    put_key(r, key);
    put_string(r, value);
}

/* A value a get wrote through a NULL out-pointer cannot be read. */
static void field_null(struct record *r, const char *key)
{
    put_key(r, key);
    put_text(r, "(null)");
}

/* The instance, as the caller's pointer value. */
static void field_handle(struct record *r, const struct blkio *b)
{
    field_hex(r, "handle", (uint64_t)(uintptr_t)b);
}

/* The six fields of a region, in the header's order. */
static void field_region(struct record *r, const struct blkio_mem_region *region)
{
    if (region == NULL) {
        field_null(r, "region");
        return;
    }
    field_hex(r, "addr", (uint64_t)(uintptr_t)region->addr);
    field_hex(r, "len", (uint64_t)region->len);
    field_hex(r, "iova", region->iova);
    field_hex(r, "fd-offset", (uint64_t)region->fd_offset);
    field_signed(r, "fd", region->fd);
    field_hex(r, "flags", region->flags);
}

/*
 * What file backs a mapped region's fd, so that the importer can match
 * RAMBlocks to memory backends; left out when readlink fails. readlink
 * reads at most STRING_CUT bytes, which is the cut anyway.
 */
static void field_fd_path(struct record *r, int fd)
{
    char link[40];
    char target[STRING_CUT + 1];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, STRING_CUT);
    if (n < 0) {
        return;
    }
    target[n] = '\0';
    field_string(r, "fd-path", target);
}

/*
 * After a failure, libblkio's message for it (blkio_get_error_msg() is
 * per-thread and reading it does not change it).
 */
static void field_message_if_failed(struct record *r, int ret)
{
    if (ret >= 0) {
        return;
    }
    error_msg_fn *get_error_msg = (error_msg_fn *)real(REAL_GET_ERROR_MSG);
    field_string(r, "msg", get_error_msg != NULL ? get_error_msg() : NULL);
}

/* Ends the record with the thread id and writes it with one write(2). */
static void finish(struct record *r)
{
    field_signed(r, "tid", (int64_t)syscall(SYS_gettid));
    r->text[r->len++] = '\n'; /* put_bytes always leaves room for it */
    (void)!write(capture_fd, r->text, r->len);
}

/* The start shared by the property records: kind, handle, name. */
static void begin_property(struct record *r, const char *kind, const struct blkio *b,
                           const char *name)
{
    begin(r, kind);
    field_handle(r, b);
    field_string(r, "name", name);
}

/* ---- the wrapped libblkio functions ------------------------------------- */

/* Wraps blkio_create(). Record: create driver= ret= handle= [msg=] tid= */
int blkio_create(const char *driver, struct blkio **bp)
{
    create_fn *fn = (create_fn *)real(REAL_CREATE);
    int ret = fn != NULL ? fn(driver, bp) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin(&r, "create");
        field_string(&r, "driver", driver);
        field_signed(&r, "ret", ret);
        field_handle(&r, ret == 0 && bp != NULL ? *bp : NULL);
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* The record of blkio_connect() and blkio_start(): kind handle= ret= [msg=] */
static void record_instance_call(const char *kind, const struct blkio *b, int ret)
{
    struct record r;
    begin(&r, kind);
    field_handle(&r, b);
    field_signed(&r, "ret", ret);
    field_message_if_failed(&r, ret);
    finish(&r);
}

/* Wraps blkio_connect(). Record: connect handle= ret= [msg=] tid= */
int blkio_connect(struct blkio *b)
{
    instance_fn *fn = (instance_fn *)real(REAL_CONNECT);
    int ret = fn != NULL ? fn(b) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        record_instance_call("connect", b, ret);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_start(). Record: start handle= ret= [msg=] tid= */
int blkio_start(struct blkio *b)
{
    instance_fn *fn = (instance_fn *)real(REAL_START);
    int ret = fn != NULL ? fn(b) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        record_instance_call("start", b, ret);
    }
    errno = saved_errno;
    return ret;
}

/*
 * Wraps blkio_destroy(). Record: destroy handle= tid=, with the handle as
 * *bp was before the call (the call may clear it).
 */
void blkio_destroy(struct blkio **bp)
{
    destroy_fn *fn = (destroy_fn *)real(REAL_DESTROY);
    struct blkio *before = bp != NULL ? *bp : NULL;
    if (fn != NULL) {
        fn(bp);
    }
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin(&r, "destroy");
        field_handle(&r, before);
        finish(&r);
    }
    errno = saved_errno;
}

/* Wraps blkio_get_bool(). Record: get-bool handle= name= ret= [value=] [msg=] tid= */
int blkio_get_bool(struct blkio *b, const char *name, bool *value)
{
    get_bool_fn *fn = (get_bool_fn *)real(REAL_GET_BOOL);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "get-bool", b, name);
        field_signed(&r, "ret", ret);
        if (ret == 0 && value != NULL) {
            field_bool(&r, "value", *value);
        } else if (ret == 0) {
            field_null(&r, "value");
        }
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_get_int(). Record: get-int handle= name= ret= [value=] [msg=] tid= */
int blkio_get_int(struct blkio *b, const char *name, int *value)
{
    get_int_fn *fn = (get_int_fn *)real(REAL_GET_INT);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "get-int", b, name);
        field_signed(&r, "ret", ret);
        if (ret == 0 && value != NULL) {
            field_signed(&r, "value", *value);
        } else if (ret == 0) {
            field_null(&r, "value");
        }
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_get_uint64(). Record: get-uint64 handle= name= ret= [value=] [msg=] tid= */
int blkio_get_uint64(struct blkio *b, const char *name, uint64_t *value)
{
    get_uint64_fn *fn = (get_uint64_fn *)real(REAL_GET_UINT64);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "get-uint64", b, name);
        field_signed(&r, "ret", ret);
        if (ret == 0 && value != NULL) {
            field_decimal(&r, "value", *value);
        } else if (ret == 0) {
            field_null(&r, "value");
        }
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/*
 * Wraps blkio_get_str(). Record: get-str handle= name= ret= [value=] [msg=]
 * tid=. The string stays the caller's to free.
 */
int blkio_get_str(struct blkio *b, const char *name, char **value)
{
    get_str_fn *fn = (get_str_fn *)real(REAL_GET_STR);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "get-str", b, name);
        field_signed(&r, "ret", ret);
        if (ret == 0) {
            field_string(&r, "value", value != NULL ? *value : NULL);
        }
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_set_bool(). Record: set-bool handle= name= value= ret= [msg=] tid= */
int blkio_set_bool(struct blkio *b, const char *name, bool value)
{
    set_bool_fn *fn = (set_bool_fn *)real(REAL_SET_BOOL);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "set-bool", b, name);
        field_bool(&r, "value", value);
        field_signed(&r, "ret", ret);
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_set_int(). Record: set-int handle= name= value= ret= [msg=] tid= */
int blkio_set_int(struct blkio *b, const char *name, int value)
{
    set_int_fn *fn = (set_int_fn *)real(REAL_SET_INT);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "set-int", b, name);
        field_signed(&r, "value", value);
        field_signed(&r, "ret", ret);
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_set_uint64(). Record: set-uint64 handle= name= value= ret= [msg=] tid= */
int blkio_set_uint64(struct blkio *b, const char *name, uint64_t value)
{
    set_uint64_fn *fn = (set_uint64_fn *)real(REAL_SET_UINT64);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "set-uint64", b, name);
        field_decimal(&r, "value", value);
        field_signed(&r, "ret", ret);
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_set_str(). Record: set-str handle= name= value= ret= [msg=] tid= */
int blkio_set_str(struct blkio *b, const char *name, const char *value)
{
    set_str_fn *fn = (set_str_fn *)real(REAL_SET_STR);
    int ret = fn != NULL ? fn(b, name, value) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin_property(&r, "set-str", b, name);
        field_string(&r, "value", value);
        field_signed(&r, "ret", ret);
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/*
 * Wraps blkio_alloc_mem_region(). Record: alloc handle= size= ret= REGION
 * [msg=] tid=, with the region as it holds after the call, also on failure.
 */
int blkio_alloc_mem_region(struct blkio *b, struct blkio_mem_region *region, size_t len)
{
    alloc_fn *fn = (alloc_fn *)real(REAL_ALLOC_MEM_REGION);
    int ret = fn != NULL ? fn(b, region, len) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin(&r, "alloc");
        field_handle(&r, b);
        field_hex(&r, "size", (uint64_t)len);
        field_signed(&r, "ret", ret);
        field_region(&r, region);
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/*
 * The region as the caller passed it to unmap or free, copied before the
 * call: after a free the caller may no longer expect us to look at it.
 */
struct region_copy {
    bool present;
    struct blkio_mem_region region;
};

/* Snapshots the caller's region (or its absence). */
static struct region_copy copy_region(const struct blkio_mem_region *region)
{
    struct region_copy copy = {.present = region != NULL};
    if (region != NULL) {
        copy.region = *region;
    }
    return copy;
}

/* The record of blkio_unmap_mem_region() and blkio_free_mem_region(). */
static void record_region_release(const char *kind, const struct blkio *b,
                                  const struct region_copy *copy)
{
    struct record r;
    begin(&r, kind);
    field_handle(&r, b);
    field_region(&r, copy->present ? &copy->region : NULL);
    finish(&r);
}

/* Wraps blkio_free_mem_region(). Record: free handle= REGION tid= */
void blkio_free_mem_region(struct blkio *b, const struct blkio_mem_region *region)
{
    unmap_fn *fn = (unmap_fn *)real(REAL_FREE_MEM_REGION);
    struct region_copy copy = copy_region(region);
    if (fn != NULL) {
        fn(b, region);
    }
    int saved_errno = errno;
    if (capturing()) {
        record_region_release("free", b, &copy);
    }
    errno = saved_errno;
}

/*
 * Wraps blkio_map_mem_region(). Record: map handle= REGION ret= [fd-path=]
 * [msg=] tid=. fd-path is looked up after the call, while the caller still
 * holds the fd.
 */
int blkio_map_mem_region(struct blkio *b, const struct blkio_mem_region *region)
{
    map_fn *fn = (map_fn *)real(REAL_MAP_MEM_REGION);
    int ret = fn != NULL ? fn(b, region) : -ENOSYS;
    int saved_errno = errno;
    if (capturing()) {
        struct record r;
        begin(&r, "map");
        field_handle(&r, b);
        field_region(&r, region);
        field_signed(&r, "ret", ret);
        if (region != NULL && region->fd >= 0) {
            field_fd_path(&r, region->fd);
        }
        field_message_if_failed(&r, ret);
        finish(&r);
    }
    errno = saved_errno;
    return ret;
}

/* Wraps blkio_unmap_mem_region(). Record: unmap handle= REGION tid= */
void blkio_unmap_mem_region(struct blkio *b, const struct blkio_mem_region *region)
{
    unmap_fn *fn = (unmap_fn *)real(REAL_UNMAP_MEM_REGION);
    struct region_copy copy = copy_region(region);
    if (fn != NULL) {
        fn(b, region);
    }
    int saved_errno = errno;
    if (capturing()) {
        record_region_release("unmap", b, &copy);
    }
    errno = saved_errno;
}
