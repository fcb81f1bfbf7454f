/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tapictl internals: the command table, option parsing, opening lines, the
 * event loop and the event printer shared by its subcommands.
 */
#ifndef _TAPICTL_H
#define _TAPICTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include <libtapi.h>

#include "tool.h"

#define PROG	"tapictl"

/**
 * struct command - one subcommand
 * @name: its name
 * @run: runs it on its own argv (argv[0] is @name); returns an exit code
 * @args: its syntax after the name
 * @summary: one sentence, no final period
 * @options: help lines of its own options, or NULL
 * @notes: more help after the options, or NULL
 */
struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *args;
	const char *summary;
	const char *options;
	const char *notes;
};

const struct command *find_command(const char *name);

/* ---- tool-cmd.c: messages, options, lines ---- */

void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct common_opts {
	bool json;
};

/*
 * Handle one of a command's own options: @c is its short name (or val),
 * @arg its argument.  Returns 0, or -1 after a usage_error().
 */
typedef int (*option_fn)(int c, const char *arg, void *data);

/*
 * Parse a command's options: --json and --help, plus @shortopts and
 * @longopts (may be NULL) handed to @fn.  Returns the index of the first
 * positional argument, -1 if the command is done (help printed), or -2
 * after a usage error (already reported).
 */
int parse_options(int argc, char **argv, const char *shortopts,
		  const struct option *longopts, option_fn fn, void *data,
		  struct common_opts *opts);

/*
 * Check what parse_options() returned (@i) and that exactly the positional
 * arguments named by the NULL-terminated list after @i follow.  Returns
 * true when the command must return at once (after --help, or a usage
 * error, reported) with *@status.
 */
bool check_args(int *status, int argc, char **argv, int i, ...)
	__attribute__((sentinel));

/* Open a card by name, path or node; prints why not. */
struct tapi_card *open_card(const char *spec);

/*
 * Open line LINE (CARD:N, already checked by parse_line_spec()) with
 * @settings; prints why not.
 */
struct tapi_line *open_line(const char *card_spec, unsigned int index,
			    const struct tapi_line_settings *settings);

/* "EBUSY" for EBUSY...; NULL for an errno it does not know. */
const char *errno_name(int err);

/* CLOCK_MONOTONIC now, in nanoseconds. */
int64_t now_ns(void);

/* Parse SECONDS (a whole number) into nanoseconds. */
int parse_seconds(const char *s, int64_t *ns);

/* ---- tool-cmd.c: the event loop ---- */

enum loop_result {
	LOOP_ERROR = -1,
	LOOP_TIMEOUT,
	LOOP_EVENTS,
	LOOP_SIGNAL,
};

/**
 * struct event_loop - wait for a line's events, SIGINT/SIGTERM or a time
 * @line: the line
 * @buffer: what tapi_line_dispatch_events() reads into
 * @sigfd: signalfd of SIGINT and SIGTERM, blocked while the loop exists
 */
struct event_loop {
	struct tapi_line *line;
	struct tapi_event_buffer *buffer;
	int sigfd;
};

int loop_init(struct event_loop *loop, struct tapi_line *line);
void loop_fini(struct event_loop *loop);
/* Wait until events, a signal or @deadline_ns (now_ns() clock; <0 none). */
enum loop_result loop_wait(struct event_loop *loop, int64_t deadline_ns);

/* ---- tool-event.c: printing events ---- */

/**
 * struct event_printer - prints events as text lines or JSON lines
 * @line: the line the events come from
 * @json: one JSON object per line instead of text
 * @calls: call ids of the handles seen, @num_calls of them
 * @requests: names of the requests this tool made, @num_requests of them
 *
 * Users see call ids, never handles: the printer learns them from
 * %TAPI_EV_NEWCALL or asks the core with tapi_line_get_call_info().
 */
struct event_printer {
	struct tapi_line *line;
	bool json;
	struct printer_call {
		uint32_t handle;
		uint32_t call_id;
	} *calls;
	size_t num_calls;
	struct printer_request {
		uint32_t id;
		const char *what;
	} *requests;
	size_t num_requests;
};

void printer_init(struct event_printer *p, struct tapi_line *line, bool json);

void json_address_members(struct json_writer *w,
			  const struct tapi_address_caps *a);
