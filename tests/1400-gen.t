#!/bin/sh
# scripts/gen: a desk of any size, the same for the same seed, valid for
# the programs that read it.
. "$(dirname "$0")/lib.sh"

t 'the same seed gives the same desk; another seed another' <<'EOF'
$ sh "$TOP/scripts/gen" -b "$BIN" a.db 2000 && sh "$TOP/scripts/gen" -b "$BIN" b.db 2000 && sh "$TOP/scripts/gen" -s 2 -b "$BIN" c.db 2000
$ for d in a b c; do sqlite3 $d.db .dump | md5sum | cut -c1-32; done | uniq | wc -l
2
$ sqlite3 a.db "pragma integrity_check; pragma foreign_key_check; pragma journal_mode"
ok
wal
EOF

t 'a realistic mix, and the programs read it' <<'EOF'
$ sqlite3 a.db "select count(*) from ticket; select count(*) from customer; select count(*) from orders; select category, count(*) * 100 / 2000 from ticket where category in ('inquiry', 'complaint') group by 1"
2000
400
1000
complaint|20
inquiry|55
$ sqlite3 a.db "select count(*) > 0 from payment group by order_id having count(*) > 1 limit 1; select count(*) from customer where phone not glob '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"
1
0
$ cs-order -d a.db check --dup | wc -l
5
$ cs-order -d a.db check --dup | cs-refund -d a.db batch -q -r duplicate-payment
! cs-refund: 1 applied, 0 already done, 4 awaiting approval, 0 rejected
$ cs-order -d a.db check --dup | wc -l
0
$ cs-ticket -d a.db ls -s open -o id | wc -l | awk '$1 > 0 { print "some open" }'
some open
$ CS_NOW='2026-11-23 00:00' cs-report -d a.db sla --since 2025-11-23 -o group | paste -sd' '
complaint harassment inquiry praise suggestion technical all
$ cs-report -d a.db audit --verify | cut -d, -f1
audit: 5 records
EOF

t 'bad arguments' <<'EOF'
$ sh "$TOP/scripts/gen" -b "$BIN" a.db 2000
! scripts/gen: a.db exists; give a new file
? 73
$ sh "$TOP/scripts/gen" -b "$BIN" x.db many
! scripts/gen: tickets and seed are whole numbers
? 64
$ sh "$TOP/scripts/gen" -b "$BIN" x.db 5
! scripts/gen: at least 10 tickets
? 64
$ sh "$TOP/scripts/gen" x.db
! usage: scripts/gen [-s seed] [-b bindir] database tickets
? 64
EOF

t 'the bench tools: the floor query and the timer taking turns' <<'EOF'
$ bench-floor query a.db "SELECT id, kind FROM orders WHERE id = ?" 3
3	membership
$ bench-floor batch a.db < /dev/null && echo done
done
$ bench-time -n 3 true ::: sh -c 'exit 0' | awk -F'\t' 'NF == 4 && $1 >= 0 && $4 > 0 { n++ } END { print n }'
2
$ bench-time -n 2 false
! bench-time: false: exit status 1
? 1
$ bench-time -n 0 true
! bench-time: -n 0: too small
? 64
EOF

done_testing
