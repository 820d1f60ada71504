/*
 * A stand-in for QEMU 10.2 using a virtio-blk-vhost-user disk through
 * libblkio, with virtio-blk's RAM registrar: it makes the libblkio calls
 * QEMU's block/blkio.c makes, in QEMU's order, over real memory, so that
 * regionsim's capture interposer can be tested without QEMU.
 *
 * usage: stand-in-qemu [--plant none|wrong-fd-offset|missing-unmap] --monitor DIR
 *
 * It writes what QEMU's monitor would show (`info ramblock`, `query-memdev`)
 * into DIR, and appends `event ramblock add|remove dimm0` lines to the file
 * named by $REGIONSIM_CAPTURE at the hot-plug and unplug. Its stdout lists
 * each libblkio call with its result but no addresses or fds, so it is the
 * same with and without the interposer. Exit status 0 when every call
 * behaved as expected.
 *
 * Plants (deliberate QEMU bugs, for the checker to find):
 *   wrong-fd-offset  dimm0 is mapped with fd_offset 0x1000 instead of 0;
 *   missing-unmap    dimm0 is unplugged without unmapping it.
 *
 * Build: cc -Wall -Werror -o stand-in-qemu stand-in-qemu.c -L DIR -l:libblkio.so.1
 */
#define _GNU_SOURCE
#include "fake-blkio.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)

/* ---- command line and results ------------------------------------------- */

enum plant { PLANT_NONE, PLANT_WRONG_FD_OFFSET, PLANT_MISSING_UNMAP };

static int failures;

/* Counts a call that did not return what this scenario expects. */
static void expect(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "stand-in-qemu: unexpected result: %s\n", what);
        failures++;
    }
}

/* Bad arguments: exit 2, as for any usage error. */
static void usage(void)
{
    fprintf(stderr,
            "usage: stand-in-qemu [--plant none|wrong-fd-offset|missing-unmap] --monitor DIR\n");
    exit(2);
}

/* The --plant argument. */
static enum plant parse_plant(const char *name)
{
    if (strcmp(name, "none") == 0) {
        return PLANT_NONE;
    }
    if (strcmp(name, "wrong-fd-offset") == 0) {
        return PLANT_WRONG_FD_OFFSET;
    }
    if (strcmp(name, "missing-unmap") == 0) {
        return PLANT_MISSING_UNMAP;
    }
    usage();
    return PLANT_NONE;
}

/* ---- RAM ---------------------------------------------------------------- */

/* A RAMBlock: host memory, optionally backed by an fd (a memfd here). */
struct ram_block {
    const char *name;
    void *host;
    uint64_t max_length;
    int fd;          /* -1: anonymous memory */
    uint64_t offset; /* its ram_addr_t, only shown by `info ramblock` */
    struct blkio_mem_region region;
    int mapped;
};

/* QEMU's RAM list: largest max_length first, ties in insertion order. */
struct ram_list {
    struct ram_block *blocks[8];
    size_t count;
    uint64_t created_bytes; /* sum of max lengths in creation order */
};

