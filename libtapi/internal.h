/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtapi internals shared by the object files.  Nothing here is part of
 * the public API.
 */
#ifndef _LIBTAPI_INTERNAL_H
#define _LIBTAPI_INTERNAL_H

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "libtapi.h"

/* Marks a definition as exported; everything else is hidden. */
#define TAPI_API	__attribute__((visibility("default")))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Copy a fixed-size string from a kernel structure, guaranteeing NUL
 * termination whatever the kernel wrote.
 */
static inline void tapi_copy_kstr(char *dst, const char *src, size_t len)
{
	memcpy(dst, src, len);
	dst[len - 1] = '\0';
}

/*
 * Copy a caller's string into a fixed-size field of an ioctl structure
 * (already zeroed), with its NUL.  Never truncates.
 *
 * Return: 0, or -1 with errno %EINVAL if @src is NULL or does not fit.
 */
static inline int tapi_set_kstr(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!src) {
		errno = EINVAL;
		return -1;
	}
	n = strnlen(src, len);
	if (n >= len) {
		errno = EINVAL;
		return -1;
	}
	memcpy(dst, src, n);
	return 0;
}

/* The opaque event is the uapi record itself; the buffer reads into it. */
struct tapi_line_event {
	struct tapi_event ev;
};

_Static_assert(sizeof(struct tapi_line_event) == sizeof(struct tapi_event),
	       "events are read straight into an array of tapi_line_event");
_Static_assert(TAPI_LINE_EVENT_NUM_PARAMS ==
	       ARRAY_SIZE(((struct tapi_event *)0)->param),
	       "TAPI_LINE_EVENT_NUM_PARAMS out of step with the uapi");

#endif /* _LIBTAPI_INTERNAL_H */
