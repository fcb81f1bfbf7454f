// SPDX-License-Identifier: GPL-2.0
/*
 * One life of a sim card, for leak.sh: make card NAME with NLINES lines, go
 * live, open the card and every line (owner, monitor, none), query
 * everything, close some fds, take the card down with the rest still open
 * (live=0), remove its configfs directories before ("rmdir") or after
 * ("down") reading what the dead fds say, close them.
 *
 *   tapi_cycle NAME NLINES down|rmdir
 *
 * Exit 0 when every step did what the ABI says, else 1 with the first
 * surprise on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

#define MAXLINES 16

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "tapi_cycle: %s: ", #cond);		\
		fprintf(stderr, __VA_ARGS__);				\
		fprintf(stderr, "\n");					\
		goto fail;						\
	}								\
} while (0)

int main(int argc, char **argv)
{
	int card_fd = -1, card_fd2 = -1, fd[MAXLINES][3];
	struct tapi_line_devstatus st;
	struct tapi_address_caps ac;
	struct tapi_line_devcaps dc;
	struct tapi_card_info ci;
	struct tapi_event ev[4];
	struct sim_card card;
	unsigned int n, i, j;
	bool down;
	char num[16];
	ssize_t r;
	int ret;

	if (argc != 4 ||
	    (strcmp(argv[3], "down") && strcmp(argv[3], "rmdir"))) {
		fprintf(stderr, "usage: tapi_cycle NAME NLINES down|rmdir\n");
		return 2;
	}
	n = atoi(argv[2]);
	if (n < 1 || n > MAXLINES)
		return 2;
	down = !strcmp(argv[3], "down");
	memset(fd, -1, sizeof(fd));

	ret = sim_card_new_named(&card, argv[1]);
	if (ret) {
		fprintf(stderr, "tapi_cycle: mkdir %s: %s\n", card.dir,
			strerror(-ret));
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%u", 300 + i);
		ret = sim_line_add(&card, i, num);
		CHECK(!ret, "line %u: %s", i, strerror(-ret));
		ret = sim_line_set(&card, i, "numbers", "1 2 3 4");
		CHECK(!ret, "numbers: %s", strerror(-ret));
	}
	ret = sim_card_live(&card, true);
	CHECK(!ret, "live: %s", strerror(-ret));

	card_fd = sim_card_open(&card);
	CHECK(card_fd >= 0, "open %s: %s", card.dev_path, strerror(-card_fd));
	card_fd2 = sim_card_open(&card);
	CHECK(card_fd2 >= 0, "open: %s", strerror(-card_fd2));
	ret = tapi_card_info(card_fd, &ci);
	CHECK(!ret && ci.num_lines == n, "card info: %s", strerror(-ret));
	for (i = 0; i < n; i++) {
		ret = tapi_devcaps(card_fd2, i, &dc);
		CHECK(!ret, "devcaps: %s", strerror(-ret));
		for (j = 0; j < dc.num_addresses; j++) {
			ret = tapi_addrcaps(card_fd, i, j, &ac);
			CHECK(!ret, "address caps: %s", strerror(-ret));
		}
		fd[i][0] = tapi_open_line(card_fd, i, TAPI_PRIV_OWNER,
					  TAPI_MEDIA_INTERACTIVEVOICE,
					  TAPI_LINE_OPEN_NONBLOCK);
		fd[i][1] = tapi_open_line(card_fd2, i, TAPI_PRIV_MONITOR, 0,
					  TAPI_LINE_OPEN_NONBLOCK);
		fd[i][2] = tapi_open_line(card_fd, i, TAPI_PRIV_NONE, 0,
					  TAPI_LINE_OPEN_NONBLOCK |
					  TAPI_LINE_OPEN_CLOEXEC);
		for (j = 0; j < 3; j++)
			CHECK(fd[i][j] >= 0, "line open: %s",
			      strerror(-fd[i][j]));
		ret = tapi_devstatus(fd[i][2], &st);
		CHECK(!ret && st.num_opens == 3, "devstatus: %s",
		      strerror(-ret));
		r = read(fd[i][0], ev, sizeof(ev));
		CHECK(r < 0 && errno == EAGAIN, "read: %zd", r);
	}
	CHECK(sim_card_open_lines(&card) == (int)n, "open_lines");

	/* some go before the card, the rest after it */
	for (i = 0; i < n; i++) {
		close(fd[i][1]);
		fd[i][1] = -1;
	}
	close(card_fd2);
	card_fd2 = -1;

	ret = sim_card_live(&card, false);
	CHECK(!ret, "live=0: %s", strerror(-ret));
	CHECK(sim_card_open_lines(&card) == 0, "open_lines after");
	if (!down) {
		ret = sim_card_rmdir(&card);
		CHECK(!ret, "rmdir: %s", strerror(-ret));
	}

	for (i = 0; i < n; i++) {
		r = read(fd[i][0], ev, sizeof(ev));
		CHECK(r > 0 &&
		      ev[r / sizeof(ev[0]) - 1].type == TAPI_EV_REMOVED,
		      "read after removal: %zd", r);
		r = read(fd[i][0], ev, sizeof(ev));
		CHECK(r < 0 && errno == ENODEV, "read: %zd %s", r,
		      strerror(errno));
		ret = tapi_devstatus(fd[i][2], &st);
		CHECK(ret == -ENODEV, "devstatus after removal: %d", ret);
		close(fd[i][0]);
		close(fd[i][2]);
		fd[i][0] = fd[i][2] = -1;
	}
	ret = tapi_card_info(card_fd, &ci);
	CHECK(ret == -ENODEV, "card info after removal: %d", ret);
	close(card_fd);
	if (down) {
		ret = sim_card_rmdir(&card);
		CHECK(!ret, "rmdir: %s", strerror(-ret));
	}
	return 0;

fail:
	sim_card_destroy(&card);
	return 1;
}