/* A failure of the machinery (not of a libblkio call): give up. */
static void die(const char *what)
{
    fprintf(stderr, "stand-in-qemu: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* Gives a block real memory: a shared memfd mapping, or anonymous memory. */
static void ram_allocate(struct ram_block *block, int with_fd)
{
    block->fd = -1;
    int flags = MAP_SHARED;
    if (with_fd) {
        block->fd = memfd_create(block->name, MFD_CLOEXEC);
        if (block->fd < 0 || ftruncate(block->fd, (off_t)block->max_length) != 0) {
            die("memfd");
        }
    } else {
        flags = MAP_PRIVATE | MAP_ANONYMOUS;
    }
    block->host = mmap(NULL, block->max_length, PROT_READ | PROT_WRITE, flags, block->fd, 0);
    if (block->host == MAP_FAILED) {
        die("mmap");
    }
}

/* Stands in for QEMU's RAMBlock creation (qemu_ram_alloc and friends). */
static struct ram_block *ram_create(struct ram_list *list, const char *name, uint64_t size,
                                    int with_fd)
{
    struct ram_block *block = calloc(1, sizeof *block);
    if (block == NULL) {
        die("calloc");
    }
    block->name = name;
    block->max_length = size;
    ram_allocate(block, with_fd);
    /* Any plausible ram_addr_t: the running sum, rounded up to 2 MiB. */
    block->offset = (list->created_bytes + 2 * MiB - 1) / (2 * MiB) * (2 * MiB);
    list->created_bytes += size;
    return block;
}

/* Inserts a block in list order (after blocks at least as large). */
static void ram_insert(struct ram_list *list, struct ram_block *block)
{
    size_t at = 0;
    while (at < list->count && list->blocks[at]->max_length >= block->max_length) {
        at++;
    }
    memmove(&list->blocks[at + 1], &list->blocks[at], (list->count - at) * sizeof block);
    list->blocks[at] = block;
    list->count++;
}

/* Drops a block from the RAM list, keeping the others in order. */
static void ram_remove(struct ram_list *list, struct ram_block *block)
{
    for (size_t i = 0; i < list->count; i++) {
        if (list->blocks[i] == block) {
            memmove(&list->blocks[i], &list->blocks[i + 1], (list->count - i - 1) * sizeof block);
            list->count--;
            return;
        }
    }
}

/* Gives a removed block's memory back. */
static void ram_free(struct ram_block *block)
{
    munmap(block->host, block->max_length);
    if (block->fd >= 0) {
        close(block->fd);
    }
    free(block);
}

/* ---- the capture file's event lines ------------------------------------- */

/*
 * Appends an `event ...` line to $REGIONSIM_CAPTURE (when set), as a test
 * harness watching QEMU would: one write on an O_APPEND descriptor, so it
 * lands between the interposer's records.
 */
static void append_event(const char *line)
{
    const char *path = getenv("REGIONSIM_CAPTURE");
    if (path == NULL || path[0] == '\0') {
        return;
    }
    int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "stand-in-qemu: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    if (write(fd, line, strlen(line)) != (ssize_t)strlen(line)) {
        fprintf(stderr, "stand-in-qemu: cannot append to %s\n", path);
    }
    close(fd);
}

/* ---- the blkio driver: open (QEMU 10.2 blkio_open) ---------------------- */

/* What the driver reads at open and keeps. */
struct driver_state {
    struct blkio *b;
    bool needs_mem_regions;
    bool needs_mem_region_fd;
    uint64_t mem_region_alignment;
    bool may_pin_mem_regions;
};

/* blkio_get_bool() as the driver makes it, printed with its result and the value read. */
static int get_bool(struct blkio *b, const char *name, bool *value)
{
    int ret = blkio_get_bool(b, name, value);
    printf("get-bool %s ret=%d", name, ret);
    if (ret == 0) {
        printf(" value=%s", *value ? "true" : "false");
    }
    printf("\n");
    expect(ret == 0, name);
    return ret;
}

/* blkio_get_uint64(), printed (see get_bool). */
static int get_uint64(struct blkio *b, const char *name, uint64_t *value)
{
    int ret = blkio_get_uint64(b, name, value);
    printf("get-uint64 %s ret=%d", name, ret);
    if (ret == 0) {
        printf(" value=%" PRIu64, *value);
    }
    printf("\n");
    expect(ret == 0, name);
    return ret;
}

/* blkio_get_int(), printed (see get_bool). */
static int get_int(struct blkio *b, const char *name, int *value)
{
    int ret = blkio_get_int(b, name, value);
    printf("get-int %s ret=%d", name, ret);
    if (ret == 0) {
        printf(" value=%d", *value);
    }
    printf("\n");
    expect(ret == 0, name);
    return ret;
}

/*
 * QEMU 10.2's blkio_virtio_blk_connect for vhost-user: probe fd passing
 * with set_int("fd", -1), which vhost-user does not support, so fall back
 * to the socket path; then connect.
 */
static void virtio_blk_connect(struct blkio *b)
{
    int ret = blkio_set_int(b, "fd", -1);
    printf("set-int fd ret=%d\n", ret);
    expect(ret < 0, "set-int fd (vhost-user has no fd property)");

    ret = blkio_set_str(b, "path", "/tmp/vhost-user-blk.sock");
    printf("set-str path ret=%d\n", ret);
    expect(ret == 0, "set-str path");

    ret = blkio_connect(b);
    printf("connect ret=%d\n", ret);
    expect(ret == 0, "connect");
}

/*
 * QEMU 10.2's blkio_open, then the block layer's bdrv_refresh_total_sectors
 * (capacity) and blkio_refresh_limits (the six int properties).
 */
static void blkio_open(struct driver_state *s)
{
    static const char *const limits[] = {"request-alignment",     "optimal-io-size",
                                         "max-transfer",          "buf-alignment",
                                         "optimal-buf-alignment", "max-segments"};
    int ret = blkio_create("virtio-blk-vhost-user", &s->b);
    printf("create virtio-blk-vhost-user ret=%d\n", ret);
    expect(ret == 0, "create");
    if (ret != 0) {
        exit(1);
    }
    virtio_blk_connect(s->b);
    get_bool(s->b, "needs-mem-regions", &s->needs_mem_regions);
    get_bool(s->b, "needs-mem-region-fd", &s->needs_mem_region_fd);
    get_uint64(s->b, "mem-region-alignment", &s->mem_region_alignment);
    get_bool(s->b, "may-pin-mem-regions", &s->may_pin_mem_regions);

    ret = blkio_start(s->b);
    printf("start ret=%d\n", ret);
    expect(ret == 0, "start");

    uint64_t capacity = 0;
    get_uint64(s->b, "capacity", &capacity);
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        int value = 0;
        get_int(s->b, limits[i], &value);
    }
}

