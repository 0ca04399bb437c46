#!/bin/sh
# libpq is opened when a PostgreSQL desk is, not linked: the programs
# start without it and the libraries it brings (TLS, Kerberos, LDAP),
# which made a lookup on a SQLite desk take three times its floor.
. "$(dirname "$0")/lib.sh"

t 'no program is linked with libpq or what it brings' <<'EOF2'
$ for p in cs-ticket cs-order cs-refund cs-escalate cs-report; do ldd "$(command -v $p)" | grep -E 'libpq|libssl|libkrb5|libldap' ; done | wc -l
0
$ for p in cs-ticket cs-order cs-refund cs-escalate cs-report; do ldd "$(command -v $p)" | grep -c 'libsqlite3' ; done | sort -u
1
EOF2
