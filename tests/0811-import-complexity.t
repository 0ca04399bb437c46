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

t 'imported again with other fields: each field not taken is named; the ticket keeps its own' <<'EOF'
$ printf 'ref\tcustomer_phone\tcustomer_name\tcategory\tkind\tpriority\tchannel\tsubject\tcreated_at\tcomplexity\n' > h.tsv
$ cp h.tsv r.tsv; printf 'Z1\t13800138000\t张三\tcomplaint\tbusiness\tnormal\tphone\t物流投诉\t2026-11-23 08:00\tsimple\n' >> r.tsv
$ cs-ticket import r.tsv
T5
$ dbhash > h1
$ cs-ticket import r.tsv
$ cp h.tsv r2.tsv; printf 'Z1\t13800138000\t张小三\tcomplaint\tquality\turgent\tchat\t物流投诉\t2026-11-23 09:00\tcomplex\n' >> r2.tsv
$ cs-ticket import r2.tsv
! cs-ticket: r2.tsv:2: ref Z1: already T5; the line's created_at, channel, priority, kind, complexity not taken (T5 keeps its own)
$ dbhash h1
unchanged
$ cs-ticket ls -o id,kind,priority,channel,complexity,created | grep T5
T5	business	normal	phone	simple	2026-11-23T08:00:00+08:00
$ cp h.tsv r3.tsv; printf 'Z1\t13800138000\t\tcomplaint\tbusiness\t\t\t物流投诉\t\t\n' >> r3.tsv
$ cs-ticket import r3.tsv
$ sed 's/business/-/' r3.tsv > r5.tsv; cs-ticket import r5.tsv
! cs-ticket: r5.tsv:2: unknown complaint kind "-" (quality business)
? 65
$ cs-ticket set -k quality T5
T5
$ cs-ticket import r2.tsv 2>&1 | sed 's/.*the line/the line/'
the line's created_at, channel, priority, complexity not taken (T5 keeps its own)
$ cs-ticket complexity complex T5
T5
$ cs-ticket set -p high T5
T5
$ cs-ticket import r.tsv
$ cs-ticket import r2.tsv 2>&1 | sed 's/.*the line/the line/'
the line's created_at, channel not taken (T5 keeps its own)
$ cp h.tsv r4.tsv; printf 'Z1\t13800138000\t\tcomplaint\tbusiness\tbogus\tfax\t物流投诉\t2026-11-23 08:00\tweird\n' >> r4.tsv
$ dbhash > h2
$ cs-ticket import r4.tsv
! cs-ticket: r4.tsv:2: unknown priority "bogus" (low normal high urgent)
? 65
$ dbhash h2
unchanged
EOF

done_testing
