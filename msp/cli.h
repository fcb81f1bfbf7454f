/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the MSP commands share: the options that find the call and set up
 * the media fd, messages, and the summary line.  Not part of libmsp.
 */
#ifndef _MSP_CLI_H
#define _MSP_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "msp.h"
/* libtapi's tool helpers: EXIT_*, parse_uint(), parse_line_spec() */
#include "tool.h"

/* Long-only options' values. */
enum {
	OPT_CLOCK = 0x100,
	OPT_FRAME_MS,
	OPT_ENTRIES,
	OPT_STATS,
	OPT_SEND_DIGITS,
	OPT_GATHER,
	OPT_MONITOR,
	OPT_CLI_LAST,
};

/* The common options, for a tool's table (ends with a comma). */
#define CLI_LONG_OPTIONS \
	{ "call", required_argument, NULL, 'c' }, \
	{ "answer", no_argument, NULL, 'a' }, \
	{ "wait", required_argument, NULL, 'w' }, \
	{ "format", required_argument, NULL, 'f' }, \
	{ "frame-ms", required_argument, NULL, OPT_FRAME_MS }, \
	{ "entries", required_argument, NULL, OPT_ENTRIES }, \
	{ "clock", optional_argument, NULL, OPT_CLOCK }, \
	{ "stats", no_argument, NULL, OPT_STATS }, \
	{ "send-digits", required_argument, NULL, OPT_SEND_DIGITS }, \
	{ "gather", required_argument, NULL, OPT_GATHER }, \
	{ "help", no_argument, NULL, 'h' },
#define CLI_SHORT_OPTIONS	"c:aw:f:hs:"
/* --seconds, for the tools that take it. */
#define CLI_SECONDS_OPTION \
	{ "seconds", required_argument, NULL, 's' },
/* --monitor, for the tools that only listen. */
#define CLI_MONITOR_OPTION \
	{ "monitor", required_argument, NULL, OPT_MONITOR },

/* Help text of --monitor. */
#define CLI_MONITOR_HELP \
"A call another application owns:\n" \
"      --monitor ID      listen to the call of LINE whose call id is ID (as\n" \
"                        'tapictl calls' shows it): LINE is opened as a\n" \
"                        monitor, not as owner, the media fd only receives,\n" \
"                        and the call is left up when done.  From when the\n" \
"                        call is connected (at once if it is): --wait says\n" \
"                        how long to wait for that\n"

/* Help text of the common options. */
#define CLI_HELP \
"The call (LINE is CARD:N; CARD as tapictl takes it: tapi0, /dev/tapi0 or\n" \
"the card's name; the line is opened as owner of interactive voice):\n" \
"  -c, --call NUMBER     place a call to NUMBER\n" \
"  -a, --answer          wait for a call offered to the line, answer it\n" \
"                        (the default)\n" \
"  -w, --wait SECONDS    wait this long for the call (default 60)\n" \
"The media fd:\n" \
"  -f, --format FORMAT   linear16 (default), ulaw or alaw\n" \
"      --frame-ms MS     frame length, 1 to 20 (default 20)\n" \
"      --entries N       ring entries, a power of two, 2 to 1024 (default 32)\n" \
"      --clock[=MS]      pace the rings on our own clock every MS ms (default\n" \
"                        20): no syscall a frame; else the kernel wakes us\n" \
"      --stats           print the media fd's counters at the end\n" \
"Digits (DTMF, made and heard by the card):\n" \
"      --gather N        from the moment the call is up, collect up to N\n" \
"                        digits (1 to 24) the far end sends; '#' ends\n" \
"                        them early; the first must come within --wait,\n" \
"                        each next within 5 s.  Printed once the job is\n" \
"                        done: \"gathered 4711# (termination digit)\"\n" \
"      --send-digits DIGITS\n" \
"                        once the job is done, send DIGITS (0-9 * # A-D,\n" \
"                        ',' a pause) and wait until they went out\n" \
"  -h, --help            this help\n"

/**
 * struct cli - the common options and what they found
 * @prog: the command's name
 * @card: the card of LINE
 * @line: its line index
 * @number: --call's number, or NULL to answer
 * @wait_ns: --wait
 * @media: the media fd's settings
 * @stats: --stats
 * @seconds: --seconds, for the tools that take it (0: not given)
 * @send_digits: --send-digits, or NULL
 * @gather: --gather's number of digits, 0 for none
 * @monitor: --monitor's call id, 0 for none
 */
struct cli {
	const char *prog;
	char *card;
	unsigned int line;
	const char *number;
	int64_t wait_ns;
	struct msp_media_opts media;
	bool stats;
	unsigned int seconds;
	const char *send_digits;
	unsigned int gather;
	uint32_t monitor;
};

void cli_init(struct cli *cli, const char *prog);
/*
 * Parse the options of @options (the common ones and the tool's own, whose
 * values go to @own, which returns 0, or -1 after cli_usage_error()), and
 * check that @nargs arguments follow (-1: any number).  Return: -1 to go
 * on, or the exit status (EXIT_OK after --help, which prints @help;
 * EXIT_USAGE).
 */
int cli_parse(struct cli *cli, int argc, char **argv,
	      const struct option *options, const char *help, int nargs,
	      int (*own)(struct cli *cli, int c, const char *arg, void *data),
	      void *data);
/*
 * cli_init() and cli_parse() of a tool taking LINE FILE, and LINE parsed.
 * Return: -1 to go on (FILE is argv[optind + 1]), or the exit status.
 */
int cli_start(struct cli *cli, const char *prog, int argc, char **argv,
	      const struct option *options, const char *help);
/* LINE: 0, or -1 (reported). */
int cli_line(struct cli *cli, const char *arg);
/*
 * Open the line and place or answer the call, or with --monitor find it
 * and wait until it is in one of @until; then start --gather: 0, or -1
 * (reported).
 */
int cli_call(struct cli *cli, struct msp_call *c, uint32_t until);
/*
 * The job is done: --send-digits, then --gather's digits, each printed.
 * Return: 0, or -1 (reported).
 */
int cli_finish(struct cli *cli, struct msp_call *c);
/* The call's job ended: its summary and counters on stdout. */
void cli_report(struct cli *cli, const char *what,
		const struct msp_job_result *res);

void cli_error(struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cli_usage_error(struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Ctrl-C and SIGTERM interrupt the loop (EINTR) instead of killing us. */
void cli_catch_signals(void);

#endif /* _MSP_CLI_H */
