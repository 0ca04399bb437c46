#!/bin/sh
# cs-report sla as of a moment when a ticket waits on its customer, and
# cs-report agents' first responses met by the same rule as sla's.  One
# policy for all, on the 24x7 clock: respond 1h, resolve 4h.
#
# Mon 23: T1 inquiry opened 09:00 (resolution due 13:00), replied 09:10,
# pended 09:20.  Pending stops the resolution clock: at 19:00 its due
# has not come, whatever happens later; resumed Tue 24 11:00 after
# 25h40m waiting, its due moves to Tue 24 14:40.  Resolved 11:30: met.
#   19:00 Mon, asked Mon and again after Tue's resume and resolution:
#          1 ticket, resolution not known, no breach.
#   Tue 12:00: still not known (due 14:40, not resolved by then).
#   Tue 12:00 after the resolution at 11:30: 100.0 met.
# T2 praise opened 09:00 (resolution due 13:00), pended 14:00 after its
# due passed: a due missed before the pause stays missed; at 19:00 the
# resolution is known and missed, 1 breach.
#
# Wed 25: T3 inquiry opened 09:00 (response due 10:00), resolved by
# alice 09:05 with no reply, reopened 09:10, replied by bob 09:20,
# resolved 09:30.  Resolved unanswered: its first response missed, in
# sla and in agents alike (bob's reply came after the first
# resolution): sla 0.0, agents bob 0.0.
#
# Thu 26: T4 and T5 inquiries of one customer opened 09:00 and 09:01;
# alice replies to T4 at 09:10 (10m), bob to T5 at 09:50 (49m); bob
# merges T5 into T4 at 10:00, moving his reply there.  As of 09:55,
# before and after the merge: alice 10m, bob 49m, each met.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
sla flat respond 1h resolve 4h calendar 24x7
CONF

t 'pending at the clock: the resolution is not known, before and after the ticket resumes' <<'EOF'
$ at() { CS_NOW="$1"; shift; "$@" >/dev/null; }
> at '2026-11-23 09:00' cs-ticket new -C 13800138000 -N 张三 inquiry 退票
> at '2026-11-23 09:00' cs-ticket new -C 13800138000 praise 表扬
> at '2026-11-23 09:10' cs-ticket reply -m 您好 T1
> at '2026-11-23 09:20' cs-ticket pend T1
> at '2026-11-23 14:00' cs-ticket pend T2
$ CS_NOW='2026-11-23 19:00' cs-report sla --day 2026-11-23 -o group,tickets,resolve_met,breaches
inquiry	1		0
praise	1	0.0	1
all	2	0.0	1
$ CS_NOW='2026-11-23 19:00' cs-ticket ls --breached -o id
T2
$ CS_NOW='2026-11-24 11:00' cs-ticket reopen T1 >/dev/null
$ cs-ticket ls -o id,resolve_due | grep '^T1'
T1	2026-11-24T14:40:00+08:00
$ CS_NOW='2026-11-23 19:00' cs-report sla --day 2026-11-23 -o group,tickets,resolve_met,breaches
inquiry	1		0
praise	1	0.0	1
all	2	0.0	1
$ CS_NOW='2026-11-24 12:00' cs-report sla --day 2026-11-23 -o group,tickets,resolve_met,breaches | sed -n 1p
inquiry	1		0
$ CS_NOW='2026-11-24 11:30' cs-ticket resolve T1 >/dev/null
$ CS_NOW='2026-11-24 12:00' cs-report sla --day 2026-11-23 -o group,tickets,resolve_met,breaches | sed -n 1p
inquiry	1	100.0	0
$ CS_NOW='2026-11-23 19:00' cs-report sla --day 2026-11-23 -o group,tickets,resolve_met,breaches | sed -n 1p
inquiry	1		0
EOF

t 'resolved unanswered: the first response missed, in agents as in sla' <<'EOF'
$ at() { CS_NOW="2026-11-25 $1" CS_AGENT=$2; shift 2; "$@" >/dev/null; }
> at 09:00 alice cs-ticket new -C 13800138000 inquiry 未回复就解决
> at 09:05 alice cs-ticket resolve T3
> at 09:10 bob cs-ticket reopen T3
> at 09:20 bob cs-ticket reply -m 您好 T3
> at 09:30 bob cs-ticket resolve T3
$ CS_NOW='2026-11-25 20:00' cs-report sla --day 2026-11-25 -o group,tickets,response_met,breaches
inquiry	1	0.0	1
all	1	0.0	1
$ CS_NOW='2026-11-25 20:00' cs-report agents --day 2026-11-25 -o agent,response_p50,response_met | grep bob
bob	20m	0.0
EOF

t 'a merge moves replies, not who gave the first response' <<'EOF'
$ at() { CS_NOW="2026-11-26 $1" CS_AGENT=$2; shift 2; "$@" >/dev/null; }
> at 09:00 alice cs-ticket new -C 13800138000 inquiry 退票
> at 09:01 alice cs-ticket new -C 13800138000 inquiry 退票又来
> at 09:10 alice cs-ticket reply -m 您好一 T4
> at 09:50 bob cs-ticket reply -m 您好二 T5
$ CS_NOW='2026-11-26 09:55' cs-report agents --day 2026-11-26 -o agent,response_p50,response_met > before
$ cat before
alice	10m	100.0
bob	49m	100.0
$ CS_NOW='2026-11-26 10:00' CS_AGENT=bob cs-ticket merge T4 T5
T5
$ CS_NOW='2026-11-26 09:55' cs-report agents --day 2026-11-26 -o agent,response_p50,response_met | cmp - before && echo same
same
EOF

done_testing
