/*
 * A stand-in libblkio (built as libblkio.so.1) for testing regionsim's
 * capture interposer without a real libblkio or a real device.
 *
 * It follows libblkio's documented behaviour for what QEMU's blkio driver
 * uses: drivers and their created -> connected -> started states, typed
 * properties, and memory regions (map/unmap bookkeeping, alloc/free of real
 * shared memory). It does no I/O. Values of the read-only properties are
 * stand-ins except the memory-region ones, which follow each driver.
 *
 * Build: cc -shared -fPIC -o libblkio.so.1 -Wl,-soname,libblkio.so.1 fake-libblkio.c
 */
#define _GNU_SOURCE
#include "fake-blkio.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- error messages ----------------------------------------------------- */

/* Per thread, like libblkio's: "" until this thread's first failure. */
static _Thread_local char error_msg[256];

/* Stands in for blkio_get_error_msg(): the calling thread's last failure. */
const char *blkio_get_error_msg(void)
{
    return error_msg;
}

/* Records this thread's message for a failure and returns err (< 0). */
__attribute__((format(printf, 2, 3))) static int fail(int err, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(error_msg, sizeof error_msg, format, args);
    va_end(args);
    return err;
}

/* ---- drivers ------------------------------------------------------------ */

struct driver {
    const char *name;
    bool needs_mem_regions;
    bool needs_mem_region_fd;
    uint64_t mem_region_alignment;
    bool may_pin_mem_regions;
    uint64_t max_mem_regions;
    bool has_direct; /* the "direct" property: io_uring only */
    bool has_fd;     /* the "fd" property: virtio-blk-vhost-vdpa only */
};

/* max-mem-regions: 509 for vhost-user (its memory table); stand-ins otherwise. */
static const struct driver drivers[] = {
    {"io_uring", false, false, 1, false, UINT64_MAX, true, false},
    {"nvme-io_uring", false, false, 512, false, UINT64_MAX, false, false},
    {"virtio-blk-vfio-pci", true, false, 4096, true, 65535, false, false},
    {"virtio-blk-vhost-user", true, true, 1, true, 509, false, false},
    {"virtio-blk-vhost-vdpa", true, true, 4096, true, 65535, false, true},
};

/* The driver named by blkio_create(), or NULL for an unknown one. */
static const struct driver *find_driver(const char *name)
{
    for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++) {
        if (strcmp(drivers[i].name, name) == 0) {
            return &drivers[i];
        }
    }
    return NULL;
}

/* ---- instances and their regions ---------------------------------------- */

enum state { CREATED, CONNECTED, STARTED };

struct region_list {
    struct blkio_mem_region *items;
    size_t count;
    size_t capacity;
};

struct blkio {
    pthread_mutex_t lock; /* map/unmap may come from several threads */
    const struct driver *driver;
    enum state state;
    char *path;
    bool read_only;
    bool direct;
    int fd;
    struct region_list mapped;
    struct region_list allocated;
};

/* Regions are "identical" when every field matches, as libblkio requires. */
static bool same_region(const struct blkio_mem_region *a, const struct blkio_mem_region *b)
{
    return a->addr == b->addr && a->len == b->len && a->iova == b->iova &&
           a->fd_offset == b->fd_offset && a->fd == b->fd && a->flags == b->flags;
}

/* The index of an identical region, or -1. */
static ptrdiff_t list_find(const struct region_list *list, const struct blkio_mem_region *region)
{
    for (size_t i = 0; i < list->count; i++) {
        if (same_region(&list->items[i], region)) {
            return (ptrdiff_t)i;
        }
    }
    return -1;
}

/* Remembers a region (the list grows by doubling). */
static int list_add(struct region_list *list, const struct blkio_mem_region *region)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity != 0 ? 2 * list->capacity : 16;
        void *items = realloc(list->items, capacity * sizeof *list->items);
        if (items == NULL) {
            return fail(-ENOMEM, "out of memory for the region list");
        }
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = *region;
    return 0;
}

