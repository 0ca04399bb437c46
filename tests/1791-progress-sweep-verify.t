#!/bin/sh
# Progress for the long jobs that read no input file: the sweep counts
# the tickets it looked at (how many are due is not known before), the
# audit verification counts the records of the chain against its total.
# Never in a pipe; CS_PROGRESS=yes leaves the last line.
. "$(dirname "$0")/lib.sh"

t 'the sweep: tickets looked at, no total; nothing in a pipe' <<'EOF2'
$ cs-ticket new -q -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
$ cs-ticket new -q -C 13800138001 -N 李四 -k quality complaint 司机绕路
$ CS_NOW='2026-11-23 10:40' cs-escalate sweep 2> err | wc -l; wc -c < err
2
0
$ CS_NOW='2026-11-24 10:40' CS_PROGRESS=yes cs-escalate sweep 2>&1 >/dev/null | sed 's|, [0-9]*/s||'
cs-escalate sweep: 2 tickets, done.
EOF2

t 'the audit verification: records of the chain, of its total' <<'EOF2'
$ cs-report audit --verify 2> err | sed 's/last .*/last/'; wc -c < err
audit: 8 records, chain intact, last
0
$ CS_PROGRESS=yes cs-report audit --verify 2>&1 >/dev/null | sed 's|, [0-9]*/s||'
cs-report audit: 8 of 8 records, 100%, done.
$ CS_PROGRESS=yes cs-report audit --verify --deep 2>&1 >/dev/null | sed 's|, [0-9]*/s||'
cs-report audit: 8 of 8 records, 100%, done.
EOF2

t 'on a terminal with the result going to a file, the line is rewritten in place' <<'EOF2'
$ script -qec "CS_PROGRESS=yes cs-report audit --verify > out" log > /dev/null; grep -c "$(printf '\r')cs-report audit: 8 of 8 records, 100%.*done\." log
1
$ script -qec "CS_PROGRESS=no cs-report audit --verify > out" log > /dev/null; grep -c records log
0
? 1
EOF2

done_testing
