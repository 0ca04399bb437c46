#!/bin/sh
# -j on every command that prints records: the shows of disputes,
# invoices, grants and incidents, the audit's verification and the
# reports asked for a chart print JSON Lines; an audit detail is a JSON
# object in them, not a string holding JSON.
. "$(dirname "$0")/lib.sh"

t 'a dispute, an invoice, a grant and an incident' <<'EOF'
$ cs-order customer add -N 王五 -p 13712345678 -t vip2 >/dev/null
$ CS_AGENT=fin cs-order add -C 15811112222 -N 钱七 -T TX9 goods 50 G9 >/dev/null
$ cs-ticket new -C 15811112222 -O ref:G9 -k quality complaint 货不对板
T1
$ cs-order customer set -r seller C1 >/dev/null
$ cs-ticket dispute open -P tel:13712345678 T1 >/dev/null
$ cs-ticket dispute say -s counterparty -m 卖家称已发货 D1 >/dev/null
$ cs-order invoice request -n 某某科技 -a 深圳 -p 13712345678 -r 王五 O1 >/dev/null
$ cs-refund grant add -t coupon -r compensation tel:13712345678 10 >/dev/null
$ cs-escalate incident open -s high -D tech -m 支付故障 支付系统故障 >/dev/null
$ cs-escalate incident link N1 T1 >/dev/null
EOF

t 'their shows print one JSON object each with -j' <<'EOF'
$ cs-ticket dispute show -j D1
{"dispute":"D1","stage":"opened","ticket":"T1","order":"O1","ref":"G9","customer":"C2","customer_role":"","counterparty":"C1","counterparty_role":"seller","escalation":null,"escalation_status":null,"decision":null,"to_customer":null,"to_counterparty":null,"why":null,"decided_by":null,"decided":null,"opened_by":"alice","opened":"2026-11-23T10:00:00+08:00","stage_since":"2026-11-23T10:00:00+08:00","closed":null,"currency":"CNY","statements":[{"at":"2026-11-23T10:00:00+08:00","side":"counterparty","evidence":0,"agent":"alice","body":"卖家称已发货"}],"history":[{"at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"dispute.open","detail":{"ticket":"T1","order":"O1","customer":"C2","counterparty":"C1","role":"seller"}},{"at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"dispute.say","detail":{"side":"counterparty","statement":"卖家称已发货"}}]}
$ cs-order invoice show -j I1
{"id":"I1","order":"O1","ref":"G9","company":"某某科技","address":"深圳","phone":"137****5678","contact":"王*","amount":"50.00","tax":"3.00","postage":"50.00","total":"103.00","status":"requested","requested":"2026-11-23T10:00:00+08:00","number":null,"tracking":null,"tax_rate":6.00,"history":[{"at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"invoice.request","detail":{"order":"O1","company":"某某科技","total":"103.00"}}]}
$ cs-refund grant show -j G1
{"grant":"G1","customer":"C1","order":null,"kind":"coupon","value":"10.00","worth":"10.00","status":"approved","reason":"compensation","expires":"2026-12-23T10:00:00+08:00","key":"C1:coupon:1000:compensation","note":null,"requested":"alice","decided":"alice","created":"2026-11-23T10:00:00+08:00","updated":"2026-11-23T10:00:00+08:00","history":[{"at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"grant.request","detail":{"customer":"C1","kind":"coupon","value":"10.00","worth":"10.00","expires":"2026-12-23T10:00:00+08:00","reason":"compensation","key":"C1:coupon:1000:compensation","status":"approved"}}]}
$ cs-escalate incident show -j N1
{"id":"N1","severity":"high","status":"open","tickets":1,"departments":"tech","title":"支付系统故障","opened":"2026-11-23T10:00:00+08:00","closed":null,"opened_by":"alice","description":"支付故障","linked":[{"id":"T1","status":"open","subject":"货不对板"}],"history":[{"at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"incident.open","detail":{"title":"支付系统故障","severity":"high","departments":"tech"}},{"at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"incident.link","detail":{"ticket":"T1"}}]}
EOF

t 'the audit detail is an object; --verify and a chart print JSON with -j' <<'EOF'
$ cs-report audit -j T1
{"record":"T1","at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"ticket.new","detail":{"customer":"C2","order":"O1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"货不对板"}}
{"record":"T1","at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"ticket.incident","detail":{"incident":"N1"}}
$ cs-ticket log -j T1
{"record":"T1","at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"ticket.new","detail":{"customer":"C2","order":"O1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"货不对板"}}
{"record":"D1","at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"dispute.open","detail":{"ticket":"T1","order":"O1","customer":"C2","counterparty":"C1","role":"seller"}}
{"record":"D1","at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"dispute.say","detail":{"side":"counterparty","statement":"卖家称已发货"}}
{"record":"N1","at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"incident.open","detail":{"title":"支付系统故障","severity":"high","departments":"tech"}}
{"record":"T1","at":"2026-11-23T10:00:00+08:00","agent":"alice","action":"ticket.incident","detail":{"incident":"N1"}}
{"record":"T1","at":"2026-11-23T10:30:00+08:00","agent":null,"action":"due.first_response","detail":{"sla":"quality-complaint","met":"pending"}}
{"record":"T1","at":"2026-11-23T12:00:00+08:00","agent":null,"action":"due.resolve","detail":{"sla":"quality-complaint","met":"pending"}}
$ cs-report audit --verify -j | sed 's/"last":"[0-9a-f]*"/"last":"…"/'
{"records":14,"intact":true,"last":"…"}
$ cs-report volume --chart -j | head -n 1
{"period":"2026-11-17","tickets":0,"complaints":0}
$ cs-report volume --chart -M csv | head -n 2 | tr -d '\r'
period,tickets,complaints
2026-11-17,0,0
EOF
done_testing
