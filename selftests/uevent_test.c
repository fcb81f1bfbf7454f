// SPDX-License-Identifier: GPL-2.0
/*
 * uevents of cards, as udev sees them on NETLINK_KOBJECT_UEVENT: a card
 * going live sends one "add" for /dev/tapiN with TAPI_CARD_NAME,
 * TAPI_DRIVER and TAPI_NUM_LINES (Documentation/ABI/testing/
 * sysfs-class-tapi), going away one "remove" with the same; its lines send
 * none of their own; the card's uevent attribute shows the variables and
 * writing "change" to it (udevadm trigger) sends them again.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "sim.h"
#include "harness.h"

/* How long an event may take, and the quiet that ends a burst. */
#define UEV_TIMEOUT_MS	5000
#define UEV_QUIET_MS	300
#define UEV_MAX		16

/* One kernel uevent: "ACTION@DEVPATH", then "KEY=value" strings. */
struct uev {
	char buf[4096];
	int len;
};

/* The value of @key in @u, or NULL. */
static const char *uev_get(const struct uev *u, const char *key)
{
	size_t klen = strlen(key);
	int off = strlen(u->buf) + 1;

	while (off < u->len) {
		const char *kv = u->buf + off;

		if (!strncmp(kv, key, klen) && kv[klen] == '=')
			return kv + klen + 1;
		off += strlen(kv) + 1;
	}
	return NULL;
}

/* Value of @key, "" when absent: for EXPECT_STREQ. */
static const char *uev_str(const struct uev *u, const char *key)
{
	const char *v = uev_get(u, key);

	return v ? v : "";
}

static int uev_socket(void)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1,		/* the kernel's uevents */
	};
	int size = 1 << 20;
	int fd;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		    NETLINK_KOBJECT_UEVENT);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* The next uevent within @ms; 0, -ETIMEDOUT or -errno. */
static int uev_next(int fd, struct uev *u, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;

	n = poll(&p, 1, ms);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ETIMEDOUT;
	n = recv(fd, u->buf, sizeof(u->buf) - 1, 0);
	if (n < 0)
		return -errno;
	u->buf[n] = '\0';
	u->len = n;
	return 0;
}

/* Drop whatever is queued. */
static void uev_drain(int fd)
{
	struct uev u;

	while (!uev_next(fd, &u, 0))
		;
}

/*
 * The uevents of subsystem tapi, and of anything below a tapi device in
 * sysfs (a line, were it to send one), that arrive until @ms after the
 * first tapi device's own event: the events one operation causes.  Stores
 * at most UEV_MAX in @ev; returns how many there were, or -errno.
 */
static int uev_collect(int fd, struct uev *ev, int ms)
{
	char card_path[256] = "";
	int n = 0, wait = UEV_TIMEOUT_MS;
	struct uev u;

	for (;;) {
		const char *sub, *path;
		int ret = uev_next(fd, &u, wait);

		if (ret == -ETIMEDOUT)
			return n;
		if (ret)
			return ret;
		sub = uev_get(&u, "SUBSYSTEM");
		path = uev_get(&u, "DEVPATH");
		if (!path)
			continue;
		if (!(sub && !strcmp(sub, "tapi")) &&
		    !(card_path[0] && !strncmp(path, card_path,
					      strlen(card_path))))
			continue;
		if (sub && !strcmp(sub, "tapi") && !card_path[0]) {
			snprintf(card_path, sizeof(card_path), "%s/", path);
			wait = ms;
		}
		if (n < UEV_MAX)
			ev[n] = u;
		n++;
	}
}

FIXTURE(uevent)
{
	int sock;
	struct sim_card card;
	struct uev ev[UEV_MAX];
};

FIXTURE_SETUP(uevent)
{
	self->card.index = -1;
	self->card.dir[0] = '\0';
	self->sock = uev_socket();
	ASSERT_LE(0, self->sock) TH_LOG("uevent socket: %s",
					strerror(-self->sock));
}

FIXTURE_TEARDOWN(uevent)
{
	if (self->card.dir[0])
		sim_card_destroy(&self->card);
	close(self->sock);
}

/* @u is the uevent @action of @card, with all its variables. */
static void check_card_event(struct __test_metadata *_metadata,
			     const struct uev *u, const char *action,
			     const struct sim_card *card, unsigned int lines,
			     dev_t devt)
{
	char want[64];

	EXPECT_STREQ(action, uev_str(u, "ACTION"));
	EXPECT_STREQ("tapi", uev_str(u, "SUBSYSTEM"));
	snprintf(want, sizeof(want), "tapi%d", card->index);
	EXPECT_STREQ(want, uev_str(u, "DEVNAME"));
	snprintf(want, sizeof(want), "/tapi%d", card->index);
	EXPECT_STREQ(want, strrchr(uev_str(u, "DEVPATH"), '/') ?: "");
	snprintf(want, sizeof(want), "%u", major(devt));
	EXPECT_STREQ(want, uev_str(u, "MAJOR"));
	snprintf(want, sizeof(want), "%u", minor(devt));
	EXPECT_STREQ(want, uev_str(u, "MINOR"));
	EXPECT_STREQ(card->name, uev_str(u, "TAPI_CARD_NAME"));
	EXPECT_STREQ("tapi_sim", uev_str(u, "TAPI_DRIVER"));
	snprintf(want, sizeof(want), "%u", lines);
	EXPECT_STREQ(want, uev_str(u, "TAPI_NUM_LINES"));
	EXPECT_NE(NULL, uev_get(u, "SEQNUM"));
}