void json_string_format(struct json_writer *w, uint32_t fmt);
struct json_writer *list_begin(struct json_writer *jw, bool json,
			       unsigned int n);
void list_end(struct json_writer *w);
void printer_fini(struct event_printer *p);
void printer_set_call_id(struct event_printer *p, uint32_t handle,
			 uint32_t call_id);
/* The call id of @handle, 0 if it cannot be known. */
uint32_t printer_call_id(struct event_printer *p, uint32_t handle);
void printer_forget_call(struct event_printer *p, uint32_t handle);
void printer_add_request(struct event_printer *p, uint32_t id,
			 const char *what);
/* Print one event, on one line, and flush. */
void print_event(struct event_printer *p, const struct tapi_line_event *ev);

/* "connected (active)", or "connected"; @buf of at least 64 bytes. */
const char *state_text(uint32_t state, uint32_t mode, char *buf, size_t size);

/* ---- tool-session.c: one call followed until it ends ---- */

/**
 * struct session - one call followed until it ends
 * @line: the line, opened as owner and monitor
 * @loop: its event loop
 * @pr: prints the call's events
 * @call: the call's handle
 * @request: the request whose reply is awaited (make call, pickup,
 *	unpark, answer, drop), 0 if none
 * @what: the name of @request
 * @doing: what @request does, for messages, when it makes @call
 * @new_call: @request makes @call: its handle is valid once it succeeded
 * @drop_when_valid: interrupted before the request that makes the call
 *	completed
 * @interrupted: SIGINT or SIGTERM arrived
 * @dropping: a drop was requested; waiting for idle
 * @hangup_after: drop this long after the call is connected; <0 never
 * @hangup_at: when to drop (now_ns() clock), <0 not armed
 * @drop_deadline: give up waiting for idle then
 * @done: the end
 * @status: the exit status
 */
struct session {
	struct tapi_line *line;
	struct event_loop loop;
	struct event_printer pr;
	uint32_t call;
	uint32_t request;
	const char *what;
	const char *doing;
	bool new_call;
	bool drop_when_valid;
	bool interrupted;
	bool dropping;
	int64_t hangup_after;
	int64_t hangup_at;
	int64_t drop_deadline;
	bool done;
	int status;
};

/* Attach a session to @line; returns 0, or -1 (reported). */
int session_init(struct session *s, struct tapi_line *line, bool json,
		 int64_t hangup_after);
void session_fini(struct session *s);
/* Await the reply of request @id, named @what ("answer"...). */
void session_expect(struct session *s, uint32_t id, const char *what);
/*
 * The same for request @id that makes s->call ("makecall", "pickup"...),
 * which @doing ("place the call"...) says in messages.
 */
void session_expect_call(struct session *s, uint32_t id, const char *what,
			 const char *doing);
/* Follow s->call until it ends; returns the exit status. */
int session_run(struct session *s);

/* Options with no short form. */
enum { OPT_HANGUP_AFTER = 256 };

/**
 * struct call_opts - the options of call and answer
 * @cmd: the command's name, for messages
 * @address_id: --address
 * @media_mode: --media: one &enum tapi_media_mode bit
 * @timeout_s: --timeout, 0 for the card's
 * @hangup_after: --hangup-after in ns, <0 never
 * @call_id: --call, 0 for any
 * @wait: --wait in ns, <0 forever
 */
struct call_opts {
	const char *cmd;
	unsigned int address_id;
	uint32_t media_mode;
	unsigned int timeout_s;
	int64_t hangup_after;
	uint32_t call_id;
	int64_t wait;
};

/* An option_fn for struct call_opts. */
int call_option(int c, const char *arg, void *data);
/* Parse LINE into *@card (allocated) and *@line; usage error if bad. */
int parse_line_arg(const char *cmd, const char *arg, char **card,
		   unsigned int *line);
/* Open a line with @privileges, owning @media_mode if owner. */
struct tapi_line *open_owner_line(const char *card, unsigned int index,
				  uint32_t privileges, uint32_t media_mode);

/*
 * tool-call.c: a monitor handle to call @call_id of @line, the handles to
 * the other calls given back; 0 with errno %ENOENT if the call is not
 * there, or the error of tapi_line_get_new_calls().
 */
