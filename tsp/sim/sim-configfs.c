// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: simulated telephony cards, configured through configfs.
 *
 * ABI (see also Documentation/tsp-sim.rst):
 *
 * /sys/kernel/config/tapi-sim/CARD		mkdir: a card; CARD, at most
 *						TAPI_NAME_LEN - 1 bytes, is
 *						its name (else ENAMETOOLONG)
 *	live		rw "0"/"1": 1 registers the card (/dev/tapiN appears),
 *			0 unregisters it.  Writing the current value succeeds
 *			and does nothing; anything else is EINVAL.  Going live
 *			fails with EINVAL, registering nothing, unless the
 *			line directories are exactly line0..lineN-1, each
 *			with numbers, and they and extra_lines make 1 to
 *			TAPI_MAX_LINES lines; else with the error of
 *			tapi_card_register().
 *	dev_name	ro "tapiN" while live, "none" otherwise
 *	open_lines	ro number of lines currently open by user space
 *	calls		ro the switch's calls, one per line: "ID line=N
 *			state=0xS far=network|PEERID|none"
 *	no_answer_ms	rw an unanswered call gives up after this long (unless
 *			the application asked otherwise), 1 to 600000;
 *			default 30000
 *	remote_answer_ms rw the network answers external calls after this
 *			long, 0 to 600000; 0 (default): only when told to
 *	reply_delay_ms	rw requests complete this long after they are made,
 *			0 to 600000; 0 (default): inside the ioctl
 *	unknown_number	rw what a call to a number nobody has gets:
 *			"badaddress" (default, DISCONNECTED) or
 *			"specialinfo" (SPECIALINFO, NOCIRCUIT)
 *	external_prefix	rw numbers starting with it (and longer) go to the
 *			simulated network; empty: none do; default "9"
 *	tone_zone	rw the call-progress tones callers hear: "us"
 *			(default, North America) or "cept" (ITU-T E.180,
 *			425 Hz)
 *	forward_no_answer_ms rw a call alerts this long before a forwarding
 *			on no answer takes it, unless the forwarding says;
 *			1 to 600000, default 15000
 *	park_numbers	rw the switch's park addresses, 0 to
 *			TAPI_SIM_MAX_PARK numbers as in a line's numbers,
 *			none of them a line's number (else going live fails
 *			with EINVAL); default none: calls cannot be parked
 *	misbehave	rw how the card breaks the TSPI, for the tests of
 *			the core: mode names (badstate twice never
 *			badresult lie badreturn irq hrtimer timer ghost
 *			unregister) separated by spaces or commas; "none"
 *			or empty (default) for none; an unknown name is
 *			EINVAL.  Writable while live (sim-misbehave.c)
 *	misbehaviours	ro what the card did wrong so far: one line per
 *			kind, "NAME injected=N[ refused=M]"
 *	extra_lines	rw "COUNT FIRST": COUNT lines after the directory
 *			lines, with a new line's defaults and the numbers
 *			FIRST, FIRST + 1, ...; "0" (default) for none
 *
 * /sys/kernel/config/tapi-sim/CARD/lineN	mkdir: line N of the card,
 *						N decimal without leading
 *						zeros, < TAPI_MAX_LINES;
 *						other names: EINVAL
 *	name		line name, 1 to TAPI_LINE_NAME_LEN - 1 bytes, no
 *			control characters; one trailing newline is ignored;
 *			default "lineN"
 *	numbers		the line's addresses, 1 to TAPI_MAX_ADDRESSES numbers
 *			separated by spaces, tabs or commas, each 1 to
 *			TAPI_ADDRESS_LEN - 1 characters of 0-9 * # + A-D a-d,
 *			no number twice; shown space-separated; default empty
 *	media_modes	enum tapi_media_mode bits, non-zero; default 0x7
 *			(UNKNOWN | INTERACTIVEVOICE | AUTOMATEDVOICE)
 *	bearer_modes	enum tapi_bearer_mode bits, non-zero; default 0x3
 *			(VOICE | SPEECH)
 *	gen_digit_modes	enum tapi_digit_mode bits; default 0x2 (DTMF)
 *	monitor_digit_modes  enum tapi_digit_mode bits; default 0x6
 *			(DTMF | DTMFEND)
 *	call_features	enum tapi_call_feature bits the line's addresses offer,
 *			within what the switch implements (accept, answer,
 *			dial, drop: 0xf; hold to remove from conference:
 *			0x3ff0; redirect, park, secure, user-user, call
 *			completion: 0x7c000; and the core's media control:
 *			0x1f80000; all of it by default); drop is required.
 *			Park needs park_numbers too
 *	address_features  enum tapi_address_feature bits the line's
 *			addresses offer, within make call, pickup, unpark
 *			and forward (0xf, the default); unpark needs
 *			park_numbers too
 *	pickup_group	the line's pickup group: up to 31 letters, digits,
 *			'_', '-', '.'; empty (default): none
 *	max_calls	most active calls on the line and on each address,
 *			1 to 64; default 4
 *	max_conf_members  most members of one conference call, 2 to 8;
 *			default 3
 *	gen_tone_max_freqs, monitor_tone_max_freqs   0 to 3; default 3
 *	monitor_tone_max  0 to 16; default 4
 *	law		how the card moves the line's audio: "linear"
 *			(default), "ulaw" or "alaw" (the core's G.711
 *			helpers; the line then also dials in band)
 *	network		wo while live: what the far end does to the line's
 *			calls, one command per write (sim-network.c,
 *			Documentation/tsp-sim.rst); ENODEV when not live
 *
 * Bit masks are read with kstrtou32(..., 0) (any of 6, 0x6, 06) and shown
 * in hex; counts are decimal.  A value that does not parse, is out of range
 * or has unknown bits is EINVAL and leaves the old value.
 *
 * While a card is live its configuration is frozen: every line attribute
 * store (but network), every card attribute store (but live and
 * misbehave) and every mkdir of a line fails with EBUSY.  rmdir of a line
 * takes the card dead first (see tapi_sim_card_drop_line()); rmdir of the
 * card itself fails with ENOTEMPTY while it has lines.
 *
 * Every card and line directory holds a reference on this module (configfs
 * takes one per mkdir'd item), so the module cannot be removed while any
 * directory exists, and thus while any card is live.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/configfs.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <tapi/tsp.h>

#include "sim.h"

static struct configfs_subsystem tapi_sim_subsys;

static struct tapi_sim_card *to_tapi_sim_card(struct config_item *item)
{
	return container_of(to_config_group(item), struct tapi_sim_card, group);
}

static struct tapi_sim_line *to_tapi_sim_line(struct config_item *item)
{
	return container_of(to_config_group(item), struct tapi_sim_line, group);
}

/* Line attributes */

/* Take the card's lock; fail with -EBUSY, not holding it, if it is live. */
static int tapi_sim_line_lock_config(struct tapi_sim_line *line)
{
	mutex_lock(&line->card->lock);
	if (line->card->tcard) {
		mutex_unlock(&line->card->lock);
		return -EBUSY;
	}
	return 0;
}

static ssize_t tapi_sim_line_show_string(struct tapi_sim_line *line,
					 const char *val, char *page)
{
	ssize_t ret;

	mutex_lock(&line->card->lock);
	ret = sprintf(page, "%s\n", val);
	mutex_unlock(&line->card->lock);
	return ret;
}

/*
 * Store a string attribute of @size bytes with its NUL: one trailing
 * newline is ignored, every byte must pass @ok (so no NUL inside), and
 * it may be empty only if @empty_ok.
 */
static ssize_t tapi_sim_line_store_string(struct tapi_sim_line *line,
					  char *val, size_t size,
					  bool (*ok)(char c), bool empty_ok,
					  const char *page, size_t count)
{
	size_t i, len = count;
	int ret;

	if (len && page[len - 1] == '\n')
		len--;
	if ((!len && !empty_ok) || len >= size)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!ok(page[i]))
			return -EINVAL;
	}
	ret = tapi_sim_line_lock_config(line);
	if (ret)
		return ret;
	memcpy(val, page, len);
	val[len] = '\0';
	mutex_unlock(&line->card->lock);
	return count;
}

