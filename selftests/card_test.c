// SPDX-License-Identifier: GPL-2.0
/*
 * Cards: features, card info, line device caps and address caps as the sim
 * card was configured, ENOENT for lines and addresses that do not exist,
 * sysfs, the device node, and several cards at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "sim.h"
#include "harness.h"

#define NLINES 3

/* How each line of the card under test is configured. */
struct line_cfg {
	const char *name;	/* NULL: the default "lineN" */
	const char *numbers;	/* as written */
	unsigned int media, bearer, max_calls;	/* 0: default */
	unsigned int gen_digit, mon_digit;
	unsigned int gen_tone_freqs, mon_tone_freqs, mon_tone_max;
	bool tones;		/* write the five digit/tone attributes */
};

static const struct line_cfg lines[NLINES] = {
	{
		.name = "alpha",
		.numbers = "100,101 102",
		.media = TAPI_MEDIA_INTERACTIVEVOICE | TAPI_MEDIA_DATAMODEM |
			 TAPI_MEDIA_G3FAX,
		.bearer = TAPI_BEARER_VOICE | TAPI_BEARER_DATA,
		.max_calls = 2,
		.gen_digit = TAPI_DIGITMODE_DTMF,
		.mon_digit = TAPI_DIGITMODE_DTMF | TAPI_DIGITMODE_DTMFEND,
		.gen_tone_freqs = 3, .mon_tone_freqs = 2, .mon_tone_max = 4,
		.tones = true,
	},
	{
		.numbers = "2001",
	},
	{
		/* 63 characters: the longest name that fits with its NUL */
		.name = "a-line-name-of-sixty-three-characters-0123456789-0123456789-xyz",
		/* sixteen numbers, the last 63 characters long */
		.numbers = "0 1 *67 #31# +4930123 ABCD 5 6 7 8 9 10 11 12 13 "
			   "123456789012345678901234567890123456789012345678901234567890123",
		.media = TAPI_MEDIA_VALID,
		.bearer = TAPI_BEARER_VALID,
		.max_calls = 64,
		.tones = true,	/* all zero: no digits, no tones */
	},
};

static unsigned int cfg_media(const struct line_cfg *c)
{
	return c->media ? c->media : SIM_DEFAULT_MEDIA;
}

static unsigned int cfg_bearer(const struct line_cfg *c)
{
	return c->bearer ? c->bearer : SIM_DEFAULT_BEARER;
}

static unsigned int cfg_max_calls(const struct line_cfg *c)
{
	return c->max_calls ? c->max_calls : SIM_DEFAULT_MAX_CALLS;
}

static void cfg_name(const struct line_cfg *c, unsigned int i, char *buf,
		     size_t len)
{
	if (c->name)
		snprintf(buf, len, "%s", c->name);
	else
		snprintf(buf, len, "line%u", i);
}

static int set_u(struct sim_card *card, unsigned int line, const char *attr,
		 unsigned int val)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u", val);
	return sim_line_set(card, line, attr, buf);
}

static int configure(struct sim_card *card)
{
	unsigned int i;
	int ret = 0;

	ret = sim_card_new(card, "card");
	if (ret)
		return ret;
	for (i = 0; i < NLINES && !ret; i++) {
		const struct line_cfg *c = &lines[i];

		ret = sim_line_add(card, i, c->numbers);
		if (!ret && c->name)
			ret = sim_line_set(card, i, "name", c->name);
		if (!ret && c->media)
			ret = set_u(card, i, "media_modes", c->media);
		if (!ret && c->bearer)
			ret = set_u(card, i, "bearer_modes", c->bearer);
		if (!ret && c->max_calls)
			ret = set_u(card, i, "max_calls", c->max_calls);
		if (!ret && c->tones)
			ret = set_u(card, i, "gen_digit_modes", c->gen_digit);
		if (!ret && c->tones)
			ret = set_u(card, i, "monitor_digit_modes",
				    c->mon_digit);
		if (!ret && c->tones)
			ret = set_u(card, i, "gen_tone_max_freqs",
				    c->gen_tone_freqs);
		if (!ret && c->tones)
			ret = set_u(card, i, "monitor_tone_max_freqs",
				    c->mon_tone_freqs);
		if (!ret && c->tones)
			ret = set_u(card, i, "monitor_tone_max",
				    c->mon_tone_max);
	}
	if (!ret)
		ret = sim_card_live(card, true);
	if (ret)
		sim_card_destroy(card);
	return ret;
}

