// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl: look at and drive tapi cards from the command line.
 *
 * Each subcommand is one entry of the commands[] table and one function
 * taking its own argv (argv[0] is the subcommand's name).  list and caps
 * are here; the call commands are in tool-call.c, tool-answer.c and
 * tool-monitor.c, hold, transfer and conference in tool-supp.c, swap,
 * park, unpark, pickup and forward in tool-services.c.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libtapi.h>

#include "tapictl.h"

static int parse_common(int argc, char **argv, struct common_opts *opts)
{
	return parse_options(argc, argv, NULL, NULL, NULL, NULL, opts);
}

/* ------------------------------------------------------------------ */
/* Cards and lines                                                     */
/* ------------------------------------------------------------------ */

/* A line's capabilities and those of all its addresses. */
struct line_data {
	struct tapi_line_info *info;
	struct tapi_address_info **addrs;
	unsigned int num_addrs;
};

static void line_data_free(struct line_data *ld)
{
	unsigned int i;

	for (i = 0; i < ld->num_addrs; i++)
		tapi_address_info_free(ld->addrs[i]);
	free(ld->addrs);
	tapi_line_info_free(ld->info);
	memset(ld, 0, sizeof(*ld));
}

static int line_data_load(struct tapi_card *card, unsigned int line,
			  struct line_data *ld)
{
	const char *path = tapi_card_get_path(card);
	unsigned int i, n;

	memset(ld, 0, sizeof(*ld));
	ld->info = tapi_card_get_line_info(card, line);
	if (!ld->info) {
		error("%s: line %u: %s", path, line, strerror(errno));
		return -1;
	}

	n = tapi_line_info_get_num_addresses(ld->info);
	ld->addrs = xcalloc(n, sizeof(*ld->addrs));
	for (i = 0; i < n; i++) {
		ld->addrs[i] = tapi_card_get_address_info(card, line, i);
		if (!ld->addrs[i]) {
			error("%s: line %u address %u: %s", path, line, i,
			      strerror(errno));
			line_data_free(ld);
			return -1;
		}
		ld->num_addrs++;
	}
	return 0;
}

static const char *string_format_str(uint32_t fmt)
{
	return fmt == TAPI_STRINGFORMAT_UTF8 ? "utf8" : NULL;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/* The members describing a card, inside an object already begun. */
static void json_card_members(struct json_writer *w, struct tapi_card *card)
{
	json_string(w, "path", tapi_card_get_path(card));
	json_uint(w, "index", tapi_card_get_index(card));
	json_string(w, "name", tapi_card_get_name(card));
	json_string(w, "driver", tapi_card_get_driver(card));
	json_uint(w, "num_lines", tapi_card_get_num_lines(card));
}

/**
 * json_address_members() - the members describing an address, inside an
 *	object already begun; the key names are those of the uapi structure
 * @w: the writer
 * @a: the address's capabilities
 */
void json_address_members(struct json_writer *w,
			  const struct tapi_address_caps *a)
{
	json_uint(w, "address_id", a->address_id);
	json_string(w, "address", a->address);
	json_uint(w, "max_calls", a->max_calls);
	json_flags(w, "address_features", TAPI_FLAGS_ADDRESS_FEATURE,
		   a->address_features);
	json_flags(w, "call_features", TAPI_FLAGS_CALL_FEATURE,
		   a->call_features);
	json_flags(w, "transfer_modes", TAPI_FLAGS_TRANSFER_MODE,
		   a->transfer_modes);
	json_uint(w, "max_conf_members", a->max_conf_members);
	json_flags(w, "park_modes", TAPI_FLAGS_PARK_MODE, a->park_modes);
	json_flags(w, "forward_modes", TAPI_FLAGS_FORWARD_MODE,
		   a->forward_modes);
	json_flags(w, "completion_modes", TAPI_FLAGS_COMPLETION_MODE,
		   a->completion_modes);
	json_uint(w, "max_user_user", a->max_user_user);
}

/**
 * json_string_format() - a line's string format, by name when it has one
 * @w: the writer
 * @fmt: &tapi_line_devcaps.string_format
 */
void json_string_format(struct json_writer *w, uint32_t fmt)
{
	if (string_format_str(fmt))
		json_string(w, "string_format", string_format_str(fmt));
	else
		json_uint(w, "string_format", fmt);
}

static void json_address(struct json_writer *w,
			 const struct tapi_address_info *ai)
{
	struct tapi_address_caps a = {
		.address_id = tapi_address_info_get_id(ai),
		.max_calls = tapi_address_info_get_max_calls(ai),
		.address_features = tapi_address_info_get_features(ai),
		.call_features = tapi_address_info_get_call_features(ai),
		.transfer_modes = tapi_address_info_get_transfer_modes(ai),
		.max_conf_members =
			tapi_address_info_get_max_conf_members(ai),
		.park_modes = tapi_address_info_get_park_modes(ai),
		.forward_modes = tapi_address_info_get_forward_modes(ai),
		.completion_modes = tapi_address_info_get_completion_modes(ai),
		.max_user_user = tapi_address_info_get_max_user_user(ai),
	};

	snprintf(a.address, sizeof(a.address), "%s",
		 tapi_address_info_get_address(ai));
	json_begin_object(w, NULL);
	json_address_members(w, &a);
	json_end_object(w);
}

/* One line object; the key names are those of the uapi structures. */
static void json_line(struct json_writer *w, const char *key,
		      const struct line_data *ld)
{
	const struct tapi_line_info *li = ld->info;
	uint32_t fmt = tapi_line_info_get_string_format(li);
	unsigned int i;

	json_begin_object(w, key);
	json_uint(w, "line", tapi_line_info_get_line(li));
	json_string(w, "name", tapi_line_info_get_name(li));
	json_uint(w, "permanent_line_id", tapi_line_info_get_permanent_id(li));
	json_uint(w, "num_addresses", tapi_line_info_get_num_addresses(li));
	json_uint(w, "max_active_calls",
		  tapi_line_info_get_max_active_calls(li));
	json_flags(w, "media_modes", TAPI_FLAGS_MEDIA_MODE,
		   tapi_line_info_get_media_modes(li));
	json_flags(w, "bearer_modes", TAPI_FLAGS_BEARER_MODE,
		   tapi_line_info_get_bearer_modes(li));
	json_flags(w, "line_features", TAPI_FLAGS_LINE_FEATURE,
		   tapi_line_info_get_features(li));
	json_flags(w, "devcaps_flags", TAPI_FLAGS_DEVCAPS,
		   tapi_line_info_get_devcaps_flags(li));
	json_string_format(w, fmt);
	json_flags(w, "gen_digit_modes", TAPI_FLAGS_DIGIT_MODE,
		   tapi_line_info_get_gen_digit_modes(li));
	json_flags(w, "monitor_digit_modes", TAPI_FLAGS_DIGIT_MODE,
		   tapi_line_info_get_monitor_digit_modes(li));
	json_uint(w, "gen_tone_max_freqs",
		  tapi_line_info_get_gen_tone_max_freqs(li));
	json_uint(w, "monitor_tone_max_freqs",
		  tapi_line_info_get_monitor_tone_max_freqs(li));
	json_uint(w, "monitor_tone_max",
		  tapi_line_info_get_monitor_tone_max(li));
	json_begin_array(w, "addresses", false);
	for (i = 0; i < ld->num_addrs; i++)
		json_address(w, ld->addrs[i]);
	json_end_array(w);
	json_end_object(w);
}

/* ------------------------------------------------------------------ */
/* tapictl list                                                        */
/* ------------------------------------------------------------------ */

static char *join_addresses(const struct line_data *ld)
{
	size_t len = 1, i;
	char *s;

	for (i = 0; i < ld->num_addrs; i++)
		len += strlen(tapi_address_info_get_address(ld->addrs[i])) + 1;
	s = xcalloc(1, len);
	for (i = 0; i < ld->num_addrs; i++) {
		if (i)
			strcat(s, ",");
		strcat(s, tapi_address_info_get_address(ld->addrs[i]));
	}
	if (!*s) {
		free(s);
		s = xstrdup("-");
	}
	return s;
}

static void list_add_line(struct table *t, const struct line_data *ld)
{
	const struct tapi_line_info *li = ld->info;
	const char *name = tapi_line_info_get_name(li);
	char *row[7];

	row[0] = xasprintf("%u", tapi_line_info_get_line(li));
	row[1] = xstrdup(*name ? name : "-");
	row[2] = join_addresses(ld);
	row[3] = flags_to_alloc_str(TAPI_FLAGS_MEDIA_MODE,
				    tapi_line_info_get_media_modes(li), "-");
	row[4] = flags_to_alloc_str(TAPI_FLAGS_BEARER_MODE,
				    tapi_line_info_get_bearer_modes(li), "-");
	row[5] = xasprintf("%u", tapi_line_info_get_max_active_calls(li));
	row[6] = flags_to_alloc_str(TAPI_FLAGS_LINE_FEATURE,
				    tapi_line_info_get_features(li), "-");
	table_add_row(t, row);
}

/* Print one card; returns 0, or -1 if part of it could not be read. */
static int list_card(struct tapi_card *card, struct json_writer *w)
{
	static const char *const header[] = {
		"LINE", "NAME", "ADDRESSES", "MEDIA MODES", "BEARER MODES",
		"CALLS", "LINE FEATURES",
	};
	unsigned int i, n = tapi_card_get_num_lines(card);
	struct line_data ld;
	struct table t;
	char *row[7];
	int ret = 0;

	if (w) {
		json_begin_object(w, NULL);
		json_card_members(w, card);
		json_begin_array(w, "lines", false);
	} else {
		printf("tapi%u: %s (driver %s, %u line%s)\n",
		       tapi_card_get_index(card), tapi_card_get_name(card),
		       tapi_card_get_driver(card), n, n == 1 ? "" : "s");
		table_init(&t, 7);
		for (i = 0; i < 7; i++)
			row[i] = xstrdup(header[i]);
		table_add_row(&t, row);
	}

	for (i = 0; i < n; i++) {
		if (line_data_load(card, i, &ld)) {
			ret = -1;
			continue;
		}
		if (w)
			json_line(w, NULL, &ld);
		else
			list_add_line(&t, &ld);
		line_data_free(&ld);
	}

	if (w) {
		json_end_array(w);
		json_end_object(w);
	} else {
		if (t.nrows > 1)
			table_print(&t, stdout, "  ");
		else if (!n)
			printf("  (no lines)\n");
		table_free(&t);
	}
	return ret;
}

/**
 * list_begin() - start the output of a list of @n cards
 * @jw: the writer to use for JSON
 * @json: JSON, not text
 * @n: how many cards there are
 *
 * Return: @jw, begun, for JSON; NULL for text (after saying on stderr that
 * there are no cards, if so).
 */
struct json_writer *list_begin(struct json_writer *jw, bool json,
			       unsigned int n)
{
	if (json) {
		json_init(jw, stdout);
		json_begin_object(jw, NULL);
		json_begin_array(jw, "cards", false);
		return jw;
	}
	if (!n)
		fprintf(stderr, "no tapi cards found\n");
	return NULL;
}

/**
 * list_end() - end the output list_begin() began
 * @w: what list_begin() returned
 */
void list_end(struct json_writer *w)
{
	if (!w)
		return;
	json_end_array(w);
	json_end_object(w);
	json_finish(w);
}

static int cmd_list(int argc, char **argv)
{
	struct common_opts opts;
	struct json_writer jw, *w = NULL;
	struct tapi_card *card;
	struct tapi_nl *nl;
	int ret = EXIT_OK;
	bool absent;
	char **paths;
	int i, n;

	i = parse_common(argc, argv, &opts);
	if (check_args(&ret, argc, argv, i, NULL))
		return ret;

	/* Every card and line at once, without opening them; or else. */
	nl = nl_connect(&absent);
	if (nl) {
		ret = nl_list(nl, opts.json);
		tapi_nl_close(nl);
		return ret;
	}
	if (!absent)
		return EXIT_FAIL;

	n = tapi_list_cards(&paths);
	if (n < 0) {
		error("cannot list tapi cards in /dev: %s", strerror(errno));
		return EXIT_FAIL;
	}

	w = list_begin(&jw, opts.json, n);

	for (i = 0; i < n; i++) {
		card = open_card(paths[i]);
		if (!card) {
			ret = EXIT_FAIL;
			continue;
		}
		if (!w && i)
			putchar('\n');
		if (list_card(card, w))
			ret = EXIT_FAIL;
		tapi_card_close(card);
	}
	tapi_card_list_free(paths);
	list_end(w);
	return ret;
}

/* ------------------------------------------------------------------ */
/* tapictl caps                                                        */
/* ------------------------------------------------------------------ */

#define LABEL_WIDTH	22
#define TEXT_WIDTH	79

/*
 * Print "  label   value", breaking a long '|'-separated value after a '|'
 * and aligning the continuation under the value.
 */
static void print_field(const char *label, const char *value)
{
	size_t col, len;
	const char *p = value, *bar;

	printf("  %-*s", LABEL_WIDTH, label);
	col = 2 + LABEL_WIDTH;
	while (*p) {
		bar = strchr(p, '|');
		len = bar ? (size_t)(bar - p) + 1 : strlen(p);
		if (col + len > TEXT_WIDTH && col > 2 + LABEL_WIDTH) {
			printf("\n  %-*s", LABEL_WIDTH, "");
			col = 2 + LABEL_WIDTH;
		}
		fwrite(p, 1, len, stdout);
		col += text_width(p) - text_width(p + len);
		p += len;
	}
	putchar('\n');
}

static void print_flags(const char *label, enum tapi_flag_kind kind,
			uint64_t flags)
{
	char *s = flags_to_alloc_str(kind, flags, "-");

	print_field(label, s);
	free(s);
}

static void print_uint(const char *label, unsigned int val)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", val);
	print_field(label, buf);
}

static void caps_print_text(struct tapi_card *card, const struct line_data *ld)
{
	const struct tapi_line_info *li = ld->info;
	uint32_t fmt = tapi_line_info_get_string_format(li);
	const struct tapi_address_info *ai;
	char card_desc[3 * TAPI_NAME_LEN + PATH_MAX];
	char buf[32];
	unsigned int i;
	const char *name = tapi_line_info_get_name(li);

	printf("line tapi%u:%u%s%s\n", tapi_card_get_index(card),
	       tapi_line_info_get_line(li), *name ? ": " : "", name);
	snprintf(card_desc, sizeof(card_desc), "%s (%s, driver %s)",
		 tapi_card_get_name(card), tapi_card_get_path(card),
		 tapi_card_get_driver(card));
	print_field("card", card_desc);
	snprintf(buf, sizeof(buf), "0x%08x",
		 tapi_line_info_get_permanent_id(li));
	print_field("permanent line id", buf);
	print_uint("addresses", tapi_line_info_get_num_addresses(li));
	print_uint("max active calls",
		   tapi_line_info_get_max_active_calls(li));
	print_flags("media modes", TAPI_FLAGS_MEDIA_MODE,
		    tapi_line_info_get_media_modes(li));
	print_flags("bearer modes", TAPI_FLAGS_BEARER_MODE,
		    tapi_line_info_get_bearer_modes(li));
	print_flags("line features", TAPI_FLAGS_LINE_FEATURE,
		    tapi_line_info_get_features(li));
	print_flags("devcaps flags", TAPI_FLAGS_DEVCAPS,
		    tapi_line_info_get_devcaps_flags(li));
	if (string_format_str(fmt))
		print_field("string format", string_format_str(fmt));
	else
		print_uint("string format", fmt);
	print_flags("generate digits", TAPI_FLAGS_DIGIT_MODE,
		    tapi_line_info_get_gen_digit_modes(li));
	print_flags("monitor digits", TAPI_FLAGS_DIGIT_MODE,
		    tapi_line_info_get_monitor_digit_modes(li));
	print_uint("generate tone freqs",
		   tapi_line_info_get_gen_tone_max_freqs(li));
	print_uint("monitor tone freqs",
		   tapi_line_info_get_monitor_tone_max_freqs(li));
	print_uint("monitor tones",
		   tapi_line_info_get_monitor_tone_max(li));

	for (i = 0; i < ld->num_addrs; i++) {
		ai = ld->addrs[i];
		printf("\naddress %u: %s\n", tapi_address_info_get_id(ai),
		       tapi_address_info_get_address(ai));
		print_uint("max calls", tapi_address_info_get_max_calls(ai));
		print_flags("address features", TAPI_FLAGS_ADDRESS_FEATURE,
			    tapi_address_info_get_features(ai));
		print_flags("call features", TAPI_FLAGS_CALL_FEATURE,
			    tapi_address_info_get_call_features(ai));
		print_flags("transfer modes", TAPI_FLAGS_TRANSFER_MODE,
			    tapi_address_info_get_transfer_modes(ai));
		print_uint("conference members",
			   tapi_address_info_get_max_conf_members(ai));
		print_flags("park modes", TAPI_FLAGS_PARK_MODE,
			    tapi_address_info_get_park_modes(ai));
		print_flags("forward modes", TAPI_FLAGS_FORWARD_MODE,
			    tapi_address_info_get_forward_modes(ai));
		print_flags("completion modes", TAPI_FLAGS_COMPLETION_MODE,
			    tapi_address_info_get_completion_modes(ai));
		print_uint("user-user bytes",
			   tapi_address_info_get_max_user_user(ai));
	}
}

static int cmd_caps(int argc, char **argv)
{
	struct common_opts opts;
	struct json_writer w;
	struct tapi_card *card;
	struct line_data ld;
	unsigned int line, n;
	char *spec;
	int i, ret;

	i = parse_common(argc, argv, &opts);
	if (check_args(&ret, argc, argv, i, "LINE", NULL))
		return ret;
	if (parse_line_spec(argv[i], &spec, &line))
		return usage_error(argv[0], "'%s' is not a line: use CARD:N",
				   argv[i]);

	card = open_card(spec);
	if (!card) {
		free(spec);
		return EXIT_FAIL;
	}
	free(spec);

	n = tapi_card_get_num_lines(card);
	if (line >= n) {
		error("%s: no line %u (the card has %u line%s)",
		      tapi_card_get_path(card), line, n, n == 1 ? "" : "s");
		tapi_card_close(card);
		return EXIT_FAIL;
	}
	if (line_data_load(card, line, &ld)) {
		tapi_card_close(card);
		return EXIT_FAIL;
	}

	if (opts.json) {
		json_init(&w, stdout);
		json_begin_object(&w, NULL);
		json_begin_object(&w, "card");
		json_card_members(&w, card);
		json_end_object(&w);
		json_line(&w, "line", &ld);
		json_end_object(&w);
		json_finish(&w);
	} else {
		caps_print_text(card, &ld);
	}

	line_data_free(&ld);
	tapi_card_close(card);
	return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

static const struct command commands[] = {
	{ "list", cmd_list, "[--json]",
	  "List the cards, their lines and main capabilities", NULL,
	  "Every card and line is read at once through the generic netlink\n"
	  "family \"tapi\" (with each line's status and calls per address in\n"
	  "JSON), or, on a core without it, from the card nodes in /dev.\n" },
	{ "caps", cmd_caps, "LINE [--json]",
	  "Show all capabilities of a line and its addresses", NULL, NULL },
	{ "calls", cmd_calls, "[CARD | LINE] [--json]",
	  "List the calls of every card, of a card or of a line", NULL,
	  "For each call: its call id, line (unless LINE is given), address,\n"
	  "state (mode), origin, the caller, called and connected parties, and\n"
	  "how many handles own and monitor it (not counting " PROG "'s own).\n"
	  "The calls are read through the generic netlink family \"tapi\",\n"
	  "which needs CAP_NET_ADMIN; without it, from the card nodes: each\n"
	  "line opened as a monitor.\n" },
	{ "call", cmd_call, "LINE NUMBER [OPTIONS]",
	  "Place a call and print its events until it ends",
	  "  -a, --address N           call from address N of the line "
	  "(default 0)\n"
	  "  -m, --media MODE          the call's media mode (default\n"
	  "                            interactivevoice)\n"
	  "  -t, --timeout SECONDS     give up if nobody answers in time\n"
	  "                            (default: the card's)\n"
	  "      --hangup-after SECONDS\n"
	  "                            drop the call this long after it "
	  "connects\n",
	  "The line is opened as owner of MODE and monitor.  When the call is\n"
	  "disconnected, busy or gets special information, it is dropped;\n"
	  "once idle its handle is deallocated and " PROG " exits.  SIGINT or\n"
	  "SIGTERM drops the call; a second one exits at once.  Exit status 0\n"
	  "when the call ended, whatever the far end did.\n" },
	{ "answer", cmd_answer, "LINE [OPTIONS]",
	  "Answer an offered call and print its events until it ends",
	  "  -c, --call ID             the call with this call id (default: "
	  "the\n"
	  "                            first one offered)\n"
	  "  -w, --wait SECONDS        wait this long for a call to be "
	  "offered\n"
	  "                            (default: forever)\n"
	  "  -m, --media MODE          own this media mode (default\n"
	  "                            interactivevoice)\n"
	  "      --hangup-after SECONDS\n"
	  "                            drop the call this long after it "
	  "connects\n",
	  "The line is opened as owner of MODE and monitor.  A call already\n"
	  "offered is taken over (its privilege raised to owner), otherwise\n"
	  PROG " waits for one.  Then as for '" PROG " call'.\n" },
	{ "drop", cmd_drop, "LINE ID [--json]",
	  "Drop a call", NULL,
	  "Drops the call whose call id is ID (see '" PROG " calls'), as its\n"
	  "owner, and waits until it is dropped.\n" },
	{ "hold", cmd_hold, "LINE ID [--json]",
	  "Put a call on hold", NULL,
	  "Puts the call whose call id is ID on hold (connected -> onhold) as\n"
	  "one of its owners, and waits for the outcome.  The call stays with\n"
	  "the application that owns it; " PROG " only lends a hand.\n" },
	{ "unhold", cmd_unhold, "LINE ID [--json]",
	  "Take a call off hold", NULL,
	  "Takes the call ID off hold (onhold -> connected), as for '" PROG
	  " hold'.\n" },
	{ "transfer", cmd_transfer,
	  "LINE ID --to NUMBER | --consult NUMBER [OPTIONS]",
	  "Transfer a call, blind or after consulting the new party",
	  "      --to NUMBER           blind transfer: hand the far party over "
	  "to\n"
	  "                            NUMBER at once\n"
	  "      --consult NUMBER      consultation transfer: hold the call, "
	  "call\n"
	  "                            NUMBER, and once it answers connect the "
	  "two\n"
	  "                            far parties\n"
	  "      --conference          with --consult: make a three-way "
	  "conference\n"
	  "                            instead, and follow it until it ends\n"
	  "  -t, --timeout SECONDS     give up if NUMBER does not answer in "
	  "time\n"
	  "                            (default: as long as the card lets it "
	  "ring)\n"
	  "      --hangup-after SECONDS\n"
	  "                            with --conference: drop the conference "
	  "this\n"
	  "                            long after it started\n",
	  "With --to, the call goes idle once the card took the transfer;\n"
	  "NUMBER busy or out of reach fails and leaves the call as it was.\n"
	  "With --consult, the events of the call and of the consultation call\n"
	  "are printed as '" PROG " call' prints them.  If NUMBER does not\n"
	  "answer, or on SIGINT or SIGTERM before it did, the consultation call\n"
	  "is dropped and the call comes back (exit status 1).\n" },
	{ "conference", cmd_conference, "LINE ID [NUMBER...] [OPTIONS]",
	  "Make or show a conference, add or remove parties",
	  "  -r, --remove              take the member ID out of its "
	  "conference\n"
	  "                            (it goes on hold)\n"
	  "  -t, --timeout SECONDS     give up on a NUMBER that does not "
	  "answer\n"
	  "                            in time\n"
	  "      --hangup-after SECONDS\n"
	  "                            drop the conference this long after "
	  "the\n"
	  "                            parties were added\n",
	  "With NUMBERs: if ID is a two-party call, a conference is set up from\n"
	  "it; if ID is a conference call, the parties are added to it.  Each\n"
	  "NUMBER is called in turn and added once it answers.  Then the events\n"
	  "of the calls " PROG " took over or made are printed until the\n"
	  "conference ends; those members whose far end hangs up are dropped.\n"
	  "SIGINT or SIGTERM drops the conference call, and with it every\n"
	  "member.  Exit status 1 if a party could not be added.\n"
	  "Without NUMBER: show the conference call ID is or belongs to, and\n"
	  "its members.\n" },
	{ "swap", cmd_swap, "LINE ACTIVE_ID HELD_ID [--json]",
	  "Swap an active and a held call", NULL,
	  "The call ACTIVE_ID (connected) goes on hold and HELD_ID (on hold,\n"
	  "or held pending a transfer) becomes connected, as for '" PROG
	  " hold'.\n" },
	{ "park", cmd_park, "LINE ID [--at NUMBER] [--json]",
	  "Park a call at a park address of the switch",
	  "      --at NUMBER           park it at NUMBER (directed park); "
	  "without,\n"
	  "                            the switch picks a free park address\n",
	  "The far party of the call ID (connected) waits at the park\n"
	  "address, which is printed; the call goes idle here.  '" PROG
	  " unpark'\n"
	  "gets it back, from any line.\n" },
	{ "unpark", cmd_unpark, "LINE NUMBER [OPTIONS]",
	  "Take back a parked call and follow it until it ends",
	  "  -a, --address N           take it on address N of the line "
	  "(default 0)\n"
	  "  -m, --media MODE          own this media mode (default\n"
	  "                            interactivevoice)\n"
	  "      --hangup-after SECONDS\n"
	  "                            drop the call this long after it "
	  "connects\n",
	  "NUMBER is the park address.  The line is opened as for '" PROG
	  " call',\n"
	  "and the call followed the same way.\n" },
	{ "pickup", cmd_pickup, "LINE [NUMBER | --group GROUP] [OPTIONS]",
	  "Answer a call ringing elsewhere and follow it until it ends",
	  "      --group GROUP         a call alerting in pickup group GROUP\n"
	  "  -a, --address N           take it on address N of the line "
	  "(default 0)\n"
	  "  -m, --media MODE          own this media mode (default\n"
	  "                            interactivevoice)\n"
	  "      --hangup-after SECONDS\n"
	  "                            drop the call this long after it "
	  "connects\n",
	  "With NUMBER, the call alerting at that station; with --group, the\n"
	  "one alerting longest in GROUP; with neither, in the address's own\n"
	  "group.  Then as for '" PROG " call'.\n" },
	{ "forward", cmd_forward, "LINE [OPTIONS]",
	  "Forward the calls of an address, cancel or show its forwarding",
	  "  -a, --address N           the address (default: 0 to forward, "
	  "every\n"
	  "                            one to show)\n"
	  "      --all-addresses       forward every address of the line\n"
	  "      --uncond NUMBER       forward every call to NUMBER\n"
	  "      --busy NUMBER         forward calls that find the address "
	  "busy\n"
	  "      --noanswer NUMBER     forward calls not answered in time\n"
	  "      --after MS            with --noanswer: the time, in ms\n"
	  "                            (default: the card's)\n"
	  "      --cancel              forward nothing any more\n",
	  "The numbers given replace the forwarding in force.  Without "
	  "numbers or\n"
	  "--cancel, the forwarding of the addresses is shown; after a "
	  "change,\n"
	  "that of the addresses changed.\n" },
	{ "monitor", cmd_monitor, "[LINE] [--count N] [--json]",
	  "Print every event of a line, or of every card, until interrupted",
	  "  -n, --count N             stop after N events\n",
	  "The line is opened as monitor.  Calls are named by their call id.\n"
	  "Without LINE, the events of every card: the notifications of the\n"
	  "generic netlink family \"tapi\", cards and lines appearing, going\n"
	  "and changing status, and calls appearing and changing state or\n"
	  "information; calls only with CAP_NET_ADMIN (else a note on stderr\n"
	  "says so).\n"
	  "With --json, one JSON object per event and per line.\n" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

const struct command *find_command(const char *name)
{
	const struct command *cmd;

	for (cmd = commands; cmd->name; cmd++)
		if (!strcmp(cmd->name, name))
			return cmd;
	return NULL;
}

static void print_help(void)
{
	const struct command *cmd;
	int width = 0;

	for (cmd = commands; cmd->name; cmd++)
		if ((int)strlen(cmd->name) > width)
			width = strlen(cmd->name);
	printf("Usage: " PROG " [OPTIONS] COMMAND [ARGS]\n\n"
	       "Look at and drive tapi telephony cards (/dev/tapiN).\n\n"
	       "Commands:\n");
	for (cmd = commands; cmd->name; cmd++)
		printf("  %-*s %s\n", width, cmd->name, cmd->summary);
	printf("\nLINE is CARD:N, where N is the line index on the card and CARD is\n"
	       "tapiK, /dev/tapiK or the name of the card (see '" PROG " list').\n"
	       "\nOptions:\n"
	       "  -h, --help     print this help and exit\n"
	       "  -V, --version  print the version and exit\n"
	       "\n'" PROG " COMMAND --help' describes a command.  Exit status: 0 on\n"
	       "success, 1 on failure, 2 on a usage error.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ "version",	no_argument,	NULL,	'V' },
		{ NULL,		0,		NULL,	0 },
	};
	const struct command *cmd;
	int c, ret;

	opterr = 0;
	/* '+': stop at the command; what follows belongs to it. */
	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			print_help();
			return EXIT_OK;
		case 'V':
			printf(PROG " (libtapi) %s\n", tapi_api_version());
			return EXIT_OK;
		default:
			if (optopt)
				return usage_error(NULL, "invalid option '-%c'",
						   optopt);
			return usage_error(NULL, "invalid option '%s'",
					   argv[optind - 1]);
		}
	}

	if (optind >= argc)
		return usage_error(NULL, "missing command");
	cmd = find_command(argv[optind]);
	if (!cmd)
		return usage_error(NULL, "unknown command '%s'", argv[optind]);

	ret = cmd->run(argc - optind, argv + optind);

	if (fflush(stdout) || ferror(stdout)) {
		error("write error: %s", strerror(errno));
		return EXIT_FAIL;
	}
	return ret;
}
