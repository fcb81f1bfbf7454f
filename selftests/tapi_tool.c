// SPDX-License-Identifier: GPL-2.0
/*
 * Small helper for the shell selftests: does one thing with a card or a
 * configfs attribute and says, on stdout, what happened, one line per fact,
 * errors as errno names ("ENODEV").
 *
 *   tapi_tool write PATH VALUE   write VALUE in one write(): "0" or "EINVAL"
 *   tapi_tool mkdir PATH         "0" or the errno name
 *   tapi_tool info DEV           "name=... driver=... lines=N" or errno name
 *   tapi_tool hold DEV           open DEV, print "ready", block in poll()
 *                                on it; then print what poll() said
 *                                ("card_poll hup err"), what an ioctl
 *                                says ("card_ioctl ENODEV"), "done", and
 *                                wait to be killed
 *   tapi_tool hold DEV LINE      open LINE of DEV and close DEV, so that
 *                                only the line fd is held; print "ready",
 *                                block in read(); print each record
 *                                ("event TYPE seq N line L"), how the
 *                                reading ended ("read ENODEV"), what an
 *                                ioctl says ("line_ioctl ENODEV"), "done",
 *                                and wait to be killed
 *   tapi_tool own DEV LINE       the same as owner of interactive voice
 *                                (and monitor): calls offered to the line
 *                                ring there, unanswered, until dropped
 *   tapi_tool call DEV A B DEST  one call from line A to DEST, answered on
 *                                line B (both owners, apps "tool-a" and
 *                                "tool-b"), with a monitor of line A
 *                                ("tool-overflow", a queue of 2 records,
 *                                never read) and, for 300 ms, a media fd
 *                                on A that nobody serves; print "calls
 *                                IDA IDB" (call ids) and "connected",
 *                                wait for a line on stdin, then A hangs
 *                                up, B drops its disconnected call;
 *                                print "idle", close all, print "done";
 *                                a failed step: "error STEP ENAME", exit 1
 *
 * Exit status: 0 when the tool could do its job (whatever the errno it
 * reports), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calls.h"

static const char *ename(int err)
{
	const char *n = strerrorname_np(err < 0 ? -err : err);

	return n ? n : "E?";
}

static int usage(void)
{
	fprintf(stderr, "usage: tapi_tool write PATH VALUE | mkdir PATH | "
			"info DEV | hold DEV [LINE] | own DEV LINE | "
			"call DEV A B DEST\n");
	return 2;
}

static int cmd_info(const char *dev)
{
	struct tapi_card_info ci;
	int fd, ret;

	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("%s\n", ename(errno));
		return 0;
	}
	ret = tapi_card_info(fd, &ci);
	if (ret)
		printf("%s\n", ename(ret));
	else
		printf("name=%s driver=%s lines=%u\n", ci.name, ci.driver,
		       ci.num_lines);
	close(fd);
	return 0;
}

static int hold_card(int card)
{
	struct pollfd pfd = { .fd = card, .events = POLLIN };
	struct tapi_card_info ci;
	int ret;

	printf("ready\n");
	ret = poll(&pfd, 1, -1);
	if (ret < 0)
		printf("card_poll %s\n", ename(errno));
	else
		printf("card_poll%s%s%s\n", pfd.revents & POLLIN ? " in" : "",
		       pfd.revents & POLLHUP ? " hup" : "",
		       pfd.revents & POLLERR ? " err" : "");
	ret = tapi_card_info(card, &ci);
	printf("card_ioctl %s\n", ret ? ename(ret) : "0");
	printf("done\n");
	pause();
	return 0;
}

static int hold_line(int fd)
{
	struct tapi_line_devstatus st;
	struct tapi_event ev[8];
	ssize_t n;
	int i, ret;

	printf("ready\n");
	for (;;) {
		n = read(fd, ev, sizeof(ev));
		if (n < 0) {
			printf("read %s\n", ename(errno));
			break;
		}
		if (n == 0 || n % sizeof(ev[0])) {
			printf("read short %zd\n", n);
			break;
		}
		for (i = 0; i < n / (ssize_t)sizeof(ev[0]); i++)
			printf("event %u seq %u line %u\n", ev[i].type,
			       ev[i].seqno, ev[i].line);
	}
	ret = tapi_devstatus(fd, &st);
	printf("line_ioctl %s\n", ret ? ename(ret) : "0");
	printf("done\n");
	pause();
	return 0;
}

static int cmd_hold(const char *dev, const char *line, bool owner)
{
	int card, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	card = open(dev, O_RDWR | O_CLOEXEC);
	if (card < 0) {
		printf("open %s\n", ename(errno));
		return 1;
	}
	if (!line)
		return hold_card(card);
	fd = owner ? tapi_open_line(card, atoi(line),
				    TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
				    TAPI_MEDIA_INTERACTIVEVOICE, 0) :
		     tapi_open_line(card, atoi(line), TAPI_PRIV_MONITOR, 0, 0);
	if (fd < 0) {
		printf("line_open %s\n", ename(fd));
		return 1;
	}
	close(card);
	return hold_line(fd);
}

static int step(const char *what, int ret)
{
	if (ret < 0)
		printf("error %s %s\n", what, ename(ret));
	return ret < 0;
}

/* See "tapi_tool call" at the top. */
static int cmd_call(const char *dev, const char *la, const char *lb,
		    const char *dest)
{
	struct tapi_line_open lo = { .line = atoi(la) };
	struct tapi_media_open mo = { .size = sizeof(mo) };
	struct tapi_call_info ia, ib;
	struct tapi_event ev;
	uint32_t ca, cb;
	int card, a, b, mon;
	char buf[16];

	setvbuf(stdout, NULL, _IOLBF, 0);
	card = open(dev, O_RDWR | O_CLOEXEC);
	if (step("open", card < 0 ? -errno : 0))
		return 1;
	lo.privileges = TAPI_PRIV_OWNER;
	lo.media_modes = TAPI_MEDIA_INTERACTIVEVOICE;
	strcpy(lo.app_name, "tool-a");
	a = tapi_open_line_args(card, &lo);
	lo.line = atoi(lb);
	strcpy(lo.app_name, "tool-b");
	b = tapi_open_line_args(card, &lo);
	memset(&lo, 0, sizeof(lo));
	lo.line = atoi(la);
	lo.privileges = TAPI_PRIV_MONITOR;
	lo.event_queue_depth = 1;
	strcpy(lo.app_name, "tool-overflow");
	mon = tapi_open_line_args(card, &lo);
	if (step("line_open", a) || step("line_open", b) ||
	    step("line_open", mon))
		return 1;
	if (step("connect", call_connect(a, b, dest, true, &ca, &cb, 10000)) ||
	    step("call_info", call_info(a, ca, &ia)) ||
	    step("call_info", call_info(b, cb, &ib)))
		return 1;

	/* Overruns (two RX frames of 5 ms) and underruns (TX never fed). */
	mo.flags = TAPI_MEDIA_OPEN_TX | TAPI_MEDIA_OPEN_CLOEXEC;
	mo.call = ca;
	mo.format = TAPI_MEDIA_ALAW;
	mo.frame_ms = 5;
	mo.rx_entries = 2;
	if (step("media_open", tapi_ioctl(a, TAPI_IOC_CALL_MEDIA_OPEN, &mo)))
		return 1;
	usleep(300000);
	close(mo.fd);

	printf("calls %u %u\n", ia.call_id, ib.call_id);
	printf("connected\n");
	if (!fgets(buf, sizeof(buf), stdin))
		buf[0] = 0;

	if (step("drop_a", call_op(a, TAPI_IOC_CALL_DROP, ca,
				   TAPI_REQUEST_SYNC)) ||
	    step("idle_a", ev_wait_state(a, ca, TAPI_CALLSTATE_IDLE, &ev,
					 10000) == 1 ? 0 : -ETIMEDOUT) ||
	    step("disconnected_b",
		 ev_wait_state(b, cb, TAPI_CALLSTATE_DISCONNECTED, &ev,
			       10000) == 1 ? 0 : -ETIMEDOUT) ||
	    step("drop_b", call_op(b, TAPI_IOC_CALL_DROP, cb,
				   TAPI_REQUEST_SYNC)) ||
	    step("idle_b", ev_wait_state(b, cb, TAPI_CALLSTATE_IDLE, &ev,
					 10000) == 1 ? 0 : -ETIMEDOUT))
		return 1;
	printf("idle\n");
	close(mon);
	close(b);
	close(a);
	close(card);
	printf("done\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	if (!strcmp(argv[1], "write") && argc == 4) {
		int ret = sim_write(argv[2], argv[3]);

		printf("%s\n", ret ? ename(ret) : "0");
		return 0;
	}
	if (!strcmp(argv[1], "mkdir") && argc == 3) {
		printf("%s\n", mkdir(argv[2], 0755) ? ename(errno) : "0");
		return 0;
	}
	if (!strcmp(argv[1], "info") && argc == 3)
		return cmd_info(argv[2]);
	if (!strcmp(argv[1], "hold") && (argc == 3 || argc == 4))
		return cmd_hold(argv[2], argc == 4 ? argv[3] : NULL, false);
	if (!strcmp(argv[1], "own") && argc == 4)
		return cmd_hold(argv[2], argv[3], true);
	if (!strcmp(argv[1], "call") && argc == 6)
		return cmd_call(argv[2], argv[3], argv[4], argv[5]);
	return usage();
}