FIXTURE(card)
{
	struct sim_card card;
	int fd;
};

FIXTURE_SETUP(card)
{
	int ret;

	self->fd = -1;
	ret = configure(&self->card);
	ASSERT_EQ(0, ret) TH_LOG("configuring the sim card: %s",
				 strerror(-ret));
	self->fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", self->card.dev_path,
				      strerror(-self->fd));
}

FIXTURE_TEARDOWN(card)
{
	if (self->fd >= 0)
		close(self->fd);
	sim_card_destroy(&self->card);
}

TEST_F(card, features)
{
	struct tapi_features f, g;
	int line_fd;

	ASSERT_EQ(0, tapi_features(self->fd, &f));
	EXPECT_EQ(1u, f.abi_version);
	EXPECT_EQ((unsigned int)TAPI_MAX_LINES, f.max_lines);
	EXPECT_EQ((unsigned int)TAPI_MAX_ADDRESSES, f.max_addresses);
	EXPECT_EQ((unsigned int)TAPI_EVENT_QUEUE_MAX, f.max_event_queue);
	EXPECT_EQ(0u, f.flags);
	EXPECT_EQ(sizeof(struct tapi_event), (size_t)f.event_size);
	EXPECT_EQ(0u, f.reserved);
	/* every feature this ABI version defines, and no other */
	EXPECT_EQ((uint64_t)TAPI_FEATURE_VALID, f.features);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_CARD_INFO);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_LINE_CAPS);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_ADDRESS_CAPS);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_LINE_OPEN);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_LINE_EVENTS);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_LINE_STATUS);

	/* the same answer on a line fd */
	line_fd = tapi_open_line(self->fd, 0, TAPI_PRIV_NONE, 0, 0);
	ASSERT_LE(0, line_fd);
	ASSERT_EQ(0, tapi_features(line_fd, &g));
	EXPECT_EQ(0, memcmp(&f, &g, sizeof(f)));
	close(line_fd);
}

TEST_F(card, card_info)
{
	struct tapi_card_info ci;

	ASSERT_EQ(0, tapi_card_info(self->fd, &ci));
	EXPECT_STREQ(self->card.name, ci.name);
	EXPECT_STREQ("tapi_sim", ci.driver);
	EXPECT_EQ((unsigned int)NLINES, ci.num_lines);
	EXPECT_EQ(self->card.index, (int)ci.index);
	/* NUL-terminated within the field, zero-padded after it */
	EXPECT_EQ(0, ci.name[TAPI_NAME_LEN - 1]);
	EXPECT_EQ(0, ci.driver[TAPI_NAME_LEN - 1]);
}

