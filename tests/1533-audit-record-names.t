#!/bin/sh
# cs-report audit RECORD: a name that is no record ID (a typo, a bare
# number, an order's ref: form) is refused with 65, and a record ID with
# nothing recorded is said with 66, not answered by an empty listing that
# reads as "nothing happened"; the others named are listed still.
. "$(dirname "$0")/lib.sh"

t 'a ticket with a trail; names right and wrong' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 问题
T1
$ cs-report audit -o record,action T1
T1	ticket.new
$ cs-report audit -o record,action t1
! cs-report: t1: not a record ID (a letter and a number, as T12 or R3, or - for changes of no record)
? 65
$ cs-report audit -o record,action 1
! cs-report: 1: not a record ID (a letter and a number, as T12 or R3, or - for changes of no record)
? 65
$ cs-report audit -o record,action 'T1;drop'
! cs-report: T1;drop is not a ticket ID
? 65
$ cs-report audit -o record,action T99999
! cs-report: T99999: nothing recorded
? 66
$ cs-report audit -o record,action Q1 T1
T1	ticket.new
! cs-report: Q1: not a record ID (a letter and a number, as T12 or R3, or - for changes of no record)
? 65
EOF

done_testing