/* Order does not matter, so the last item fills the hole. */
static void list_remove_at(struct region_list *list, size_t index)
{
    list->items[index] = list->items[--list->count];
}

/* ---- properties --------------------------------------------------------- */

enum type { TYPE_BOOL, TYPE_INT, TYPE_UINT64, TYPE_STR };

static const char *const type_names[] = {"bool", "int", "uint64", "str"};

/*
 * SET_BEFORE_CONNECT: readable always, settable only while created.
 * READ_AFTER_CONNECT: never settable (-EACCES), and - our choice - not
 * readable before connect either (-EBUSY), as the device is not known yet.
 */
enum access { SET_BEFORE_CONNECT, READ_AFTER_CONNECT };

enum property_id {
    PATH,
    READ_ONLY,
    DIRECT,
    FD,
    NEEDS_MEM_REGIONS,
    NEEDS_MEM_REGION_FD,
    MEM_REGION_ALIGNMENT,
    MAY_PIN_MEM_REGIONS,
    MAX_MEM_REGIONS,
    CAPACITY,
    REQUEST_ALIGNMENT,
    OPTIMAL_IO_SIZE,
    MAX_TRANSFER,
    BUF_ALIGNMENT,
    OPTIMAL_BUF_ALIGNMENT,
    MAX_SEGMENTS,
};

struct property {
    enum property_id id;
    const char *name;
    enum type type;
    enum access access;
};

static const struct property properties[] = {
    {PATH, "path", TYPE_STR, SET_BEFORE_CONNECT},
    {READ_ONLY, "read-only", TYPE_BOOL, SET_BEFORE_CONNECT},
    {DIRECT, "direct", TYPE_BOOL, SET_BEFORE_CONNECT},
    {FD, "fd", TYPE_INT, SET_BEFORE_CONNECT},
    {NEEDS_MEM_REGIONS, "needs-mem-regions", TYPE_BOOL, READ_AFTER_CONNECT},
    {NEEDS_MEM_REGION_FD, "needs-mem-region-fd", TYPE_BOOL, READ_AFTER_CONNECT},
    {MEM_REGION_ALIGNMENT, "mem-region-alignment", TYPE_UINT64, READ_AFTER_CONNECT},
    {MAY_PIN_MEM_REGIONS, "may-pin-mem-regions", TYPE_BOOL, READ_AFTER_CONNECT},
    {MAX_MEM_REGIONS, "max-mem-regions", TYPE_UINT64, READ_AFTER_CONNECT},
    {CAPACITY, "capacity", TYPE_UINT64, READ_AFTER_CONNECT},
    {REQUEST_ALIGNMENT, "request-alignment", TYPE_INT, READ_AFTER_CONNECT},
    {OPTIMAL_IO_SIZE, "optimal-io-size", TYPE_INT, READ_AFTER_CONNECT},
    {MAX_TRANSFER, "max-transfer", TYPE_INT, READ_AFTER_CONNECT},
    {BUF_ALIGNMENT, "buf-alignment", TYPE_INT, READ_AFTER_CONNECT},
    {OPTIMAL_BUF_ALIGNMENT, "optimal-buf-alignment", TYPE_INT, READ_AFTER_CONNECT},
    {MAX_SEGMENTS, "max-segments", TYPE_INT, READ_AFTER_CONNECT},
};

/* The stand-in disk: 1 GiB, 512-byte sectors, 1 MiB transfers. */
#define CAPACITY_BYTES (UINT64_C(1) << 30)

union value {
    bool b;
    int i;
    uint64_t u;
    const char *s;
};

/* Whether this instance's driver has the property (direct and fd are per driver). */
static bool driver_has(const struct blkio *b, enum property_id id)
{
    if (id == DIRECT) {
        return b->driver->has_direct;
    }
    if (id == FD) {
        return b->driver->has_fd;
    }
    return true;
}