TEST_F(card, line_devcaps)
{
	unsigned int i, j, ids[NLINES];
	char numbers[TAPI_MAX_ADDRESSES + 1][TAPI_ADDRESS_LEN];
	struct tapi_line_devcaps dc;
	char name[TAPI_LINE_NAME_LEN];

	for (i = 0; i < NLINES; i++) {
		const struct line_cfg *c = &lines[i];
		int n = split_list(c->numbers, numbers, TAPI_MAX_ADDRESSES);

		ASSERT_EQ(0, tapi_devcaps(self->fd, i, &dc))
			TH_LOG("line %u", i);
		cfg_name(c, i, name, sizeof(name));
		EXPECT_EQ(i, dc.line);
		EXPECT_STREQ(name, dc.name);
		EXPECT_EQ((unsigned int)n, dc.num_addresses);
		EXPECT_EQ(cfg_media(c), dc.media_modes);
		EXPECT_EQ(cfg_bearer(c), dc.bearer_modes);
		EXPECT_EQ(cfg_max_calls(c), dc.max_active_calls);
		EXPECT_EQ((unsigned int)TAPI_STRINGFORMAT_UTF8,
			  dc.string_format);
		if (c->tones) {
			EXPECT_EQ(c->gen_digit, dc.gen_digit_modes);
			EXPECT_EQ(c->mon_digit, dc.monitor_digit_modes);
			EXPECT_EQ(c->gen_tone_freqs, dc.gen_tone_max_freqs);
			EXPECT_EQ(c->mon_tone_freqs,
				  dc.monitor_tone_max_freqs);
			EXPECT_EQ(c->mon_tone_max, dc.monitor_tone_max);
		}
		EXPECT_EQ(0u, dc.line_features & ~TAPI_LINEFEATURE_VALID);
		EXPECT_EQ(0u, dc.devcaps_flags & ~TAPI_DEVCAPS_VALID);
		EXPECT_EQ(0u, dc.gen_digit_modes & ~TAPI_DIGITMODE_VALID);
		EXPECT_EQ(0u, dc.monitor_digit_modes & ~TAPI_DIGITMODE_VALID);
		for (j = 0; j < 4; j++) {
			EXPECT_EQ(0u, dc.reserved[j]);
		}
		ids[i] = dc.permanent_line_id;
		for (j = 0; j < i; j++) {
			EXPECT_NE(ids[j], ids[i])
				TH_LOG("lines %u and %u share a permanent id",
				       j, i);
		}
	}
}

TEST_F(card, address_caps)
{
	char numbers[TAPI_MAX_ADDRESSES + 1][TAPI_ADDRESS_LEN];
	struct tapi_address_caps ac;
	unsigned int i;
	int j, n;

	for (i = 0; i < NLINES; i++) {
		n = split_list(lines[i].numbers, numbers, TAPI_MAX_ADDRESSES);
		ASSERT_LT(0, n);
		for (j = 0; j < n; j++) {
			ASSERT_EQ(0, tapi_addrcaps(self->fd, i, j, &ac))
				TH_LOG("line %u address %d", i, j);
			EXPECT_EQ(i, ac.line);
			EXPECT_EQ((unsigned int)j, ac.address_id);
			EXPECT_STREQ(numbers[j], ac.address);
			EXPECT_LE(1u, ac.max_calls);
			EXPECT_GE(cfg_max_calls(&lines[i]), ac.max_calls);
			EXPECT_EQ(0u, ac.address_features &
				      ~TAPI_ADDRFEATURE_VALID);
			EXPECT_EQ(0u, ac.call_features &
				      ~TAPI_CALLFEATURE_VALID);
			EXPECT_EQ(0u, ac.reserved);
		}
	}
}

TEST_F(card, bad_line)
{
	static const unsigned int bad[] = { NLINES, NLINES + 1, TAPI_MAX_LINES,
					    0x7fffffff, 0xffffffff };
	struct tapi_line_devcaps dc;
	struct tapi_address_caps ac;
	unsigned int i;
	int fds = count_fds();

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-ENOENT, tapi_devcaps(self->fd, bad[i], &dc))
			TH_LOG("line %u", bad[i]);
		EXPECT_EQ(-ENOENT, tapi_addrcaps(self->fd, bad[i], 0, &ac))
			TH_LOG("line %u", bad[i]);
		EXPECT_EQ(-ENOENT, tapi_open_line(self->fd, bad[i],
						  TAPI_PRIV_NONE, 0, 0))
			TH_LOG("line %u", bad[i]);
	}
	EXPECT_EQ(fds, count_fds());
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
}

