// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A small streaming JSON writer for the tools: indented output, arrays of
 * scalars on one line, strings always valid UTF-8 and escaped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

void json_init(struct json_writer *w, FILE *f)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
}

static bool json_is_inline(const struct json_writer *w)
{
	return w->inline_from && w->depth >= w->inline_from;
}

static void json_indent(struct json_writer *w)
{
	int i;

	fputc('\n', w->f);
	for (i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Separator, indentation and key before a value. */
static void json_member(struct json_writer *w, const char *key)
{
	if (w->count[w->depth])
		fputc(',', w->f);
	if (w->depth) {
		if (!json_is_inline(w))
			json_indent(w);
		else if (w->count[w->depth])
			fputc(' ', w->f);
	}
	if (key) {
		json_write_string(w->f, key);
		fputs(": ", w->f);
	}
	w->count[w->depth]++;
}

static void json_open(struct json_writer *w, const char *key, char c,
		      bool one_line)
{
	json_member(w, key);
	fputc(c, w->f);
	if (w->depth + 1 >= JSON_MAX_DEPTH)
		abort();	/* a bug in the caller */
	w->depth++;
	w->count[w->depth] = 0;
	if (one_line && !w->inline_from)
		w->inline_from = w->depth;
}

static void json_close(struct json_writer *w, char c)
{
	if (w->count[w->depth] && !json_is_inline(w)) {
		w->depth--;
		json_indent(w);
		w->depth++;
	}
	fputc(c, w->f);
	if (w->inline_from == w->depth)
		w->inline_from = 0;
	w->depth--;
}

void json_begin_object(struct json_writer *w, const char *key)
{
	json_open(w, key, '{', false);
}

void json_begin_inline_object(struct json_writer *w, const char *key)
{
	json_open(w, key, '{', true);
}

void json_end_object(struct json_writer *w)
{
	json_close(w, '}');
}

void json_begin_array(struct json_writer *w, const char *key, bool one_line)
{
	json_open(w, key, '[', one_line);
}

void json_end_array(struct json_writer *w)
{
	json_close(w, ']');
}

void json_string(struct json_writer *w, const char *key, const char *value)
{
	json_member(w, key);
	json_write_string(w->f, value);
}

void json_uint(struct json_writer *w, const char *key, uint64_t value)
{
	json_member(w, key);
	fprintf(w->f, "%" PRIu64, value);
}

void json_int(struct json_writer *w, const char *key, int64_t value)
{
	json_member(w, key);
	fprintf(w->f, "%" PRId64, value);
}

void json_bool(struct json_writer *w, const char *key, bool value)
{
	json_member(w, key);
	fputs(value ? "true" : "false", w->f);
}

void json_flags(struct json_writer *w, const char *key,
		enum tapi_flag_kind kind, uint64_t flags)
{
	char hex[2 + 16 + 1];
	uint64_t bit;
	const char *name;
	uint64_t unknown = 0;
	int i;

	json_begin_array(w, key, true);
	for (i = 0; i < 64; i++) {
		bit = 1ULL << i;
		if (!(flags & bit))
			continue;
		name = tapi_flag_str(kind, bit);
		if (name)
			json_string(w, NULL, name);
		else
			unknown |= bit;
	}
	if (unknown) {
		snprintf(hex, sizeof(hex), "0x%" PRIx64, unknown);
		json_string(w, NULL, hex);
	}
	json_end_array(w);
}

void json_finish(struct json_writer *w)
{
	fputc('\n', w->f);
}

/* Length of the valid UTF-8 sequence at @s, or 0 if it is not one. */
static size_t utf8_seq_len(const unsigned char *s)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;

	/* Refuse overlong forms, surrogates and code points past U+10FFFF. */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;

	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void json_write_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;

	fputc('"', f);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*s < 0x20) {
				fprintf(f, "\\u%04x", *s);
				break;
			}
			len = utf8_seq_len(s);
			if (!len) {
				fputs("\\ufffd", f);
				break;
			}
			fwrite(s, 1, len, f);
			s += len;
			continue;
		}
		s++;
	}
	fputc('"', f);
}
