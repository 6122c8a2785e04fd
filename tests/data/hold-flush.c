/*
 * hold-flush.c: preloaded by tests (LD_PRELOAD) to hold a command between
 * its commit and its first flush of standard output, so that another run
 * can come in between.  The first fflush(stdout) creates the file named
 * by $HOLD_HELD, then waits (at most 60 s) until $HOLD_GO exists.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int
fflush(FILE *fp)
{
	static int (*real)(FILE *);
	static int held;
	const char *mark = getenv("HOLD_HELD"), *go = getenv("HOLD_GO");

	if (real == NULL)
		real = (int (*)(FILE *))dlsym(RTLD_NEXT, "fflush");
	if (fp == stdout && !held && mark && go) {
		struct stat st;
		FILE *f = fopen(mark, "w");

		held = 1;
		if (f)
			fclose(f);
		for (int i = 0; i < 1200 && stat(go, &st) != 0; i++)
			usleep(50000);
	}
	return real(fp);
}