uint32_t find_call_id(struct tapi_line *line, uint32_t call_id);

/* ---- tool-follow.c: calls taken over or made, followed until done ---- */

/* How long a dropped or transferred call may take to go idle. */
#define SUPP_TIMEOUT_NS		(10 * 1000000000LL)

/**
 * struct followed - a call whose events are printed
 * @handle: our handle
 * @state: its state as last reported, 0 while the handle is not valid
 * @mode: the state's mode
 */
struct followed {
	uint32_t handle;
	uint32_t state;
	uint32_t mode;
};

/**
 * struct supp - one supplementary command run
 * @line_arg: LINE as given, for messages
 * @json: --json
 * @quiet: print no events: the command prints its outcome only
 * @line: the line, opened without privileges: tapictl only holds the
 *	calls it takes over or makes
 * @loop: its event loop
 * @pr: prints the events of the calls followed
 * @calls: the calls followed, @num_calls of them
 * @call: the call taken over
 * @call_id: its id
 * @conf: the conference call, 0 if none
 * @request: the request whose reply is awaited, 0 if none
 * @result: its outcome, once @replied
 * @replied: the reply came
 * @running: the conference runs: members that end are dropped and
 *	released as they go
 * @interrupted: SIGINT or SIGTERM arrived
 * @failed: the line failed under us (reported)
 */
struct supp {
	const char *line_arg;
	bool json;
	bool quiet;
	struct tapi_line *line;
	struct event_loop loop;
	struct event_printer pr;
	struct followed *calls;
	size_t num_calls;
	uint32_t call;
	uint32_t call_id;
	uint32_t conf;
	uint32_t request;
	int result;
	bool replied;
	bool running;
	bool interrupted;
	bool failed;
};

enum wait_result {
	WAIT_OK,
	WAIT_FAILED,
	WAIT_TIMEOUT,
	WAIT_SIGNAL,
	WAIT_ERROR,
};

/* A condition to wait for: > 0 met, < 0 never will be, 0 not yet. */
typedef int (*wait_fn)(struct supp *s, uint32_t handle);

/* Open LINE and start the loop.  Returns an exit status, 0 if open. */
int supp_open(struct supp *s, const char *cmd, const char *line_arg,
	      bool json);
void supp_close(struct supp *s);
/* A handle to call @call_id, with no privilege raised; 0 if none. */
uint32_t supp_find(struct supp *s, uint32_t call_id);
/*
 * Take call @call_id over as an extra owner, following it.  It must have
 * an owner besides tapictl, or it would be dropped as tapictl exits.
 * Returns the handle, or 0 (reported; no handle kept).
 */
uint32_t supp_take_call(struct supp *s, uint32_t call_id);
/* The same as s->call and s->call_id; returns 0, or -1 (reported). */
int supp_take(struct supp *s, uint32_t call_id);

/* What a command does to the call it took over; returns an exit status. */
typedef int (*supp_fn)(struct supp *s, const void *data);

/*
 * A command on call @call_id of LINE (@line_arg): open the line, take the
 * call over, run @fn with @data, then give every handle back (printing
 * the events left unless @quiet).  Returns @fn's exit status, or that of
 * what failed before.
 */
int supp_run(const char *cmd, const char *line_arg, bool json, bool quiet,
	     uint32_t call_id, supp_fn fn, const void *data);

/* The call followed as @handle, NULL if none. */
struct followed *find_followed(struct supp *s, uint32_t handle);
/*
 * Follow @handle: print its events, track its state.  The handles a
 * request makes are followed as soon as it is issued, so that the first
 * events of the new calls, which may come with the reply, are seen.
 */
void follow(struct supp *s, uint32_t handle);
/* Stop following @handle (a new call's that never became valid). */
void unfollow(struct supp *s, uint32_t handle);
/*
 * The state of @handle as the core says it now (and its mode in *@mode,
 * if not NULL); 0 if it cannot tell, e.g. for a handle not valid yet.
 */
uint32_t get_state(struct supp *s, uint32_t handle, uint32_t *mode);
/* The state of @handle, as followed or else as the core says it now. */
uint32_t state_of(struct supp *s, uint32_t handle);
/* Give a handle back: deallocated, or first made a monitor's if live. */
void release(struct supp *s, uint32_t handle);
/*
 * "call 7: cannot hold: <strerror>" for @err, with "(it is onhold)" after
 * %EBADFD: the state that did not allow it.
 */
