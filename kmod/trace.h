/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of the tapi core: events/tapi/ in tracefs, usable from
 * trace-cmd and perf.  Documentation/tracing.rst lists them with their
 * fields.
 *
 * They fire in any context, some under the core's spinlocks (call->lock,
 * card->req_lock, lf->wait.lock, call->media_lock): nothing here sleeps or
 * takes a lock.  Objects are named by numbers a user can match with what
 * the uapi and sysfs show (card index, line index, call id, request id),
 * never by kernel pointers; no party numbers either.
 *
 * trace.c defines them (CREATE_TRACE_POINTS); every other file includes
 * this header after tapi_core.h.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM tapi

#if !defined(_TAPI_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TAPI_TRACE_H

#include <linux/tracepoint.h>

#include "tapi_core.h"

/* Call states, by their uapi bit: __print_symbolic() with their names. */
#define tapi_trace_callstates					\
	EM(TAPI_CALLSTATE_IDLE,			"IDLE")		\
	EM(TAPI_CALLSTATE_OFFERING,		"OFFERING")	\
	EM(TAPI_CALLSTATE_ACCEPTED,		"ACCEPTED")	\
	EM(TAPI_CALLSTATE_DIALTONE,		"DIALTONE")	\
	EM(TAPI_CALLSTATE_DIALING,		"DIALING")	\
	EM(TAPI_CALLSTATE_RINGBACK,		"RINGBACK")	\
	EM(TAPI_CALLSTATE_BUSY,			"BUSY")		\
	EM(TAPI_CALLSTATE_SPECIALINFO,		"SPECIALINFO")	\
	EM(TAPI_CALLSTATE_CONNECTED,		"CONNECTED")	\
	EM(TAPI_CALLSTATE_PROCEEDING,		"PROCEEDING")	\
	EM(TAPI_CALLSTATE_ONHOLD,		"ONHOLD")	\
	EM(TAPI_CALLSTATE_CONFERENCED,		"CONFERENCED")	\
	EM(TAPI_CALLSTATE_ONHOLDPENDCONF,	"ONHOLDPENDCONF") \
	EM(TAPI_CALLSTATE_ONHOLDPENDTRANSFER,	"ONHOLDPENDTRANSFER") \
	EM(TAPI_CALLSTATE_DISCONNECTED,		"DISCONNECTED")	\
	EMe(TAPI_CALLSTATE_UNKNOWN,		"UNKNOWN")

/* What a request asks, &enum tapi_request_op. */
#define tapi_trace_ops						\
	EM(TAPI_OP_MAKE_CALL,			"makecall")	\
	EM(TAPI_OP_DIAL,			"dial")		\
	EM(TAPI_OP_ANSWER,			"answer")	\
	EM(TAPI_OP_ACCEPT,			"accept")	\
	EM(TAPI_OP_DROP,			"drop")		\
	EM(TAPI_OP_HOLD,			"hold")		\
	EM(TAPI_OP_UNHOLD,			"unhold")	\
	EM(TAPI_OP_SWAP_HOLD,			"swaphold")	\
	EM(TAPI_OP_SETUP_TRANSFER,		"setuptransfer") \
	EM(TAPI_OP_COMPLETE_TRANSFER,		"completetransfer") \
	EM(TAPI_OP_BLIND_TRANSFER,		"blindtransfer") \
	EM(TAPI_OP_SETUP_CONF,			"setupconf")	\
	EM(TAPI_OP_PREPARE_ADD_CONF,		"prepareaddconf") \
	EM(TAPI_OP_ADD_TO_CONF,			"addtoconf")	\
	EM(TAPI_OP_REMOVE_FROM_CONF,		"removefromconf") \
	EM(TAPI_OP_REDIRECT,			"redirect")	\
	EM(TAPI_OP_PICKUP,			"pickup")	\
	EM(TAPI_OP_PARK,			"park")		\
	EM(TAPI_OP_UNPARK,			"unpark")	\
	EM(TAPI_OP_FORWARD,			"forward")	\
	EM(TAPI_OP_SECURE,			"secure")	\
	EM(TAPI_OP_SEND_USER_USER,		"senduseruser")	\
	EM(TAPI_OP_COMPLETE_CALL,		"completecall")	\
	EMe(TAPI_OP_UNCOMPLETE_CALL,		"uncompletecall")

