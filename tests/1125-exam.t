#!/bin/sh
# The e-commerce deck's 100-point score: 70% practice, 30% theory.  The
# theory part is an exam score per agent and month, recorded by a
# supervisor, audited, and weighed in by score-split.
. "$(dirname "$0")/lib.sh"

t 'bob answers and resolves a ticket this month' <<'EOF2'
$ CS_NOW='2026-11-16 09:00' cs-ticket new -C 13800138000 -N 张三 inquiry 问题 >/dev/null
$ CS_NOW='2026-11-16 09:10' CS_AGENT=bob cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-16 10:00' CS_AGENT=bob cs-ticket resolve T1 >/dev/null
$ cs-report agents --month 2026-11 -o agent,practice,theory,score
bob	100.0		100.0
EOF2

t 'an exam score is recorded by a supervisor, and refused to others or when wrong' <<'EOF2'
$ cs-ticket exam bob 2026-11 60
! cs-ticket: exam: not permitted for alice
? 77
$ CS_AGENT=carol cs-ticket exam bob 2026-11 60
bob	2026-11	60.0
$ CS_AGENT=carol cs-ticket exam bob 2026-13 60
! cs-ticket: 2026-13: not a month like 2026-11
? 65
$ CS_AGENT=carol cs-ticket exam bob 2026-11 100.5
! cs-ticket: score 100.5: not 0 to 100 (one decimal at most)
? 65
$ CS_AGENT=carol cs-ticket exam mallory 2026-11 60
! cs-ticket: mallory: not an agent in the configuration
? 65
$ CS_AGENT=carol cs-ticket exam bob 2026-11
! usage: cs-ticket exam agent month score
? 64
$ sqlite3 "$CS_DB" "select agent, action, record, detail from audit where action like 'exam%'"
carol|exam.record|-|{"exam":1,"agent":"bob","month":"2026-11","score_tenths":600}
EOF2

t 'the score weighs practice 70 and theory 30, as of the clock' <<'EOF2'
$ cs-report agents --month 2026-11 -o agent,practice,theory,score
bob	100.0	60.0	88.0
$ CS_NOW='2026-11-24 10:00' CS_AGENT=carol cs-ticket exam bob 2026-11 90 >/dev/null
$ cs-report agents --month 2026-11 -o agent,theory,score
bob	60.0	88.0
$ CS_NOW='2026-11-24 12:00' cs-report agents --month 2026-11 -o agent,theory,score
bob	90.0	97.0
$ printf 'agent-env yes\nagent alice role agent\nscore-split practice 50 theory 50\n' > s.conf
$ CS_NOW='2026-11-24 12:00' cs-report -c s.conf agents --month 2026-11 -o agent,score
bob	95.0
$ cs-report -c s.conf config | grep '^score'
score response 25 resolve 25 satisfaction 30 reopen 20
score-split practice 50 theory 50
EOF2

done_testing
