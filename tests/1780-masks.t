#!/bin/sh
# Personal data on the screen: masks that hide, -U only where it shows
# something, and chart labels measured as printed.
. "$(dirname "$0")/lib.sh"

t 'a one-character name is masked whole, as a longer one keeps only its first' <<'EOF'
$ cs-ticket new -C 13900139000 -N 李 inquiry 你好 >/dev/null
$ cs-ticket new -C 13800138000 -N 张三 inquiry 你好 >/dev/null
$ cs-order customer add -N A -p 13700137000 >/dev/null
$ cs-ticket ls -o id,name
T1	*
T2	张*
$ cs-order customer ls -o name,phone
*	139****9000
张*	138****8000
*	137****7000
$ cs-ticket show T1 | grep '^name'
name         *
$ CS_AGENT=root cs-ticket show -U T1 | grep '^name'
name         李
EOF

t '-U on a command that shows no masked data is a usage error, and audits nothing' <<'EOF'
$ cs-ticket new -C 13900139000 -N 李 inquiry 你好 >/dev/null
$ cs-report audit -o agent,action | grep -c data.unmask
1
$ dbhash > before
$ CS_AGENT=root cs-report sla -U
! cs-report: sla: -U: this command shows no masked personal data
! usage: cs-report sla [-g category|kind|queue|agent|tier|channel] [--since time] [--until time] [--day|--week|--month date] [--chart]
? 64
$ CS_AGENT=root cs-report -U volume
! cs-report: volume: -U: this command shows no masked personal data
! usage: cs-report volume [-b day|hour] [--since time] [--until time] [--day|--week|--month date] [--chart]
? 64
$ CS_AGENT=root cs-order --unmask check
! cs-order: check: -U: this command shows no masked personal data
! usage: cs-order check [--dup] [--failed] [--stuck] [--unpaid]
? 64
$ CS_AGENT=root cs-ticket reply -U -m hi T1
! cs-ticket: reply: -U: this command shows no masked personal data
! usage: cs-ticket reply [-F reason] [-m text | -t template] [ID ...]
? 64
$ dbhash | cmp - before
$ CS_AGENT=root cs-ticket ls -U -o id,name -n 1
T1	李
$ cs-report audit -o agent,action | grep -c data.unmask
2
EOF

t 'chart labels line up after escaping: tabs, escapes, wide and combining characters' <<'EOF'
$ cs-ticket new -C 13900139000 -k quality complaint 'a	b' >/dev/null
$ cs-ticket new -C 13900139000 -k quality complaint "$(printf 'e\033[31mred')" >/dev/null
$ cs-ticket new -C 13900139000 -k quality complaint "$(printf 'e\314\201 combining')" >/dev/null
$ cs-ticket new -C 13900139000 -k quality complaint 日本語の長い件名 >/dev/null
$ cs-report hotspots -t complaint --chart | sed 's/[█▏▎▍▌▋▊▉].*//' > labels
$ while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done < labels | sort -u
28
$ sed 's/ *$//' labels
category complaint/quality
subject a\tb
subject e\x1b[31mred
subject é combining
subject 日本語の長い件名
EOF

done_testing
