#!/bin/sh
# The cron examples of scripts/, run as cron runs them: env -i, no HOME,
# no TERM, no CS_AGENT; only PATH, the database and the configuration.
. "$(dirname "$0")/lib.sh"

me=$(id -un)
grep -q "^agent $me " "$CS_CONF" || echo "agent $me role supervisor" >> "$CS_CONF"

t 'the sweep every five minutes: what it did, then nothing' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
T1
$ cron() { env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF="$CS_CONF" CS_NOW="2026-11-23 $1" sh "$TOP/scripts/$2"; echo "exit $?"; }
> cron 10:25 cron-sweep
> cron 10:40 cron-sweep
> cron 10:45 cron-sweep
exit 0
E1	T1	1	first response overdue since 2026-11-23 10:30
exit 0
exit 0
$ cs-report audit -o agent,action E1 | sed "s/^$(id -un)	/CRON-USER	/"
CRON-USER	escalation.raise
EOF

t 'a cron user who is not an agent is refused, and says so' <<'EOF'
$ grep -v "^agent $(id -un) " cs.conf > other.conf
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF=other.conf sh "$TOP/scripts/cron-sweep" 2>&1 | sed "s/^cs-escalate: $(id -un) /cs-escalate: CRON-USER /"; echo "exit $?"
cs-escalate: CRON-USER is not an agent in the configuration
exit 0
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF=other.conf sh "$TOP/scripts/cron-sweep" 2>/dev/null
? 77
EOF

t 'the morning SLA report, printed for cron to mail' <<'EOF'
$ CS_NOW='2026-11-23 11:00' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 11:30' cs-ticket resolve T1 >/dev/null
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF="$CS_CONF" CS_NOW='2026-11-24 08:00' sh "$TOP/scripts/cron-sla-report"
Service levels, yesterday

complaint  response_met                                            0.0%
           resolve_met   ████████████████████████████████████████  100.0%
all        response_met                                            0.0%
           resolve_met   ████████████████████████████████████████  100.0%

By category
group	tickets	response_met	resolve_met	breaches	response_p50	response_p90	resolve_p50	resolve_p90
complaint	1	0.0	100.0	1	1h	1h	1h30m	1h30m
all	1	0.0	100.0	1	1h	1h	1h30m	1h30m

By agent
group	tickets	response_met	resolve_met	breaches	response_p50	response_p90	resolve_p50	resolve_p90
alice	1	0.0	100.0	1	1h	1h	1h30m	1h30m
all	1	0.0	100.0	1	1h	1h	1h30m	1h30m

Agents
agent	handled	replies	response_p50	response_met	resolve_p50	resolve_met	satisfaction	callbacks	reopened	escalations	score
alice	1	1	1h	0.0	1h30m	100.0		0	0.0	0	64.3
EOF

t 'mailed with CS_REPORT_TO; mail(1) missing is 69' <<'EOF'
$ mkdir bin && printf '#!/bin/sh\n{ echo "mail $*"; cat; } > mailed\n' > bin/mail && chmod +x bin/mail
$ env -i PATH="$PWD/bin:$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF="$CS_CONF" CS_NOW='2026-11-24 08:00' CS_REPORT_TO=leads@example.com sh "$TOP/scripts/cron-sla-report" 2026-11-23
$ head -n 2 mailed
mail -s SLA report, 2026-11-23 leads@example.com
Service levels, 2026-11-23
$ mkdir empty && env -i PATH="$PWD/empty" CS_REPORT_TO=leads@example.com /bin/sh "$TOP/scripts/cron-sla-report"
! cron-sla-report: mail(1) not found; unset CS_REPORT_TO to print the report instead
? 69
$ rm mailed; env -i PATH="$PWD/bin:$BIN:/usr/bin:/bin" CS_DB=none.db CS_CONF="$CS_CONF" CS_REPORT_TO=leads@example.com sh "$TOP/scripts/cron-sla-report"; echo "exit $?"; test -e mailed || echo nothing mailed
! cs-report: none.db: no such database (nothing has been recorded yet)
exit 66
nothing mailed
EOF

done_testing
