#!/bin/sh
# Hostile options and arguments of the five programs: SQL and LIKE
# metacharacters in every text filter and sort key, option values that
# start with '-', full-width digits, zero, negative and oversized IDs
# and counts, impossible dates, bad ID-card numbers, unknown filter
# values.  Each refusal is precise and a usage or data error, and
# nothing changes (dbhash).  Covered elsewhere: -o, -s, -r, -n of
# cs-ticket ls and '%' in -g (0400), ID-card check digits and birth
# dates (0500), bad amounts (1710), escapes in option values (1720).
. "$(dirname "$0")/lib.sh"

t 'a desk to attack' <<'EOF2'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t90\tpaid\t13800138000\t张三\n' | cs-order import
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
O1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t90\t-1d\n' | CS_AGENT=fin cs-order import -P
P1
$ cs-ticket new -C 13800138000 -O ref:G1 inquiry "100% off_sale it's \"q\" a\\b; -- x"
T1
$ cs-ticket new -C 13800138000 inquiry plain
T2
$ cs-refund request -r goodwill ref:G1 1
R1
$ cs-escalate raise -l 1 -r "x' OR '1'='1" T1
E1
EOF2

t 'SQL and LIKE metacharacters in every text filter are plain text' <<'EOF2'
$ dbhash > h0
$ for g in '%' '_' "'" '"' '\' ';' '--' '100%' 'off_s' "it's" '"q"' 'a\b' '; --' "' OR 1=1 --" '%_%' '\%' '_ff'; do printf '%s:' "$g"; cs-ticket ls -o id -g "$g" | tr '\n' ' '; echo; done
%:T1 
_:T1 
':T1 
":T1 
\:T1 
;:T1 
--:T1 
100%:T1 
off_s:T1 
it's:T1 
"q":T1 
a\b:T1 
; --:T1 
' OR 1=1 --:
%_%:
\%:
_ff:
$ M="x' OR '1'='1"; for c in "cs-ticket ls -a" "cs-order customer ls -t" "cs-escalate ls -D" "cs-escalate ls -a" "cs-report audit"; do printf '%s: ' "$c"; $c "$M" | wc -l; done
cs-ticket ls -a: 0
cs-order customer ls -t: 0
cs-escalate ls -D: 0
cs-escalate ls -a: 0
cs-report audit: 0
! cs-report: x' OR '1'='1: not a record ID (a letter and a number, as T12 or R3, or - for changes of no record)
$ cs-report audit '%' | wc -l; cs-report audit 'T_' | wc -l; cs-report audit T1 | wc -l
0
0
! cs-report: %: not a record ID (a letter and a number, as T12 or R3, or - for changes of no record)
! cs-report: T_ is not a ticket ID
1
$ cs-ticket ls -o id -C "x' OR '1'='1"
! cs-ticket: x' OR '1'='1 is not a customer ID
? 65
$ cs-order ls -O 'ref:%'
! cs-order: ref:%: no such order
? 66
$ cs-order ls -O 'ref:G_'
! cs-order: ref:G_: no such order
? 66
$ cs-order customer show 'tel:1380013800_'
! cs-order: tel:1380013800_: not a mobile phone number
? 65
$ cs-refund ls -O "ref:' OR 1=1 --"
! cs-refund: ref:' OR 1=1 --: no such order
? 66
$ cs-ticket assign "x'; DROP TABLE ticket; --" T1
! cs-ticket: x'; DROP TABLE ticket; --: not an agent or queue name
? 65
$ dbhash h0
unchanged
EOF2

