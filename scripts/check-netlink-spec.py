#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# check-netlink-spec.py - the YAML spec of the "tapi" generic netlink family
# (Documentation/netlink/specs/tapi.yaml) and uapi/linux/tapi_netlink.h must
# say the same: family and group names, every command and attribute, in the
# same order (so with the same values).
#
# Usage: scripts/check-netlink-spec.py [SPEC HEADER]
# Output: TAP.  Exit status 0 when they agree.

import re
import sys

import yaml

top = __file__.rsplit('/scripts/', 1)[0]
spec_path = sys.argv[1] if len(sys.argv) > 2 else \
    top + '/Documentation/netlink/specs/tapi.yaml'
hdr_path = sys.argv[2] if len(sys.argv) > 2 else \
    top + '/uapi/linux/tapi_netlink.h'

spec = yaml.safe_load(open(spec_path))
hdr = open(hdr_path).read()
# Drop comments, then read every enum's names in order, without the
# __X_MAX / X_MAX pair that ends it.
code = re.sub(r'/\*.*?\*/', '', hdr, flags=re.S)
enums = {}
for m in re.finditer(r'enum\s+(\w+)\s*\{(.*?)\};', code, re.S):
    names = []
    for e in m.group(2).split(','):
        name, _, value = e.partition('=')
        name = name.strip()
        if name and not name.startswith('__') and \
           not value.strip().startswith('__'):
            names.append(name)
    enums[m.group(1)] = names
macros = dict(re.findall(r'#define[ \t]+(\w+)[ \t]+(\S+)', code))


def c_name(prefix, name):
    return (prefix + name).upper().replace('-', '_')


checks = []
checks.append(('family name', macros.get('TAPI_GENL_NAME'),
               '"%s"' % spec['name']))
groups = [g['name'] for g in spec['mcast-groups']['list']]
checks.append(('multicast groups',
               [macros.get('TAPI_GENL_MCGRP_MONITOR'),
                macros.get('TAPI_GENL_MCGRP_CALLS')],
               ['"%s"' % g for g in groups]))
ops = spec['operations']
checks.append(('enum %s' % ops['enum-name'], enums.get(ops['enum-name']),
               [c_name(ops['name-prefix'], o['name']) for o in ops['list']]))
for aset in spec['attribute-sets']:
    checks.append(('enum %s' % aset['enum-name'],
                   enums.get(aset['enum-name']),
                   [c_name(aset['name-prefix'], a['name'])
                    for a in aset['attributes']]))

print('1..%d' % len(checks))
bad = 0
for i, (what, got, want) in enumerate(checks, 1):
    if got == want:
        print('ok %d spec and header agree: %s' % (i, what))
    else:
        bad += 1
        print('not ok %d spec and header agree: %s' % (i, what))
        print('# header: %s' % got)
        print('# spec:   %s' % want)
sys.exit(1 if bad else 0)