/* Finds a property by name; -ENOENT when this driver does not have it. */
static int find_property(const struct blkio *b, const char *name, const struct property **out)
{
    if (b == NULL || name == NULL) {
        return fail(-EINVAL, "missing instance or property name");
    }
    for (size_t i = 0; i < sizeof properties / sizeof properties[0]; i++) {
        if (strcmp(properties[i].name, name) == 0 && driver_has(b, properties[i].id)) {
            *out = &properties[i];
            return 0;
        }
    }
    return fail(-ENOENT, "unknown property \"%s\" for driver %s", name, b->driver->name);
}

/* Finds a property for a typed get/set: -ENOTTY when its type differs. */
static int find_typed(const struct blkio *b, const char *name, enum type type,
                      const struct property **out)
{
    int ret = find_property(b, name, out);
    if (ret == 0 && (*out)->type != type) {
        return fail(-ENOTTY, "property \"%s\" is a %s, not a %s", name, type_names[(*out)->type],
                    type_names[type]);
    }
    return ret;
}

/* Reads a property's current value (strings stay owned by the instance). */
static int read_property(const struct blkio *b, const struct property *p, union value *v)
{
    const struct driver *d = b->driver;
    if (p->access == READ_AFTER_CONNECT && b->state == CREATED) {
        return fail(-EBUSY, "property \"%s\" can only be read after connect", p->name);
    }
    switch (p->id) {
    case PATH: v->s = b->path != NULL ? b->path : ""; break;
    case READ_ONLY: v->b = b->read_only; break;
    case DIRECT: v->b = b->direct; break;
    case FD: v->i = b->fd; break;
    case NEEDS_MEM_REGIONS: v->b = d->needs_mem_regions; break;
    case NEEDS_MEM_REGION_FD: v->b = d->needs_mem_region_fd; break;
    case MEM_REGION_ALIGNMENT: v->u = d->mem_region_alignment; break;
    case MAY_PIN_MEM_REGIONS: v->b = d->may_pin_mem_regions; break;
    case MAX_MEM_REGIONS: v->u = d->max_mem_regions; break;
    case CAPACITY: v->u = CAPACITY_BYTES; break;
    case REQUEST_ALIGNMENT: v->i = 512; break;
    case OPTIMAL_IO_SIZE: v->i = 0; break;
    case MAX_TRANSFER: v->i = 1 << 20; break;
    case BUF_ALIGNMENT: v->i = 512; break;
    case OPTIMAL_BUF_ALIGNMENT: v->i = 4096; break;
    case MAX_SEGMENTS: v->i = 128; break;
    }
    return 0;
}

/* Writes a settable property; only while the instance is created. */
static int write_property(struct blkio *b, const struct property *p, union value v)
{
    if (p->access == READ_AFTER_CONNECT) {
        return fail(-EACCES, "property \"%s\" is read-only", p->name);
    }
    if (b->state != CREATED) {
        return fail(-EBUSY, "property \"%s\" can only be set before connect", p->name);
    }
    switch (p->id) {
    case PATH: {
        char *copy = strdup(v.s != NULL ? v.s : "");
        if (copy == NULL) {
            return fail(-ENOMEM, "out of memory");
        }
        free(b->path);
        b->path = copy;
        break;
    }
    case READ_ONLY: b->read_only = v.b; break;
    case DIRECT: b->direct = v.b; break;
    case FD:
        if (v.i < -1) {
            return fail(-EINVAL, "invalid fd %d", v.i);
        }
        b->fd = v.i; /* -1 is accepted: QEMU probes support with it */
        break;
    default: break; /* the rest are READ_AFTER_CONNECT */
    }
    return 0;
}

/* A typed get: find with the type check, read under the lock. */
static int get_typed(struct blkio *b, const char *name, enum type type, const void *out,
                     union value *v)
{
    if (out == NULL) {
        return fail(-EINVAL, "missing value pointer");
    }
    const struct property *p;
    int ret = find_typed(b, name, type, &p);
    if (ret != 0) {
        return ret;
    }
    pthread_mutex_lock(&b->lock);
    ret = read_property(b, p, v);
    pthread_mutex_unlock(&b->lock);
    return ret;
}

