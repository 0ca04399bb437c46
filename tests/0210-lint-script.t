#!/bin/sh
# The forbidden-phrase lint sees through the script and invisible
# characters: traditional characters are folded to simplified (OpenCC),
# zero-width and other format characters are ignored, and the deck's
# phrases with a gap (我不清楚…你找) are caught.
. "$(dirname "$0")/lib.sh"

t 'set up a ticket' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
T1
EOF

t 'a forbidden phrase in traditional characters is the same phrase' <<'EOF'
$ cs-ticket reply -m '這不歸我管，你找別人。' T1
! cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
? 65
$ cs-ticket reply -m '你問我，我問誰？' T1
! cs-ticket: T1: reply contains the forbidden phrase "你问我,我问谁"
? 65
$ printf 'forbid 隨便你\n' >> cs.conf
$ cs-ticket reply -m '那就随便你吧' T1
! cs-ticket: T1: reply contains the forbidden phrase "隨便你"
? 65
EOF

t 'zero-width and other format characters do not hide a phrase' <<'EOF'
$ for c in '\342\200\213' '\342\200\215' '\342\201\240' '\302\255' '\357\273\277'; do cs-ticket reply -m "$(printf "这不${c}归我${c}管")" T1; echo $?; done 2>&1
cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
65
cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
65
cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
65
cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
65
cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
65
EOF

t 'the deck phrases with a gap are caught within a sentence' <<'EOF'
$ cs-ticket reply -m '我不清楚，我不知道，你找客服中心问。' T1
! cs-ticket: T1: reply contains the forbidden phrase "我不清楚…你找"
? 65
$ cs-ticket reply -m '不是我受理的，我不清楚，您拨客服电话。' T1
! cs-ticket: T1: reply contains the forbidden phrase "我不清楚…您拨"
? 65
$ cs-ticket reply -m '我查不到，你拨12306去查。' T1
! cs-ticket: T1: reply contains the forbidden phrase "我查不到…你拨"
? 65
$ cs-ticket reply -m '您好，这个不是我受理的工单。' T1
! cs-ticket: T1: reply contains the forbidden phrase "不是我受理的"
? 65
$ cs-ticket reply -m '我不清楚您的订单号。您找到发票了吗？' T1
T1
$ sqlite3 "$CS_DB" "select count(*) from reply where ticket_id = 1"
1
EOF

t 'cs-report config lists the built-in phrases with their gaps' <<'EOF'
$ cs-report config | grep -c '^# built-in: forbid .*…'
8
$ cs-report config | grep '^forbid'
forbid 隨便你
EOF

done_testing
