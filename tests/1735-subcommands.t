#!/bin/sh
# The subcommand table: each program's commands, nested ones (`grant
# batch`, `customer show`) dispatched from it, each with its own options
# and usage group; and the run verbs' statuses over several items and
# over a batch's lines.
. "$(dirname "$0")/lib.sh"

t 'a parent without an action, or with one it does not have' <<'EOF2'
$ cs-escalate incident
! usage: cs-escalate incident open -s severity -D department,... [-m description] title
! usage: cs-escalate incident link incident [ticket ...]
! usage: cs-escalate incident ack [-D department] [incident ...]
! usage: cs-escalate incident update -t template | -m text incident
! usage: cs-escalate incident close [-t template | -m text] incident
! usage: cs-escalate incident ls [-A]
! usage: cs-escalate incident show [incident ...]
? 64
$ cs-order customer frob
! cs-order: customer frob: unknown action
! usage: cs-order customer add -N name -p phone [-i idcard] [-e email] [-t tier] [-n needs] [-r role]
! usage: cs-order customer set [-N name] [-p phone] [-i idcard] [-e email] [-t tier] [-n needs] [-r role] [customer ...]
! usage: cs-order customer show [customer ...]
! usage: cs-order customer ls [-t tier]
? 64
$ cs-ticket frob 2>&1 | head -n 2
cs-ticket: frob: unknown command
usage: cs-ticket [-HjqU] [-c conf] [-d db] [-M mode] [-o fields] command [args]
EOF2

t 'each command takes its own options, long ones too; -h is its group' <<'EOF2'
$ cs-refund grant ls -h
usage: cs-refund grant add -t coupon|points -r reason [-e expiry] [-k key] [-m note] [-O order] customer value
usage: cs-refund grant batch [-A] -t coupon|points -r reason [-e expiry] [file]
usage: cs-refund grant ls [-s status] [-C customer]
usage: cs-refund grant show [ID ...]
$ cs-refund grant ls -A
! cs-refund: grant: unknown option -A
! usage: cs-refund grant add -t coupon|points -r reason [-e expiry] [-k key] [-m note] [-O order] customer value
! usage: cs-refund grant batch [-A] -t coupon|points -r reason [-e expiry] [file]
! usage: cs-refund grant ls [-s status] [-C customer]
! usage: cs-refund grant show [ID ...]
? 64
$ cs-ticket ls --overdue
! cs-ticket: ls: unknown option --overdue
! usage: cs-ticket ls [-s status[,status]] [-t category] [-k kind] [-p priority] [-w channel] [-a assignee] [-C customer] [-O order] [-R ref] [-S since] [-u until] [-g text] [-f text] [-P last4] [-N name] [-r [-]key] [-n limit] [--breached] [--due-within duration] [--awaiting-callback] [--fixed]
? 64
$ cs-ticket resolve -h
usage: cs-ticket pend | resolve | close | reopen [ID ...]
EOF2

t 'each item its own transaction: the good ones change, 1 says some failed' <<'EOF2'
$ cs-order customer add -N 王 -p 13800138000
C1
$ cs-order customer set -e wang@example.cn C1 C9 tel:13800138000
C1
! cs-order: C9: no such customer
C1
? 1
$ cs-order customer set -e nosuch C1 C9
! cs-order: nosuch: not an e-mail address
! cs-order: C9: no such customer
? 1
EOF2

t 'a batch: chunks, a summary, -A and -n' <<'EOF2'
$ CS_AGENT=fin cs-order add -C C1 -T TX1 rail 100 E1
O1
$ printf 'O1\t10\n' | cs-refund batch -n -r goodwill
O1	10.00	0.00	10.00	goodwill: no fee
! cs-refund: would be: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ printf 'O1\t10\nO9\t10\n' | cs-refund batch -A -r goodwill
! cs-refund: stdin:2: O9: no such order
! cs-refund: stdin: nothing refunded (-A)
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 65
$ printf 'O1\t10\nO9\t10\n' | cs-refund batch -r goodwill
R1
! cs-refund: stdin:2: O9: no such order
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 1 rejected
? 1
$ printf 'O1\t10\n' | cs-refund batch -r goodwill
! cs-refund: 0 applied, 1 already done, 0 awaiting approval, 0 rejected
EOF2
