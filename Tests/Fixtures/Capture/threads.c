/*
 * Thread-safety check of regionsim's capture interposer: 8 threads each
 * make 2000 map/unmap pairs (plus a failing duplicate map every 100th
 * time, to exercise the per-thread error message) on one started
 * io_uring instance of the stand-in libblkio, with the interposer
 * preloaded. Then it reads the capture file back and checks that every
 * line is whole (a known kind first, ` tid=N` last), and the counts.
 *
 * usage: REGIONSIM_CAPTURE=FILE LD_PRELOAD=libregionsim-capture.so threads
 * (FILE must not exist yet.)
 *
 * Build: cc -Wall -Werror -pthread -o threads threads.c -L DIR -l:libblkio.so.1
 */
#define _GNU_SOURCE
#include "fake-blkio.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define THREADS 8
#define PAIRS 2000
#define DUPLICATE_EVERY 100
#define DUPLICATES (PAIRS / DUPLICATE_EVERY)

static struct blkio *instance;
static char buffers[THREADS][4096];
static int thread_failures[THREADS];

/* One worker: its own buffer, so its regions never collide with another's. */
static void *worker(void *arg)
{
    int index = (int)(intptr_t)arg;
    for (int i = 0; i < PAIRS; i++) {
        struct blkio_mem_region region = {
            .addr = buffers[index], .len = sizeof buffers[index], .fd = -1};
        if (blkio_map_mem_region(instance, &region) != 0) {
            thread_failures[index]++;
        }
        if (i % DUPLICATE_EVERY == 0) {
            /* A second identical map fails, with this thread's own message. */
            if (blkio_map_mem_region(instance, &region) != -EINVAL ||
                blkio_get_error_msg()[0] == '\0') {
                thread_failures[index]++;
            }
        }
        blkio_unmap_mem_region(instance, &region);
    }
    return NULL;
}

/* A started io_uring instance (alignment 1, no regions needed, map still works). */
static int set_up(void)
{
    if (blkio_create("io_uring", &instance) != 0 ||
        blkio_set_str(instance, "path", "/dev/null") != 0 || blkio_connect(instance) != 0 ||
        blkio_start(instance) != 0) {
        fprintf(stderr, "threads: set-up failed: %s\n", blkio_get_error_msg());
        return -1;
    }
    return 0;
}

/* Starts the 8 workers and waits for them; every call must have done what was expected. */
static int run_workers(void)
{
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        if (pthread_create(&threads[i], NULL, worker, (void *)(intptr_t)i) != 0) {
            fprintf(stderr, "threads: pthread_create failed\n");
            return -1;
        }
    }
    int failures = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        failures += thread_failures[i];
    }
    if (failures != 0) {
        fprintf(stderr, "threads: %d calls returned something unexpected\n", failures);
        return -1;
    }
    return 0;
}

/* ---- reading the capture back ------------------------------------------- */

struct counts {
    long lines;
    long create, set_str, connect, start, destroy;
    long map_ok, map_failed_with_msg, unmap;
    long tids[THREADS + 1]; /* distinct tids seen on map/unmap lines */
    int tid_count;
    long bad;
};

static const char *const kinds[] = {"create", "set-str", "connect", "start",
                                    "destroy", "map", "unmap"};

/* Whether the line ends in " tid=DIGITS"; stores the tid. */
static int ends_with_tid(const char *line, long *tid)
{
    const char *at = strrchr(line, ' ');
    if (at == NULL || strncmp(at, " tid=", 5) != 0 || at[5] == '\0') {
        return 0;
    }
    char *end = NULL;
    *tid = strtol(at + 5, &end, 10);
    return *end == '\0' && *tid > 0;
}

/* The first word, if it is one of the kinds this test produces. */
static const char *kind_of(const char *line)
{
    size_t length = strcspn(line, " ");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strlen(kinds[i]) == length && strncmp(line, kinds[i], length) == 0) {
            return kinds[i];
        }
    }
    return NULL;
}