static bool tapi_sim_is_name_char(char c)
{
	return (unsigned char)c >= 0x20 && c != 0x7f;
}

static ssize_t tapi_sim_line_name_show(struct config_item *item, char *page)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);

	return tapi_sim_line_show_string(line, line->name, page);
}

static ssize_t tapi_sim_line_name_store(struct config_item *item,
					const char *page, size_t count)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);

	return tapi_sim_line_store_string(line, line->name, sizeof(line->name),
					  tapi_sim_is_name_char, false, page,
					  count);
}

static bool tapi_sim_is_dial_char(char c)
{
	return c && strchr("0123456789*#+ABCDabcd", c);
}

static bool tapi_sim_is_separator(char c)
{
	return c == ' ' || c == '\t' || c == ',';
}

/*
 * Parse a list of numbers (a line's numbers, the park addresses) into
 * @nums, @max entries; @empty_ok: none at all is fine.
 * Return: how many numbers, or -EINVAL.
 */
static int tapi_sim_parse_numbers(const char *page, size_t count,
				  char (*nums)[TAPI_ADDRESS_LEN],
				  unsigned int max, bool empty_ok)
{
	const char *p = page, *end = page + count;
	unsigned int i, n = 0;
	size_t len;

	if (p < end && end[-1] == '\n')
		end--;
	while (p < end) {
		if (tapi_sim_is_separator(*p)) {
			p++;
			continue;
		}
		for (len = 0; p + len < end; len++) {
			if (!tapi_sim_is_dial_char(p[len]))
				break;
		}
		/* A bad character, a number too long, too many numbers. */
		if (!len || len >= TAPI_ADDRESS_LEN || n == max)
			return -EINVAL;
		if (p + len < end && !tapi_sim_is_separator(p[len]))
			return -EINVAL;
		memcpy(nums[n], p, len);
		nums[n][len] = '\0';
		for (i = 0; i < n; i++) {
			if (!strcmp(nums[i], nums[n]))
				return -EINVAL;
		}
		n++;
		p += len;
	}
	return n || empty_ok ? n : -EINVAL;
}

