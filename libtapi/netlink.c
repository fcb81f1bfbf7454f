// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The generic netlink view: a connection to the family "tapi" through
 * libnl-genl, its get and dump requests, and its notifications.
 *
 * A connection has two sockets.  Requests go out on the first, one at a
 * time, and their replies are read back at once: auto-ack is off (a get
 * is answered by its reply or by an error, a dump ends with NLMSG_DONE),
 * and a sequence check callback skips anything a former, aborted request
 * left behind.  Notifications arrive on the second, non-blocking, which
 * joins the multicast groups; it exists once tapi_nl_subscribe() ran.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "nl-internal.h"

/* A dump that raced with cards coming and going is tried this often. */
#define DUMP_TRIES	4

struct tapi_nl {
	struct nl_sock *sk;
	struct nl_sock *mon;
	int family;
	unsigned int groups;
};

/* Set errno from a libnl error and fail. */
static int nl_fail(int nle)
{
	errno = tapi_nl_errno(nle);
	return -1;
}

static struct nl_sock *new_socket(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int ret;

	if (!sk) {
		errno = ENOMEM;
		return NULL;
	}
	nl_socket_enable_msg_peek(sk);
	ret = genl_connect(sk);
	if (ret < 0) {
		nl_socket_free(sk);
		nl_fail(ret);
		return NULL;
	}
	return sk;
}

TAPI_API struct tapi_nl *tapi_nl_open(void)
{
	struct tapi_nl *nl = calloc(1, sizeof(*nl));
	int ret;

	if (!nl)
		return NULL;
	nl->sk = new_socket();
	if (!nl->sk)
		goto fail;
	ret = genl_ctrl_resolve(nl->sk, TAPI_GENL_NAME);
	if (ret < 0) {
		nl_fail(ret);
		goto fail;
	}
	nl->family = ret;
	nl_socket_disable_auto_ack(nl->sk);
	return nl;
fail:
	ret = errno;
	tapi_nl_close(nl);
	errno = ret;
	return NULL;
}

TAPI_API void tapi_nl_close(struct tapi_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	nl_socket_free(nl->mon);
	free(nl);
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/**
 * struct collect - the replies to one request
 * @family: the family's id: other messages are skipped
 * @cmd: the command of the replies wanted
 * @seq: the request's sequence number: other messages are skipped
 * @items: the objects parsed, @num of them, room for @alloc and a NULL
 * @num: entries of @items used
 * @alloc: entries of @items allocated
 * @err: errno of an error message, or of parsing, or 0
 */
struct collect {
	int family;
	unsigned int cmd;
	uint32_t seq;
	void **items;
	size_t num;
	size_t alloc;
	int err;
};

static void collect_free(struct collect *c, void (*free_fn)(void *))
{
	size_t i;

	for (i = 0; i < c->num; i++)
		free_fn(c->items[i]);
	free(c->items);
	c->items = NULL;
	c->num = 0;
	c->alloc = 0;
}

static int collect_seq(struct nl_msg *msg, void *arg)
{
	struct collect *c = arg;

	return nlmsg_hdr(msg)->nlmsg_seq == c->seq ? NL_OK : NL_SKIP;
}

static int collect_valid(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct collect *c = arg;
	struct tapi_nl_event ev;
	void **items;
	int ret;

	/* After a failure the rest is read, and dropped. */
	if (c->err || nlh->nlmsg_type != c->family)
		return NL_SKIP;
	ret = tapi_nl_parse(nlh, &ev);
	if (ret < 0) {
		c->err = errno;
		return NL_SKIP;
	}
	if (!ret || ev.type != c->cmd) {
		tapi_nl_event_release(&ev);
		return NL_SKIP;
	}
	if (c->num + 1 >= c->alloc) {
		items = realloc(c->items, (c->alloc + 16) * sizeof(*items));
		if (!items) {
			c->err = ENOMEM;
			tapi_nl_event_release(&ev);
			return NL_SKIP;
		}
		c->items = items;
		c->alloc += 16;
	}
	if (ev.card)
		c->items[c->num++] = ev.card;
	else if (ev.line)
		c->items[c->num++] = ev.line;
	else
		c->items[c->num++] = ev.call;
	c->items[c->num] = NULL;
	return NL_OK;
}

static int collect_error(struct sockaddr_nl *who, struct nlmsgerr *e,
			 void *arg)
{
	struct collect *c = arg;

	(void)who;
	c->err = e->error < 0 ? -e->error : e->error;
	return NL_STOP;
}

/*
 * Send @msg (freed here) and collect its replies of command @c->cmd.
 * Return: 0, or a negative libnl error (with c->err, when set, the
 * errno to report instead).
 */
static int transact(struct tapi_nl *nl, struct nl_msg *msg,
		    struct collect *c)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int ret;

	if (!cb) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, collect_seq, c);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, collect_valid, c);
	nl_cb_err(cb, NL_CB_CUSTOM, collect_error, c);
	ret = nl_send_auto(nl->sk, msg);
	if (ret >= 0) {
		c->seq = nlmsg_hdr(msg)->nlmsg_seq;
		ret = nl_recvmsgs(nl->sk, cb);
	}
	nlmsg_free(msg);
	nl_cb_put(cb);
	return ret < 0 ? ret : 0;
}

