// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cards: finding, opening and describing /dev/tapiN.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "internal.h"

#define TAPI_DEV_DIR	"/dev"
#define TAPI_DEV_PREFIX	"tapi"
#define TAPI_CLASS	"tapi"

struct tapi_card {
	int fd;
	char *path;
	unsigned int index;
	unsigned int num_lines;
	char name[TAPI_NAME_LEN];
	char driver[TAPI_NAME_LEN];
};

/*
 * Parse "tapiN" into N.  Only canonical decimal numbers are accepted, so
 * that "tapi01" and "tapi0x1" are names, not nodes.
 */
static bool parse_node_name(const char *name, unsigned int *index)
{
	const char *p;
	unsigned long val;
	char *end;

	if (strncmp(name, TAPI_DEV_PREFIX, strlen(TAPI_DEV_PREFIX)))
		return false;
	p = name + strlen(TAPI_DEV_PREFIX);
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1]))
		return false;
	errno = 0;
	val = strtoul(p, &end, 10);
	if (errno || *end || val > UINT_MAX)
		return false;
	*index = val;
	return true;
}

/*
 * Check that a character device belongs to class "tapi".  Without sysfs
 * (e.g. in a minimal container) the check is skipped.
 */
static int check_class(dev_t rdev)
{
	char link[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t len;

	snprintf(link, sizeof(link), "/sys/dev/char/%u:%u/subsystem",
		 major(rdev), minor(rdev));
	len = readlink(link, target, sizeof(target) - 1);
	if (len < 0) {
		if (access("/sys/dev/char", F_OK))
			return 0;	/* no sysfs: trust the node */
		errno = ENOTTY;
		return -1;
	}
	target[len] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strcmp(base, TAPI_CLASS)) {
		errno = ENOTTY;
		return -1;
	}
	return 0;
}

static int check_card_stat(const struct stat *st)
{
	if (!S_ISCHR(st->st_mode)) {
		errno = ENOTTY;
		return -1;
	}
	return check_class(st->st_rdev);
}

TAPI_API bool tapi_is_card_device(const char *path)
{
	struct stat st;

	if (!path) {
		errno = EINVAL;
		return false;
	}
	if (stat(path, &st))
		return false;
	return check_card_stat(&st) == 0;
}

struct card_entry {
	unsigned int index;
	char *path;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct card_entry *ea = a, *eb = b;

	return (ea->index > eb->index) - (ea->index < eb->index);
}

TAPI_API void tapi_card_list_free(char **paths)
{
	char **p;

	if (!paths)
		return;
	for (p = paths; *p; p++)
		free(*p);
	free(paths);
}

TAPI_API int tapi_list_cards(char ***paths)
{
	struct card_entry *entries = NULL, *tmp;
	size_t num = 0, alloc = 0, i;
	struct dirent *de;
	char **list;
	DIR *dir;
	int err;

	if (!paths) {
		errno = EINVAL;
		return -1;
	}

	dir = opendir(TAPI_DEV_DIR);
	if (!dir)
		return -1;

	for (;;) {
		unsigned int index;
		struct stat st;

		errno = 0;
		de = readdir(dir);
		if (!de) {
			if (errno)
				goto err;
			break;
		}
		if (!parse_node_name(de->d_name, &index))
			continue;
		if (fstatat(dirfd(dir), de->d_name, &st, 0) ||
		    check_card_stat(&st))
			continue;	/* vanished, or not ours */

		if (num == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			tmp = realloc(entries, alloc * sizeof(*entries));
			if (!tmp)
				goto err;
			entries = tmp;
		}
		if (asprintf(&entries[num].path, TAPI_DEV_DIR "/%s",
			     de->d_name) < 0) {
			errno = ENOMEM;
			goto err;
		}
		entries[num++].index = index;
	}

	list = calloc(num + 1, sizeof(*list));
	if (!list)
		goto err;
	if (num)
		qsort(entries, num, sizeof(*entries), cmp_entry);
	for (i = 0; i < num; i++)
		list[i] = entries[i].path;
	free(entries);
	closedir(dir);
	*paths = list;
	return num;

err:
	err = errno;
	for (i = 0; i < num; i++)
		free(entries[i].path);
	free(entries);
	closedir(dir);
	errno = err;
	return -1;
}