/* Show a list of numbers, space-separated. */
static ssize_t tapi_sim_show_numbers(char *page,
				     const char (*nums)[TAPI_ADDRESS_LEN],
				     unsigned int n)
{
	ssize_t len = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		len += scnprintf(page + len, PAGE_SIZE - len, "%s%s",
				 i ? " " : "", nums[i]);
	len += scnprintf(page + len, PAGE_SIZE - len, "\n");
	return len;
}

static ssize_t tapi_sim_line_numbers_show(struct config_item *item,
					  char *page)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);
	ssize_t len;

	mutex_lock(&line->card->lock);
	len = tapi_sim_show_numbers(page, line->numbers, line->num_numbers);
	mutex_unlock(&line->card->lock);
	return len;
}

static ssize_t tapi_sim_line_numbers_store(struct config_item *item,
					   const char *page, size_t count)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);
	char (*nums)[TAPI_ADDRESS_LEN];
	int n, ret;

	/* 1 KiB: too big for the stack. */
	nums = kcalloc(TAPI_MAX_ADDRESSES, sizeof(*nums), GFP_KERNEL);
	if (!nums)
		return -ENOMEM;
	n = tapi_sim_parse_numbers(page, count, nums, TAPI_MAX_ADDRESSES,
				   false);
	if (n < 0) {
		ret = n;
		goto out;
	}

	ret = tapi_sim_line_lock_config(line);
	if (ret)
		goto out;
	memcpy(line->numbers, nums, n * sizeof(*nums));
	line->num_numbers = n;
	mutex_unlock(&line->card->lock);
out:
	kfree(nums);
	return ret ? ret : count;
}

static ssize_t tapi_sim_line_show_u32(struct tapi_sim_line *line,
				      const u32 *val, bool hex, char *page)
{
	ssize_t ret;

	mutex_lock(&line->card->lock);
	ret = sprintf(page, hex ? "0x%x\n" : "%u\n", *val);
	mutex_unlock(&line->card->lock);
	return ret;
}

/*
 * Store a value in [@min, @max] with no bit outside @valid and every bit
 * of @required into @val.
 */
static ssize_t tapi_sim_line_store_u32(struct tapi_sim_line *line, u32 *val,
				       u32 min, u32 max, u32 valid,
				       u32 required, const char *page,
				       size_t count)
{
	u32 v;
	int ret;

	if (kstrtou32(page, 0, &v) || v < min || v > max || v & ~valid ||
	    (v & required) != required)
		return -EINVAL;

	ret = tapi_sim_line_lock_config(line);
	if (ret)
		return ret;
	*val = v;
	mutex_unlock(&line->card->lock);
	return count;
}

/*
 * A numeric attribute of a line: a bit mask shown in hex when @_hex, else a
 * count shown in decimal; @_required: bits a mask must have.
 */
#define TAPI_SIM_LINE_U32_ATTR(_name, _hex, _min, _max, _valid, _required) \
static ssize_t tapi_sim_line_##_name##_show(struct config_item *item,	\
					    char *page)			\
{									\
	struct tapi_sim_line *line = to_tapi_sim_line(item);		\
									\
	return tapi_sim_line_show_u32(line, &line->_name, _hex, page);	\
}									\
									\
static ssize_t tapi_sim_line_##_name##_store(struct config_item *item,	\
					     const char *page,		\
					     size_t count)		\
{									\
	struct tapi_sim_line *line = to_tapi_sim_line(item);		\
									\
	return tapi_sim_line_store_u32(line, &line->_name, _min, _max,	\
				       _valid, _required, page, count);	\
}									\
									\
CONFIGFS_ATTR(tapi_sim_line_, _name)

TAPI_SIM_LINE_U32_ATTR(media_modes, true, 1, U32_MAX, TAPI_MEDIA_VALID, 0);
TAPI_SIM_LINE_U32_ATTR(bearer_modes, true, 1, U32_MAX, TAPI_BEARER_VALID, 0);
TAPI_SIM_LINE_U32_ATTR(gen_digit_modes, true, 0, U32_MAX,
		       TAPI_DIGITMODE_VALID, 0);
TAPI_SIM_LINE_U32_ATTR(monitor_digit_modes, true, 0, U32_MAX,
		       TAPI_DIGITMODE_VALID, 0);
TAPI_SIM_LINE_U32_ATTR(max_calls, false, 1, TAPI_SIM_MAX_CALLS, U32_MAX, 0);
TAPI_SIM_LINE_U32_ATTR(max_conf_members, false, 2, TAPI_SIM_MAX_CONF_MEMBERS,
		       U32_MAX, 0);
TAPI_SIM_LINE_U32_ATTR(call_features, true, 0, U32_MAX,
		       TAPI_SIM_CALL_FEATURES, TAPI_CALLFEATURE_DROP);
TAPI_SIM_LINE_U32_ATTR(address_features, true, 0, U32_MAX,
		       TAPI_SIM_ADDRESS_FEATURES, 0);
TAPI_SIM_LINE_U32_ATTR(gen_tone_max_freqs, false, 0,
		       TAPI_SIM_MAX_TONE_FREQS, U32_MAX, 0);
