/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_sim: declarations shared by the configfs front end (sim-configfs.c)
 * and the TSP proper (sim-card.c).
 */
#ifndef _TAPI_SIM_H
#define _TAPI_SIM_H

#include <linux/atomic.h>
#include <linux/configfs.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/tapi.h>

struct tapi_card;
struct tapi_sim_card;

/* Limits of the numeric line attributes. */
#define TAPI_SIM_MAX_CALLS		64
#define TAPI_SIM_MAX_TONE_FREQS		3
#define TAPI_SIM_MAX_MONITOR_TONES	16

/**
 * struct tapi_sim_line - configuration of one line: tapi-sim/CARD/lineN
 * @group: the configfs directory
 * @card: the card the line belongs to (its parent directory, which the
 *	line holds a reference on)
 * @node: entry in &tapi_sim_card.lines
 * @index: N of lineN
 * @pinned: the directory is pinned (configfs_depend_item_unlocked())
 *	because the card is live
 * @name: the line's name, NUL-terminated
 * @num_numbers: entries used in @numbers; 0 until the user writes some
 * @numbers: the line's addresses (directory numbers), NUL-terminated
 * @media_modes: &enum tapi_media_mode bits
 * @bearer_modes: &enum tapi_bearer_mode bits
 * @max_calls: most active calls on the line, and on each address
 * @gen_digit_modes: &enum tapi_digit_mode bits the line generates
 * @monitor_digit_modes: &enum tapi_digit_mode bits the line detects
 * @gen_tone_max_freqs: most frequencies of a generated tone
 * @monitor_tone_max_freqs: most frequencies of a monitored tone
 * @monitor_tone_max: most tones monitored at once
 *
 * Every field but @group, @card and @index (fixed at mkdir) is protected by
 * @card->lock.
 */
struct tapi_sim_line {
	struct config_group group;
	struct tapi_sim_card *card;
	struct list_head node;
	unsigned int index;
	bool pinned;
	char name[TAPI_LINE_NAME_LEN];
	unsigned int num_numbers;
	char numbers[TAPI_MAX_ADDRESSES][TAPI_ADDRESS_LEN];
	u32 media_modes;
	u32 bearer_modes;
	u32 max_calls;
	u32 gen_digit_modes;
	u32 monitor_digit_modes;
	u32 gen_tone_max_freqs;
	u32 monitor_tone_max_freqs;
	u32 monitor_tone_max;
};

/**
 * struct tapi_sim_card - configuration and state of one card: tapi-sim/CARD
 * @group: the configfs directory; its name is the card's name
 * @lock: protects @lines, @num_lines, @tcard and the configuration of every
 *	line of the card.  Taken in process context only: by configfs
 *	attribute show/store, and by make_group/drop_item (where configfs
 *	holds the subsystem's su_mutex, which is therefore taken before it).
 *	Never taken by the &tapi_tsp_ops callbacks: tapi_card_unregister(),
 *	called under @lock, calls them and waits for them.
 * @lines: the card's line directories (&tapi_sim_line.node), in mkdir order
 * @num_lines: entries in @lines
 * @tcard: the registered card while live, else NULL
 * @open_lines: lines of the card opened by user space; touched by the
 *	callbacks only, hence atomic and not under @lock
 */
struct tapi_sim_card {
	struct config_group group;
	struct mutex lock;	/* see @lock above */
	struct list_head lines;
	unsigned int num_lines;
	struct tapi_card *tcard;
	atomic_t open_lines;
};

struct tapi_card *tapi_sim_card_register(struct tapi_sim_card *card,
					 struct tapi_sim_line *const *lines);

#endif /* _TAPI_SIM_H */