TEST_F(card, bad_address)
{
	struct tapi_address_caps ac;

	/* line 0 has three numbers, line 1 one, line 2 sixteen */
	EXPECT_EQ(-ENOENT, tapi_addrcaps(self->fd, 0, 3, &ac));
	EXPECT_EQ(-ENOENT, tapi_addrcaps(self->fd, 1, 1, &ac));
	EXPECT_EQ(0, tapi_addrcaps(self->fd, 2, 15, &ac));
	EXPECT_EQ(-ENOENT, tapi_addrcaps(self->fd, 2, 16, &ac));
	EXPECT_EQ(-ENOENT, tapi_addrcaps(self->fd, 0, TAPI_MAX_ADDRESSES, &ac));
	EXPECT_EQ(-ENOENT, tapi_addrcaps(self->fd, 0, 0xffffffff, &ac));
}

static int sysfs_get(const struct sim_card *card, const char *rel, char *buf,
		     size_t len)
{
	char path[256];

	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/tapi%d/%s",
		 card->index, rel);
	return sim_read(path, buf, len);
}

static unsigned long sysfs_num(struct __test_metadata *_metadata,
			       const struct sim_card *card, const char *rel)
{
	char buf[64], *end;
	unsigned long v;

	ASSERT_LE(0, sysfs_get(card, rel, buf, sizeof(buf)))
		TH_LOG("reading %s", rel);
	v = strtoul(buf, &end, 0);
	EXPECT_TRUE(end != buf && !*end) TH_LOG("%s: \"%s\"", rel, buf);
	return v;
}

TEST_F(card, sysfs)
{
	char buf[2048], rel[64], name[TAPI_LINE_NAME_LEN];
	struct tapi_line_devcaps dc;
	char want[TAPI_MAX_ADDRESSES + 1][TAPI_ADDRESS_LEN];
	char got[TAPI_MAX_ADDRESSES + 1][TAPI_ADDRESS_LEN];
	unsigned int maj, min;
	struct stat st;
	unsigned int i;
	int n, m, j;

	ASSERT_LE(0, sysfs_get(&self->card, "name", buf, sizeof(buf)));
	EXPECT_STREQ(self->card.name, buf);
	ASSERT_LE(0, sysfs_get(&self->card, "driver", buf, sizeof(buf)));
	EXPECT_STREQ("tapi_sim", buf);
	EXPECT_EQ((unsigned long)NLINES,
		  sysfs_num(_metadata, &self->card, "num_lines"));

	/* the class device is the node's device */
	ASSERT_LE(0, sysfs_get(&self->card, "dev", buf, sizeof(buf)));
	ASSERT_EQ(2, sscanf(buf, "%u:%u", &maj, &min));
	ASSERT_EQ(0, stat(self->card.dev_path, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(maj, major(st.st_rdev));
	EXPECT_EQ(min, minor(st.st_rdev));

	for (i = 0; i < NLINES; i++) {
		snprintf(rel, sizeof(rel), "line%u/name", i);
		ASSERT_LE(0, sysfs_get(&self->card, rel, buf, sizeof(buf)));
		cfg_name(&lines[i], i, name, sizeof(name));
		EXPECT_STREQ(name, buf);

		snprintf(rel, sizeof(rel), "line%u/media_modes", i);
		EXPECT_EQ((unsigned long)cfg_media(&lines[i]),
			  sysfs_num(_metadata, &self->card, rel));
		snprintf(rel, sizeof(rel), "line%u/bearer_modes", i);
		EXPECT_EQ((unsigned long)cfg_bearer(&lines[i]),
			  sysfs_num(_metadata, &self->card, rel));
		snprintf(rel, sizeof(rel), "line%u/max_active_calls", i);
		EXPECT_EQ((unsigned long)cfg_max_calls(&lines[i]),
			  sysfs_num(_metadata, &self->card, rel));
		snprintf(rel, sizeof(rel), "line%u/permanent_line_id", i);
		ASSERT_EQ(0, tapi_devcaps(self->fd, i, &dc));
		EXPECT_EQ((unsigned long)dc.permanent_line_id,
			  sysfs_num(_metadata, &self->card, rel));
		snprintf(rel, sizeof(rel), "line%u/num_opens", i);
		EXPECT_EQ(0ul, sysfs_num(_metadata, &self->card, rel));

		snprintf(rel, sizeof(rel), "line%u/addresses", i);
		ASSERT_LE(0, sysfs_get(&self->card, rel, buf, sizeof(buf)));
		n = split_list(lines[i].numbers, want, TAPI_MAX_ADDRESSES);
		m = split_list(buf, got, TAPI_MAX_ADDRESSES + 1);
		ASSERT_EQ(n, m) TH_LOG("line %u addresses \"%s\"", i, buf);
		for (j = 0; j < n; j++) {
			EXPECT_STREQ(want[j], got[j]);
		}
	}
	/* no directory for a line that does not exist */
	snprintf(rel, sizeof(rel), "line%u/name", NLINES);
	EXPECT_EQ(-ENOENT, sysfs_get(&self->card, rel, buf, sizeof(buf)));
}

/*
 * Taking the card down removes the node and the class device; going live
 * again brings them back with the same configuration.
 */
TEST_F(card, down_and_up)
{
	char path[128], buf[64];
	struct tapi_card_info ci;
	int fd;

	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/tapi%d",
		 self->card.index);
	strcpy(buf, self->card.dev_path);
	close(self->fd);
	self->fd = -1;

	ASSERT_EQ(0, sim_card_live(&self->card, false));
	ASSERT_LE(0, sim_card_get(&self->card, "dev_name", buf, sizeof(buf)));
	EXPECT_STREQ("none", buf);
	EXPECT_TRUE(sim_wait_path(path, false, 2000)) TH_LOG("%s stays", path);

	ASSERT_EQ(0, sim_card_live(&self->card, true));
	EXPECT_TRUE(sim_wait_path(self->card.dev_path, true, 2000));
	fd = sim_card_open(&self->card);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, tapi_card_info(fd, &ci));
	EXPECT_STREQ(self->card.name, ci.name);
	EXPECT_EQ((unsigned int)NLINES, ci.num_lines);
	EXPECT_EQ(self->card.index, (int)ci.index);
	close(fd);
}

