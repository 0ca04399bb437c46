#!/bin/sh
# Grants count on the day's limit with refunds: an agent's limit is what
# the agent lets go of in a day, cash and coupons together, not per
# grant; above it a grant waits, and approving it counts on the approver's
# day.
. "$(dirname "$0")/lib.sh"

t 'an agent with a limit of 500 lets go of 400 in cash, then coupons' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13800138020 -N 买家 -T TXG1 goods 400 G1
O1
$ CS_AGENT=fin cs-order add -C C1 -T TXG2 goods 400 G2
O2
$ CS_AGENT=bob cs-refund request -r goodwill O1 400
R1
$ CS_AGENT=bob cs-refund grant add -t coupon -r goodwill -k g1 C1 100 | cut -f1
G1
$ CS_AGENT=bob cs-refund grant add -t coupon -r goodwill -k g2 C1 450 | cut -f1
G2
$ CS_AGENT=bob cs-refund request -r goodwill O2 100
R2
$ cs-refund ls -o id,status
R1	approved
R2	requested
$ cs-refund grant ls -o id,value,status,decided_by
G1	100.00	approved	bob
G2	450.00	requested	
$ CS_AGENT=bob cs-refund grant add -t coupon -r goodwill -k g3 C1 1 | cut -f1
G3
$ cs-refund grant ls -o id,status -s requested
G2	requested
G3	requested
EOF

t 'approving counts on the approver, within the approver own day' <<'EOF'
$ CS_AGENT=carol cs-refund approve G2
G2
$ CS_AGENT=alice cs-refund approve G3
G3
$ cs-refund grant ls -o id,status,decided_by
G1	approved	bob
G2	approved	carol
G3	approved	alice
$ CS_NOW='2026-11-24 10:00' CS_AGENT=bob cs-refund grant add -t coupon -r goodwill -k g4 C1 450 | cut -f1
G4
$ cs-refund grant ls -o id,status -s approved | tail -1
G4	approved
EOF

t 'a batch run again says the grant still waiting, not done' <<'EOF'
$ printf 'C1\t300\tg5\nC1\t300\tg6\nC1\t300\tg5\n' > g.tsv
$ CS_NOW='2026-11-25 10:00' CS_AGENT=bob cs-refund grant batch -t coupon -r goodwill g.tsv
G5
G6
! cs-refund: 1 applied, 1 already done, 1 awaiting approval, 0 rejected
$ CS_NOW='2026-11-25 11:00' CS_AGENT=bob cs-refund grant batch -t coupon -r goodwill g.tsv
! cs-refund: 0 applied, 2 already done, 1 awaiting approval, 0 rejected
$ CS_AGENT=carol cs-refund approve G6
G6
$ CS_NOW='2026-11-25 12:00' CS_AGENT=bob cs-refund grant batch -t coupon -r goodwill g.tsv
! cs-refund: 0 applied, 3 already done, 0 awaiting approval, 0 rejected
$ cs-refund grant ls -o id,status | tail -2
G5	approved
G6	approved
EOF

done_testing