t 'sort keys and enumerated filters take only their words' <<'EOF2'
$ cs-ticket ls -o id -r 'id; DROP TABLE ticket'
! cs-ticket: -r id; DROP TABLE ticket: unknown sort key; one of: id created updated priority (a leading - reverses)
? 64
$ cs-ticket ls -o id -r 'id DESC, (SELECT 1)'
! cs-ticket: -r id DESC, (SELECT 1): unknown sort key; one of: id created updated priority (a leading - reverses)
? 64
$ cs-ticket ls -o id -r --id
! cs-ticket: -r --id: unknown sort key; one of: id created updated priority (a leading - reverses)
? 64
$ cs-ticket ls -o id -r -id
T2
T1
$ cs-ticket ls -o id -s "open' OR '1'='1"
! cs-ticket: -s open' OR '1'='1: unknown value; one of:
!  open pending resolved closed
? 64
$ cs-order ls -s "paid' --"
! cs-order: -s paid' --: no kind of order has this status
? 64
$ cs-order ls -k '%'
! cs-order: -k %: unknown order kind (rail ride goods membership deposit)
? 64
$ cs-order ls -k goods -s issued
! cs-order: -s issued: goods orders have no such status (placed paid shipped received reviewed cancelled returned)
? 64
$ cs-order ls -o id -k goods -s paid
O1
$ cs-refund ls -s '_'
! cs-refund: -s _: not a status (requested approved sent paid rejected failed)
? 64
$ cs-escalate ls -s '%'
! cs-escalate: -s %: not a status (open acked resolved superseded)
? 64
$ cs-report sla -g 'tier;'
! cs-report: -g tier;: group by category, kind, queue, agent, tier or channel
? 64
$ cs-ticket ls -o 'id;subject'
! cs-ticket: -o: unknown column "id;subject"
! columns: id status category kind priority channel customer order assignee subject created updated name phone responded resolved satisfaction sla first_response_due resolve_due update_due breached needs ref complexity promise_due
? 64
EOF2

t 'option values that start with -' <<'EOF2'
$ dbhash > h0
$ cs-ticket ls -o id -S -1d -g -x
$ cs-ticket ls -o id -S -1d
T1
T2
$ cs-ticket ls -n -1
! cs-ticket: -n -1: too small
? 64
$ cs-ticket ls --due-within -1h
! cs-ticket: --due-within -1h: not a duration
? 64
$ cs-ticket new -C -13800138000 inquiry x
! cs-ticket: -13800138000 is not a customer ID
? 65
$ cs-ticket new -C 13800138000 -p -high inquiry x
! cs-ticket: unknown priority "-high" (low normal high urgent)
? 65
$ cs-ticket assign -- -x T1
! cs-ticket: -x: not an agent or queue name
? 65
$ cs-escalate raise -l -1 -r x T1
! cs-escalate: raise: -l -1: levels are 1 (agent), 2 (supervisor) and 3 (manager)
? 64
$ cs-refund quote ref:G1 -1
! cs-refund: quote: unknown option -1
! usage: cs-refund quote order [amount | full]
? 64
$ cs-refund quote -- ref:G1 -1
! cs-refund: amount -1: negative amounts are not accepted
? 65
$ cs-ticket -c -x ls
! cs-ticket: -x: configuration file: No such file or directory
? 78
$ cs-ticket -d -x ls
! cs-ticket: -x: no such database (nothing has been recorded yet)
? 66
$ cs-ticket ls -o
! cs-ticket: ls: -o needs an argument
! usage: cs-ticket ls [-s status[,status]] [-t category] [-k kind] [-p priority] [-w channel] [-a assignee] [-C customer] [-O order] [-R ref] [-S since] [-u until] [-g text] [-f text] [-P last4] [-N name] [-r [-]key] [-n limit] [--breached] [--due-within duration] [--awaiting-callback] [--fixed]
? 64
$ cs-order --nosuch ls 2>&1 | head -n 1
cs-order: unknown option --nosuch
$ dbhash h0
unchanged
$ cs-ticket note -m -n T2
T2
$ cs-ticket show T2 | grep -A1 'note  alice'
2026-11-23 10:00  note  alice
    -n
EOF2

t 'IDs as arguments: full-width, zero, negative, oversized, of another type' <<'EOF2'
$ dbhash > h0
$ cs-ticket close Ｔ１ T0 T-1 T99999999999999999999 T9223372036854775807 E1 ' T1' 'T1 '
! cs-ticket: Ｔ１ is not a ticket ID
! cs-ticket: T0 is not a ticket ID
! cs-ticket: T-1 is not a ticket ID
! cs-ticket: T99999999999999999999 is not a ticket ID
! cs-ticket: T9223372036854775807: no such ticket
! cs-ticket: E1 is an escalation, not a ticket
! cs-ticket: " T1" is not a ticket ID
! cs-ticket: "T1 " is not a ticket ID
? 1
$ cs-order show O0 O9223372036854775807 'ref:' 'ref: G1' R1
! cs-order: O0 is not an order ID
! cs-order: O9223372036854775807: no such order
! cs-order: ref:: no such order
! cs-order: ref: G1: no such order
! cs-order: R1 is a refund, not an order
? 1
$ cs-refund approve R0 R-1 R18446744073709551616
! cs-refund: R0 is not a refund ID
! cs-refund: R-1 is not a refund ID
! cs-refund: R18446744073709551616 is not a refund ID
? 65
$ cs-escalate ls -T T0
! cs-escalate: ls: -T T0 is not a ticket ID
? 64
$ cs-ticket ls -n １
! cs-ticket: -n １: invalid
? 64
$ cs-report hotspots -n 99999999999
! cs-report: hotspots: -n 99999999999: too large
? 64
$ dbhash h0
unchanged
EOF2