/* ---- the RAM registrar (virtio-blk's, through blkio_register_buf) ------- */

/*
 * What the registrar does when a RAMBlock appears: map the whole block
 * (host, max length), with its fd when the driver needs fds; a block
 * without an fd cannot be mapped for such a driver and is skipped.
 */
static void register_block(struct driver_state *s, struct ram_block *block, int64_t fd_offset)
{
    if (s->needs_mem_regions && s->needs_mem_region_fd && block->fd < 0) {
        return;
    }
    block->region = (struct blkio_mem_region){
        .addr = block->host,
        .len = block->max_length,
        .fd = s->needs_mem_region_fd ? block->fd : -1,
        .fd_offset = fd_offset,
    };
    int ret = blkio_map_mem_region(s->b, &block->region);
    printf("map %s ret=%d\n", block->name, ret);
    expect(ret == 0, block->name);
    block->mapped = ret == 0;
}

/* The registrar's attach: every RAMBlock, in RAM list order. */
static void registrar_attach(struct driver_state *s, struct ram_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        register_block(s, list->blocks[i], 0);
    }
}

/* ---- the monitor's view ------------------------------------------------- */

static FILE *open_in(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *file = fopen(path, "w");
    if (file == NULL) {
        die(path);
    }
    return file;
}

/* QEMU 10.2's `info ramblock` (HMP), in RAM list order. */
static void write_info_ramblock(const char *dir, const struct ram_list *list)
{
    FILE *out = open_in(dir, "info-ramblock.txt");
    fprintf(out, "%24s %8s  %18s %18s %18s %18s %3s\n", "Block Name", "PSize", "Offset", "Used",
            "Total", "HVA", "RO");
    for (size_t i = 0; i < list->count; i++) {
        const struct ram_block *block = list->blocks[i];
        fprintf(out,
                "%24s %8s  0x%016" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64
                " %3s\n",
                block->name, "4 KiB", block->offset, block->max_length, block->max_length,
                (uint64_t)(uintptr_t)block->host, "rw");
    }
    fclose(out);
}

/* The QMP reply to query-memdev: only dimm0 has a memory backend. */
static void write_query_memdev(const char *dir)
{
    FILE *out = open_in(dir, "query-memdev.json");
    fprintf(out, "{\"return\": [{\"id\": \"dimm0\", \"size\": %" PRIu64 ", \"merge\": true, "
                 "\"dump\": true, \"prealloc\": false, \"share\": true, \"host-nodes\": [], "
                 "\"policy\": \"default\"}]}\n",
            32 * MiB);
    fclose(out);
}

