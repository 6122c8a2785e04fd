/*
 * tests/unit/tap.h: what the unit test programs share: checks that print
 * TAP lines, and the plan at the end (tap_done).  Each program includes
 * it once.
 */
#ifndef GOVKIT_TAP_H
#define GOVKIT_TAP_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int tests, failures;

static void
check(bool cond, const char *what)
{
	tests++;
	if (!cond)
		failures++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", tests, what);
}

/* The plan line; the exit status of the program. */
static int
tap_done(void)
{
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}

#endif