/*
 * One request: command @cmd, a dump if @dump, with the u32 attributes
 * @attrs (type, value; a negative type ends the list early), collecting
 * replies of command @reply.  A dump that was interrupted is tried again.
 * Return: 0 with the objects in @c, or -1 with errno set and @c empty.
 */
static int request(struct tapi_nl *nl, uint8_t cmd, bool dump,
		   const int attrs[][2], size_t num_attrs, unsigned int reply,
		   struct collect *c, void (*free_fn)(void *))
{
	struct nl_msg *msg;
	int ret = 0, tries;
	size_t i;

	for (tries = 0; tries < DUMP_TRIES; tries++) {
		memset(c, 0, sizeof(*c));
		c->family = nl->family;
		c->cmd = reply;
		msg = nlmsg_alloc();
		if (!msg) {
			errno = ENOMEM;
			return -1;
		}
		if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family,
				 0, dump ? NLM_F_DUMP : 0, cmd,
				 TAPI_GENL_VERSION)) {
			nlmsg_free(msg);
			errno = ENOMEM;
			return -1;
		}
		for (i = 0; i < num_attrs && attrs[i][0] >= 0; i++) {
			ret = nla_put_u32(msg, attrs[i][0], attrs[i][1]);
			if (ret < 0) {
				nlmsg_free(msg);
				return nl_fail(ret);
			}
		}
		ret = transact(nl, msg, c);
		if (ret != -NLE_DUMP_INTR || c->err)
			break;
		collect_free(c, free_fn);
	}
	if (!ret && !c->err && !dump && c->num != 1)
		c->err = EPROTO;	/* a get answered by nothing */
	if (ret < 0 || c->err) {
		collect_free(c, free_fn);
		errno = c->err ? c->err : tapi_nl_errno(ret);
		return -1;
	}
	return 0;
}

static void free_card(void *p)
{
	tapi_nl_card_free(p);
}

static void free_line(void *p)
{
	tapi_nl_line_free(p);
}

static void free_call(void *p)
{
	tapi_nl_call_free(p);
}

/* The array of a dump, never NULL: an empty one for no objects. */
static void **dump_items(struct collect *c)
{
	if (!c->items)
		c->items = calloc(1, sizeof(*c->items));
	return c->items;
}

static int cmp_cards(const void *a, const void *b)
{
	const struct tapi_nl_card *x = *(const struct tapi_nl_card **)a;
	const struct tapi_nl_card *y = *(const struct tapi_nl_card **)b;

	return (x->info.index > y->info.index) -
	       (x->info.index < y->info.index);
}

static int cmp_lines(const void *a, const void *b)
{
	const struct tapi_nl_line *x = *(const struct tapi_nl_line **)a;
	const struct tapi_nl_line *y = *(const struct tapi_nl_line **)b;

	if (x->card != y->card)
		return (x->card > y->card) - (x->card < y->card);
	return (x->caps.line > y->caps.line) - (x->caps.line < y->caps.line);
}

TAPI_API struct tapi_nl_card *tapi_nl_get_card(struct tapi_nl *nl,
					       unsigned int card)
{
	const int attrs[][2] = { { TAPI_A_CARD_INDEX, (int)card } };
	struct collect c;
	void *obj;

	if (request(nl, TAPI_CMD_CARD_GET, false, attrs, 1, TAPI_CMD_CARD_NEW,
		    &c, free_card))
		return NULL;
	obj = c.items[0];
	free(c.items);
	return obj;
}

TAPI_API int tapi_nl_dump_cards(struct tapi_nl *nl,
				struct tapi_nl_card ***cards)
{
	struct collect c;

