#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# check.py - the syzkaller descriptions (tapi.txt, tapi.txt.const) against
# the uapi headers, on the host:
#
#  1. every ioctl of uapi/linux/tapi.h has its ioctl$ description, and
#     every command (TAPI_URING_READ_EVENTS too) its io_uring SQE;
#  2. every request command of uapi/linux/tapi_netlink.h its sendmsg$;
#  3. every structure of tapi.h is described, with its fields in order
#     (same names; "type" is "ev_type", a syzlang keyword);
#  4. brackets balance and every type a description uses is defined
#     here, built into syzlang, or one of syzkaller's that tapi.txt
#     relies on (io_uring.txt, socket_netlink*.txt, sys.txt);
#  5. tapi.txt.const is what gen-const.sh makes of tapi.txt now.
#
# Usage: selftests/syzkaller/check.py
# Output: TAP.  Exit status 0 when every check passes.

import os
import re
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.normpath(os.path.join(here, '..', '..'))
txt = open(os.path.join(here, 'tapi.txt')).read()
hdr = open(os.path.join(top, 'uapi/linux/tapi.h')).read()
nlhdr = open(os.path.join(top, 'uapi/linux/tapi_netlink.h')).read()

results = []


def check(what, problems):
    results.append((what, problems))


def strip_c(code):
    return re.sub(r'/\*.*?\*/', '', code, flags=re.S)


code = strip_c(hdr)
# Strings, then comments out of the descriptions.
desc = '\n'.join(re.sub(r'"[^"]*"', '""', line).split('#')[0]
                 for line in txt.split('\n'))

# 1. ioctls and their uring SQEs
iocs = re.findall(r'#define\s+(TAPI_IOC_\w+)\s+_IO\(', code)
missing = [i for i in iocs if not re.search(r'^ioctl\$%s\(' % i, desc, re.M)]
check('every ioctl of tapi.h has an ioctl$ description (%d)' % len(iocs),
      missing)
uring = re.findall(r'tapi_uring_sqe\[\w+,\s*(\w+),', desc)
missing = [i for i in iocs if i not in uring]
if 'TAPI_URING_READ_EVENTS' not in desc:
    missing.append('TAPI_URING_READ_EVENTS')
check('every command has an io_uring SQE description', missing)

# 2. netlink requests
nlcode = strip_c(nlhdr)
cmds = re.search(r'enum tapi_cmd \{(.*?)\};', nlcode, re.S).group(1)
gets = re.findall(r'(TAPI_CMD_\w+_GET)\b', cmds)
missing = [c for c in gets if not re.search(r'^sendmsg\$%s\(' % c, desc, re.M)]
if not re.search(r'^syz_genetlink_get_family_id\$tapi\(', desc, re.M):
    missing.append('syz_genetlink_get_family_id$tapi')
check('every netlink request has a sendmsg$ description (%d)' % len(gets),
      missing)

# 3. structures and their fields
structs = {}
for m in re.finditer(r'struct\s+(tapi_\w+)\s*\{(.*?)\n\};', code, re.S):
    fields = []
    for decl in m.group(2).split(';'):
        decl = decl.strip()
        if not decl:
            continue
        name = re.search(r'(\w+)\s*(\[[^\]]*\])?$', decl).group(1)
        fields.append(name)
    structs[m.group(1)] = fields
described = {}
for m in re.finditer(r'^(tapi_\w+)\s*\{\n(.*?)\n\}', desc, re.S | re.M):
    described[m.group(1)] = [l.split()[0] for l in m.group(2).split('\n')
                             if l.strip()]
problems = []
for name, fields in sorted(structs.items()):
    if name in ('tapi_uring_cmd', 'tapi_media_stats'):
        # the SQE's command area, inside tapi_uring_sqe; the stats are
        # in a media fd's mapped region, which no call takes
        continue
    got = described.get(name)
    if got is None:
        problems.append(name + ' not described')
        continue
    got = ['type' if f == 'ev_type' else f for f in got]
    if got != fields:
        problems.append('%s: %s, header %s' % (name, got, fields))
check('every structure of tapi.h described, fields in order (%d)' %
      len(structs), problems)

# 4. syntax and types
problems = []
for o, c in ('{}', '[]', '()'):
    if desc.count(o) != desc.count(c):
        problems.append('%s and %s do not balance' % (o, c))
