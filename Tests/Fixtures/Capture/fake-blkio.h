/*
 * The C API of the stand-in libblkio (fake-libblkio.c): the subset of
 * libblkio's include/blkio.h that QEMU's blkio driver uses for setup and
 * memory regions, declared in our own words. Kept separate from the
 * interposer's header on purpose, so that a layout mistake in one of them
 * shows up as a wrong capture instead of being shared by both sides.
 */
#ifndef FAKE_BLKIO_H
#define FAKE_BLKIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct blkio;

struct blkio_mem_region {
    void *addr;
    size_t len;
    uint64_t iova;
    int64_t fd_offset;
    int fd;
    uint32_t flags;
};

const char *blkio_get_error_msg(void);
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