TAPI_SIM_LINE_U32_ATTR(monitor_tone_max_freqs, false, 0,
		       TAPI_SIM_MAX_TONE_FREQS, U32_MAX, 0);
TAPI_SIM_LINE_U32_ATTR(monitor_tone_max, false, 0,
		       TAPI_SIM_MAX_MONITOR_TONES, U32_MAX, 0);

static ssize_t tapi_sim_line_pickup_group_show(struct config_item *item,
					       char *page)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);

	return tapi_sim_line_show_string(line, line->pickup_group, page);
}

/* A group is a word of letters, digits, '_', '-' and '.'. */
static bool tapi_sim_is_group_char(char c)
{
	return isalnum(c) || (c && strchr("_-.", c));
}

/* Empty: no group. */
static ssize_t tapi_sim_line_pickup_group_store(struct config_item *item,
						const char *page, size_t count)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);

	return tapi_sim_line_store_string(line, line->pickup_group,
					  sizeof(line->pickup_group),
					  tapi_sim_is_group_char, true, page,
					  count);
}

static const char *const tapi_sim_laws[] = {
	[TAPI_MEDIA_LINEAR16] = "linear",
	[TAPI_MEDIA_ULAW] = "ulaw",
	[TAPI_MEDIA_ALAW] = "alaw",
};

static ssize_t tapi_sim_line_law_show(struct config_item *item, char *page)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);

	return tapi_sim_line_show_string(line, tapi_sim_laws[line->law], page);
}

static ssize_t tapi_sim_line_law_store(struct config_item *item,
				       const char *page, size_t count)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);
	int law, ret;

	law = sysfs_match_string(tapi_sim_laws, page);
	if (law < 0)
		return -EINVAL;
	ret = tapi_sim_line_lock_config(line);
	if (ret)
		return ret;
	line->law = law;
	mutex_unlock(&line->card->lock);
	return count;
}

/* The far end's commands; only while live (the switch checks). */
static ssize_t tapi_sim_line_network_store(struct config_item *item,
					   const char *page, size_t count)
{
	struct tapi_sim_line *line = to_tapi_sim_line(item);
	char *cmd;
	int ret;

	cmd = kstrndup(page, count, GFP_KERNEL);
	if (!cmd)
		return -ENOMEM;
	strim(cmd);
	ret = tapi_sim_network_command(&line->card->sw, line->index, cmd);
	kfree(cmd);
	return ret ? ret : count;
}

CONFIGFS_ATTR(tapi_sim_line_, name);
CONFIGFS_ATTR(tapi_sim_line_, numbers);
CONFIGFS_ATTR(tapi_sim_line_, pickup_group);
CONFIGFS_ATTR(tapi_sim_line_, law);
CONFIGFS_ATTR_WO(tapi_sim_line_, network);

static struct configfs_attribute *tapi_sim_line_attrs[] = {
	&tapi_sim_line_attr_name,
	&tapi_sim_line_attr_numbers,
	&tapi_sim_line_attr_media_modes,
	&tapi_sim_line_attr_bearer_modes,
	&tapi_sim_line_attr_gen_digit_modes,
	&tapi_sim_line_attr_monitor_digit_modes,
	&tapi_sim_line_attr_max_calls,
	&tapi_sim_line_attr_max_conf_members,
	&tapi_sim_line_attr_call_features,
	&tapi_sim_line_attr_address_features,
	&tapi_sim_line_attr_pickup_group,
	&tapi_sim_line_attr_gen_tone_max_freqs,
	&tapi_sim_line_attr_monitor_tone_max_freqs,
	&tapi_sim_line_attr_monitor_tone_max,
	&tapi_sim_line_attr_law,
	&tapi_sim_line_attr_network,
	NULL
};

static void tapi_sim_line_release(struct config_item *item)
{
	kfree(to_tapi_sim_line(item));
}

static struct configfs_item_operations tapi_sim_line_item_ops = {
	.release	= tapi_sim_line_release,
};

static const struct config_item_type tapi_sim_line_type = {
	.ct_item_ops	= &tapi_sim_line_item_ops,
	.ct_attrs	= tapi_sim_line_attrs,
	.ct_owner	= THIS_MODULE,
};

/* Cards: going live and dead */

/* The defaults of line @index of @card: a new line directory's. */
static void tapi_sim_line_init(struct tapi_sim_line *line,
			       struct tapi_sim_card *card, unsigned int index)
{
	line->card = card;
	line->index = index;
	snprintf(line->name, sizeof(line->name), "line%u", index);
	line->media_modes = TAPI_MEDIA_INTERACTIVEVOICE |
			    TAPI_MEDIA_AUTOMATEDVOICE | TAPI_MEDIA_UNKNOWN;
	line->bearer_modes = TAPI_BEARER_VOICE | TAPI_BEARER_SPEECH;
	line->max_calls = 4;
	line->max_conf_members = 3;
	line->call_features = TAPI_SIM_CALL_FEATURES;
	line->address_features = TAPI_SIM_ADDRESS_FEATURES;
	line->gen_digit_modes = TAPI_DIGITMODE_DTMF;
	line->monitor_digit_modes = TAPI_DIGITMODE_DTMF |
				    TAPI_DIGITMODE_DTMFEND;
	line->gen_tone_max_freqs = TAPI_SIM_MAX_TONE_FREQS;
	line->monitor_tone_max_freqs = TAPI_SIM_MAX_TONE_FREQS;
	line->monitor_tone_max = 4;
}

