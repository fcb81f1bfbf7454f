/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The telephony service provider interface (TSPI): what a telephony card
 * driver (a TSP) gives the tapi core and what the core gives back.
 *
 * A TSP describes a card (its lines, and each line's addresses with their
 * capabilities) in a struct tapi_card_desc and calls tapi_card_register().
 * The core copies the description, creates /dev/tapiN and its sysfs
 * attributes, and from then on calls the TSP only through its struct
 * tapi_tsp_ops.  tapi_card_unregister() takes the card away: it waits for
 * callbacks in progress, tells every open line fd that the card is gone, and
 * returns; from then on the core never calls the TSP for that card again, so
 * the TSP may free its private data and its module may be unloaded while
 * user space still holds fds (they then fail with -ENODEV).
 *
 * The core does all copying from and to user space and all validation of
 * user input; callbacks get kernel values only.
 */
#ifndef _TAPI_TSP_H
#define _TAPI_TSP_H

#include <linux/types.h>
#include <linux/tapi.h>

struct device;
struct module;
struct tapi_card;

/**
 * struct tapi_address_desc - one address (directory number) of a line
 * @address: the number as dialled to reach it; copied; must not be empty
 *	and must fit %TAPI_ADDRESS_LEN with its NUL
 * @max_calls: most calls active at once on this address, >= 1
 * @address_features: &enum tapi_address_feature bits
 * @call_features: &enum tapi_call_feature bits calls on the address can
 *	ever offer
 */
struct tapi_address_desc {
	const char *address;
	u32 max_calls;
	u32 address_features;
	u32 call_features;
};

/**
 * struct tapi_line_desc - one line of a card and its capabilities
 * @name: the line's name; copied; must fit %TAPI_LINE_NAME_LEN
 * @permanent_line_id: id of the line, stable for the card, unique on it
 * @max_active_calls: most calls active on the line at once, >= 1
 * @media_modes: &enum tapi_media_mode bits the line supports, non-zero
 * @bearer_modes: &enum tapi_bearer_mode bits the line supports, non-zero
 * @line_features: &enum tapi_line_feature bits
 * @devcaps_flags: &enum tapi_devcaps_flag bits
 * @gen_digit_modes: &enum tapi_digit_mode bits the line can generate
 * @monitor_digit_modes: &enum tapi_digit_mode bits the line can detect
 * @gen_tone_max_freqs: most frequencies of one generated tone (0: none)
 * @monitor_tone_max_freqs: most frequencies of one monitored tone
 * @monitor_tone_max: most tones monitored at once (0: none)
 * @num_addresses: number of entries in @addresses, 1 to
 *	%TAPI_MAX_ADDRESSES
 * @addresses: the line's addresses; copied
 */
struct tapi_line_desc {
	const char *name;
	u32 permanent_line_id;
	u32 max_active_calls;
	u32 media_modes;
	u32 bearer_modes;
	u32 line_features;
	u32 devcaps_flags;
	u32 gen_digit_modes;
	u32 monitor_digit_modes;
	u32 gen_tone_max_freqs;
	u32 monitor_tone_max_freqs;
	u32 monitor_tone_max;
	unsigned int num_addresses;
	const struct tapi_address_desc *addresses;
};

/**
 * struct tapi_tsp_ops - operations a TSP provides to the core
 * @owner: the TSP's module (THIS_MODULE).  Required.  The core reports
 *	its name as the card's driver.
 * @line_open: Optional.  Called, in process context and allowed to sleep,
 *	when the first line fd of @line is opened, before the fd is handed
 *	to user space; a negative errno fails the open with that error.
 *	Used to power up or seize a line.
 * @line_close: Optional.  Called, in process context, when the last line
 *	fd of @line is closed, and for every line still open when the card
 *	is unregistered.  Cannot fail.
 * @line_get_devstatus: Optional.  Called in process context to fill
 *	@devstatus_flags (&enum tapi_devstatus_flag) for
 *	%TAPI_IOC_LINE_GET_DEVSTATUS.  Without it the core reports
 *	%TAPI_DEVSTATUS_CONNECTED | %TAPI_DEVSTATUS_INSERVICE.
 *
 * Callbacks are never called concurrently with tapi_card_unregister()
 * returning, and never after it.  They are called with no core spinlock
 * held (line_open and line_close with the card's open/close mutex) and may
 * call the tapi_* helpers, except tapi_card_unregister(): that waits for
 * callbacks in progress and calls line_close itself, so a TSP must also not
 * hold, around tapi_card_unregister(), a lock its callbacks take.
 */
struct tapi_tsp_ops {
	struct module *owner;
	int (*line_open)(struct tapi_card *card, unsigned int line);
	void (*line_close)(struct tapi_card *card, unsigned int line);
	void (*line_get_devstatus)(struct tapi_card *card, unsigned int line,
				   u32 *devstatus_flags);
};

/**
 * struct tapi_card_desc - a card as its TSP describes it to the core
 * @name: the card's name; copied; must fit %TAPI_NAME_LEN.  The TSP keeps
 *	it unique among its own cards (the core does not check)
 * @parent: the card's parent device, or NULL
 * @ops: the TSP's operations; must stay valid until
 *	tapi_card_unregister() returns
 * @priv: the TSP's private data, returned by tapi_card_priv()
 * @num_lines: number of entries in @lines, 1 to %TAPI_MAX_LINES
 * @lines: the card's lines; copied
 */
struct tapi_card_desc {
	const char *name;
	struct device *parent;
	const struct tapi_tsp_ops *ops;
	void *priv;
	unsigned int num_lines;
	const struct tapi_line_desc *lines;
};

/* Returns the card or an ERR_PTR(): -EINVAL, -ENOSPC, -ENOMEM. */
struct tapi_card *tapi_card_register(const struct tapi_card_desc *desc);
void tapi_card_unregister(struct tapi_card *card);
void *tapi_card_priv(struct tapi_card *card);
int tapi_card_index(struct tapi_card *card);
void tapi_line_devstate_changed(struct tapi_card *card, unsigned int line,
				u32 devstatus_flags);

#endif /* _TAPI_TSP_H */
