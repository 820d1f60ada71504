/*
 * regionsim-capture: an LD_PRELOAD library that records QEMU's calls into
 * libblkio's memory-region and property API, one line per call, into the
 * file named by $REGIONSIM_CAPTURE (format: see capture.c).
 *
 * There is no libblkio header on the build machine, so the types and the
 * prototypes the interposer defines are declared here, in our own words,
 * from libblkio's documented C API (include/blkio.h). The field order of
 * struct blkio_mem_region is the header's order, which is the ABI.
 */
#ifndef REGIONSIM_CAPTURE_H
#define REGIONSIM_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* libblkio's instance: opaque to callers, and to us. */
struct blkio;

/* libblkio's description of a memory region, in include/blkio.h's order. */
struct blkio_mem_region {
    void *addr;
    size_t len;
    uint64_t iova;
    int64_t fd_offset;
    int fd;
    uint32_t flags;
};

/* The libblkio functions the interposer wraps (and forwards). */
int blkio_create(const char *driver, struct blkio **bp);
int blkio_connect(struct blkio *b);
int blkio_start(struct blkio *b);
void blkio_destroy(struct blkio **bp);
int blkio_get_bool(struct blkio *b, const char *name, bool *value);
int blkio_get_int(struct blkio *b, const char *name, int *value);
int blkio_get_uint64(struct blkio *b, const char *name, uint64_t *value);
int blkio_get_str(struct blkio *b, const char *name, char **value);
int blkio_set_bool(struct blkio *b, const char *name, bool value);
int blkio_set_int(struct blkio *b, const char *name, int value);
int blkio_set_uint64(struct blkio *b, const char *name, uint64_t value);
int blkio_set_str(struct blkio *b, const char *name, const char *value);
int blkio_alloc_mem_region(struct blkio *b, struct blkio_mem_region *region, size_t len);
void blkio_free_mem_region(struct blkio *b, const struct blkio_mem_region *region);
int blkio_map_mem_region(struct blkio *b, const struct blkio_mem_region *region);
void blkio_unmap_mem_region(struct blkio *b, const struct blkio_mem_region *region);

#endif