	if (request(nl, TAPI_CMD_CARD_GET, true, NULL, 0, TAPI_CMD_CARD_NEW,
		    &c, free_card))
		return -1;
	if (!dump_items(&c))
		return -1;
	qsort(c.items, c.num, sizeof(*c.items), cmp_cards);
	*cards = (struct tapi_nl_card **)c.items;
	return c.num;
}

TAPI_API void tapi_nl_card_list_free(struct tapi_nl_card **cards)
{
	size_t i;

	if (!cards)
		return;
	for (i = 0; cards[i]; i++)
		tapi_nl_card_free(cards[i]);
	free(cards);
}

TAPI_API struct tapi_nl_line *tapi_nl_get_line(struct tapi_nl *nl,
					       unsigned int card,
					       unsigned int line)
{
	const int attrs[][2] = {
		{ TAPI_A_CARD_INDEX, (int)card },
		{ TAPI_A_LINE_INDEX, (int)line },
	};
	struct collect c;
	void *obj;

	if (request(nl, TAPI_CMD_LINE_GET, false, attrs, 2, TAPI_CMD_LINE_NEW,
		    &c, free_line))
		return NULL;
	obj = c.items[0];
	free(c.items);
	return obj;
}

TAPI_API int tapi_nl_dump_lines(struct tapi_nl *nl, int card,
				struct tapi_nl_line ***lines)
{
	const int attrs[][2] = { { TAPI_A_CARD_INDEX, card } };
	struct collect c;

	if (card < 0 && card != TAPI_NL_ALL) {
		errno = EINVAL;
		return -1;
	}
	if (request(nl, TAPI_CMD_LINE_GET, true, attrs, card >= 0,
		    TAPI_CMD_LINE_NEW, &c, free_line))
		return -1;
	if (!dump_items(&c))
		return -1;
	qsort(c.items, c.num, sizeof(*c.items), cmp_lines);
	*lines = (struct tapi_nl_line **)c.items;
	return c.num;
}

TAPI_API void tapi_nl_line_list_free(struct tapi_nl_line **lines)
{
	size_t i;

	if (!lines)
		return;
	for (i = 0; lines[i]; i++)
		tapi_nl_line_free(lines[i]);
	free(lines);
}

TAPI_API struct tapi_nl_call *tapi_nl_get_call(struct tapi_nl *nl,
					       unsigned int card,
					       uint32_t call_id)
{
	const int attrs[][2] = {
		{ TAPI_A_CARD_INDEX, (int)card },
		{ TAPI_A_CALL_ID, (int)call_id },
	};
	struct collect c;
	void *obj;

	if (request(nl, TAPI_CMD_CALL_GET, false, attrs, 2, TAPI_CMD_CALL_NEW,
		    &c, free_call))
		return NULL;
	obj = c.items[0];
	free(c.items);
	return obj;
}

TAPI_API int tapi_nl_dump_calls(struct tapi_nl *nl, int card, int line,
				struct tapi_nl_call ***calls)
{
	const int attrs[][2] = {
		{ TAPI_A_CARD_INDEX, card },
		{ TAPI_A_LINE_INDEX, line },
	};
	struct collect c;

	if ((card < 0 && card != TAPI_NL_ALL) ||
	    (line < 0 && line != TAPI_NL_ALL) || (card < 0 && line >= 0)) {
		errno = EINVAL;
		return -1;
	}
	if (request(nl, TAPI_CMD_CALL_GET, true, attrs,
		    (card >= 0) + (line >= 0), TAPI_CMD_CALL_NEW, &c,
		    free_call))
		return -1;
	if (!dump_items(&c))
		return -1;
	*calls = (struct tapi_nl_call **)c.items;
	return c.num;
}

TAPI_API void tapi_nl_call_list_free(struct tapi_nl_call **calls)
{
	size_t i;

	if (!calls)
		return;
	for (i = 0; calls[i]; i++)
		tapi_nl_call_free(calls[i]);
	free(calls);
}

/* ------------------------------------------------------------------ */
/* Notifications                                                       */
/* ------------------------------------------------------------------ */