/* Is one of @line's numbers also a park address of @card. */
static bool tapi_sim_parks_a_number(const struct tapi_sim_card *card,
				    const struct tapi_sim_line *line)
{
	unsigned int i, j;

	for (i = 0; i < card->cfg.num_park; i++) {
		for (j = 0; j < line->num_numbers; j++) {
			if (!strcmp(card->cfg.park[i], line->numbers[j]))
				return true;
		}
	}
	return false;
}

/*
 * The card's extra lines, after its @card->num_lines directory lines, in
 * @lines: made for registering, with the defaults and their numbers.
 * Return: the array of lines (kvfree() it), or NULL.
 */
static struct tapi_sim_line *
tapi_sim_card_make_extra(struct tapi_sim_card *card,
			 struct tapi_sim_line **lines)
{
	struct tapi_sim_line *extra;
	unsigned int i;

	extra = kvcalloc(card->extra_lines, sizeof(*extra), GFP_KERNEL);
	if (!extra)
		return NULL;
	for (i = 0; i < card->extra_lines; i++) {
		tapi_sim_line_init(&extra[i], card, card->num_lines + i);
		snprintf(extra[i].numbers[0], sizeof(extra[i].numbers[0]),
			 "%llu", card->extra_first + i);
		extra[i].num_numbers = 1;
		lines[card->num_lines + i] = &extra[i];
	}
	return extra;
}

static int tapi_sim_card_go_live(struct tapi_sim_card *card)
{
	unsigned int i, total = card->num_lines + card->extra_lines;
	struct tapi_sim_line *extra = NULL;
	struct tapi_sim_line **lines;
	struct tapi_sim_line *line;
	struct tapi_card *tcard;
	int ret = -EINVAL;

	if (!total || total > TAPI_MAX_LINES)
		return -EINVAL;
	lines = kvcalloc(total, sizeof(*lines), GFP_KERNEL);
	if (!lines)
		return -ENOMEM;

	/*
	 * Directory names are unique, so are line indexes: num_lines lines
	 * all below num_lines are exactly line0..lineN-1.  A line whose mkdir
	 * is still going on is here already; should it fail, its drop takes
	 * the card dead again.
	 */
	list_for_each_entry(line, &card->lines, node) {
		if (line->index >= card->num_lines || !line->num_numbers ||
		    tapi_sim_parks_a_number(card, line))
			goto out;
		lines[line->index] = line;
	}
	if (card->extra_lines) {
		ret = -ENOMEM;
		extra = tapi_sim_card_make_extra(card, lines);
		if (!extra)
			goto out;
		ret = -EINVAL;
		for (i = 0; i < card->extra_lines; i++) {
			if (tapi_sim_parks_a_number(card, &extra[i]))
				goto out;
		}
	}

	tcard = tapi_sim_card_register(card, lines, total);
	if (IS_ERR(tcard)) {
		ret = PTR_ERR(tcard);
		goto out;
	}
	card->tcard = tcard;
	ret = 0;
out:
	kvfree(extra);
	kvfree(lines);
	return ret;
}

static void tapi_sim_card_go_dead(struct tapi_sim_card *card)
{
	tapi_sim_card_unregister(card);
	card->tcard = NULL;
}

/* Card attributes */

static ssize_t tapi_sim_card_live_show(struct config_item *item, char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	bool live;

	mutex_lock(&card->lock);
	live = card->tcard;
	mutex_unlock(&card->lock);
	return sprintf(page, "%d\n", live);
}

static ssize_t tapi_sim_card_live_store(struct config_item *item,
					const char *page, size_t count)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	u32 live;
	int ret = 0;

	if (kstrtou32(page, 10, &live) || live > 1)
		return -EINVAL;

	mutex_lock(&card->lock);
	if (live && !card->tcard)
		ret = tapi_sim_card_go_live(card);
	else if (!live && card->tcard)
		tapi_sim_card_go_dead(card);
	mutex_unlock(&card->lock);
	return ret ? ret : count;
}

static ssize_t tapi_sim_card_dev_name_show(struct config_item *item,
					   char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	ssize_t ret;

	mutex_lock(&card->lock);
	if (card->tcard)
		ret = sprintf(page, "tapi%d\n", tapi_card_index(card->tcard));
	else
		ret = sprintf(page, "none\n");
	mutex_unlock(&card->lock);
	return ret;
}

static ssize_t tapi_sim_card_open_lines_show(struct config_item *item,
					     char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);

	return sprintf(page, "%d\n", atomic_read(&card->open_lines));
}

static ssize_t tapi_sim_card_calls_show(struct config_item *item, char *page)
{
	return tapi_sim_switch_show_calls(&to_tapi_sim_card(item)->sw, page);
}

/* Take the card's lock; fail with -EBUSY, not holding it, if it is live. */
static int tapi_sim_card_lock_config(struct tapi_sim_card *card)
{
	mutex_lock(&card->lock);
	if (card->tcard) {
		mutex_unlock(&card->lock);
		return -EBUSY;
	}
	return 0;
}