builtin = {
    'int8', 'int16', 'int32', 'int64', 'intptr', 'const', 'flags', 'len',
    'bytesize', 'ptr', 'ptr64', 'string', 'stringnoz', 'array', 'fd',
    'buffer', 'vma', 'vma64', 'void', 'proc', 'in', 'out', 'inout',
    'parent', 'varlen', 'opt',
}
# Types of syzkaller's own descriptions tapi.txt uses.
syzkaller = {
    'ring_ptr', 'sqes_ptr', 'sock_nl_generic', 'msghdr_netlink',
    'netlink_msg_t', 'genlmsghdr_t', 'nlattr', 'send_flags', 'mmap_prot',
    'mmap_flags', 'pollfd_events',
}
defined = set(re.findall(r'^(\w+)\s*[{\[]', desc, re.M))
defined |= set(re.findall(r'^type\s+(\w+)', desc, re.M))
defined |= set(re.findall(r'^resource\s+(\w+)', desc, re.M))
defined |= set(re.findall(r'^(\w+)\s*=', desc, re.M))
params = set()
for m in re.finditer(r'^type\s+\w+\[([^\]]*)\]', desc, re.M):
    params |= {p.strip() for p in m.group(1).split(',')}


def split_top(s):
    """Split @s at commas outside brackets."""
    parts, depth, cur = [], 0, ''
    for ch in s:
        depth += {'[': 1, '(': 1, ']': -1, ')': -1}.get(ch, 0)
        if ch == ',' and depth == 0:
            parts.append(cur)
            cur = ''
        else:
            cur += ch
    return parts + [cur]


exprs = []
block = False
for line in desc.split('\n'):
    m = re.match(r'^\w+(\$\w+)?\((.*)\)\s*(\w*)\s*$', line)
    if m:       # a call: "name type" arguments, then the result
        exprs += [a.split(None, 1)[1] for a in split_top(m.group(2))
                  if a.strip()]
        exprs.append(m.group(3))
    elif re.match(r'^(type\s+)?\w+(\[[^\]]*\])?\s*[{\[]\s*$', line):
        block = True
    elif re.match(r'^[}\]]', line):
        block = False
    elif block and line.strip():
        exprs.append(line.split(None, 1)[1])    # a field: "name type"
    elif re.match(r'^type\s+\w+(\[[^\]]*\])?\s+\w', line):
        exprs.append(re.sub(r'^type\s+\w+(\[[^\]]*\])?\s+', '', line))
    elif re.match(r'^resource\s', line):
        exprs.append(re.sub(r'^resource\s+\w+\[(\w+)\].*', r'\1', line))
used = set()
for e in exprs:
    # len[X] and bytesize[X] name a field or argument, not a type
    e = re.sub(r'\b(len|bytesize)\[\w+', r'\1[', e)
    used |= set(re.findall(r'\b([a-z_][a-z0-9_]*)\b', e))
known = builtin | syzkaller | defined | params
unknown = sorted(used - known)
if unknown:
    problems.append('types not defined: ' + ', '.join(unknown))
# syz-sysgen refuses a type nothing uses.
unused = sorted(d for d in defined - used
                if not re.search(r'^\w+\$?\w*\(.*\b%s\b' % d, desc, re.M)
                and not re.search(r'^resource\s+%s\b' % d, desc, re.M))
if unused:
    problems.append('defined, never used: ' + ', '.join(unused))
check('descriptions well formed, every type defined and used', problems)

# 5. constants
want = subprocess.run([os.path.join(here, 'gen-const.sh')],
                      capture_output=True, text=True)
have = open(os.path.join(here, 'tapi.txt.const')).read()
if want.returncode:
    problems = ['gen-const.sh failed: ' + want.stderr.strip()]
elif want.stdout != have:
    problems = ['tapi.txt.const is stale: run gen-const.sh > tapi.txt.const']
else:
    problems = []
check('tapi.txt.const is what gen-const.sh makes of tapi.txt', problems)

print('TAP version 13')
print('1..%d' % len(results))
failed = 0
for n, (what, problems) in enumerate(results, 1):
    if problems:
        failed += 1
        print('not ok %d %s' % (n, what))
        for p in problems:
            print('# ' + p)
    else:
        print('ok %d %s' % (n, what))
sys.exit(1 if failed else 0)
