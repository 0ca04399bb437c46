#!/bin/sh
# cs-ticket import takes a complexity column (simple or complex, as new
# -x): the promised reply of an imported complaint follows from it, from
# when the customer first got in touch.  An unknown value rejects its
# line, naming it, and imports nothing of it.
. "$(dirname "$0")/lib.sh"

t 'imported complaints are promised a reply by their complexity' <<'EOF'
$ printf 'customer_phone\tcustomer_name\tcategory\tkind\tsubject\tcreated_at\tcomplexity\n' > a.tsv
$ printf '13800138000\t张三\tcomplaint\tbusiness\t物流投诉\t2026-11-23 08:00\tsimple\n' >> a.tsv
$ printf '13900139000\t李四\tcomplaint\tbusiness\t发票投诉\t2026-11-23 08:00\tcomplex\n' >> a.tsv
$ printf '13700137000\t王五\tinquiry\t\t如何退票\t2026-11-23 08:00\t\n' >> a.tsv
$ cs-ticket import a.tsv
T1
T2
T3
$ cs-ticket ls -o id,complexity,promise_due
T1	simple	2026-11-23T20:00:00+08:00
T2	complex	2026-11-24T08:00:00+08:00
T3		
$ cs-ticket log -o action,detail T2 | grep -o '"complexity":"complex"'
"complexity":"complex"
EOF

t 'an unknown complexity is named with its line; nothing of the line is imported' <<'EOF'
$ printf 'customer_phone\tcustomer_name\tcategory\tkind\tsubject\tcomplexity\n' > b.tsv
$ printf '13600136000\t赵六\tcomplaint\tquality\t态度差\thard\n' >> b.tsv
$ printf '13500135000\t钱七\tcomplaint\tquality\t回复慢\tsimple\n' >> b.tsv
$ printf '13800138000\t\tcomplaint\tquality\t又一次\tSimple\n' >> b.tsv
$ cs-ticket import b.tsv
T4
! cs-ticket: b.tsv:2: unknown complexity "hard" (simple complex)
! cs-ticket: b.tsv:4: unknown complexity "Simple" (simple complex)
? 1
$ cs-ticket ls -o id,customer,complexity -g 态度差
$ sqlite3 "$CS_DB" 'select count(*) from customer; select count(*) from ticket'
4
4
$ dbhash > h0
$ cs-ticket import -A b.tsv
! cs-ticket: b.tsv:2: unknown complexity "hard" (simple complex)
! cs-ticket: b.tsv:4: unknown complexity "Simple" (simple complex)
! cs-ticket: b.tsv: nothing imported (-A)
? 65
$ dbhash h0
unchanged
EOF

done_testing