/* A typed set: find with the type check, write under the lock. */
static int set_typed(struct blkio *b, const char *name, enum type type, union value v)
{
    const struct property *p;
    int ret = find_typed(b, name, type, &p);
    if (ret != 0) {
        return ret;
    }
    pthread_mutex_lock(&b->lock);
    ret = write_property(b, p, v);
    pthread_mutex_unlock(&b->lock);
    return ret;
}

/* Stands in for blkio_get_bool(). */
int blkio_get_bool(struct blkio *b, const char *name, bool *value)
{
    union value v;
    int ret = get_typed(b, name, TYPE_BOOL, value, &v);
    if (ret == 0) {
        *value = v.b;
    }
    return ret;
}

/* Stands in for blkio_get_int(). */
int blkio_get_int(struct blkio *b, const char *name, int *value)
{
    union value v;
    int ret = get_typed(b, name, TYPE_INT, value, &v);
    if (ret == 0) {
        *value = v.i;
    }
    return ret;
}

/* Stands in for blkio_get_uint64(). */
int blkio_get_uint64(struct blkio *b, const char *name, uint64_t *value)
{
    union value v;
    int ret = get_typed(b, name, TYPE_UINT64, value, &v);
    if (ret == 0) {
        *value = v.u;
    }
    return ret;
}

/* The text libblkio's get_str gives for a property of any type. */
static char *value_as_text(enum type type, union value v)
{
    char text[32];
    switch (type) {
    case TYPE_STR: return strdup(v.s);
    case TYPE_BOOL: return strdup(v.b ? "true" : "false");
    case TYPE_INT: snprintf(text, sizeof text, "%d", v.i); break;
    case TYPE_UINT64: snprintf(text, sizeof text, "%" PRIu64, v.u); break;
    }
    return strdup(text);
}

/*
 * Stands in for blkio_get_str(): like libblkio, it converts properties of
 * any type to text. The caller frees the string with free().
 */
int blkio_get_str(struct blkio *b, const char *name, char **value)
{
    if (value == NULL) {
        return fail(-EINVAL, "missing value pointer");
    }
    const struct property *p;
    int ret = find_property(b, name, &p);
    if (ret != 0) {
        return ret;
    }
    union value v;
    pthread_mutex_lock(&b->lock);
    ret = read_property(b, p, &v);
    char *text = ret == 0 ? value_as_text(p->type, v) : NULL;
    pthread_mutex_unlock(&b->lock);
    if (ret == 0 && text == NULL) {
        return fail(-ENOMEM, "out of memory");
    }
    if (ret == 0) {
        *value = text;
    }
    return ret;
}

/* Stands in for blkio_set_bool(). */
int blkio_set_bool(struct blkio *b, const char *name, bool value)
{
    return set_typed(b, name, TYPE_BOOL, (union value){.b = value});
}

/* Stands in for blkio_set_int(). */
int blkio_set_int(struct blkio *b, const char *name, int value)
{
    return set_typed(b, name, TYPE_INT, (union value){.i = value});
}

/* Stands in for blkio_set_uint64(). */
int blkio_set_uint64(struct blkio *b, const char *name, uint64_t value)
{
    return set_typed(b, name, TYPE_UINT64, (union value){.u = value});
}

/* Parses text for set_str on a property that is not a string. */
static int value_from_text(const struct property *p, const char *text, union value *v)
{
    char *end = NULL;
    errno = 0;
    switch (p->type) {
    case TYPE_STR: v->s = text; return 0;
    case TYPE_BOOL:
        if (strcmp(text, "true") != 0 && strcmp(text, "false") != 0) {
            return fail(-EINVAL, "property \"%s\" needs true or false", p->name);
        }
        v->b = strcmp(text, "true") == 0;
        return 0;
    case TYPE_INT: {
        long parsed = strtol(text, &end, 10);
        if (errno != 0 || *text == '\0' || *end != '\0' || parsed < INT_MIN || parsed > INT_MAX) {
            return fail(-EINVAL, "property \"%s\" needs an int", p->name);
        }
        v->i = (int)parsed;
        return 0;
    }
    case TYPE_UINT64:
        v->u = strtoull(text, &end, 10);
        if (errno != 0 || *text == '\0' || *end != '\0') {
            return fail(-EINVAL, "property \"%s\" needs a uint64", p->name);
        }
        return 0;
    }
    return fail(-EINVAL, "property \"%s\" has no type", p->name);
}

