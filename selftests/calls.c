// SPDX-License-Identifier: GPL-2.0
/*
 * Call helpers of the tapi selftests: see calls.h.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "calls.h"

int call_open_line(int card_fd, unsigned int line, uint32_t privileges,
		   uint64_t mask)
{
	struct tapi_line_open lo = {
		.line = line,
		.privileges = privileges,
		.event_mask = mask,
	};

	if (privileges & TAPI_PRIV_OWNER)
		lo.media_modes = TAPI_MEDIA_INTERACTIVEVOICE;
	return tapi_open_line_args(card_fd, &lo);
}

int call_make(int line_fd, const char *dest, uint32_t flags, uint32_t *call)
{
	struct tapi_call_make m = { .size = sizeof(m), .flags = flags };
	int ret;

	snprintf(m.dest, sizeof(m.dest), "%s", dest);
	ret = tapi_ioctl(line_fd, TAPI_IOC_CALL_MAKE, &m);
	if (ret >= 0 && call)
		*call = m.call;
	return ret;
}

int call_op(int line_fd, unsigned long cmd, uint32_t call, uint32_t flags)
{
	struct tapi_call_request r = {
		.size = sizeof(r),
		.flags = flags,
		.call = call,
	};

	return tapi_ioctl(line_fd, cmd, &r);
}

int call_dial(int line_fd, uint32_t call, const char *digits, uint32_t flags)
{
	struct tapi_call_dial d = {
		.size = sizeof(d),
		.flags = flags,
		.call = call,
	};

	snprintf(d.digits, sizeof(d.digits), "%s", digits);
	return tapi_ioctl(line_fd, TAPI_IOC_CALL_DIAL, &d);
}

int call_dealloc(int line_fd, uint32_t call)
{
	struct tapi_call_dealloc d = { .size = sizeof(d), .call = call };

	return tapi_ioctl(line_fd, TAPI_IOC_CALL_DEALLOCATE, &d);
}

int call_status(int line_fd, uint32_t call, struct tapi_call_status *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	st->call = call;
	return tapi_ioctl(line_fd, TAPI_IOC_CALL_GET_STATUS, st);
}

int call_info(int line_fd, uint32_t call, struct tapi_call_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->size = sizeof(*ci);
	ci->call = call;
	return tapi_ioctl(line_fd, TAPI_IOC_CALL_GET_INFO, ci);
}

int call_state(int line_fd, uint32_t call)
{
	struct tapi_call_status st;
	int ret = call_status(line_fd, call, &st);

	return ret < 0 ? ret : (int)st.state;
}

int call_privilege(int line_fd, uint32_t call, uint32_t privilege)
{
	struct tapi_call_privilege p = {
		.size = sizeof(p),
		.call = call,
		.privilege = privilege,
	};

	return tapi_ioctl(line_fd, TAPI_IOC_CALL_SET_PRIVILEGE, &p);
}

int call_handoff(int line_fd, uint32_t call, uint32_t media,
		 const char *app_name)
{
	struct tapi_call_handoff h = {
		.size = sizeof(h),
		.call = call,
		.media_mode = media,
	};

	snprintf(h.app_name, sizeof(h.app_name), "%s", app_name ?: "");
	return tapi_ioctl(line_fd, TAPI_IOC_CALL_HANDOFF, &h);
}

int call_new_calls(int line_fd, uint32_t *calls, unsigned int capacity,
		   uint32_t *remaining)
{
	struct tapi_line_new_calls nc = {
		.size = sizeof(nc),
		.capacity = capacity,
		.handles = (uintptr_t)calls,
	};
	int ret = tapi_ioctl(line_fd, TAPI_IOC_LINE_GET_NEW_CALLS, &nc);

	if (ret < 0)
		return ret;
	if (remaining)
		*remaining = nc.remaining;
	return nc.count;
}

int call_address_status(int line_fd, unsigned int address,
			struct tapi_address_status *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	st->address_id = address;
	return tapi_ioctl(line_fd, TAPI_IOC_ADDRESS_GET_STATUS, st);
}

int ev_read(int fd, struct tapi_event *ev, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	ret = poll(&p, 1, timeout_ms);
	if (ret < 0)
		return -errno;
	if (!ret)
		return 0;
	n = read(fd, ev, sizeof(*ev));
	if (n < 0)
		return -errno;
	return n == sizeof(*ev) ? 1 : -EPROTO;
}

/*
 * Skip events until one of @type comes, for handle @call (any if 0) and,
 * with @state, a CALLSTATE of that state.
 */
static int ev_wait_for(int fd, uint32_t type, uint32_t call, uint32_t state,
		       struct tapi_event *ev, int timeout_ms)
{
	uint64_t end = now_ns() + (uint64_t)timeout_ms * 1000000ull;
	int64_t left;
	int ret;

	for (;;) {
		left = (int64_t)(end - now_ns()) / 1000000;
		if (left < 0)
			return 0;
		ret = ev_read(fd, ev, (int)left);
		if (ret <= 0)
			return ret;
		if (ev->type == type && (!call || ev->call == call) &&
		    (!state || ev->param[0] == state))
			return 1;
	}
}

