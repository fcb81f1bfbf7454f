/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * TAP output for libtapi's unit tests: ok() prints one test line, tap_done()
 * the plan and the exit status.  Each test program includes it once.
 */
#ifndef _LIBTAPI_TESTS_TAP_H
#define _LIBTAPI_TESTS_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int test_num;
static int failures;

static void __attribute__((format(printf, 2, 3)))
ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	test_num++;
	printf("%s %d - ", cond ? "ok" : "not ok", test_num);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		failures++;
}

static inline bool streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Skip the whole program: an empty plan and why; its exit status. */
static int __attribute__((format(printf, 1, 2), unused))
tap_skip_all(const char *fmt, ...)
{
	va_list ap;

	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return 4;
}

/* The plan, last; the exit status of the program. */
static inline int tap_done(void)
{
	printf("1..%d\n", test_num);
	return failures ? 1 : 0;
}

#endif /* _LIBTAPI_TESTS_TAP_H */
