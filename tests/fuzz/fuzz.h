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

#endif
