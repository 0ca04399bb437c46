#!/bin/sh
# The built-in office calendar knows China's holidays and make-up days
# for the years cs has data for, with no include; past them every
# program warns and config --check fails.  The greeting goes by the
# desk's zone and calendar, not the agent's TZ.
. "$(dirname "$0")/lib.sh"

t 'with no include, National Day is not working time on the office calendar' <<'EOF2'
$ CS_NOW='2026-09-30 17:00' cs-ticket new -C 13800138000 -N 张三 technical 国庆前报障
T1
$ cs-ticket ls -o id,first_response_due,resolve_due
T1	2026-10-08T10:00:00+08:00	2026-10-10T17:00:00+08:00
$ cs-report config | grep -c '^holiday 2026-\|^workday 2026-'
39
$ cs-report config --check; echo $?
0
EOF2

t 'a calendar used past its last year of holidays: a warning from every program, an error from config --check' <<'EOF2'
$ CS_NOW='2027-01-05 10:00' cs-ticket ls -o id
! cs-ticket: calendar office: no holidays known for 2027 (its data ends with 2026)
T1
$ CS_NOW='2027-01-05 10:00' cs-order ls >/dev/null
! cs-order: calendar office: no holidays known for 2027 (its data ends with 2026)
$ CS_NOW='2027-01-05 10:00' cs-refund ls >/dev/null
! cs-refund: calendar office: no holidays known for 2027 (its data ends with 2026)
$ CS_NOW='2027-01-05 10:00' cs-escalate ls >/dev/null
! cs-escalate: calendar office: no holidays known for 2027 (its data ends with 2026)
$ CS_NOW='2027-01-05 10:00' cs-report config --check
! cs-report: calendar office: no holidays known for 2027 (its data ends with 2026)
? 78
$ printf 'agent-env yes\nagent alice role agent\ncalendar office\nholiday 2027-02-06..2027-02-14 春节\n' > y.conf
$ CS_NOW='2027-01-05 10:00' cs-report -c y.conf config --check; echo $?
0
EOF2

t 'the greeting follows the desk: its zone, its holidays and make-up days' <<'EOF2'
$ greet() { CS_NOW="$1" TZ=America/New_York cs-ticket reply -t greeting T1 >/dev/null && sqlite3 "$CS_DB" "select body from reply where ticket_id = 1 order by id desc limit 1" | sed 's/！.*//'; }
> greet 2026-10-01T09:00+08:00; greet 2026-10-10T09:00+08:00; greet 2026-10-11T15:00+08:00; greet 2026-11-23T09:00+08:00; greet 2026-11-23T15:00+08:00
节日好
早上好
周末好
早上好
您好
EOF2

t 'the built-in calendars are in the desk'"'"'s timezone, wherever the line stands' <<'EOF2'
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\ntimezone Europe/Berlin\n' > b.conf
$ CS_NOW='2026-11-23T10:00+08:00' cs-ticket -c b.conf new -C 13800138001 -N 李四 technical 柏林的工作时间
T2
$ cs-ticket -c b.conf ls -o id,first_response_due | grep ^T2
T2	2026-11-23T18:00:00+08:00
$ cs-report -c b.conf config | grep '^zone'
zone Europe/Berlin
zone Europe/Berlin
$ printf 'calendar office\nzone Asia/Tokyo\n' >> b.conf
$ cs-report -c b.conf config | grep '^zone'
zone Europe/Berlin
zone Asia/Tokyo
EOF2

done_testing
