// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Helpers for the tools: memory, text tables, argument parsing.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static void __attribute__((noreturn)) out_of_memory(void)
{
	fputs("out of memory\n", stderr);
	exit(EXIT_FAIL);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t num, size_t size)
{
	void *p = calloc(num ? num : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		out_of_memory();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (ret < 0)
		out_of_memory();
	return p;
}

size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

char *flags_to_alloc_str(enum tapi_flag_kind kind, uint64_t flags,
			 const char *empty)
{
	char *buf;
	int len;

	if (!flags)
		return xstrdup(empty);
	len = tapi_flags_to_str(kind, flags, NULL, 0);
	if (len < 0)
		return xasprintf("0x%llx", (unsigned long long)flags);
	buf = xmalloc(len + 1);
	tapi_flags_to_str(kind, flags, buf, len + 1);
	return buf;
}

void table_init(struct table *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

void table_add_row(struct table *t, char **cells)
{
	size_t i;

	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 8;
		t->cells = realloc(t->cells,
				   t->alloc * t->ncols * sizeof(*t->cells));
		if (!t->cells)
			out_of_memory();
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = cells[i];
	t->nrows++;
}

void table_print(const struct table *t, FILE *f, const char *indent)
{
	size_t *width, r, c, w;
	const char *cell;

	width = xcalloc(t->ncols, sizeof(*width));
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			w = text_width(t->cells[r * t->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}

	for (r = 0; r < t->nrows; r++) {
		fputs(indent, f);
		for (c = 0; c < t->ncols; c++) {
			cell = t->cells[r * t->ncols + c];
			fputs(cell, f);
			if (c + 1 == t->ncols)
				break;
			/* Two spaces between columns; nothing trailing. */
			for (w = text_width(cell); w < width[c] + 2; w++)
				fputc(' ', f);
		}
		fputc('\n', f);
	}
	free(width);
}

void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

int parse_uint(const char *s, unsigned int *val)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > UINT_MAX)
		return -1;
	*val = v;
	return 0;
}

int parse_line_spec(const char *spec, char **card, unsigned int *line)
{
	const char *colon = strrchr(spec, ':');

	if (!colon || colon == spec || parse_uint(colon + 1, line))
		return -1;
	*card = xmalloc(colon - spec + 1);
	memcpy(*card, spec, colon - spec);
	(*card)[colon - spec] = '\0';
	return 0;
}