/* ---- the scenario ------------------------------------------------------- */

/*
 * QEMU's bounce pool for a request it cannot do from registered memory:
 * bytes + 128 KiB, rounded up to mem-region-alignment (as 10.2 does),
 * allocated and mapped, and kept.
 */
static void bounce_pool(struct driver_state *s)
{
    uint64_t alignment = s->mem_region_alignment != 0 ? s->mem_region_alignment : 1;
    uint64_t size = (4 * KiB + 128 * KiB + alignment - 1) / alignment * alignment;
    struct blkio_mem_region pool = {0};
    int ret = blkio_alloc_mem_region(s->b, &pool, size);
    printf("alloc bounce-pool size=%" PRIu64 " ret=%d\n", size, ret);
    expect(ret == 0, "alloc bounce-pool");
    if (ret != 0) {
        return;
    }
    ret = blkio_map_mem_region(s->b, &pool);
    printf("map bounce-pool ret=%d\n", ret);
    expect(ret == 0, "map bounce-pool");
}

/* Unplugging dimm0: the registrar unmaps it (unless planted), then RAM goes. */
static void unplug(struct driver_state *s, struct ram_list *list, struct ram_block *dimm,
                   enum plant plant)
{
    append_event("event ramblock remove dimm0\n");
    if (dimm->mapped && plant != PLANT_MISSING_UNMAP) {
        blkio_unmap_mem_region(s->b, &dimm->region);
        printf("unmap %s\n", dimm->name);
    }
    ram_remove(list, dimm);
    ram_free(dimm);
}

/*
 * The scenario: RAM, the disk's open, the registrar, a DIMM hot-plug, the
 * monitor's view, a bounced request, the DIMM's unplug, exit.
 */
int main(int argc, char **argv)
{
    enum plant plant = PLANT_NONE;
    const char *monitor = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--plant") == 0 && i + 1 < argc) {
            plant = parse_plant(argv[++i]);
        } else if (strcmp(argv[i], "--monitor") == 0 && i + 1 < argc) {
            monitor = argv[++i];
        } else {
            usage();
        }
    }
    if (monitor == NULL) {
        usage();
    }
    if (mkdir(monitor, 0755) != 0 && errno != EEXIST) {
        die(monitor);
    }

    /* 1. RAM at machine creation. */
    struct ram_list list = {0};
    ram_insert(&list, ram_create(&list, "pc.ram", 64 * MiB, 1));
    ram_insert(&list, ram_create(&list, "vga.vram", 16 * MiB, 0));
    ram_insert(&list, ram_create(&list, "pc.bios", 256 * KiB, 0));

    /* 2-3. The disk opens; virtio-blk's registrar maps the RAM there is. */
    struct driver_state s = {0};
    blkio_open(&s);
    registrar_attach(&s, &list);

    /* 4. Hot-plug of a 32 MiB DIMM backed by a memfd memory backend. */
    append_event("event ramblock add dimm0\n");
    struct ram_block *dimm = ram_create(&list, "dimm0", 32 * MiB, 1);
    ram_insert(&list, dimm);
    register_block(&s, dimm, plant == PLANT_WRONG_FD_OFFSET ? 0x1000 : 0);

    /* 5. What the monitor shows now. */
    write_info_ramblock(monitor, &list);
    write_query_memdev(monitor);

    /* 6-7. A bounced guest request, then the DIMM's unplug. */
    bounce_pool(&s);
    unplug(&s, &list, dimm, plant);

    /* 8. Exit: bdrv_close_all() destroys the instance, no unmaps first. */
    blkio_destroy(&s.b);
    printf("destroy\n");
    expect(s.b == NULL, "destroy clears the instance pointer");

    while (list.count > 0) {
        struct ram_block *block = list.blocks[0];
        ram_remove(&list, block);
        ram_free(block);
    }
    return failures == 0 ? 0 : 1;
}