void op_error(struct supp *s, uint32_t handle, const char *what, int err);

/* Ask for @handle to be dropped; its reply is printed as it comes. */
void request_drop(struct supp *s, uint32_t handle);
/* While the conference runs: hang up on members that ended. */
void running_state(struct supp *s, struct followed *f);
/*
 * Print events until @cond(@s, @handle) is met or fails, a signal
 * arrives, @deadline (now_ns() clock, < 0 none) passes or the line fails.
 */
enum wait_result wait_for(struct supp *s, wait_fn cond, uint32_t handle,
			  int64_t deadline);
/* A wait_fn: @handle is idle. */
int is_idle(struct supp *s, uint32_t handle);
/*
 * Await the reply of request @id (-1 if it did not start: errno says
 * why), named @what, about @handle; @doing names it in messages.  A
 * signal meanwhile is remembered and the reply still awaited; a second
 * one gives up.  Returns 0 or -1 (reported).
 */
int await_reply(struct supp *s, int id, uint32_t handle, const char *what,
		const char *doing);
/* Drop @handle and wait until it is idle; then let it go. */
void drop_wait(struct supp *s, uint32_t handle);
/* Print what is already queued, without waiting. */
void drain(struct supp *s);

/*
 * {"call_id", @key: true, @to_key: @to, "conf_call_id", "state"} or
 * "call N: @text @to, state"; @to and @conf_id are left out when NULL or
 * 0.
 */
void print_outcome(struct supp *s, const char *key, const char *text,
		   const char *to_key, const char *to, uint32_t conf_id);
/* Parse ID; a usage error if it is not one. */
int parse_call_id(const char *cmd, const char *arg, uint32_t *id);
/* NUMBER: non-empty, fits the uapi's field; a usage error if not. */
int check_number(const char *cmd, const char *number);

/* ---- tool-monitor.c: lines watched ---- */

/* Open LINE (CARD:N) as a monitor; NULL with *@status set if not. */
struct tapi_line *open_monitor(const char *cmd, const char *arg, int *status);
/*
 * Monitor handles to the calls already on the line (a line fd gets the
 * later ones by itself).  Returns the number in *@handles (allocated), or
 * -1 with errno set.
 */
int get_calls(struct tapi_line *line, uint32_t **handles);

/* ---- tool-netlink.c: the generic netlink family ---- */

/*
 * Connect to the family; NULL if not, with *@absent set when the kernel
 * has no such family (a reason to use the card nodes; nothing printed),
 * otherwise after an error message.
 */
struct tapi_nl *nl_connect(bool *absent);
/* The index of card @spec (tapiN, /dev/tapiN, a name); -1 (reported). */
int nl_card_index(struct tapi_nl *nl, const char *spec);
/* tapictl list through netlink; returns the exit status. */
int nl_list(struct tapi_nl *nl, bool json);
/* Print every notification until a signal or @count (0: no limit). */
int nl_monitor(struct tapi_nl *nl, bool json, unsigned int count);

/* ---- tool-calls.c: calls as JSON ---- */

/*
 * The members of a call object, as "tapictl calls --json" prints them,
 * inside an object begun.
 */
void json_call_members(struct json_writer *w, unsigned int card,
		       const struct tapi_call_info *ci, uint32_t state,
		       uint32_t mode);
/* @key: the state's name, or its value in hex. */
void json_state_name(struct json_writer *w, const char *key, uint32_t state);

/* ---- the subcommands ---- */

int cmd_call(int argc, char **argv);
int cmd_answer(int argc, char **argv);
int cmd_drop(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_calls(int argc, char **argv);
int cmd_hold(int argc, char **argv);
int cmd_unhold(int argc, char **argv);
int cmd_transfer(int argc, char **argv);
int cmd_conference(int argc, char **argv);
int cmd_park(int argc, char **argv);
int cmd_unpark(int argc, char **argv);
int cmd_pickup(int argc, char **argv);
int cmd_forward(int argc, char **argv);
int cmd_swap(int argc, char **argv);

#endif /* _TAPICTL_H */