/* Open one node and read its card info. */
static struct tapi_card *card_open_path(const char *path)
{
	struct tapi_card_info info;
	struct tapi_card *card;
	struct stat st;
	dev_t rdev;
	int err;

	card = calloc(1, sizeof(*card));
	if (!card)
		return NULL;

	card->path = strdup(path);
	if (!card->path)
		goto err_free;

	/* Check before opening: opening some other device may have effects. */
	if (stat(path, &st) || check_card_stat(&st))
		goto err_free;
	rdev = st.st_rdev;

	card->fd = open(path, O_RDWR | O_CLOEXEC);
	if (card->fd < 0)
		goto err_free;

	if (fstat(card->fd, &st))
		goto err_close;
	if (!S_ISCHR(st.st_mode) || st.st_rdev != rdev) {
		errno = ENOTTY;	/* replaced under us */
		goto err_close;
	}

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (ioctl(card->fd, TAPI_IOC_CARD_GET_INFO, &info))
		goto err_close;

	card->index = info.index;
	card->num_lines = info.num_lines;
	tapi_copy_kstr(card->name, info.name, sizeof(card->name));
	tapi_copy_kstr(card->driver, info.driver, sizeof(card->driver));
	return card;

err_close:
	err = errno;
	close(card->fd);
	errno = err;
err_free:
	err = errno;
	free(card->path);
	free(card);
	errno = err;
	return NULL;
}

/* Find the one card called @name among the nodes present. */
static struct tapi_card *card_open_name(const char *name)
{
	struct tapi_card *card, *found = NULL;
	int num, i, open_err = 0;
	char **paths;

	num = tapi_list_cards(&paths);
	if (num < 0)
		return NULL;

	for (i = 0; i < num; i++) {
		card = card_open_path(paths[i]);
		if (!card) {
			/* not readable by us, or just removed */
			if (!open_err)
				open_err = errno;
			continue;
		}
		if (strcmp(card->name, name)) {
			tapi_card_close(card);
			continue;
		}
		if (found) {
			tapi_card_close(card);
			tapi_card_close(found);
			tapi_card_list_free(paths);
			errno = ENOTUNIQ;
			return NULL;
		}
		found = card;
	}
	tapi_card_list_free(paths);
	/*
	 * A card we could not open may be the one: say why we could not,
	 * rather than that it does not exist.
	 */
	if (!found)
		errno = open_err ? open_err : ENOENT;
	return found;
}

TAPI_API struct tapi_card *tapi_card_open(const char *card)
{
	char path[sizeof(TAPI_DEV_DIR "/" TAPI_DEV_PREFIX) + 10];
	unsigned int index;

	if (!card || !*card) {
		errno = EINVAL;
		return NULL;
	}
	if (strchr(card, '/'))
		return card_open_path(card);
	if (parse_node_name(card, &index)) {
		snprintf(path, sizeof(path),
			 TAPI_DEV_DIR "/" TAPI_DEV_PREFIX "%u", index);
		return card_open_path(path);
	}
	return card_open_name(card);
}

TAPI_API void tapi_card_close(struct tapi_card *card)
{
	if (!card)
		return;
	close(card->fd);
	free(card->path);
	free(card);
}

TAPI_API int tapi_card_get_fd(struct tapi_card *card)
{
	return card->fd;
}

TAPI_API const char *tapi_card_get_path(struct tapi_card *card)
{
	return card->path;
}

TAPI_API unsigned int tapi_card_get_index(struct tapi_card *card)
{
	return card->index;
}

TAPI_API unsigned int tapi_card_get_num_lines(struct tapi_card *card)
{
	return card->num_lines;
}

TAPI_API const char *tapi_card_get_name(struct tapi_card *card)
{
	return card->name;
}

TAPI_API const char *tapi_card_get_driver(struct tapi_card *card)
{
	return card->driver;
}