/* A timing attribute of the card, in ms, from @min to TAPI_SIM_MAX_MS. */
#define TAPI_SIM_CARD_MS_ATTR(_name, _min)				\
static ssize_t tapi_sim_card_##_name##_show(struct config_item *item,	\
					    char *page)			\
{									\
	struct tapi_sim_card *card = to_tapi_sim_card(item);		\
	u32 v;								\
									\
	mutex_lock(&card->lock);					\
	v = card->cfg._name;						\
	mutex_unlock(&card->lock);					\
	return sprintf(page, "%u\n", v);				\
}									\
									\
static ssize_t tapi_sim_card_##_name##_store(struct config_item *item,	\
					     const char *page,		\
					     size_t count)		\
{									\
	struct tapi_sim_card *card = to_tapi_sim_card(item);		\
	u32 v;								\
	int ret;							\
									\
	if (kstrtou32(page, 10, &v) || v < (_min) || v > TAPI_SIM_MAX_MS) \
		return -EINVAL;						\
	ret = tapi_sim_card_lock_config(card);				\
	if (ret)							\
		return ret;						\
	card->cfg._name = v;						\
	mutex_unlock(&card->lock);					\
	return count;							\
}									\
									\
CONFIGFS_ATTR(tapi_sim_card_, _name)

TAPI_SIM_CARD_MS_ATTR(no_answer_ms, 1);
TAPI_SIM_CARD_MS_ATTR(remote_answer_ms, 0);
TAPI_SIM_CARD_MS_ATTR(reply_delay_ms, 0);
TAPI_SIM_CARD_MS_ATTR(forward_no_answer_ms, 1);

static ssize_t tapi_sim_card_park_numbers_show(struct config_item *item,
					       char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	ssize_t len;

	mutex_lock(&card->lock);
	len = tapi_sim_show_numbers(page, card->cfg.park, card->cfg.num_park);
	mutex_unlock(&card->lock);
	return len;
}

static ssize_t tapi_sim_card_park_numbers_store(struct config_item *item,
						const char *page, size_t count)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	char (*nums)[TAPI_ADDRESS_LEN];
	int n, ret;

	nums = kcalloc(TAPI_SIM_MAX_PARK, sizeof(*nums), GFP_KERNEL);
	if (!nums)
		return -ENOMEM;
	n = tapi_sim_parse_numbers(page, count, nums, TAPI_SIM_MAX_PARK, true);
	if (n < 0) {
		ret = n;
		goto out;
	}
	ret = tapi_sim_card_lock_config(card);
	if (ret)
		goto out;
	memcpy(card->cfg.park, nums, sizeof(card->cfg.park));
	card->cfg.num_park = n;
	mutex_unlock(&card->lock);
out:
	kfree(nums);
	return ret ? ret : count;
}

static ssize_t tapi_sim_card_unknown_number_show(struct config_item *item,
						 char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	bool si;

	mutex_lock(&card->lock);
	si = card->cfg.unknown_specialinfo;
	mutex_unlock(&card->lock);
	return sprintf(page, "%s\n", si ? "specialinfo" : "badaddress");
}

static ssize_t tapi_sim_card_unknown_number_store(struct config_item *item,
						  const char *page,
						  size_t count)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	bool si;
	int ret;

	if (sysfs_streq(page, "specialinfo"))
		si = true;
	else if (sysfs_streq(page, "badaddress"))
		si = false;
	else
		return -EINVAL;
	ret = tapi_sim_card_lock_config(card);
	if (ret)
		return ret;
	card->cfg.unknown_specialinfo = si;
	mutex_unlock(&card->lock);
	return count;
}

static ssize_t tapi_sim_card_external_prefix_show(struct config_item *item,
						  char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	ssize_t ret;

	mutex_lock(&card->lock);
	ret = sprintf(page, "%s\n", card->cfg.external_prefix);
	mutex_unlock(&card->lock);
	return ret;
}

static ssize_t tapi_sim_card_external_prefix_store(struct config_item *item,
						   const char *page,
						   size_t count)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	char prefix[sizeof(card->cfg.external_prefix)];
	size_t i, len = count;
	int ret;

	if (len && page[len - 1] == '\n')
		len--;
	if (len >= sizeof(prefix))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!tapi_sim_is_dial_char(page[i]))
			return -EINVAL;
	}
	memcpy(prefix, page, len);
	prefix[len] = '\0';
	ret = tapi_sim_card_lock_config(card);
	if (ret)
		return ret;
	strscpy(card->cfg.external_prefix, prefix,
		sizeof(card->cfg.external_prefix));
	mutex_unlock(&card->lock);
	return count;
}

static ssize_t tapi_sim_card_tone_zone_show(struct config_item *item,
					    char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	ssize_t ret;

	mutex_lock(&card->lock);
	ret = sprintf(page, "%s\n", tapi_sim_zone_name(card->cfg.tone_zone));
	mutex_unlock(&card->lock);
	return ret;
}

