// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the TSP side of the simulated card.
 *
 * This is the part a card vendor copies.  A TSP does three things with the
 * core, all through <tapi/tsp.h>:
 *
 *  1. It describes a card in a struct tapi_card_desc (one struct
 *     tapi_line_desc per line, one struct tapi_address_desc per address of
 *     a line) and calls tapi_card_register().  The core copies the
 *     description, so it may live on the stack or be freed right after.
 *  2. It answers the core's calls through its struct tapi_tsp_ops, finding
 *     its own card state again with tapi_card_priv().
 *  3. It calls tapi_card_unregister() when the card goes away.  Once that
 *     returns no callback runs any more and the private data may be freed.
 *
 * The callbacks below run in process context, may sleep, and are called by
 * tapi_card_unregister() itself (line_close for every open line), so they
 * must not take a lock that is held around tapi_card_unregister().  Here the
 * configfs side holds &tapi_sim_card.lock around it, so line_open and
 * line_close touch only an atomic counter, and the call operations (in
 * sim-switch.c) take only the switch's own lock, which is never held around
 * tapi_card_unregister(): the switch is stopped first.
 */
#include <linux/err.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <tapi/tsp.h>

#include "sim.h"

/*
 * What every simulated line, address and call can do.  Grow these as the
 * simulator learns more telephony.
 */
#define TAPI_SIM_LINE_FEATURES		(TAPI_LINEFEATURE_MAKECALL |	\
					 TAPI_LINEFEATURE_FORWARD)
#define TAPI_SIM_DEVCAPS_FLAGS		(TAPI_DEVCAPS_CLOSEDROP |	\
					 TAPI_DEVCAPS_MULTIPLEADDR |	\
					 TAPI_DEVCAPS_MEDIACONTROL)

/*
 * First open of a line.  A hardware TSP would power up or seize the line
 * here and may fail the open with a negative errno.
 */
static int tapi_sim_line_open(struct tapi_card *tcard, unsigned int line)
{
	struct tapi_sim_card *card = tapi_card_priv(tcard);

	tapi_sim_mb_line_callback(&card->sw, tcard, line, true);
	atomic_inc(&card->open_lines);
	return 0;
}

/* Last close of a line, or the card is being unregistered.  Cannot fail. */
static void tapi_sim_line_close(struct tapi_card *tcard, unsigned int line)
{
	struct tapi_sim_card *card = tapi_card_priv(tcard);

	tapi_sim_mb_line_callback(&card->sw, tcard, line, false);
	atomic_dec(&card->open_lines);
}

/* A simulated line is always plugged in and in service. */
static void tapi_sim_line_get_devstatus(struct tapi_card *tcard,
					unsigned int line, u32 *devstatus_flags)
{
	*devstatus_flags = TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE;
}

/*
 * The simulated card's side of the MSP data channel is a loopback: every
 * message an MSP writes comes back, the same bytes, to the call's MSPs.
 */
static int tapi_sim_msp_data(struct tapi_card *tcard, struct tapi_call *call,
			     const void *data, size_t len)
{
	return tapi_media_msp_data(call, data, len);
}

static const struct tapi_tsp_ops tapi_sim_ops = {
	.owner			= THIS_MODULE,
	.line_open		= tapi_sim_line_open,
	.line_close		= tapi_sim_line_close,
	.line_get_devstatus	= tapi_sim_line_get_devstatus,
	.make_call		= tapi_sim_make_call,
	.dial			= tapi_sim_dial,
	.answer			= tapi_sim_answer,
	.accept			= tapi_sim_accept,
	.drop			= tapi_sim_drop,
	.hold			= tapi_sim_hold,
	.unhold			= tapi_sim_unhold,
	.swap_hold		= tapi_sim_swap_hold,
	.setup_transfer		= tapi_sim_setup_transfer,
	.complete_transfer	= tapi_sim_complete_transfer,
	.blind_transfer		= tapi_sim_blind_transfer,
	.setup_conference	= tapi_sim_setup_conference,
	.prepare_add_to_conference = tapi_sim_prepare_add_to_conference,
	.add_to_conference	= tapi_sim_add_to_conference,
	.remove_from_conference	= tapi_sim_remove_from_conference,
	.redirect		= tapi_sim_redirect,
	.pickup			= tapi_sim_pickup,
	.park			= tapi_sim_park,
	.unpark			= tapi_sim_unpark,
	.forward		= tapi_sim_forward,
	.secure_call		= tapi_sim_secure_call,
	.send_user_user		= tapi_sim_send_user_user,
	.complete_call		= tapi_sim_complete_call,
	.uncomplete_call	= tapi_sim_uncomplete_call,
	.msp_data		= tapi_sim_msp_data,
};

