/*
 * tests/fuzz/fuzz.h: what the libFuzzer targets share.  Parsers that take
 * a path get the input through a memfd, named /proc/self/fd/N, so the
 * real open/read path is what gets fuzzed.
 */
#ifndef GOVKIT_FUZZ_H
#define GOVKIT_FUZZ_H

#define _GNU_SOURCE
#include "govkit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A file holding data; fills path; returns the fd to close, or -1. */
static inline int
fuzz_file(const uint8_t *data, size_t size, char path[64])
{
	int fd = memfd_create("govkit-fuzz", 0);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

/* Every line of out[0..n) a JSON object as jl_next reads it (what a
 * tool writes as JSON Lines, the next tool in a pipe reads); each object
 * given to each (NULL: none); aborts, saying why, when not. */
static inline void
fuzz_jsonl_output(const char *who, const char *out, size_t n,
		  void (*each)(const cJSON *))
{
	struct jl_reader jr;
	struct gk_err e;
	cJSON *obj;
	char path[64];
	int fd = fuzz_file((const uint8_t *)out, n, path), got;

	if (fd < 0)
		return;
	if (jl_open(&jr, path, &e) != 0) {
		dprintf(2, "%s: output not readable: %s\n", who, e.msg);
		abort();
	}
	while ((got = jl_next(&jr, &obj, &e)) != 0) {
		if (got < 0) {
			dprintf(2, "%s: output not JSON Lines: %s\n%.*s\n", who,
				e.msg, (int)n, out);
			abort();
		}
		if (each)
			each(obj);
		cJSON_Delete(obj);
	}
	jl_close(&jr);
	close(fd);
}

#endif