/* Stands in for blkio_set_str(): like libblkio, it converts text to any type. */
int blkio_set_str(struct blkio *b, const char *name, const char *value)
{
    const struct property *p;
    int ret = find_property(b, name, &p);
    if (ret != 0) {
        return ret;
    }
    if (value == NULL) {
        return fail(-EINVAL, "missing value for property \"%s\"", name);
    }
    union value v;
    ret = value_from_text(p, value, &v);
    if (ret != 0) {
        return ret;
    }
    pthread_mutex_lock(&b->lock);
    ret = write_property(b, p, v);
    pthread_mutex_unlock(&b->lock);
    return ret;
}

/* ---- lifecycle ---------------------------------------------------------- */

/* Stands in for blkio_create(): *bp is NULL after a failure. */
int blkio_create(const char *driver, struct blkio **bp)
{
    if (bp == NULL) {
        return fail(-EINVAL, "missing instance pointer");
    }
    *bp = NULL;
    const struct driver *d = driver != NULL ? find_driver(driver) : NULL;
    if (d == NULL) {
        return fail(-ENOENT, "unknown driver \"%s\"", driver != NULL ? driver : "(null)");
    }
    struct blkio *b = calloc(1, sizeof *b);
    if (b == NULL) {
        return fail(-ENOMEM, "out of memory");
    }
    pthread_mutex_init(&b->lock, NULL);
    b->driver = d;
    b->state = CREATED;
    b->fd = -1;
    *bp = b;
    return 0;
}

/*
 * Stands in for blkio_connect(). The device must be named first: by path,
 * or for virtio-blk-vhost-vdpa by fd. Nothing is opened.
 */
int blkio_connect(struct blkio *b)
{
    if (b == NULL) {
        return fail(-EINVAL, "missing instance");
    }
    int ret = 0;
    pthread_mutex_lock(&b->lock);
    if (b->state != CREATED) {
        ret = fail(-EBUSY, "already connected");
    } else if ((b->path == NULL || b->path[0] == '\0') && b->fd < 0) {
        ret = fail(-EINVAL, "%s needs \"path\" set before connect", b->driver->name);
    } else {
        b->state = CONNECTED;
    }
    pthread_mutex_unlock(&b->lock);
    return ret;
}

/* Stands in for blkio_start(). */
int blkio_start(struct blkio *b)
{
    if (b == NULL) {
        return fail(-EINVAL, "missing instance");
    }
    int ret = 0;
    pthread_mutex_lock(&b->lock);
    if (b->state == CREATED) {
        ret = fail(-EBUSY, "start needs a connected instance");
    } else if (b->state == STARTED) {
        ret = fail(-EBUSY, "already started");
    } else {
        b->state = STARTED;
    }
    pthread_mutex_unlock(&b->lock);
    return ret;
}

/* Returns an allocated region's memory and fd. */
static void release_allocation(const struct blkio_mem_region *region)
{
    munmap(region->addr, region->len);
    close(region->fd);
}

/*
 * Stands in for blkio_destroy(): forgets every mapping, frees every
 * allocated region, and sets *bp to NULL.
 */
void blkio_destroy(struct blkio **bp)
{
    if (bp == NULL || *bp == NULL) {
        return;
    }
    struct blkio *b = *bp;
    for (size_t i = 0; i < b->allocated.count; i++) {
        release_allocation(&b->allocated.items[i]);
    }
    free(b->allocated.items);
    free(b->mapped.items);
    free(b->path);
    pthread_mutex_destroy(&b->lock);
    free(b);
    *bp = NULL;
}

/* ---- memory regions ----------------------------------------------------- */

/*
 * Stands in for blkio_map_mem_region(): only when started; addr and len
 * must be multiples of mem-region-alignment; mapping an identical region
 * twice is an error.
 */