/* Event record types, &enum tapi_event_type. */
#define tapi_trace_event_types					\
	EM(TAPI_EV_REPLY,			"REPLY")	\
	EM(TAPI_EV_CALLSTATE,			"CALLSTATE")	\
	EM(TAPI_EV_CALLINFO,			"CALLINFO")	\
	EM(TAPI_EV_NEWCALL,			"NEWCALL")	\
	EM(TAPI_EV_LINEDEVSTATE,		"LINEDEVSTATE")	\
	EM(TAPI_EV_ADDRESSSTATE,		"ADDRESSSTATE")	\
	EM(TAPI_EV_GENERATE,			"GENERATE")	\
	EM(TAPI_EV_MONITORDIGITS,		"MONITORDIGITS") \
	EM(TAPI_EV_GATHERDIGITS,		"GATHERDIGITS")	\
	EM(TAPI_EV_MONITORTONE,			"MONITORTONE")	\
	EM(TAPI_EV_MONITORMEDIA,		"MONITORMEDIA")	\
	EM(TAPI_EV_DEVSPECIFIC,			"DEVSPECIFIC")	\
	EM(TAPI_EV_MSPDATA,			"MSPDATA")	\
	EM(TAPI_EV_CLOSE,			"CLOSE")	\
	EM(TAPI_EV_REMOVED,			"REMOVED")	\
	EM(TAPI_EV_OVERFLOW,			"OVERFLOW")	\
	EMe(TAPI_EV_MEDIA,			"MEDIA")

/* Which way media was lost, &enum tapi_media_xrun. */
#define tapi_trace_xruns					\
	EM(TAPI_MEDIA_XRUN_RX_OVERRUN,		"rx_overrun")	\
	EMe(TAPI_MEDIA_XRUN_TX_UNDERRUN,	"tx_underrun")

/* The enum values reach user space: the print formats name them. */
#undef EM
#undef EMe
#define EM(a, b)	TRACE_DEFINE_ENUM(a);
#define EMe(a, b)	TRACE_DEFINE_ENUM(a);

tapi_trace_callstates
tapi_trace_ops
tapi_trace_event_types
tapi_trace_xruns

#undef EM
#undef EMe
#define EM(a, b)	{ a, b },
#define EMe(a, b)	{ a, b }

#define tapi_show_callstate(s)	__print_symbolic(s, tapi_trace_callstates)
#define tapi_show_op(op)	__print_symbolic(op, tapi_trace_ops)
#define tapi_show_event_type(t)	__print_symbolic(t, tapi_trace_event_types)
#define tapi_show_xrun(x)	__print_flags(x, "|", tapi_trace_xruns)

/* A call came into being: on a line, by the TSP or for a request. */
TRACE_EVENT(tapi_call_create,

	TP_PROTO(const struct tapi_call *call),

	TP_ARGS(call),

	TP_STRUCT__entry(
		__field(int, card)
		__field(u32, line)
		__field(u32, address)
		__field(u32, call)
		__field(u32, state)
		__field(u32, mode)
	),

	TP_fast_assign(
		__entry->card = call->line->card->index;
		__entry->line = call->line->index;
		__entry->address = call->address_id;
		__entry->call = call->id;
		__entry->state = call->state;
		__entry->mode = call->mode;
	),

	TP_printk("card=%d line=%u address=%u call=%u state=%s mode=0x%x",
		  __entry->card, __entry->line, __entry->address, __entry->call,
		  tapi_show_callstate(__entry->state), __entry->mode)
);

/* A call's last reference went: its id is free again. */
TRACE_EVENT(tapi_call_free,

	TP_PROTO(const struct tapi_call *call),

	TP_ARGS(call),

	TP_STRUCT__entry(
		__field(int, card)
		__field(u32, line)
		__field(u32, call)
		__field(u32, state)
	),

	TP_fast_assign(
		__entry->card = call->line->card->index;
		__entry->line = call->line->index;
		__entry->call = call->id;
		__entry->state = call->state;
	),

	TP_printk("card=%d line=%u call=%u state=%s",
		  __entry->card, __entry->line, __entry->call,
		  tapi_show_callstate(__entry->state))
);

DECLARE_EVENT_CLASS(tapi_call_state_class,

	TP_PROTO(const struct tapi_call *call, u32 old, u32 state, u32 mode),

	TP_ARGS(call, old, state, mode),

	TP_STRUCT__entry(
		__field(int, card)
		__field(u32, line)
		__field(u32, call)
		__field(u32, old)
		__field(u32, state)
		__field(u32, mode)
	),

	TP_fast_assign(
		__entry->card = call->line->card->index;
		__entry->line = call->line->index;
		__entry->call = call->id;
		__entry->old = old;
		__entry->state = state;
		__entry->mode = mode;
	),

	TP_printk("card=%d line=%u call=%u %s -> %s mode=0x%x",
		  __entry->card, __entry->line, __entry->call,
		  tapi_show_callstate(__entry->old),
		  tapi_show_callstate(__entry->state), __entry->mode)
);