t 'impossible dates in options and CS_NOW' <<'EOF2'
$ for d in 2026-02-30 2026-02-29 '2026-11-20 24:00' '2026-11-20 25:61' '2026-11-20 23:59:60' 0000-01-01 '２０２６-11-20' '2026-11-20T10:00+25:00' -99999999999d; do cs-ticket ls -S "$d" 2>&1; done
cs-ticket: -S 2026-02-30: day out of range
cs-ticket: -S 2026-02-29: day out of range
cs-ticket: -S 2026-11-20 24:00: time of day out of range
cs-ticket: -S 2026-11-20 25:61: time of day out of range
cs-ticket: -S 2026-11-20 23:59:60: time of day out of range
cs-ticket: -S 0000-01-01: year out of range
cs-ticket: -S ２０２６-11-20: not a time
cs-ticket: -S 2026-11-20T10:00+25:00: bad UTC offset
cs-ticket: -S -99999999999d: duration too long
? 64
$ cs-order ls -u 2026-02-30
! cs-order: -u 2026-02-30: day out of range
? 64
$ cs-report sla --day 2026-02-30
! cs-report: sla: --day 2026-02-30: day out of range
? 64
$ cs-report sla --since 2026-11-20 --until 2026-11-01
! cs-report: sla: the period is empty: --until is not after --since
? 64
$ cs-report volume --since +1d
! cs-report: volume: the period is empty: --since is after the clock, where it ends without --until
? 64
$ cs-report volume --until 2020-01-01
! cs-report: volume: the period is empty: --until is before the last seven days, where it starts without --since
? 64
$ cs-ticket ls -S 2026-11-30 -u 2026-11-01
! cs-ticket: the period is empty: -u is not after -S
? 64
$ cs-order ls -S 2026-11-30 -u 2026-11-30
! cs-order: the period is empty: -u is not after -S
? 64
$ cs-report refunds --month 2026-13
! cs-report: refunds: --month 2026-13: not a time
? 64
$ CS_NOW='2026-02-30' cs-ticket ls
! cs-ticket: CS_NOW=2026-02-30: day out of range
? 64
$ CS_NOW='2024-02-29 23:59' cs-ticket ls -o id -n 1
T1
EOF2

t 'ID-card numbers: check digit, length, full-width, characters' <<'EOF2'
$ dbhash > h0
$ for i in 111111111111111111 110105000001010013 110105194912310021 １１０１０５１９４９１２３１００２Ｘ 11010519491231002Y '11010519491231 002X' 110105194912310O2X; do cs-order customer set -i "$i" C1; done
! cs-order: ID-card number: wrong check digit
! cs-order: ID-card number: wrong check digit
! cs-order: ID-card number: wrong check digit
! cs-order: ID-card number: not 18 characters
! cs-order: ID-card number: wrong check digit
! cs-order: ID-card number: not 18 characters
! cs-order: ID-card number: the first 17 characters are not all digits
? 65
$ dbhash h0
unchanged
$ cs-order customer set -i 11010519491231002x C1
C1
$ sqlite3 "$CS_DB" 'select idcard from customer where id = 1'
11010519491231002X
EOF2

t 'a bad -N is refused even when the customer exists' <<'EOF2'
$ dbhash > h0
$ cs-ticket new -C 13800138000 -N "$(printf '\300\257')" inquiry x
! cs-ticket: invalid UTF-8 in name
? 65
$ cs-ticket new -C 13800138000 -N "$(printf 'a\033b')" inquiry x
! cs-ticket: control character in name
? 65
$ printf 'customer_phone\tcustomer_name\tcategory\tsubject\n13800138000\t\\x07\tinquiry\tx\n' | cs-ticket import
! cs-ticket: stdin:2: control character in name
? 65
$ dbhash h0
unchanged
EOF2

done_testing
