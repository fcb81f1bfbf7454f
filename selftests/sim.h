/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the tapi selftests: simulated cards made through the
 * tapi_sim configfs tree, and thin wrappers around the tapi ioctls.
 *
 * Every function returns 0 (or a non-negative value) on success and a
 * negative errno on failure; none of them print or exit.
 */
#ifndef _TAPI_SELFTEST_SIM_H
#define _TAPI_SELFTEST_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/tapi.h>

#define SIM_CONFIGFS	"/sys/kernel/config"
#define SIM_ROOT	SIM_CONFIGFS "/tapi-sim"
#define SIM_SYSFS_CLASS	"/sys/class/tapi"
/* Every card a selftest makes has a name starting with this. */
#define SIM_PREFIX	"kst"

/* Media modes of a sim line when its media_modes attribute is not written. */
#define SIM_DEFAULT_MEDIA	(TAPI_MEDIA_INTERACTIVEVOICE | \
				 TAPI_MEDIA_AUTOMATEDVOICE | \
				 TAPI_MEDIA_UNKNOWN)
#define SIM_DEFAULT_BEARER	(TAPI_BEARER_VOICE | TAPI_BEARER_SPEECH)
#define SIM_DEFAULT_MAX_CALLS	4

/**
 * struct sim_card - one simulated card made by a test
 * @name: card name, the configfs directory's name
 * @dir: configfs directory of the card
 * @num_lines: line directories made under @dir
 * @live: the test set it live (and has not taken it down)
 * @index: N of /dev/tapiN while live, else -1
 * @dev_path: "/dev/tapiN" while live
 */
struct sim_card {
	char name[32];
	char dir[128];
	unsigned int num_lines;
	bool live;
	int index;
	char dev_path[64];
};

/* NULL when cards can be made here, else why not (for a SKIP). */
const char *sim_unavailable(void);

/* Read a whole small file, trailing newline stripped; length or -errno. */
int sim_read(const char *path, char *buf, size_t len);
/* Write a string to an attribute in one write(); 0 or -errno. */
int sim_write(const char *path, const char *val);
int sim_read_u64(const char *path, unsigned long long *val);

/* Make the card directory (no lines); the name is unique to this process. */
int sim_card_new(struct sim_card *card, const char *tag);
/* Make the card directory again under the name it had (a re-created card). */
int sim_card_new_named(struct sim_card *card, const char *name);
/* Make line directory @line ("lineN"); with @numbers set its numbers too. */
int sim_line_add(struct sim_card *card, unsigned int line,
		 const char *numbers);
/*
 * A card with @num_lines lines, each with the default number(s) from
 * sim_default_number(); not live yet.
 */
int sim_card_create(struct sim_card *card, const char *tag,
		    unsigned int num_lines);
/* Default single number of line @line of @card. */
void sim_default_number(const struct sim_card *card, unsigned int line,
			char *buf, size_t len);

int sim_card_attr_path(const struct sim_card *card, const char *attr,
		       char *buf, size_t len);
int sim_line_attr_path(const struct sim_card *card, unsigned int line,
		       const char *attr, char *buf, size_t len);
int sim_card_set(const struct sim_card *card, const char *attr,
		 const char *val);
int sim_card_get(const struct sim_card *card, const char *attr, char *buf,
		 size_t len);
int sim_line_set(const struct sim_card *card, unsigned int line,
		 const char *attr, const char *val);
int sim_line_get(const struct sim_card *card, unsigned int line,
		 const char *attr, char *buf, size_t len);

/* Write live=1 (or 0) and pick up dev_name; 0 or -errno. */
int sim_card_live(struct sim_card *card, bool live);
/* create + live in one go. */
int sim_card_create_live(struct sim_card *card, const char *tag,
			 unsigned int num_lines);
/* Open /dev/tapiN of a live card read-write, close-on-exec. */
int sim_card_open(const struct sim_card *card);
/* open_lines attribute, or -errno. */
int sim_card_open_lines(const struct sim_card *card);
/* rmdir the line dirs and the card dir, without taking it down first. */
int sim_card_rmdir(struct sim_card *card);
/* Take the card down if live and remove its directories; idempotent. */
int sim_card_destroy(struct sim_card *card);
/* Wait up to @ms for @path to (dis)appear; true when it did. */
bool sim_wait_path(const char *path, bool exists, int ms);

/*
 * ioctl() returning 0 or -errno (or the ioctl's non-negative result); the
 * same through io_uring with TAPI_TRANSPORT=uring (transport.c).
 */
int tapi_ioctl(int fd, unsigned long cmd, void *arg);
/* TAPI_IOC_LINE_OPEN: the new fd, or -errno. */
int tapi_open_line(int card_fd, unsigned int line, uint32_t privileges,
		   uint32_t media_modes, uint32_t flags);
int tapi_open_line_args(int card_fd, struct tapi_line_open *args);
int tapi_devstatus(int line_fd, struct tapi_line_devstatus *st);
int tapi_card_info(int card_fd, struct tapi_card_info *info);
int tapi_devcaps(int card_fd, unsigned int line,
		 struct tapi_line_devcaps *caps);
int tapi_addrcaps(int card_fd, unsigned int line, unsigned int address,
		  struct tapi_address_caps *caps);
int tapi_features(int fd, struct tapi_features *f);

/* Number of fds this process has open, io_uring rings not counted. */
int count_fds(void);
/*
 * count_fds_if - the fds this process has open for which MATCH(fd's name,
 * its /proc/self/fd link, CTX) is true; -errno if /proc cannot be read
 */
int count_fds_if(bool (*match)(const char *name, const char *target,
				void *ctx), void *ctx);
/* CLOCK_MONOTONIC in ns. */
uint64_t now_ns(void);
/* Split a list of numbers (spaces, commas, newlines) into @out; count. */
int split_list(const char *s, char out[][TAPI_ADDRESS_LEN], int max);

/* kmemleak's debugfs file: present on the debug kernel only. */
#define SIM_KMEMLEAK		"/sys/kernel/debug/kmemleak"
/* The core's debugfs dump of its cards and fds. */
#define SIM_DEBUGFS_STATE	"/sys/kernel/debug/tapi/state"

/* A small decimal file (a module's refcnt) as a number, -1 if unreadable. */
long sim_read_long(const char *path);
/*
 * End checks of the long-running tests (fuzz_abi, stress_test), each
 * printing what it finds as "# " lines: remove the cards whose names start
 * with @prefix left in configfs, and count them; count those of @prefix
 * /sys/class/tapi or the core's debugfs state still shows; wait until the
 * modules' reference counts are back to @ref_tapi and @ref_sim (up to
 * @wait_ms: an fput may be deferred a moment), true when they are; with
 * kmemleak, scan and count the leaks tapi is part of (-1: no scan).
 */
int sim_remove_left_cards(const char *prefix);
int sim_cards_shown(const char *prefix);
bool sim_module_refs_back(long ref_tapi, long ref_sim, int wait_ms);
int sim_kmemleak_tapi(void);

/* Precondition for a test program: exits 4 with a TAP skip if unusable. */
void sim_require(const char *prog);

#endif /* _TAPI_SELFTEST_SIM_H */
