/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the tapi tools: JSON output, tables, argument parsing.
 * Not part of the library.
 */
#ifndef _TAPI_TOOL_H
#define _TAPI_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libtapi.h>

/* Exit codes of every tool. */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

/* ---- memory: the tools give up on allocation failure ---- */

void *xmalloc(size_t size);
void *xcalloc(size_t num, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- JSON ---- */

#define JSON_MAX_DEPTH	16

/**
 * struct json_writer - streaming writer of indented JSON
 * @f: where to write
 * @depth: current nesting depth
 * @count: members written so far at each depth
 * @inline_from: depth from which containers are written on one line, or 0
 */
struct json_writer {
	FILE *f;
	int depth;
	unsigned int count[JSON_MAX_DEPTH];
	int inline_from;
};

void json_init(struct json_writer *w, FILE *f);
/* @key is NULL for array elements and the top-level value. */
void json_begin_object(struct json_writer *w, const char *key);
/* An object on one line, with everything in it: for streams of objects. */
void json_begin_inline_object(struct json_writer *w, const char *key);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w, const char *key, bool one_line);
void json_end_array(struct json_writer *w);
void json_string(struct json_writer *w, const char *key, const char *value);
void json_uint(struct json_writer *w, const char *key, uint64_t value);
void json_int(struct json_writer *w, const char *key, int64_t value);
void json_bool(struct json_writer *w, const char *key, bool value);
/* An array of the names of the bits set; unnamed bits as "0x..." strings. */
void json_flags(struct json_writer *w, const char *key,
		enum tapi_flag_kind kind, uint64_t flags);
/* Finish the document (a newline after the top-level value). */
void json_finish(struct json_writer *w);

/* Write @s as a JSON string literal, quotes included; invalid UTF-8 -> U+FFFD. */
void json_write_string(FILE *f, const char *s);

/* ---- text ---- */

/* Columns a UTF-8 string takes on a terminal (one per code point). */
size_t text_width(const char *s);

/* Names of the bits of @flags joined by '|', or @empty if none. Allocated. */
char *flags_to_alloc_str(enum tapi_flag_kind kind, uint64_t flags,
			 const char *empty);

/**
 * struct table - rows of cells printed in aligned columns
 * @ncols: number of columns
 * @nrows: number of rows, the header included
 * @alloc: rows allocated
 * @cells: nrows * ncols allocated strings
 */
struct table {
	size_t ncols;
	size_t nrows;
	size_t alloc;
	char **cells;
};

void table_init(struct table *t, size_t ncols);
/* Add a row; takes ownership of the @ncols allocated strings in @cells. */
void table_add_row(struct table *t, char **cells);
void table_print(const struct table *t, FILE *f, const char *indent);
void table_free(struct table *t);

/* ---- arguments ---- */

/* Parse a decimal number without sign, spaces or trailing junk. */
int parse_uint(const char *s, unsigned int *val);

/*
 * Parse LINE = CARD:N (split at the last ':').  *@card is allocated.
 * Returns 0, or -1 if malformed.
 */
int parse_line_spec(const char *spec, char **card, unsigned int *line);

#endif /* _TAPI_TOOL_H */