/* A call changed state, or only its mode: the TSP's report, accepted. */
DEFINE_EVENT(tapi_call_state_class, tapi_call_state,
	TP_PROTO(const struct tapi_call *call, u32 old, u32 state, u32 mode),
	TP_ARGS(call, old, state, mode)
);

/*
 * The TSP reported a state or mode the call model refuses (logged once per
 * call; traced every time).  @state and @mode are as the TSP gave them.
 */
DEFINE_EVENT(tapi_call_state_class, tapi_call_state_refused,
	TP_PROTO(const struct tapi_call *call, u32 old, u32 state, u32 mode),
	TP_ARGS(call, old, state, mode)
);

/* A request went to the TSP. */
TRACE_EVENT(tapi_request_submit,

	TP_PROTO(const struct tapi_request *req),

	TP_ARGS(req),

	TP_STRUCT__entry(
		__field(int, card)
		__field(u32, line)
		__field(u32, id)
		__field(u32, op)
		__field(u32, call)
	),

	TP_fast_assign(
		__entry->card = req->card->index;
		__entry->line = req->line;
		__entry->id = req->id;
		__entry->op = req->op;
		__entry->call = req->call ? req->call->id : 0;
	),

	TP_printk("card=%d line=%u request=%u op=%s call=%u",
		  __entry->card, __entry->line, __entry->id,
		  tapi_show_op(__entry->op), __entry->call)
);

/*
 * A request's outcome is decided, once: the TSP completed it, refused it
 * at once, the call went idle first or the card went away.
 */
TRACE_EVENT(tapi_request_complete,

	TP_PROTO(const struct tapi_request *req, int result),

	TP_ARGS(req, result),

	TP_STRUCT__entry(
		__field(int, card)
		__field(u32, line)
		__field(u32, id)
		__field(u32, op)
		__field(u32, call)
		__field(int, result)
	),

	TP_fast_assign(
		__entry->card = req->card->index;
		__entry->line = req->line;
		__entry->id = req->id;
		__entry->op = req->op;
		__entry->call = req->call ? req->call->id : 0;
		__entry->result = result;
	),

	TP_printk("card=%d line=%u request=%u op=%s call=%u result=%d",
		  __entry->card, __entry->line, __entry->id,
		  tapi_show_op(__entry->op), __entry->call, __entry->result)
);

/*
 * A line fd's event queue was full: its oldest record (@dropped) went.
 * @lost counts the records lost since the reader last got a
 * %TAPI_EV_OVERFLOW, @seqno is the sequence number of the one dropped now.
 */
TRACE_EVENT(tapi_event_overflow,

	TP_PROTO(const struct tapi_line_file *lf,
		 const struct tapi_event *dropped),

	TP_ARGS(lf, dropped),

	TP_STRUCT__entry(
		__field(int, card)
		__field(u32, line)
		__field(u32, lost)
		__field(u32, seqno)
		__field(u32, type)
		__string(app, lf->app_name)
	),

	TP_fast_assign(
		__entry->card = lf->line->card->index;
		__entry->line = lf->line->index;
		__entry->lost = lf->lost;
		__entry->seqno = dropped->seqno;
		__entry->type = dropped->type;
		__assign_str(app, lf->app_name);
	),

	TP_printk("card=%d line=%u app=%s lost=%u seqno=%u type=%s",
		  __entry->card, __entry->line, __get_str(app), __entry->lost,
		  __entry->seqno, tapi_show_event_type(__entry->type))
);

/*
 * A media fd of a call lost a frame: an RX frame dropped (ring full) or a
 * TX frame period sent as silence (ring empty).  The counts are the fd's
 * totals, as its stats show them.
 */
TRACE_EVENT(tapi_media_xrun,

	TP_PROTO(const struct tapi_call *call, u32 what, u64 rx_overruns,
		 u64 tx_underruns),

	TP_ARGS(call, what, rx_overruns, tx_underruns),

	TP_STRUCT__entry(
		__field(int, card)
		__field(u32, line)
		__field(u32, call)
		__field(u32, what)
		__field(u64, rx_overruns)
		__field(u64, tx_underruns)
	),

	TP_fast_assign(
		__entry->card = call->line->card->index;
		__entry->line = call->line->index;
		__entry->call = call->id;
		__entry->what = what;
		__entry->rx_overruns = rx_overruns;
		__entry->tx_underruns = tx_underruns;
	),

	TP_printk("card=%d line=%u call=%u what=%s rx_overruns=%llu tx_underruns=%llu",
		  __entry->card, __entry->line, __entry->call,
		  tapi_show_xrun(__entry->what), __entry->rx_overruns,
		  __entry->tx_underruns)
);

#endif /* _TAPI_TRACE_H */

/* Outside the guard: define_trace.h reads this file again. */
#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
