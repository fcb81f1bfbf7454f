// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapi-tonecheck: DTMF digits and call-progress tones, from a call or a
 * sound file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Default length of a check on a call. */
#define DEFAULT_SECONDS	10
#define MAX_FOUND	256

static const char help[] =
"Usage: tapi-tonecheck [OPTIONS] LINE\n"
"       tapi-tonecheck [-s SECONDS] --file FILE\n"
"\n"
"Listens to a call, or reads a sound file (8000 Hz, as tapi-play takes it),\n"
"and prints the DTMF digits and the call-progress tones it hears, as it\n"
"hears them:\n"
"\n"
"  digit 5 at 1.22 s\n"
"  tone busy (us, 480+620 Hz, 500 ms on, 500 ms off) at 2.04 s\n"
"\n"
"then two summary lines, \"digits: \" and the digits in order, \"tones: \"\n"
"and the tones in order.  Tones are told by frequencies and cadence: dial\n"
"tone, ringback, busy, congestion and the special information tone (sit) of\n"
"North America (us) and of ITU-T E.180 (cept).  With --call it listens from\n"
"the moment the call is placed, so it hears ringback and busy; otherwise\n"
"from when it answered.  With --monitor it listens to a call another\n"
"application owns (what that application hears: in a conference, every\n"
"other party), and leaves the call up.\n"
"\n"
"      --file FILE       read FILE instead of a call\n"
"  -s, --seconds N       listen N seconds at most (default 10 on a call,\n"
"                        the whole file)\n"
CLI_MONITOR_HELP
CLI_HELP
"\n"
"Exit status: 0 done, 1 failure, 2 bad usage.\n";

enum { OPT_FILE = OPT_CLI_LAST };

static const struct option options[] = {
	CLI_LONG_OPTIONS
	CLI_SECONDS_OPTION
	CLI_MONITOR_OPTION
	{ "file", required_argument, NULL, OPT_FILE },
	{ NULL, 0, NULL, 0 }
};

struct found {
	char digits[MAX_FOUND + 1];
	unsigned int num_digits;
	char tones[MAX_FOUND * 12];
};

static void on_tone(const struct msp_tone_event *ev, void *data)
{
	struct found *f = data;
	double at = ev->at_ms / 1000.0;
	size_t len;

	if (ev->kind == MSP_TONE_DIGIT) {
		printf("digit %c at %.2f s\n", ev->digit, at);
		if (f->num_digits < MAX_FOUND)
			f->digits[f->num_digits++] = ev->digit;
		return;
	}
	printf("tone %s (%s, %g", ev->name, ev->zone, ev->freq[0]);
	if (ev->freq[1])
		printf("+%g", ev->freq[1]);
	if (!strcmp(ev->name, "sit"))
		printf(" Hz first, %u ms)", ev->on_ms);
	else if (ev->on_ms)
		printf(" Hz, %u ms on, %u ms off)", ev->on_ms, ev->off_ms);
	else
		printf(" Hz, steady)");
	printf(" at %.2f s\n", at);
	len = strlen(f->tones);
	if (len + strlen(ev->name) + 2 < sizeof(f->tones))
		snprintf(f->tones + len, sizeof(f->tones) - len, "%s%s",
			 len ? " " : "", ev->name);
	fflush(stdout);
}

static int check_file(struct cli *cli, const char *path,
		      struct msp_tones *t, unsigned int seconds)
{
	uint64_t left = seconds ? seconds * (uint64_t)MSP_RATE : UINT64_MAX;
	struct msp_wav *src;
	int16_t buf[1024];
	const char *why;
	long got;

	src = msp_wav_open(path, &why);
	if (!src) {
		cli_error(cli, "%s: %s", path,
			  errno == EINVAL ? why : strerror(errno));
		return -1;
	}
	while (left) {
		got = msp_wav_read(src, buf, left < 1024 ? left : 1024);
		if (got < 0) {
			cli_error(cli, "%s: %s", path, strerror(errno));
			msp_wav_close(src);
			return -1;
		}
		if (!got)
			break;
		msp_tones_feed(t, buf, got);
		left -= got;
	}
	msp_tones_finish(t);
	msp_wav_close(src);
	return 0;
}

static int check_call(struct cli *cli, struct msp_tones *t,
		      unsigned int seconds)
{
	/* Placing: listen as soon as the call is on its way. */
	uint32_t until = cli->number ? TAPI_CALLSTATE_PROCEEDING |
		TAPI_CALLSTATE_RINGBACK | TAPI_CALLSTATE_BUSY |
		TAPI_CALLSTATE_SPECIALINFO | TAPI_CALLSTATE_DIALTONE |
		TAPI_CALLSTATE_CONNECTED : TAPI_CALLSTATE_CONNECTED;
	struct msp_job_result res;
	struct msp_call call;
	int ret;

	cli_catch_signals();
	if (cli_call(cli, &call, until))
		return -1;
	ret = msp_tonecheck(call.line, call.call, t, seconds * 1000ULL,
			    &cli->media, &res);
	if (ret && errno == EINTR)
		ret = 0;
	if (ret)
		cli_error(cli, "listening: %s", strerror(errno));
	else if (cli->stats)
		cli_report(cli, "checked", &res);
	if (!ret)
		ret = cli_finish(cli, &call);
	msp_call_close(&call);
	return ret;
}

static int own_option(struct cli *cli, int c, const char *arg, void *data)
{
	const char **file = data;

	if (c != OPT_FILE)
		return cli_usage_error(cli, "bad usage");
	*file = arg;
	return 0;
}

int main(int argc, char **argv)
{
	const char *file = NULL;
	struct found found;
	struct msp_tones *t;
	struct cli cli;
	int ret;

	cli_init(&cli, "tapi-tonecheck");
	/* LINE, unless --file: counted once the options are known. */
	ret = cli_parse(&cli, argc, argv, options, help, -1, own_option, &file);
	if (ret >= 0)
		return ret;
	if (file && cli.monitor) {
		cli_usage_error(&cli,
				"--file and --monitor exclude each other");
		return EXIT_USAGE;
	}
	if (argc - optind != (file ? 0 : 1)) {
		cli_usage_error(&cli, file ? "--file takes no LINE" :
				"need LINE (or --file FILE)");
		return EXIT_USAGE;
	}
	if (!file && cli_line(&cli, argv[optind]))
		return EXIT_USAGE;

	memset(&found, 0, sizeof(found));
	t = msp_tones_new(on_tone, &found);
	if (!t) {
		cli_error(&cli, "%s", strerror(errno));
		return EXIT_FAIL;
	}
	if (file)
		ret = check_file(&cli, file, t, cli.seconds);
	else
		ret = check_call(&cli, t, cli.seconds ? cli.seconds :
				 DEFAULT_SECONDS);
	msp_tones_free(t);
	if (!ret) {
		printf("digits: %s\n", found.digits);
		printf("tones: %s\n", found.tones);
	}
	free(cli.card);
	return ret ? EXIT_FAIL : EXIT_OK;
}