static ssize_t tapi_sim_card_tone_zone_store(struct config_item *item,
					     const char *page, size_t count)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	int zone, ret;

	zone = tapi_sim_zone_find(page);
	if (zone < 0)
		return zone;
	ret = tapi_sim_card_lock_config(card);
	if (ret)
		return ret;
	card->cfg.tone_zone = zone;
	mutex_unlock(&card->lock);
	return count;
}

/* Misbehaviour on demand: any time, live or not (sim-misbehave.c). */
static ssize_t tapi_sim_card_misbehave_show(struct config_item *item,
					    char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);

	return tapi_sim_misbehave_show(READ_ONCE(card->sw.mb.modes), page);
}

static ssize_t tapi_sim_card_misbehave_store(struct config_item *item,
					     const char *page, size_t count)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	u32 modes;
	int ret;

	ret = tapi_sim_misbehave_parse(page, &modes);
	if (ret)
		return ret;
	WRITE_ONCE(card->sw.mb.modes, modes);
	return count;
}

static ssize_t tapi_sim_card_misbehaviours_show(struct config_item *item,
						char *page)
{
	return tapi_sim_misbehave_counts(&to_tapi_sim_card(item)->sw, page);
}

/*
 * extra_lines: "COUNT FIRST", COUNT lines after the directory lines, with
 * the defaults and the numbers FIRST, FIRST + 1, ...; "0" for none.
 */
static ssize_t tapi_sim_card_extra_lines_show(struct config_item *item,
					      char *page)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	ssize_t len;

	mutex_lock(&card->lock);
	if (card->extra_lines)
		len = sprintf(page, "%u %llu\n", card->extra_lines,
			      card->extra_first);
	else
		len = sprintf(page, "0\n");
	mutex_unlock(&card->lock);
	return len;
}

static ssize_t tapi_sim_card_extra_lines_store(struct config_item *item,
					       const char *page, size_t count)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);
	char buf[48], *rest, *word;
	unsigned long long first = 0;
	unsigned int n;
	int ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, page, count);
	buf[count] = '\0';
	rest = strim(buf);
	word = strsep(&rest, " \t");
	if (kstrtouint(word, 10, &n) || n > TAPI_MAX_LINES)
		return -EINVAL;
	if (rest)
		rest = skip_spaces(rest);
	/* COUNT 0: nothing after it; else FIRST, and FIRST + COUNT - 1 fits. */
	if (n ? !rest || kstrtoull(rest, 10, &first) ||
		first > U64_MAX - (n - 1) : rest && *rest)
		return -EINVAL;
	ret = tapi_sim_card_lock_config(card);
	if (ret)
		return ret;
	card->extra_lines = n;
	card->extra_first = first;
	mutex_unlock(&card->lock);
	return count;
}

CONFIGFS_ATTR(tapi_sim_card_, live);
CONFIGFS_ATTR_RO(tapi_sim_card_, dev_name);
CONFIGFS_ATTR_RO(tapi_sim_card_, open_lines);
CONFIGFS_ATTR_RO(tapi_sim_card_, calls);
CONFIGFS_ATTR(tapi_sim_card_, unknown_number);
CONFIGFS_ATTR(tapi_sim_card_, external_prefix);
CONFIGFS_ATTR(tapi_sim_card_, tone_zone);
CONFIGFS_ATTR(tapi_sim_card_, park_numbers);
CONFIGFS_ATTR(tapi_sim_card_, misbehave);
CONFIGFS_ATTR(tapi_sim_card_, extra_lines);
CONFIGFS_ATTR_RO(tapi_sim_card_, misbehaviours);

static struct configfs_attribute *tapi_sim_card_attrs[] = {
	&tapi_sim_card_attr_live,
	&tapi_sim_card_attr_dev_name,
	&tapi_sim_card_attr_open_lines,
	&tapi_sim_card_attr_calls,
	&tapi_sim_card_attr_no_answer_ms,
	&tapi_sim_card_attr_remote_answer_ms,
	&tapi_sim_card_attr_reply_delay_ms,
	&tapi_sim_card_attr_unknown_number,
	&tapi_sim_card_attr_external_prefix,
	&tapi_sim_card_attr_tone_zone,
	&tapi_sim_card_attr_forward_no_answer_ms,
	&tapi_sim_card_attr_park_numbers,
	&tapi_sim_card_attr_misbehave,
	&tapi_sim_card_attr_misbehaviours,
	&tapi_sim_card_attr_extra_lines,
	NULL
};

/* Card directories: mkdir/rmdir of lineN */

/* Parse "lineN": N decimal, no sign, no leading zero, < TAPI_MAX_LINES. */
static int tapi_sim_parse_line_name(const char *name, unsigned int *index)
{
	char canon[sizeof("line") + 10];

	if (strncmp(name, "line", 4) || kstrtouint(name + 4, 10, index) ||
	    *index >= TAPI_MAX_LINES)
		return -EINVAL;
	/* Refuse "line01", "line+1", "line1\n": one name per line. */
	snprintf(canon, sizeof(canon), "line%u", *index);
	return strcmp(name, canon) ? -EINVAL : 0;
}

