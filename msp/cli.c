// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the MSP commands share: options, finding the call, messages.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_WAIT_NS	(60 * 1000000000LL)
/* --gather: '#' ends the digits; each must follow the last within 5 s. */
#define GATHER_TERMINATORS	"#"
#define GATHER_INTER_MS		5000
/* How long the card may take to send --send-digits, beyond their length. */
#define SEND_SLACK_NS		(10 * 1000000000LL)

void cli_init(struct cli *cli, const char *prog)
{
	memset(cli, 0, sizeof(*cli));
	cli->prog = prog;
	cli->wait_ns = DEFAULT_WAIT_NS;
	cli->media.format = TAPI_MEDIA_LINEAR16;
	cli->media.mode = MSP_MODE_WAKE;
}

static void message(struct cli *cli, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", cli->prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(cli, fmt, ap);
	va_end(ap);
}

int cli_usage_error(struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(cli, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help'.\n", cli->prog);
	return -1;
}

/* A common option: 0 handled, 1 not one of them, -1 bad (reported). */
static int cli_option(struct cli *cli, int c, const char *arg)
{
	unsigned int v;
	int f;

	switch (c) {
	case 'c':
		cli->number = arg;
		return 0;
	case 'a':
		cli->number = NULL;
		return 0;
	case 'w':
		if (parse_uint(arg, &v))
			break;
		cli->wait_ns = (int64_t)v * 1000000000;
		return 0;
	case 'f':
		f = msp_format_parse(arg);
		if (f < 0)
			return cli_usage_error(cli, "unknown format '%s'", arg);
		cli->media.format = f;
		return 0;
	case OPT_FRAME_MS:
		if (parse_uint(arg, &cli->media.frame_ms))
			break;
		return 0;
	case OPT_ENTRIES:
		if (parse_uint(arg, &cli->media.entries))
			break;
		return 0;
	case OPT_CLOCK:
		cli->media.mode = MSP_MODE_CLOCK;
		if (arg && (parse_uint(arg, &cli->media.tick_ms) ||
			    !cli->media.tick_ms))
			break;
		return 0;
	case OPT_STATS:
		cli->stats = true;
		return 0;
	case 's':
		if (parse_uint(arg, &cli->seconds))
			break;
		return 0;
	case OPT_SEND_DIGITS:
		if (!*arg || strlen(arg) >= TAPI_GENERATE_DIGITS_LEN ||
		    strspn(arg, "0123456789*#ABCDabcd,") != strlen(arg))
			break;
		cli->send_digits = arg;
		return 0;
	case OPT_GATHER:
		if (parse_uint(arg, &cli->gather) || !cli->gather ||
		    cli->gather > TAPI_GATHER_MAX_DIGITS)
			break;
		return 0;
	case OPT_MONITOR:
		if (parse_uint(arg, &v) || !v)
			break;
		cli->monitor = v;
		return 0;
	default:
		return 1;
	}
	return cli_usage_error(cli, "invalid argument '%s'", arg);
}

/* Does @options have the option whose value is @c? */
static bool has_option(const struct option *options, int c)
{
	for (; options->name; options++)
		if (options->val == c)
			return true;
	return false;
}

int cli_parse(struct cli *cli, int argc, char **argv,
	      const struct option *options, const char *help, int nargs,
	      int (*own)(struct cli *cli, int c, const char *arg, void *data),
	      void *data)
{
	int c, ret;

	while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options,
				NULL)) != -1) {
		if (c == 'h') {
			fputs(help, stdout);
			return EXIT_OK;
		}
		ret = has_option(options, c) ? cli_option(cli, c, optarg) : 1;
		if (ret == 1)
			ret = own && c != '?' ? own(cli, c, optarg, data) :
			      cli_usage_error(cli, "bad usage");
		if (ret)
			return EXIT_USAGE;
	}
	/* A monitor neither makes the call nor sends into it. */
	if (cli->monitor && (cli->number || cli->send_digits)) {
		cli_usage_error(cli, "--monitor and %s exclude each other",
				cli->number ? "--call" : "--send-digits");
		return EXIT_USAGE;
	}
	if (nargs >= 0 && argc - optind != nargs) {
		cli_usage_error(cli, "wrong number of arguments");
		return EXIT_USAGE;
	}
	return -1;
}

int cli_start(struct cli *cli, const char *prog, int argc, char **argv,
	      const struct option *options, const char *help)
{
	int ret;

	cli_init(cli, prog);
	ret = cli_parse(cli, argc, argv, options, help, 2, NULL, NULL);
	if (ret >= 0)
		return ret;
	return cli_line(cli, argv[optind]) ? EXIT_USAGE : -1;
}

int cli_line(struct cli *cli, const char *arg)
{
	if (parse_line_spec(arg, &cli->card, &cli->line))
		return cli_usage_error(cli, "'%s' is not a line: use CARD:N",
				       arg);
	return 0;
}

static const char *state_name(uint32_t state)
{
	const char *s = tapi_call_state_str(state);

	return s ? s : "unknown";
}

/* --gather, once the call is where the tool wants it: 0, or -1 (reported). */
static int gather_start(struct cli *cli, struct msp_call *c)
{
	int64_t first_ms = cli->wait_ns / 1000000;

	if (!cli->gather)
		return 0;
	if (first_ms > TAPI_GATHER_TIMEOUT_MS_MAX)
		first_ms = TAPI_GATHER_TIMEOUT_MS_MAX;
	if (!msp_call_gather_start(c, cli->gather, GATHER_TERMINATORS,
				   first_ms, GATHER_INTER_MS))
		return 0;
	cli_error(cli, "cannot gather digits: %s", strerror(errno));
	return -1;
}