/* One add when the card goes live, one remove when it goes: no more. */
TEST_F(uevent, add_remove)
{
	char sysdir[64];
	struct stat st;
	int n;

	ASSERT_EQ(0, sim_card_create(&self->card, "uev", 3));
	uev_drain(self->sock);
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	ASSERT_EQ(0, stat(self->card.dev_path, &st));
	n = uev_collect(self->sock, self->ev, UEV_QUIET_MS);
	ASSERT_EQ(1, n) TH_LOG("%d uevents for the card and its lines", n);
	check_card_event(_metadata, &self->ev[0], "add", &self->card, 3,
			 st.st_rdev);

	snprintf(sysdir, sizeof(sysdir), SIM_SYSFS_CLASS "/tapi%d",
		 self->card.index);
	ASSERT_EQ(0, sim_card_set(&self->card, "live", "0"));
	n = uev_collect(self->sock, self->ev, UEV_QUIET_MS);
	ASSERT_EQ(1, n) TH_LOG("%d uevents for the card and its lines", n);
	check_card_event(_metadata, &self->ev[0], "remove", &self->card, 3,
			 st.st_rdev);
	EXPECT_NE(0, stat(sysdir, &st)) TH_LOG("%s still there", sysdir);
}

/* The variables in the uevent attribute; a line's is empty. */
TEST_F(uevent, uevent_attribute)
{
	char path[128], buf[1024], want[128];

	ASSERT_EQ(0, sim_card_create_live(&self->card, "uev", 2));
	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/tapi%d/uevent",
		 self->card.index);
	ASSERT_LE(0, sim_read(path, buf, sizeof(buf)));
	snprintf(want, sizeof(want), "\nTAPI_CARD_NAME=%s\n",
		 self->card.name);
	EXPECT_NE(NULL, strstr(buf, want)) TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, "\nTAPI_DRIVER=tapi_sim\n"))
		TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, "\nTAPI_NUM_LINES=2")) TH_LOG("%s", buf);

	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/tapi%d/line1/uevent",
		 self->card.index);
	EXPECT_EQ(0, sim_read(path, buf, sizeof(buf))) TH_LOG("%s", buf);
}

/* What "udevadm trigger" does: the card's variables come again. */
TEST_F(uevent, change_trigger)
{
	char path[128];
	struct stat st;
	struct uev u;
	int n;

	ASSERT_EQ(0, sim_card_create_live(&self->card, "uev", 2));
	ASSERT_EQ(0, stat(self->card.dev_path, &st));
	uev_drain(self->sock);
	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/tapi%d/uevent",
		 self->card.index);
	ASSERT_EQ(0, sim_write(path, "change"));
	n = uev_collect(self->sock, self->ev, UEV_QUIET_MS);
	ASSERT_EQ(1, n);
	check_card_event(_metadata, &self->ev[0], "change", &self->card, 2,
			 st.st_rdev);

	/* writing a line's sends nothing */
	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/tapi%d/line0/uevent",
		 self->card.index);
	ASSERT_EQ(0, sim_write(path, "change"));
	EXPECT_EQ(-ETIMEDOUT, uev_next(self->sock, &u, UEV_QUIET_MS))
		TH_LOG("%s", u.buf);
}

/* Two cards: each event is its own card's. */
TEST_F(uevent, two_cards)
{
	struct sim_card other, gone;
	struct stat st1, st2;
	int n;

	ASSERT_EQ(0, sim_card_create(&self->card, "uev", 1));
	ASSERT_EQ(0, sim_card_create(&other, "uev", 4));
	uev_drain(self->sock);
	ASSERT_EQ(0, sim_card_live(&other, true));
	n = uev_collect(self->sock, self->ev, UEV_QUIET_MS);
	ASSERT_EQ(0, stat(other.dev_path, &st2));
	EXPECT_EQ(1, n);
	check_card_event(_metadata, &self->ev[0], "add", &other, 4,
			 st2.st_rdev);
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	n = uev_collect(self->sock, self->ev, UEV_QUIET_MS);
	ASSERT_EQ(0, stat(self->card.dev_path, &st1));
	EXPECT_EQ(1, n);
	check_card_event(_metadata, &self->ev[0], "add", &self->card, 1,
			 st1.st_rdev);

	gone = other;
	ASSERT_EQ(0, sim_card_destroy(&other));
	n = uev_collect(self->sock, self->ev, UEV_QUIET_MS);
	EXPECT_EQ(1, n);
	check_card_event(_metadata, &self->ev[0], "remove", &gone, 4,
			 st2.st_rdev);
}

int main(int argc, char **argv)
{
	sim_require("uevent_test");
	return test_harness_run(argc, argv);
}
