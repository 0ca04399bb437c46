#!/bin/sh
# Hostile text: terminal escapes, a CR, bidi overrides and a BOM quoted
# back in diagnostics; invalid UTF-8 of every kind, NUL bytes, overlong
# text and /dev/zero as message text, from -m and from stdin.  Every
# refusal has its message and status and leaves the database as it was
# (dbhash).  Output of such text once stored: tests/1510-pii-scan.t.
. "$(dirname "$0")/lib.sh"

t 'a desk to attack' <<'EOF2'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 你好
T1
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tservice_at\nE100\trail\t204.95\tissued\t13800138000\t2026-12-30 10:00\n' | cs-order import
! cs-order: stdin:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
O1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-1d\n' | CS_AGENT=fin cs-order import -P
P1
$ cs-refund request -r cancellation ref:E100 10
R1
$ cs-escalate raise -l 1 -r test T1
E1
EOF2

# Diagnostics quote what they were given; stderr goes through the same
# escaping as a table (out_guard_stderr in lib/text/out.c).
t 'an escape sequence, CR, bidi override or BOM in a quoted value is shown escaped' <<'EOF2'
$ dbhash > h0
$ printf 'T\033[2J1\n' | cs-ticket show
! cs-ticket: stdin:1: "T\x1b[2J1" is not a ticket ID
? 65
$ printf 'T1\r\n' | cs-ticket show
! cs-ticket: stdin:1: "T1\r" is not a ticket ID
? 65
$ printf '\357\273\277T1\n' | cs-ticket show
! cs-ticket: stdin:1: "\ufeffT1" is not a ticket ID
? 65
$ cs-order show "$(printf 'O\342\200\2561')"
! cs-order: O\u202e1 is not an order ID
? 65
$ cs-refund show "$(printf 'R\302\2331')"
! cs-refund: R\xc2\x9b1 is not a refund ID
? 65
$ cs-ticket ls -s "$(printf 'op\033]0;pwned\007en')"
! cs-ticket: -s op\x1b]0;pwned\x07en: unknown value; one of:
!  open pending resolved closed
? 64
$ cs-escalate ls -s "$(printf 'it\342\201\246x')"
! cs-escalate: -s it\u2066x: not a status (open acked resolved superseded)
? 64
$ cs-report sla -g "$(printf 'tier\033[8m')"
! cs-report: -g tier\x1b[8m: group by category, kind, queue, agent, tier or channel
? 64
$ printf 'customer_phone\tcategory\tsubj\033[2Ject\n' | cs-ticket import
! cs-ticket: stdin:1: unknown column "subj\x1b[2Ject"
? 65
$ printf 'customer_phone\tcategory\tsubject\n13800138000\tinq\342\200\256uiry\tx\n' | cs-ticket import
! cs-ticket: stdin:2: unknown category "inq\u202euiry" (inquiry complaint suggestion praise technical harassment)
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nE1\tra\033[1mil\t1\tpaid\t13800138000\n' | cs-order import
! cs-order: stdin:2: unknown order kind "ra\x1b[1mil" (rail ride goods membership deposit)
? 65
$ printf 'customer_phone\tcategory\tsubject\n13800138000\tinq\\ncs-ticket: all good\tx\n' | cs-ticket import
! cs-ticket: stdin:2: unknown category "inq\ncs-ticket: all good" (inquiry complaint suggestion praise technical harassment)
? 65
$ printf 'ref:E1\033[2J00\t1\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: ref:E1\x1b[2J00: no such order
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 66
$ dbhash h0
unchanged
EOF2

t 'invalid UTF-8 of every kind in -m text is refused' <<'EOF2'
$ dbhash > h0
$ for b in '\200' '\277\277' '\344\270' '\300\257' '\301\277' '\340\200\257' '\360\200\200\257' '\355\240\200' '\355\277\277' '\364\220\200\200' '\367\277\277\277' '\370\210\200\200\200' '\376' '\377'; do cs-ticket reply -m "$(printf "a${b}b")" T1; printf '%s %s\n' "$b" $?; done 2>&1 | sort | uniq -c | sed 's/^ *//'
1 \200 65
1 \277\277 65
1 \300\257 65
1 \301\277 65
1 \340\200\257 65
1 \344\270 65
1 \355\240\200 65
1 \355\277\277 65
1 \360\200\200\257 65
1 \364\220\200\200 65
1 \367\277\277\277 65
1 \370\210\200\200\200 65
1 \376 65
1 \377 65
14 cs-ticket: T1: invalid UTF-8 in reply
$ cs-ticket note -m "$(printf '\355\240\200')" T1
! cs-ticket: T1: invalid UTF-8 in note
? 65
$ cs-ticket new -C 13800138000 inquiry "$(printf 'a\344\270')"
! cs-ticket: invalid UTF-8 in subject
? 65
$ cs-ticket new -C 13800138000 -b "$(printf '\300\257')" inquiry x
! cs-ticket: invalid UTF-8 in body
? 65
$ cs-ticket new -C 13600136000 -N "$(printf '\364\220\200\200')" inquiry x
! cs-ticket: invalid UTF-8 in name
? 65
$ cs-escalate report -m "$(printf 'x\200')" E1
! cs-escalate: invalid UTF-8 in incident report
? 65
$ cs-refund request -r goodwill -m "$(printf 'x\377')" ref:E100 1
! cs-refund: invalid UTF-8 in note
? 65
$ dbhash h0
unchanged
EOF2

t 'text on stdin: NUL bytes, invalid UTF-8, too long, /dev/zero, nothing' <<'EOF2'
$ dbhash > h0
$ printf 'a\000b' | cs-ticket note T1
! cs-ticket: stdin: NUL byte in note
? 65
$ printf 'a\344\270' | cs-ticket reply T1
! cs-ticket: stdin: invalid UTF-8 in reply
? 65
$ printf '\355\240\200' | cs-ticket new -C 13800138000 -b - inquiry x
! cs-ticket: stdin: invalid UTF-8 in body
? 65
$ printf 'a\000' | cs-escalate report E1
! cs-escalate: stdin: NUL byte in incident report
? 65
$ head -c 65537 /dev/zero | tr '\0' x | cs-ticket note T1
! cs-ticket: stdin: note longer than 65536 bytes
? 65
$ cs-ticket note T1 < /dev/zero
! cs-ticket: stdin: note longer than 65536 bytes
? 65
$ cs-ticket note T1 < /dev/null
! cs-ticket: T1: empty note
? 65
$ cs-ticket reply -m '' T1
! cs-ticket: T1: empty reply
? 65
$ dbhash h0
unchanged
$ { head -c 65536 /dev/zero | tr '\0' x; echo; } | cs-ticket note T1
T1
EOF2

done_testing
