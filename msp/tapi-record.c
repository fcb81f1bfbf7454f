// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapi-record: record what a call receives into a WAV file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: tapi-record [OPTIONS] LINE FILE\n"
"\n"
"Places a call from LINE (--call NUMBER) or answers one offered to it and,\n"
"once it is connected, records what the far end sends into FILE, a WAV file\n"
"of 8 kHz mono 16-bit samples, until the call ends, --seconds have been\n"
"recorded, or Ctrl-C; then hangs up.  With --monitor it records what a call\n"
"another application owns hears, and leaves the call up.\n"
"\n"
"  -s, --seconds N       record N seconds at most (default: until the end)\n"
CLI_MONITOR_HELP
CLI_HELP
"\n"
"Prints the samples recorded.  Exit status: 0 recorded, 1 failure, 2 bad\n"
"usage.\n";

static const struct option options[] = {
	CLI_LONG_OPTIONS
	CLI_SECONDS_OPTION
	CLI_MONITOR_OPTION
	{ NULL, 0, NULL, 0 }
};

int main(int argc, char **argv)
{
	struct msp_job_result res;
	struct msp_call call;
	struct msp_wav *dst;
	struct cli cli;
	int ret;

	ret = cli_start(&cli, "tapi-record", argc, argv, options, help);
	if (ret >= 0)
		return ret;
	dst = msp_wav_create(argv[optind + 1]);
	if (!dst) {
		cli_error(&cli, "%s: %s", argv[optind + 1], strerror(errno));
		return EXIT_FAIL;
	}
	cli_catch_signals();
	if (cli_call(&cli, &call, TAPI_CALLSTATE_CONNECTED)) {
		msp_wav_close(dst);
		return EXIT_FAIL;
	}
	ret = msp_record(call.line, call.call, dst, cli.seconds * 1000ULL,
			 &cli.media, &res);
	/* Ctrl-C ends a recording: not a failure. */
	if (ret && errno == EINTR)
		ret = 0;
	if (ret)
		cli_error(&cli, "recording: %s", strerror(errno));
	else
		cli_report(&cli, "recorded", &res);
	if (!ret)
		ret = cli_finish(&cli, &call);
	msp_call_close(&call);
	if (msp_wav_close(dst)) {
		cli_error(&cli, "%s: %s", argv[optind + 1], strerror(errno));
		ret = -1;
	}
	free(cli.card);
	return ret ? EXIT_FAIL : EXIT_OK;
}
