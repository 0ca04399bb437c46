#!/bin/sh
# Tables on a terminal: fitted to its width, overdue rows marked, long
# output through a pager, widths from glibc (emoji), and the output
# modes (-M) that give any form whatever stdout is.  The blocks share
# one desk, each adding to it.
. "$(dirname "$0")/lib.sh"

# tty CMD: CMD with stdout on a terminal (script(1)'s pty), colour
# allowed (TERM=xterm, NO_COLOR unset); the pty's CRs taken out.
cat > "$ROOT/bin/tty" <<'SH'
#!/bin/sh
script -qec "env -u NO_COLOR TERM=xterm $*" /dev/null | tr -d '\r'
SH
chmod +x "$ROOT/bin/tty"

t 'on a terminal: the subject cut with … to its width, columns dropped from the right, -o keeps its own' <<'EOF'
$ CS_NOW='2026-11-20 10:00' cs-ticket new -C 13800138000 -N 张三 complaint -k quality 退票后一直没有收到退款，客服电话打不通，请尽快处理
T1
$ cs-ticket new -C 13900139000 -N Li -w app inquiry 'refund status, please' >/dev/null
$ cs-ticket new -C 13700137000 -N 欧阳娜娜 -w chat praise 谢谢 >/dev/null
$ tty NO_COLOR=1 COLUMNS=50 cs-ticket ls -o id,subject,category,priority,channel
 ID  SUBJECT          CATEGORY   PRIORITY  CHANNEL
!T1  退票后一直没有…  complaint  normal    phone
 T2  refund status,…  inquiry    normal    app
 T3  谢谢             praise     normal    chat
$ tty NO_COLOR=1 COLUMNS=30 cs-ticket ls -o id,subject,category,priority,channel
 ID  SUBJECT       CATEGORY   PRIORITY  CHANNEL
!T1  退票后一直…   complaint  normal    phone
 T2  refund stat…  inquiry    normal    app
 T3  谢谢          praise     normal    chat
$ tty NO_COLOR=1 COLUMNS=60 cs-ticket ls
 ID  STATUS  CATEGORY   KIND     PRIORITY  CHANNEL  CUSTOMER
!T1  open    complaint  quality  normal    phone    C1
 T2  open    inquiry             normal    app      C2
 T3  open    praise              normal    chat     C3
$ tty NO_COLOR=1 COLUMNS=200 cs-ticket ls
 ID  STATUS  CATEGORY   KIND     PRIORITY  CHANNEL  CUSTOMER  ORDER  ASSIGNEE  SUBJECT                                             CREATED           NEEDS
!T1  open    complaint  quality  normal    phone    C1                         退票后一直没有收到退款，客服电话打不通，请尽快处理  2026-11-20 10:00
 T2  open    inquiry             normal    app      C2                         refund status, please                               2026-11-23 10:00
 T3  open    praise              normal    chat     C3                         谢谢                                                2026-11-23 10:00
EOF

t 'overdue rows: a ! always, red where the terminal has colour; NO_COLOR and TERM=dumb have none' <<'EOF'
$ CS_NOW='2026-11-20 10:00' cs-ticket new -C 13800138000 complaint -k quality 投诉 >/dev/null
$ tty cs-ticket ls -o id,status,breached | cat -v
 ID  STATUS  BREACHED