/*
 * Fill one line's description; its addresses go to @ad.  A card without
 * park addresses parks nothing.
 */
static void tapi_sim_fill_line(struct tapi_line_desc *ld,
			       struct tapi_address_desc *ad,
			       const struct tapi_sim_line *line,
			       const struct tapi_sim_config *cfg)
{
	u32 address_features = line->address_features;
	u32 call_features = line->call_features;
	unsigned int i;

	if (!cfg->num_park) {
		address_features &= ~TAPI_ADDRFEATURE_UNPARK;
		call_features &= ~TAPI_CALLFEATURE_PARK;
	}
	for (i = 0; i < line->num_numbers; i++) {
		ad[i].address = line->numbers[i];
		ad[i].max_calls = line->max_calls;
		ad[i].address_features = address_features;
		ad[i].call_features = call_features;
		ad[i].transfer_modes = TAPI_TRANSFER_VALID;
		ad[i].max_conf_members = line->max_conf_members;
		ad[i].park_modes = TAPI_PARK_VALID;
		ad[i].forward_modes = TAPI_FORWARD_VALID;
		ad[i].completion_modes = TAPI_COMPLETION_VALID;
		ad[i].max_user_user = TAPI_USERUSER_MAX;
	}

	ld->name = line->name;
	/* Unique on the card and stable: the line's index. */
	ld->permanent_line_id = line->index;
	ld->max_active_calls = line->max_calls;
	ld->media_modes = line->media_modes;
	ld->bearer_modes = line->bearer_modes;
	ld->line_features = TAPI_SIM_LINE_FEATURES;
	ld->devcaps_flags = TAPI_SIM_DEVCAPS_FLAGS;
	ld->gen_digit_modes = line->gen_digit_modes;
	ld->monitor_digit_modes = line->monitor_digit_modes;
	ld->gen_tone_max_freqs = line->gen_tone_max_freqs;
	ld->monitor_tone_max_freqs = line->monitor_tone_max_freqs;
	ld->monitor_tone_max = line->monitor_tone_max;
	ld->num_addresses = line->num_numbers;
	ld->addresses = ad;
}

/**
 * tapi_sim_card_register() - describe a card to the core, register it and
 *	start its switch
 * @card: the card; its lock must be held
 * @lines: the card's lines, indexed by line number, each with at least
 *	one number
 * @num_lines: how many
 *
 * Context: process context; sleeps.
 * Return: the registered card, or an ERR_PTR() from tapi_card_register()
 * or -ENOMEM.
 */
struct tapi_card *tapi_sim_card_register(struct tapi_sim_card *card,
					 struct tapi_sim_line *const *lines,
					 unsigned int num_lines)
{
	struct tapi_card_desc desc = {
		.name		= config_item_name(&card->group.cg_item),
		.ops		= &tapi_sim_ops,
		.priv		= card,
		.num_lines	= num_lines,
	};
	struct tapi_address_desc *ad;
	struct tapi_line_desc *ld;
	struct tapi_card *tcard;
	unsigned int i, num_addresses = 0;
	int ret;

	lockdep_assert_held(&card->lock);

	for (i = 0; i < num_lines; i++)
		num_addresses += lines[i]->num_numbers;

	ld = kvcalloc(num_lines, sizeof(*ld), GFP_KERNEL);
	ad = kvcalloc(num_addresses, sizeof(*ad), GFP_KERNEL);
	if (!ld || !ad) {
		tcard = ERR_PTR(-ENOMEM);
		goto out;
	}

	num_addresses = 0;
	for (i = 0; i < num_lines; i++) {
		tapi_sim_fill_line(&ld[i], &ad[num_addresses], lines[i],
				   &card->cfg);
		num_addresses += lines[i]->num_numbers;
	}
	desc.lines = ld;

	atomic_set(&card->open_lines, 0);
	tcard = tapi_card_register(&desc);
	if (IS_ERR(tcard))
		goto out;
	ret = tapi_sim_switch_start(&card->sw, tcard, &card->cfg, lines,
				    num_lines);
	if (ret) {
		tapi_card_unregister(tcard);
		tcard = ERR_PTR(ret);
	}
out:
	/* The core has copied what it needs. */
	kvfree(ad);
	kvfree(ld);
	return tcard;
}

/**
 * tapi_sim_card_unregister() - stop the switch, then unregister the card
 * @card: a live card; its lock must be held
 *
 * The switch goes first: its calls and work items are gone before the
 * core waits for callbacks in progress, so none of them can be waiting
 * for the switch's lock meanwhile.
 */
void tapi_sim_card_unregister(struct tapi_sim_card *card)
{
	lockdep_assert_held(&card->lock);
	tapi_sim_switch_stop(&card->sw);
	tapi_card_unregister(card->tcard);
}
