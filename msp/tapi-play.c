// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapi-play: play a sound file into a call.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: tapi-play [OPTIONS] LINE FILE\n"
"\n"
"Places a call from LINE (--call NUMBER) or answers one offered to it, plays\n"
"FILE into the call once it is connected, waits until every frame went out\n"
"and hangs up.  FILE is any file libsndfile reads (WAV, AU, FLAC...) sampled\n"
"at 8000 Hz; several channels are mixed down to one.  Other rates are not\n"
"converted: \"sox IN -r 8000 -c 1 OUT.wav\" does it.\n"
"\n"
CLI_HELP
"\n"
"Prints the samples played.  Exit status: 0 played (or the far end hung\n"
"up first), 1 failure, 2 bad usage.\n";

static const struct option options[] = {
	CLI_LONG_OPTIONS
	{ NULL, 0, NULL, 0 }
};

int main(int argc, char **argv)
{
	struct msp_job_result res;
	struct msp_wav *src;
	struct msp_call call;
	const char *why;
	struct cli cli;
	int ret;

	ret = cli_start(&cli, "tapi-play", argc, argv, options, help);
	if (ret >= 0)
		return ret;
	src = msp_wav_open(argv[optind + 1], &why);
	if (!src) {
		cli_error(&cli, "%s: %s", argv[optind + 1],
			  errno == EINVAL ? why : strerror(errno));
		return EXIT_FAIL;
	}
	cli_catch_signals();
	if (cli_call(&cli, &call, TAPI_CALLSTATE_CONNECTED)) {
		msp_wav_close(src);
		return EXIT_FAIL;
	}
	ret = msp_play(call.line, call.call, src, &cli.media, &res);
	if (ret)
		cli_error(&cli, "playing: %s", strerror(errno));
	else
		cli_report(&cli, "played", &res);
	if (!ret)
		ret = cli_finish(&cli, &call);
	msp_call_close(&call);
	msp_wav_close(src);
	free(cli.card);
	return ret ? EXIT_FAIL : EXIT_OK;
}