/* Collects the distinct threads that mapped (the 8 workers). */
static void note_tid(struct counts *c, long tid)
{
    for (int i = 0; i < c->tid_count; i++) {
        if (c->tids[i] == tid) {
            return;
        }
    }
    if (c->tid_count < THREADS + 1) {
        c->tids[c->tid_count++] = tid;
    } else {
        c->bad++;
    }
}

/* Checks one record line and counts it by kind and result. */
static void count_record(struct counts *c, const char *line)
{
    long tid = 0;
    const char *kind = kind_of(line);
    if (kind == NULL || !ends_with_tid(line, &tid)) {
        if (c->bad++ < 5) {
            fprintf(stderr, "threads: malformed line %ld: %s\n", c->lines, line);
        }
        return;
    }
    if (strcmp(kind, "map") == 0) {
        if (strstr(line, " ret=0 ") != NULL) {
            c->map_ok++;
        } else if (strstr(line, " ret=-22 msg=") != NULL) {
            c->map_failed_with_msg++;
        } else {
            c->bad++;
        }
        note_tid(c, tid);
    } else if (strcmp(kind, "unmap") == 0) {
        c->unmap++;
        note_tid(c, tid);
    } else if (strcmp(kind, "create") == 0) {
        c->create++;
    } else if (strcmp(kind, "set-str") == 0) {
        c->set_str++;
    } else if (strcmp(kind, "connect") == 0) {
        c->connect++;
    } else if (strcmp(kind, "start") == 0) {
        c->start++;
    } else {
        c->destroy++;
    }
}

/* Reads the whole capture back: header, every line whole, the counts. */
static int check_capture(const char *path)
{
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        fprintf(stderr, "threads: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct counts c = {0};
    char expected_header[64];
    snprintf(expected_header, sizeof expected_header, "regionsim-capture 1 pid=%ld",
             (long)getpid());
    char *line = NULL;
    size_t size = 0;
    ssize_t length;
    while ((length = getline(&line, &size, file)) >= 0) {
        c.lines++;
        if (length == 0 || line[length - 1] != '\n') {
            c.bad++;
            continue;
        }
        line[length - 1] = '\0';
        if (c.lines == 1) {
            c.bad += strcmp(line, expected_header) != 0;
        } else {
            count_record(&c, line);
        }
    }
    free(line);
    fclose(file);

    long maps = (long)THREADS * PAIRS;
    long want_lines = 1 + 5 + maps + (long)THREADS * DUPLICATES + maps;
    int ok = c.bad == 0 && c.lines == want_lines && c.create == 1 && c.set_str == 1 &&
             c.connect == 1 && c.start == 1 && c.destroy == 1 && c.map_ok == maps &&
             c.map_failed_with_msg == (long)THREADS * DUPLICATES && c.unmap == maps &&
             c.tid_count == THREADS;
    if (!ok) {
        fprintf(stderr,
                "threads: capture has %ld lines (want %ld), %ld malformed, map ok %ld, map "
                "failed %ld, unmap %ld, %d worker tids\n",
                c.lines, want_lines, c.bad, c.map_ok, c.map_failed_with_msg, c.unmap,
                c.tid_count);
        return -1;
    }
    printf("threads: %ld records from %d threads, all whole\n", c.lines - 1, THREADS + 1);
    return 0;
}

/* Set up, run the workers, destroy, then check what the interposer wrote. */
int main(void)
{
    const char *path = getenv("REGIONSIM_CAPTURE");
    if (path == NULL || path[0] == '\0') {
        fprintf(stderr,
                "usage: REGIONSIM_CAPTURE=FILE LD_PRELOAD=libregionsim-capture.so threads\n");
        return 2;
    }
    if (set_up() != 0 || run_workers() != 0) {
        return 1;
    }
    blkio_destroy(&instance);
    return check_capture(path) == 0 ? 0 : 1;
}
