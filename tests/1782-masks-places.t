#!/bin/sh
# Places and invoice titles are typed in by people too: a ride's pickup
# and destination, an invoice's company and address are masked as free
# text (phone and ID-card numbers, the customer's name) in show, a table,
# TSV and JSON, as their own audit details are; -U shows them to a role
# that may, and the invoicing system's export is as typed.
. "$(dirname "$0")/lib.sh"

t 'a ride and an invoice with numbers and a name typed in' <<'EOF'
$ CS_AGENT=root cs-order customer add -N 欧阳娜娜 -p 13812345678
C1
$ cs-order add -C tel:13812345678 -S '2026-11-24 10:10' -L beijing -P '望京SOHO 欧阳娜娜 13812345678' -D '身份证110105199001011234' ride 120 DD1
O1
$ CS_AGENT=fin cs-order add -C tel:13812345678 -T TX1 goods 100 G1
O2
$ cs-order invoice request -n 欧阳娜娜个人 -a '北京市朝阳区 欧阳娜娜收 13812345678' -p 13812345678 -r 欧阳娜娜 ref:G1
I1
EOF

t 'masked wherever shown' <<'EOF'
$ cs-order show ref:DD1 | grep -E '^(pickup|destination) '
pickup      望京SOHO 欧*** 138****5678
destination 身份证110105********1234
$ cs-order ls -o id,pickup,destination -O ref:DD1
O1	望京SOHO 欧*** 138****5678	身份证110105********1234
$ cs-order ls -j -o id,pickup -O ref:DD1
{"id":"O1","pickup":"望京SOHO 欧*** 138****5678"}
$ cs-order invoice show I1 | grep -E '^(company|address) '
company   欧***个人
address   北京市朝阳区 欧***收 138****5678
$ cs-order invoice ls -o id,company,address,contact
I1	欧***个人	北京市朝阳区 欧***收 138****5678	欧***
EOF

t 'unmasked for a role that may, and in the export' <<'EOF'
$ CS_AGENT=carol cs-order invoice ls -U -o id,company,address
I1	欧阳娜娜个人	北京市朝阳区 欧阳娜娜收 13812345678
$ CS_AGENT=fin cs-order invoice export -o id,company,address
I1	欧阳娜娜个人	北京市朝阳区 欧阳娜娜收 13812345678
EOF

done_testing