static struct config_group *
tapi_sim_card_make_line(struct config_group *group, const char *name)
{
	struct tapi_sim_card *card = to_tapi_sim_card(&group->cg_item);
	struct tapi_sim_line *line;
	unsigned int index;
	int ret;

	ret = tapi_sim_parse_line_name(name, &index);
	if (ret)
		return ERR_PTR(ret);

	line = kzalloc(sizeof(*line), GFP_KERNEL);
	if (!line)
		return ERR_PTR(-ENOMEM);
	tapi_sim_line_init(line, card, index);
	config_group_init_type_name(&line->group, name, &tapi_sim_line_type);

	mutex_lock(&card->lock);
	if (card->tcard) {
		mutex_unlock(&card->lock);
		kfree(line);
		return ERR_PTR(-EBUSY);
	}
	list_add_tail(&line->node, &card->lines);
	card->num_lines++;
	mutex_unlock(&card->lock);

	return &line->group;
}

/*
 * rmdir of a line, or a failed mkdir (of a line made while the card went
 * live).  configfs cannot be told to refuse an rmdir but by pinning the
 * directory, and pinning (configfs_depend_item()) searches the whole
 * subsystem's tree, which for every line of a card of thousands takes
 * seconds under a spinlock: so a live card is taken dead first, as by
 * writing 0 to live, and its lines are never in use once gone.
 */
static void tapi_sim_card_drop_line(struct config_group *group,
				    struct config_item *item)
{
	struct tapi_sim_card *card = to_tapi_sim_card(&group->cg_item);
	struct tapi_sim_line *line = to_tapi_sim_line(item);

	mutex_lock(&card->lock);
	if (card->tcard)
		tapi_sim_card_go_dead(card);
	list_del(&line->node);
	card->num_lines--;
	mutex_unlock(&card->lock);

	config_item_put(item);
}

static void tapi_sim_card_release(struct config_item *item)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);

	mutex_destroy(&card->sw.lock);
	mutex_destroy(&card->lock);
	kfree(card);
}

static struct configfs_item_operations tapi_sim_card_item_ops = {
	.release	= tapi_sim_card_release,
};

static struct configfs_group_operations tapi_sim_card_group_ops = {
	.make_group	= tapi_sim_card_make_line,
	.drop_item	= tapi_sim_card_drop_line,
};

static const struct config_item_type tapi_sim_card_type = {
	.ct_item_ops	= &tapi_sim_card_item_ops,
	.ct_group_ops	= &tapi_sim_card_group_ops,
	.ct_attrs	= tapi_sim_card_attrs,
	.ct_owner	= THIS_MODULE,
};

/* The subsystem: mkdir/rmdir of CARD */

static struct config_group *
tapi_sim_make_card(struct config_group *group, const char *name)
{
	struct tapi_sim_card *card;

	if (strlen(name) >= TAPI_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return ERR_PTR(-ENOMEM);
	mutex_init(&card->lock);
	INIT_LIST_HEAD(&card->lines);
	atomic_set(&card->open_lines, 0);
	card->cfg.no_answer_ms = 30000;
	card->cfg.forward_no_answer_ms = 15000;
	strscpy(card->cfg.external_prefix, "9",
		sizeof(card->cfg.external_prefix));
	tapi_sim_switch_init(&card->sw);
	config_group_init_type_name(&card->group, name, &tapi_sim_card_type);

	return &card->group;
}

/*
 * rmdir of a card.  configfs only lets it happen once the card has no line
 * directories, and removing the last one took the card dead, so the card
 * is dead here; unregister anyway rather than leave a registered card
 * behind.
 */
static void tapi_sim_drop_card(struct config_group *group,
			       struct config_item *item)
{
	struct tapi_sim_card *card = to_tapi_sim_card(item);

	mutex_lock(&card->lock);
	if (card->tcard)
		tapi_sim_card_go_dead(card);
	mutex_unlock(&card->lock);

	config_item_put(item);
}

static struct configfs_group_operations tapi_sim_group_ops = {
	.make_group	= tapi_sim_make_card,
	.drop_item	= tapi_sim_drop_card,
};

static const struct config_item_type tapi_sim_subsys_type = {
	.ct_group_ops	= &tapi_sim_group_ops,
	.ct_owner	= THIS_MODULE,
};

static struct configfs_subsystem tapi_sim_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf	= "tapi-sim",
			.ci_type	= &tapi_sim_subsys_type,
		},
	},
};

static int __init tapi_sim_init(void)
{
	int ret;

	config_group_init(&tapi_sim_subsys.su_group);
	mutex_init(&tapi_sim_subsys.su_mutex);
	ret = configfs_register_subsystem(&tapi_sim_subsys);
	if (ret)
		pr_err("cannot register the configfs subsystem: %d\n", ret);
	return ret;
}
module_init(tapi_sim_init);

/*
 * Every CARD and lineN directory holds a reference on this module, so this
 * runs only once all of them are gone, hence no card is registered and the
 * subsystem directory is empty.
 */
static void __exit tapi_sim_exit(void)
{
	configfs_unregister_subsystem(&tapi_sim_subsys);
}
module_exit(tapi_sim_exit);

MODULE_DESCRIPTION("tapi simulated telephony card");
MODULE_LICENSE("GPL");