int blkio_map_mem_region(struct blkio *b, const struct blkio_mem_region *region)
{
    if (b == NULL || region == NULL) {
        return fail(-EINVAL, "missing instance or region");
    }
    uint64_t alignment = b->driver->mem_region_alignment;
    int ret = 0;
    pthread_mutex_lock(&b->lock);
    if (b->state != STARTED) {
        ret = fail(-EBUSY, "mapping a region needs a started instance");
    } else if ((uintptr_t)region->addr % alignment != 0 || region->len % alignment != 0) {
        ret = fail(-EINVAL, "region addr and len must be multiples of %" PRIu64, alignment);
    } else if (list_find(&b->mapped, region) >= 0) {
        ret = fail(-EINVAL, "region is already mapped");
    } else {
        ret = list_add(&b->mapped, region);
    }
    pthread_mutex_unlock(&b->lock);
    return ret;
}

/* Stands in for blkio_unmap_mem_region(): forgets an identical mapped region; never fails. */
void blkio_unmap_mem_region(struct blkio *b, const struct blkio_mem_region *region)
{
    if (b == NULL || region == NULL) {
        return;
    }
    pthread_mutex_lock(&b->lock);
    ptrdiff_t index = list_find(&b->mapped, region);
    if (index >= 0) {
        list_remove_at(&b->mapped, (size_t)index);
    }
    pthread_mutex_unlock(&b->lock);
}

/* Shared memory of `size` bytes in a memfd, so the region has an fd to pass on. */
static int allocate_shared(size_t size, struct blkio_mem_region *region)
{
    int fd = memfd_create("fake-libblkio-region", MFD_CLOEXEC);
    if (fd < 0) {
        return fail(-errno, "memfd_create: %s", strerror(errno));
    }
    if (ftruncate(fd, (off_t)size) != 0) {
        int err = errno;
        close(fd);
        return fail(-err, "ftruncate: %s", strerror(err));
    }
    void *addr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (addr == MAP_FAILED) {
        int err = errno;
        close(fd);
        return fail(-err, "mmap: %s", strerror(err));
    }
    *region = (struct blkio_mem_region){.addr = addr, .len = size, .fd = fd};
    return 0;
}

/*
 * Stands in for blkio_alloc_mem_region(): only when started; len is rounded
 * up to mem-region-alignment; the region leaves with fd_offset, iova and
 * flags 0. The region is untouched on failure.
 */
int blkio_alloc_mem_region(struct blkio *b, struct blkio_mem_region *region, size_t len)
{
    if (b == NULL || region == NULL) {
        return fail(-EINVAL, "missing instance or region");
    }
    uint64_t alignment = b->driver->mem_region_alignment;
    size_t size = (size_t)((len + alignment - 1) / alignment * alignment);
    struct blkio_mem_region allocated;
    int ret = 0;
    pthread_mutex_lock(&b->lock);
    if (b->state != STARTED) {
        ret = fail(-EBUSY, "allocating a region needs a started instance");
    } else if (size == 0) {
        ret = fail(-EINVAL, "cannot allocate an empty region");
    } else {
        ret = allocate_shared(size, &allocated);
        if (ret == 0) {
            ret = list_add(&b->allocated, &allocated);
            if (ret != 0) {
                release_allocation(&allocated);
            }
        }
    }
    pthread_mutex_unlock(&b->lock);
    if (ret == 0) {
        *region = allocated;
    }
    return ret;
}

/*
 * Stands in for blkio_free_mem_region(): frees a region this instance
 * allocated (given exactly as allocated); anything else is ignored.
 */
void blkio_free_mem_region(struct blkio *b, const struct blkio_mem_region *region)
{
    if (b == NULL || region == NULL) {
        return;
    }
    pthread_mutex_lock(&b->lock);
    ptrdiff_t index = list_find(&b->allocated, region);
    if (index >= 0) {
        release_allocation(&b->allocated.items[index]);
        list_remove_at(&b->allocated, (size_t)index);
    }
    pthread_mutex_unlock(&b->lock);
}