int ev_wait(int fd, uint32_t type, uint32_t call, struct tapi_event *ev,
	    int timeout_ms)
{
	return ev_wait_for(fd, type, call, 0, ev, timeout_ms);
}

int ev_wait_state(int fd, uint32_t call, uint32_t state,
		  struct tapi_event *ev, int timeout_ms)
{
	return ev_wait_for(fd, TAPI_EV_CALLSTATE, call, state, ev, timeout_ms);
}

int ev_drain(int fd)
{
	struct tapi_event ev;
	int n = 0;

	while (ev_read(fd, &ev, 0) == 1)
		n++;
	return n;
}

int sim_network(const struct sim_card *card, unsigned int line,
		const char *fmt, ...)
{
	char cmd[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return sim_line_set(card, line, "network", cmd);
}

const char *state_name(uint32_t state)
{
	static const char *const names[] = {
		"idle", "offering", "accepted", "dialtone", "dialing",
		"ringback", "busy", "specialinfo", "connected", "proceeding",
		"onhold", "conferenced", "onholdpendconf",
		"onholdpendtransfer", "disconnected", "unknown",
	};
	int bit = ffs((int)state);

	if (!state || (state & (state - 1)) || bit > 16)
		return "invalid";
	return names[bit - 1];
}

/* The next event of @type on @fd (blocking); its record in @ev. */
static int next_event(int fd, uint32_t type, struct tapi_event *ev,
		      unsigned long *syscalls)
{
	ssize_t n;

	do {
		n = read(fd, ev, sizeof(*ev));
		(*syscalls)++;
		if (n != sizeof(*ev))
			return n < 0 ? -errno : -EPROTO;
	} while (ev->type != type);
	return 0;
}

/* An asynchronous request and its reply: 0 or the reply's error. */
static int request(int fd, int ret, unsigned long *syscalls)
{
	struct tapi_event ev;

	(*syscalls)++;
	if (ret < 0)
		return ret;
	ret = next_event(fd, TAPI_EV_REPLY, &ev, syscalls);
	return ret ? ret : (int32_t)ev.param[0];
}

int call_round(int a, int b, const char *number, bool sync,
	       const char **what, unsigned long *syscalls)
{
	uint32_t flags = sync ? TAPI_REQUEST_SYNC : 0;
	unsigned long dummy = 0;
	struct tapi_event ev;
	uint32_t ca, cb;
	int ret;

	if (!syscalls)
		syscalls = &dummy;
	*what = "make call";
	if (sync) {
		ret = call_make(a, number, TAPI_CALL_MAKE_SYNC, &ca);
		(*syscalls)++;
	} else {
		ret = request(a, call_make(a, number, 0, &ca), syscalls);
	}
	if (ret)
		return ret;
	*what = "new call";
	ret = next_event(b, TAPI_EV_NEWCALL, &ev, syscalls);
	if (ret)
		return ret;
	cb = ev.call;

	*what = "answer or drop";
	if (sync) {
		ret = call_op(b, TAPI_IOC_CALL_ANSWER, cb, flags);
		(*syscalls)++;
		if (!ret) {
			ret = call_op(a, TAPI_IOC_CALL_DROP, ca, flags);
			(*syscalls)++;
		}
		if (!ret) {
			ret = call_op(b, TAPI_IOC_CALL_DROP, cb, flags);
			(*syscalls)++;
		}
	} else {
		ret = request(b, call_op(b, TAPI_IOC_CALL_ANSWER, cb, 0),
			      syscalls);
		if (!ret)
			ret = request(a, call_op(a, TAPI_IOC_CALL_DROP, ca, 0),
				      syscalls);
		if (!ret)
			ret = request(b, call_op(b, TAPI_IOC_CALL_DROP, cb, 0),
				      syscalls);
	}
	if (ret)
		return ret;
	*what = "deallocate";
	ret = call_dealloc(a, ca);
	if (!ret)
		ret = call_dealloc(b, cb);
	*syscalls += 2;
	return ret;
}

int call_connect(int a, int b, const char *dest, bool answer,
		 uint32_t *ca, uint32_t *cb, int timeout_ms)
{
	struct tapi_event ev;
	int ret;

	ret = call_make(a, dest, TAPI_CALL_MAKE_SYNC, ca);
	if (ret)
		return ret;
	if (ev_wait(b, TAPI_EV_NEWCALL, 0, &ev, timeout_ms) != 1)
		return -ETIMEDOUT;
	*cb = ev.call;
	if (!answer)
		return 0;
	ret = call_op(b, TAPI_IOC_CALL_ANSWER, *cb, TAPI_REQUEST_SYNC);
	if (ret)
		return ret;
	return ev_wait_state(a, *ca, TAPI_CALLSTATE_CONNECTED, &ev,
			     timeout_ms) == 1 ? 0 : -ETIMEDOUT;
}
