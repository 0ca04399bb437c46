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

t 'a wrong database path: the sweep makes no empty desk of it, and says so' <<'EOF'
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$PWD/typo.db" CS_CONF="$CS_CONF" sh "$TOP/scripts/cron-sweep" 2>&1 | sed "s|$PWD/||"
cs-escalate: typo.db: no such database (nothing has been recorded yet)
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$PWD/typo.db" CS_CONF="$CS_CONF" sh "$TOP/scripts/cron-sweep" 2>/dev/null
? 66
$ test -e typo.db; echo $?
1
EOF

t 'the morning report, printed for cron to mail' <<'EOF'
$ CS_NOW='2026-11-23 11:00' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 11:30' cs-ticket resolve T1 >/dev/null
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF="$CS_CONF" CS_NOW='2026-11-24 08:00' sh "$TOP/scripts/cron-sla-report"
Service report, 2026-11-23 (target 90% of tickets within their deadlines)

Service levels by queue, 2026-11-23
group  tickets  response_met  resolve_met  breaches  response_p50  response_p90  resolve_p50  resolve_p90
-      1        0.0           100.0        1         1h            1h            1h30m        1h30m
all    1        0.0           100.0        1         1h            1h            1h30m        1h30m

Service levels by agent, 2026-11-23
group  tickets  response_met  resolve_met  breaches  response_p50  response_p90  resolve_p50  resolve_p90
alice  1        0.0           100.0        1         1h            1h            1h30m        1h30m
all    1        0.0           100.0        1         1h            1h            1h30m        1h30m

Agents, 2026-11-23 (satisfaction out of 5)
agent  handled  replies  response_p50  response_met  resolve_p50  resolve_met  satisfaction  callbacks  reopened  escalations  score
alice  1        1        1h            0.0           1h30m        100.0                      0          0.0       0            64.3

Breached, of the tickets opened 2026-11-23
id  status    category   priority  assignee  subject
T1  resolved  complaint  normal              客服态度恶劣

Overdue now
(none)

Escalations open
(none)

Escalations, 2026-11-23
level  department  owner  raised  acked  ack_late  solved  solve_late  open
1                  agent  1       0      0         0       0           0
                   all    1       0      0         0       0           0

Refunds, 2026-11-23
group  refunds  amount  fee   net   waiting  rejected  coupons  coupon_value  points  currency
all    0        0.00    0.00  0.00  0        0         0        0.00          0       CNY
EOF

t 'mailed with CS_REPORT_TO through sendmail: one MIME message, text and HTML, UTF-8 under any locale' <<'EOF'
$ mkdir bin && printf '#!/bin/sh\necho "$*" > args; cat > mailed\n' > bin/sendmail && chmod +x bin/sendmail
$ env -i PATH="$PWD/bin:$BIN:/usr/bin:/bin" LANG=C LC_ALL=POSIX CS_DB="$CS_DB" CS_CONF="$CS_CONF" CS_NOW='2026-11-24 08:00' CS_REPORT_TO=leads@example.com sh "$TOP/scripts/cron-sla-report"
$ cat args
-t -i
$ python3 -c '
> import email, sys
> from email import policy
> m = email.message_from_binary_file(open("mailed", "rb"), policy=policy.default)
> print(m["To"], "|", m["Subject"], "|", m.get_content_type(), "|", len(m.defects))
> for p in m.iter_parts():
>     print(p.get_content_type(), p.get_content_charset(), p["Content-Transfer-Encoding"], len(p.defects))
> open("plain.txt", "w").write(m.get_body(("plain",)).get_content())
> open("mail.html", "w").write(m.get_body(("html",)).get_content())'
leads@example.com | Service report, 2026-11-23 | multipart/alternative | 0
text/plain utf-8 base64 0
text/html utf-8 base64 0
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF="$CS_CONF" CS_NOW='2026-11-24 08:00' sh "$TOP/scripts/cron-sla-report" | cmp - plain.txt && echo the plain part is the printed report
the plain part is the printed report
$ grep -c '<table' mail.html; grep -o '<h2[^>]*>[^<]*' mail.html | sed 's/.*>//'
6
Service levels by queue, 2026-11-23
Service levels by agent, 2026-11-23
Agents, 2026-11-23 (satisfaction out of 5)
Breached, of the tickets opened 2026-11-23
Overdue now
Escalations open
Escalations, 2026-11-23
Refunds, 2026-11-23
$ grep -o 'target of [0-9]*%' mail.html; grep -o '<td>客服态度恶劣\|>客服态度恶劣<' mail.html
target of 90%
>客服态度恶劣<
$ grep -ci 'http\|src=\|<link\|<script\|url(' mail.html
0
? 1
EOF

t 'the charts are green at or above the target, red below' <<'EOF'
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF="$CS_CONF" CS_NOW='2026-11-24 08:00' CS_SLA_TARGET=95 sh "$TOP/scripts/cron-sla-report" -M > m.eml
$ python3 -c '
> import email
> from email import policy
> m = email.message_from_binary_file(open("m.eml", "rb"), policy=policy.default)
> h = m.get_body(("html",)).get_content()
> print(h.count("background:#2e7d32"), h.count("background:#c62828"), "target of 95%" in h)'
4 4 True
$ CS_SLA_TARGET=9x sh "$TOP/scripts/cron-sla-report" -M
! cron-sla-report: CS_SLA_TARGET=9x: not a percentage
? 64
EOF

t 'a mail that cannot be sent or a report that fails sends nothing' <<'EOF'
$ env -i PATH="$BIN:/usr/bin:/bin" CS_SENDMAIL='/nonexistent/sendmail -t' CS_REPORT_TO=leads@example.com /bin/sh "$TOP/scripts/cron-sla-report"
! cron-sla-report: CS_SENDMAIL=/nonexistent/sendmail -t: not found
? 69
$ rm -f mailed
$ env -i PATH="$PWD/bin:$BIN:/usr/bin:/bin" CS_DB=none.db CS_CONF="$CS_CONF" CS_REPORT_TO=leads@example.com sh "$TOP/scripts/cron-sla-report"; echo "exit $?"; test -e mailed || echo nothing mailed
! cs-report: none.db: no such database (nothing has been recorded yet)
exit 66
nothing mailed
$ env -i PATH="$BIN:/usr/bin:/bin" CS_DB="$CS_DB" CS_CONF="$CS_CONF" sh "$TOP/scripts/cron-sla-report" 2026-13-40
! cron-sla-report: 2026-13-40: not a date (YYYY-MM-DD)
? 64
EOF

done_testing