/* Place or answer the call: 0, or -1 (reported). */
static int place_or_answer(struct cli *cli, struct msp_call *c,
			   uint32_t until)
{
	int ret;

	if (cli->number)
		ret = msp_call_place(c, cli->number, until, cli->wait_ns);
	else
		ret = msp_call_answer(c, cli->wait_ns);
	if (!ret)
		return 0;
	if (errno == ECONNREFUSED)
		cli_error(cli, "the call went %s", state_name(c->state));
	else if (errno == ETIMEDOUT)
		cli_error(cli, "no call after %" PRId64 " s",
			  cli->wait_ns / 1000000000);
	else
		cli_error(cli, "cannot %s: %s",
			  cli->number ? "place the call" : "answer",
			  strerror(errno));
	return -1;
}

/* --monitor: find the call, wait until it is in @until: 0, or -1 (reported). */
static int find_monitored(struct cli *cli, struct msp_call *c, uint32_t until)
{
	uint32_t id = cli->monitor;

	if (msp_call_find(c, id)) {
		if (errno == ENOENT)
			cli_error(cli, "%s:%u: no call %" PRIu32, cli->card,
				  cli->line, id);
		else
			cli_error(cli, "cannot get the calls of %s:%u: %s",
				  cli->card, cli->line, strerror(errno));
		return -1;
	}
	if (!msp_call_wait(c, until, cli->wait_ns))
		return 0;
	if (errno == ECONNREFUSED)
		cli_error(cli, "call %" PRIu32 " went %s", id,
			  state_name(c->state));
	else if (errno == ETIMEDOUT)
		cli_error(cli, "call %" PRIu32 " not connected after %" PRId64
			  " s (it is %s)", id, cli->wait_ns / 1000000000,
			  state_name(c->state));
	else
		cli_error(cli, "call %" PRIu32 ": %s", id, strerror(errno));
	return -1;
}

int cli_call(struct cli *cli, struct msp_call *c, uint32_t until)
{
	int ret;

	ret = cli->monitor ? msp_call_open_monitor(c, cli->card, cli->line) :
	      msp_call_open(c, cli->card, cli->line);
	if (ret) {
		cli_error(cli, "cannot open line %s:%u: %s", cli->card,
			  cli->line, strerror(errno));
		return -1;
	}
	ret = cli->monitor ? find_monitored(cli, c, until) :
	      place_or_answer(cli, c, until);
	if (!ret && !gather_start(cli, c))
		return 0;
	msp_call_close(c);
	return -1;
}

static const char *gather_term_name(uint32_t term)
{
	switch (term) {
	case TAPI_GATHER_TERM_BUFFERFULL:
		return "all of them";
	case TAPI_GATHER_TERM_TERMDIGIT:
		return "termination digit";
	case TAPI_GATHER_TERM_FIRSTTIMEOUT:
		return "no digit came";
	case TAPI_GATHER_TERM_INTERTIMEOUT:
		return "no next digit came";
	case TAPI_GATHER_TERM_CANCEL:
		return "the call ended";
	}
	return "unknown reason";
}

int cli_finish(struct cli *cli, struct msp_call *c)
{
	char digits[TAPI_GATHER_MAX_DIGITS + 1];
	/* Each digit and its gap: 200 ms by default, 2 s at the most. */
	int64_t send_ns = 2000000000LL * TAPI_GENERATE_DIGITS_LEN +
			  SEND_SLACK_NS;
	uint32_t term;
	int n;

	if (cli->send_digits) {
		if (msp_call_send_digits(c, cli->send_digits, 0, send_ns)) {
			cli_error(cli, "cannot send digits %s: %s",
				  cli->send_digits,
				  errno == ECANCELED ? "the call ended" :
				  strerror(errno));
			return -1;
		}
		printf("sent digits %s\n", cli->send_digits);
		fflush(stdout);
	}
	if (!cli->gather || !c->call)
		return 0;
	/* The card ends gathering within --wait and 5 s a digit. */
	n = msp_call_gather_wait(c, digits, sizeof(digits), &term,
				 cli->wait_ns + (int64_t)GATHER_INTER_MS *
				 1000000 * (cli->gather + 1));
	if (n < 0) {
		cli_error(cli, "gathering digits: %s", strerror(errno));
		return -1;
	}
	printf("gathered %s (%s)\n", n ? digits : "nothing",
	       gather_term_name(term));
	fflush(stdout);
	return 0;
}

void cli_report(struct cli *cli, const char *what,
		const struct msp_job_result *res)
{
	const struct tapi_media_stats *s = &res->stats;

	printf("%s %" PRIu64 " samples (%.2f s)%s\n", what, res->samples,
	       res->samples / (double)MSP_RATE,
	       res->hangup ? ", then the call ended" : "");
	if (!cli->stats) {
		fflush(stdout);
		return;
	}
	printf("media: rx_frames %llu rx_overruns %llu tx_frames %llu "
	       "tx_underruns %llu tx_invalid %llu\n",
	       (unsigned long long)s->rx_frames,
	       (unsigned long long)s->rx_overruns,
	       (unsigned long long)s->tx_frames,
	       (unsigned long long)s->tx_underruns,
	       (unsigned long long)s->tx_invalid);
	printf("loop: syscalls %" PRIu64 " wakeups %" PRIu64 "\n",
	       res->loop.syscalls, res->loop.wakeups);
	fflush(stdout);
}

static void on_signal(int sig)
{
	(void)sig;
}

void cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: waits fail, EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