/* ---- several cards at once ---------------------------------------------- */

#define NCARDS 4

FIXTURE(cards)
{
	struct sim_card card[NCARDS + 1];
};

FIXTURE_SETUP(cards)
{
	unsigned int i;
	int ret;

	for (i = 0; i < NCARDS; i++) {
		ret = sim_card_create_live(&self->card[i], "multi", i + 1);
		ASSERT_EQ(0, ret) TH_LOG("card %u: %s", i, strerror(-ret));
	}
}

FIXTURE_TEARDOWN(cards)
{
	unsigned int i;

	for (i = 0; i <= NCARDS; i++)
		sim_card_destroy(&self->card[i]);
}

static void check_card(struct __test_metadata *_metadata,
		       const struct sim_card *card)
{
	struct tapi_card_info ci;
	int fd = sim_card_open(card);

	ASSERT_LE(0, fd) TH_LOG("open %s", card->dev_path);
	ASSERT_EQ(0, tapi_card_info(fd, &ci));
	EXPECT_STREQ(card->name, ci.name);
	EXPECT_EQ(card->num_lines, ci.num_lines);
	EXPECT_EQ(card->index, (int)ci.index);
	close(fd);
}

TEST_F(cards, distinct)
{
	unsigned int i, j;

	for (i = 0; i < NCARDS; i++) {
		check_card(_metadata, &self->card[i]);
		for (j = 0; j < i; j++) {
			EXPECT_NE(self->card[j].index, self->card[i].index);
		}
	}

	/* one goes, another comes: nobody's index is taken twice */
	ASSERT_EQ(0, sim_card_destroy(&self->card[1]));
	ASSERT_EQ(0, sim_card_create_live(&self->card[NCARDS], "multi", 2));
	for (i = 0; i <= NCARDS; i++) {
		if (i == 1)
			continue;
		check_card(_metadata, &self->card[i]);
		if (i != NCARDS) {
			EXPECT_NE(self->card[i].index,
				  self->card[NCARDS].index);
		}
	}
}

int main(int argc, char **argv)
{
	sim_require("card_test");
	return test_harness_run(argc, argv);
}