TAPI_API int tapi_nl_subscribe(struct tapi_nl *nl, unsigned int groups)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} table[] = {
		{ TAPI_NL_GROUP_MONITOR, TAPI_GENL_MCGRP_MONITOR },
		{ TAPI_NL_GROUP_CALLS, TAPI_GENL_MCGRP_CALLS },
	};
	unsigned int i;
	int ret;

	if (!groups || groups & ~(TAPI_NL_GROUP_MONITOR | TAPI_NL_GROUP_CALLS)) {
		errno = EINVAL;
		return -1;
	}
	if (!nl->mon) {
		nl->mon = new_socket();
		if (!nl->mon)
			return -1;
		nl_socket_disable_seq_check(nl->mon);
		nl_socket_disable_auto_ack(nl->mon);
		ret = nl_socket_set_nonblocking(nl->mon);
		if (ret < 0) {
			nl_socket_free(nl->mon);
			nl->mon = NULL;
			return nl_fail(ret);
		}
	}
	for (i = 0; i < ARRAY_SIZE(table); i++) {
		if (!(groups & table[i].bit) || nl->groups & table[i].bit)
			continue;
		ret = genl_ctrl_resolve_grp(nl->sk, TAPI_GENL_NAME,
					    table[i].name);
		if (ret < 0)
			return nl_fail(ret);
		ret = nl_socket_add_membership(nl->mon, ret);
		if (ret < 0)
			return nl_fail(ret);
		nl->groups |= table[i].bit;
	}
	return 0;
}

TAPI_API int tapi_nl_get_fd(struct tapi_nl *nl)
{
	if (!nl->mon || !nl->groups) {
		errno = ENOTCONN;
		return -1;
	}
	return nl_socket_get_fd(nl->mon);
}

TAPI_API int tapi_nl_wait_event(struct tapi_nl *nl, int64_t timeout_ns)
{
	struct timespec ts, *tsp = NULL;
	struct pollfd pfd;
	int ret;

	pfd.fd = tapi_nl_get_fd(nl);
	if (pfd.fd < 0)
		return -1;
	pfd.events = POLLIN;
	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}
	ret = ppoll(&pfd, 1, tsp, NULL);
	if (ret < 0)
		return -1;
	return ret > 0;
}

/**
 * struct dispatch - one tapi_nl_dispatch_events() run
 * @family: the family's id: other messages are skipped
 * @cb: the caller's callback
 * @data: its pointer
 * @count: notifications dispatched
 * @err: errno of a message that did not parse, or 0
 * @stop: @cb asked to stop
 */
struct dispatch {
	int family;
	tapi_nl_event_cb cb;
	void *data;
	int count;
	int err;
	bool stop;
};

/* Notifications carry no sequence number: nothing to check. */
static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int dispatch_valid(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct dispatch *d = arg;
	struct tapi_nl_event ev;
	int ret;

	if (d->stop || d->err || nlh->nlmsg_type != d->family)
		return NL_SKIP;
	ret = tapi_nl_parse(nlh, &ev);
	if (ret < 0) {
		d->err = errno;
		return NL_STOP;
	}
	if (!ret)
		return NL_SKIP;
	d->count++;
	if (d->cb(&ev, d->data))
		d->stop = true;
	tapi_nl_event_release(&ev);
	return d->stop ? NL_STOP : NL_OK;
}

/* Did the socket overflow since the last read?  Clears the error. */
static bool overflowed(int fd)
{
	socklen_t len;
	int err = 0;

	len = sizeof(err);
	return !getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) &&
	       err == ENOBUFS;
}

TAPI_API int tapi_nl_dispatch_events(struct tapi_nl *nl, tapi_nl_event_cb cb,
				     void *data)
{
	struct dispatch d = { .family = nl->family, .cb = cb, .data = data };
	struct nl_cb *ncb;
	int fd, ret = 0;

	fd = tapi_nl_get_fd(nl);
	if (fd < 0)
		return -1;
	ncb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!ncb) {
		errno = ENOMEM;
		return -1;
	}
	nl_cb_set(ncb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_cb_set(ncb, NL_CB_VALID, NL_CB_CUSTOM, dispatch_valid, &d);
	while (!d.stop) {
		if (overflowed(fd)) {
			ret = -NLE_NOMEM;
			break;
		}
		ret = nl_recvmsgs(nl->mon, ncb);
		if (d.err || ret < 0)
			break;
	}
	nl_cb_put(ncb);
	if (d.err) {
		errno = d.err;
		return -1;
	}
	if (!d.stop && ret < 0 && ret != -NLE_AGAIN) {
		/*
		 * recv() failing with ENOBUFS reaches us as NLE_NOMEM:
		 * notifications were lost.
		 */
		errno = ret == -NLE_NOMEM ? ENOBUFS : tapi_nl_errno(ret);
		return -1;
	}
	return d.count;
}