^[[31m!T1  open    overdue^[[m
 T2  open
 T3  open
^[[31m!T4  open    overdue^[[m
$ tty NO_COLOR=1 cs-ticket ls -o id,status | cat -v
 ID  STATUS
!T1  open
 T2  open
 T3  open
!T4  open
$ tty TERM=dumb cs-ticket ls -o id | cat -v
 ID
!T1
 T2
 T3
!T4
$ cs-ticket ls -M table -o id,status | cat -v
 ID  STATUS
!T1  open
 T2  open
 T3  open
!T4  open
$ cs-ticket ls -o id,breached
T1	overdue
T2	
T3	
T4	overdue
EOF

t 'emoji and CJK align by glibc widths' <<'EOF'
$ cs-ticket new -C 13900139000 inquiry '🩰 ballet ✅' >/dev/null
$ cs-ticket new -C 13900139000 inquiry '谢谢👍' >/dev/null
$ cs-ticket ls -M table -o id,subject,channel -C 13900139000
 ID  SUBJECT                CHANNEL
 T2  refund status, please  app
 T5  🩰 ballet ✅           phone
 T6  谢谢👍                 phone
EOF

t 'long output through the pager: CS_PAGER, then PAGER; none when short, cat, empty or in a pipe' <<'EOF'
$ for i in 1 2 3 4 5 6; do cs-ticket new -q -C 1390013900$i -N 客户$i inquiry "q$i"; done
$ tty LINES=4 CS_PAGER="'sed s/^/page:/'" NO_COLOR=1 cs-ticket ls -o id,subject -S 2026-11-21
page: ID  SUBJECT
page: T2  refund status, please
page: T3  谢谢
page: T5  🩰 ballet ✅
page: T6  谢谢👍
page: T7  q1
page: T8  q2
page: T9  q3
page: T10  q4
page: T11  q5
page: T12  q6
$ tty LINES=4 PAGER="'sed s/^/pager:/'" NO_COLOR=1 cs-ticket ls -o id -n 4
pager: ID
pager:!T1
pager: T2
pager: T3
pager:!T4
$ tty LINES=10 CS_PAGER="'sed s/^/page:/'" NO_COLOR=1 cs-ticket ls -o id -n 2
 ID
!T1
 T2
$ tty LINES=4 CS_PAGER=cat PAGER="'sed s/^/pager:/'" NO_COLOR=1 cs-ticket ls -o id -n 4
 ID
!T1
 T2
 T3
!T4
$ tty LINES=4 CS_PAGER= PAGER="'sed s/^/pager:/'" NO_COLOR=1 cs-ticket ls -o id -n 4
 ID
!T1
 T2
 T3
!T4
$ LINES=4 CS_PAGER='sed s/^/page:/' cs-ticket ls -o id -n 4
T1
T2
T3
T4
$ tty LINES=4 CS_PAGER="'sed s/^/page:/'" cs-ticket show T1 | head -3
page:ticket       T1
page:status       open
page:category     complaint
$ printf 'T%s\n' 7 8 9 10 11 12 > ids
$ tty LINES=3 CS_PAGER="'sed s/^/page:/'" "sh -c 'cs-ticket assign bob < ids'"
T7
T8
T9
T10
T11
T12
EOF

t '-M: table, tsv, csv, excel or json whatever stdout is' <<'EOF'
$ cs-ticket new -C 13600136000 -N Wu inquiry 'say "hi", then
> =1+1' >/dev/null
$ cs-ticket new -C 13600136000 inquiry '@all +1' >/dev/null
$ cs-ticket ls -M tsv -o id,subject -C 13600136000
T13	say "hi", then\n=1+1
T14	@all +1
$ cs-ticket ls -M csv -o id,subject,name,created -C 13600136000 | tr '\r' '~'
id,subject,name,created~
T13,"say ""hi"", then
=1+1",W*,2026-11-23T10:00:00+08:00~
T14,"'@all +1",W*,2026-11-23T10:00:00+08:00~
$ cs-ticket ls --mode=excel -o id -n 1 | od -An -c | tr -s ' '
 357 273 277 i d \r \n T 1 \r \n
$ cs-ticket ls -M json -o id -n 1
{"id":"T1"}
$ cs-ticket -M jsonl ls -o id -n 1
{"id":"T1"}
$ tty cs-ticket ls -M tsv -o id -n 1
T1
$ cs-ticket ls -M xml
! cs-ticket: -M xml: unknown mode; one of: table tsv csv excel json
! usage: cs-ticket ls [-s status[,status]] [-t category] [-k kind] [-p priority] [-w channel] [-a assignee] [-C customer] [-O order] [-R ref] [-S since] [-u until] [-g text] [-f text] [-P last4] [-N name] [-r [-]key] [-n limit] [--breached] [--due-within duration] [--awaiting-callback] [--fixed]
? 64
EOF

t 'CSV of a report: durations also in seconds' <<'EOF'
$ CS_NOW='2026-11-20 11:30' cs-ticket reply -m 'on it' T1 >/dev/null
$ CS_NOW='2026-11-21 09:00' cs-ticket resolve T1 >/dev/null
$ cs-report sla --since 2026-11-01 -o group,tickets,response_p50,resolve_p50 -M csv | tr '\r' '~'
group,tickets,response_p50,response_p50_seconds,resolve_p50,resolve_p50_seconds~
complaint,2,1h30m,5400,23h,82800~
inquiry,11,,,,~
praise,1,,,,~
all,14,1h30m,5400,23h,82800~
EOF

t 'a history on a terminal cuts the audit detail, not its column' <<'EOF'
$ tty COLUMNS=64 cs-ticket log T2
RECORD  AT                AGENT  ACTION             DETAIL
T2      2026-11-23 10:00  alice  ticket.new         {"customer"…
T2      2026-11-23 11:00         due.first_respon…  {"sla":"inq…
T2      2026-11-24 10:00         due.resolve        {"sla":"inq…
EOF

t 'an escalation open past its due time is marked, and has overdue' <<'EOF'
$ CS_NOW='2026-11-20 10:00' cs-escalate raise -l 2 -r 客户不接受 T2
E1
$ cs-escalate raise -l 1 -r again T3
E2
$ tty NO_COLOR=1 cs-escalate ls -o id,ticket,status,due,overdue
 ID  TICKET  STATUS  DUE               OVERDUE
!E1  T2      open    2026-11-20 12:00  overdue
 E2  T3      open    2026-11-23 12:00
$ cs-escalate ls -j -o id,overdue
{"id":"E1","overdue":"overdue"}
{"id":"E2","overdue":null}
EOF

done_testing
