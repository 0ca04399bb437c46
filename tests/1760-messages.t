#!/bin/sh
# Diagnostics are one line each and show a value as it was given: a
# newline in an argument is written \n, a value with a space at either
# end is quoted, and a mistyped phone is called a phone.
. "$(dirname "$0")/lib.sh"

t 'a phone number of ten or twelve digits is a mistyped phone, not a customer ID' <<'EOF'
$ cs-ticket new -C 138001380001 inquiry 查询
! cs-ticket: 138001380001: not a mobile phone number (11 digits starting with 1)
? 65
$ cs-ticket new -C 1380013800 inquiry 查询
! cs-ticket: 1380013800: not a mobile phone number (11 digits starting with 1)
? 65
$ cs-ticket new -C 13800138000 -N 张三 inquiry 查询
T1
$ cs-ticket new -C C1 inquiry 又一个
T2
EOF

t 'a newline in an argument does not split the diagnostic' <<'EOF'
$ cs-ticket show "$(printf 'T1\nT2')"
! cs-ticket: "T1\nT2" is not a ticket ID
? 65
$ cs-order show "$(printf 'O1\ncs-order: O2: no such order')"
! cs-order: "O1\ncs-order: O2: no such order" is not an order ID
? 65
$ cs-ticket ls -S "$(printf 'x\ny')" 2>&1 >/dev/null | head -n 1
cs-ticket: -S "x\ny": not a time
EOF

t 'a value with an invisible space at either end is quoted' <<'EOF'
$ cs-ticket show ' T1' 'T1　' "$(printf '\342\200\213T1')"
! cs-ticket: " T1" is not a ticket ID
! cs-ticket: "T1　" is not a ticket ID
! cs-ticket: "​T1" is not a ticket ID
? 65
$ cs-ticket new -C ' 13800138000' inquiry 查询
! cs-ticket: " 13800138000" is not a customer ID
? 65
EOF

done_testing
