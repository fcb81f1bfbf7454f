// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Forwarding lists: what tapi_line_forward() is to set, built by the
 * application (lineForward's LINEFORWARDLIST), and the request they fill.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * @num: entries used, in the order of their mode bits
 * @no_answer_ms: the no-answer time, 0 for the card's default
 * @entries: as the uapi has them, reserved fields zero
 */
struct tapi_forward_list {
	unsigned int num;
	unsigned int no_answer_ms;
	struct tapi_forward_entry entries[TAPI_FORWARD_MAX];
};

_Static_assert(__builtin_popcount(TAPI_FORWARD_VALID) <= TAPI_FORWARD_MAX,
	       "one entry per mode fits a forwarding list");

TAPI_API struct tapi_forward_list *tapi_forward_list_new(void)
{
	return calloc(1, sizeof(struct tapi_forward_list));
}

TAPI_API void tapi_forward_list_free(struct tapi_forward_list *list)
{
	free(list);
}

TAPI_API void tapi_forward_list_reset(struct tapi_forward_list *list)
{
	memset(list, 0, sizeof(*list));
}

TAPI_API int tapi_forward_list_set(struct tapi_forward_list *list,
				   uint32_t mode, const char *dest)
{
	struct tapi_forward_entry entry;
	unsigned int i;

	if (!mode || (mode & (mode - 1)) || (mode & ~TAPI_FORWARD_VALID)) {
		errno = EINVAL;
		return -1;
	}
	memset(&entry, 0, sizeof(entry));
	entry.mode = mode;
	if (tapi_set_kstr(entry.dest, sizeof(entry.dest), dest))
		return -1;
	if (!entry.dest[0]) {
		errno = EINVAL;
		return -1;
	}

	/* Where it goes: its mode's entry, or before the first above it. */
	for (i = 0; i < list->num && list->entries[i].mode < mode; i++)
		;
	if (i == list->num || list->entries[i].mode != mode) {
		memmove(&list->entries[i + 1], &list->entries[i],
			(list->num - i) * sizeof(entry));
		list->num++;
	}
	list->entries[i] = entry;
	return 0;
}

TAPI_API int tapi_forward_list_set_no_answer_ms(struct tapi_forward_list *list,
						unsigned int ms)
{
	if (ms > TAPI_FORWARD_NO_ANSWER_MS_MAX) {
		errno = EINVAL;
		return -1;
	}
	list->no_answer_ms = ms;
	return 0;
}

TAPI_API unsigned int
tapi_forward_list_get_no_answer_ms(const struct tapi_forward_list *list)
{
	return list->no_answer_ms;
}

TAPI_API unsigned int
tapi_forward_list_get_num_entries(const struct tapi_forward_list *list)
{
	return list->num;
}

TAPI_API uint32_t
tapi_forward_list_get_mode(const struct tapi_forward_list *list,
			   unsigned int index)
{
	return index < list->num ? list->entries[index].mode : 0;
}

TAPI_API const char *
tapi_forward_list_get_dest(const struct tapi_forward_list *list,
			   unsigned int index)
{
	if (index >= list->num) {
		errno = EINVAL;
		return NULL;
	}
	return list->entries[index].dest;
}

int tapi_fill_line_forward(struct tapi_line_forward *req, int address_id,
			   const struct tapi_forward_list *list)
{
	if (address_id < 0 && address_id != TAPI_ALL_ADDRESSES) {
		errno = EINVAL;
		return -1;
	}
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	if (address_id == TAPI_ALL_ADDRESSES)
		req->flags = TAPI_LINE_FORWARD_ALL_ADDRESSES;
	else
		req->address_id = address_id;
	if (list) {
		req->no_answer_ms = list->no_answer_ms;
		req->num_entries = list->num;
		memcpy(req->entries, list->entries,
		       list->num * sizeof(list->entries[0]));
	}
	return 0;
}
