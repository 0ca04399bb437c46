#!/bin/sh
# The conventions of the tools users know: --version, the user's own
# configuration under XDG_CONFIG_HOME, bash completion, an example
# configuration that loads.
. "$(dirname "$0")/lib.sh"

t '--version names the program, the release and the schema, and opens no database' <<'EOF'
$ for p in cs-ticket cs-order cs-refund cs-escalate cs-report; do $p --version; done | sed 's/[0-9][0-9]*/N/g'
cs-ticket (cs) N.N.N, schema N
cs-order (cs) N.N.N, schema N
cs-refund (cs) N.N.N, schema N
cs-escalate (cs) N.N.N, schema N
cs-report (cs) N.N.N, schema N
$ cs-order ls --version | sed 's/[0-9][0-9]*/N/g'
cs-order (cs) N.N.N, schema N
$ ls cs.db
! ls: cannot access 'cs.db': No such file or directory
? 2
$ cs-ticket new -q -C 13800138000 -N 张三 inquiry 问题
$ test "$(cs-report --version | sed 's/.*schema //')" = "$(sqlite3 "$CS_DB" 'PRAGMA user_version')" && echo same
same
EOF

t '-V is not --version: git and gh spell it out too' <<'EOF'
$ cs-ticket -V 2>&1 | head -n 1
cs-ticket: unknown option -V
EOF

t 'the user'"'"'s own configuration sits between CS_CONF and /etc/cs.conf' <<'EOF'
$ mkdir -p h/.config/cs x/cs && echo 'timezone Europe/Berlin' > h/.config/cs/cs.conf && echo 'timezone Asia/Tokyo' > x/cs/cs.conf
$ env -u CS_CONF -u CS_AGENT HOME="$PWD/h" cs-report config | sed -n 1,2p | sed "s|$PWD|.|"
# ./h/.config/cs/cs.conf
timezone Europe/Berlin
$ env -u CS_CONF -u CS_AGENT HOME="$PWD/h" XDG_CONFIG_HOME="$PWD/x" cs-report config | sed -n 2p
timezone Asia/Tokyo
$ env -u CS_CONF -u CS_AGENT HOME="$PWD/h" XDG_CONFIG_HOME=x cs-report config | sed -n 2p
timezone Europe/Berlin
$ env -u CS_AGENT HOME="$PWD/h" XDG_CONFIG_HOME="$PWD/x" cs-report config | sed -n 1,2p | sed "s|$PWD|.|"
# ./cs.conf
timezone Asia/Shanghai
$ env -u CS_CONF -u CS_AGENT -u HOME -u XDG_CONFIG_HOME cs-report config | grep -c '/h/\|/x/'
0
? 1
EOF

t 'a broken user file is an error naming it, not skipped' <<'EOF'
$ mkdir -p h/.config/cs && echo 'timezone Mars/Olympus' > h/.config/cs/cs.conf
$ env -u CS_CONF -u CS_AGENT HOME="$PWD/h" cs-report config 2>&1 | sed "s|$PWD|.|"
cs-report: ./h/.config/cs/cs.conf:1: timezone Mars/Olympus: unknown time zone
EOF

t 'completion: programs'"'"' subcommands, a parent'"'"'s actions, options from the usage' <<'EOF'
$ complete cs-ticket '' | paste -sd ' '
assign callback close complexity dispute exam import log ls merge new note pend reopen reply resolve set show
$ complete cs-ticket re | paste -sd ' '
reopen reply resolve
$ complete cs-ticket dispute '' | paste -sd ' '
close decide intervene ls negotiate open say show
$ complete cs-ticket - | paste -sd ' '
-H -j -q -U -c -d -M -o --help --version
$ complete cs-ticket ls --b
--breached
$ complete cs-report sla -g '' | paste -sd ' '
category kind queue agent tier channel
$ complete cs-ticket dispute decide -f s
split
EOF

t 'completion: values from the configuration, and the first argument of new and assign' <<'EOF'
$ complete cs-ticket ls -a '' | paste -sd ' '
alice bob carol fin root
$ complete cs-ticket assign c
carol
$ complete cs-ticket assign carol ''
$ complete cs-ticket new -C 13800138000 com
complaint
$ complete cs-ticket new -C 13800138000 complaint ''
$ complete cs-escalate raise -D t
tech
EOF

t 'completion offers exactly the values each program accepts' <<'EOF'
$ cs-ticket new -q -C 13800138000 -N 张三 inquiry 问题
$ for o in t k p w s; do complete cs-ticket ls -$o '' | paste -sd ' '; cs-ticket ls -$o bogus 2>&1 | sed -n '2s/^ //p'; done | uniq -c | awk '{ print $1 }' | paste -sd ' '
2 2 2 2 2
$ for p in 'cs-refund ls -s' 'cs-escalate ls -s' 'cs-order ls -k'; do complete $p '' | paste -sd ' '; $p bogus 2>&1 | sed 's/.*(//; s/)$//'; done | uniq -c | awk '{ print $1 }' | paste -sd ' '
2 2 2
$ for c in $(complete cs-ticket new -C 13800138000 ''); do k=; [ $c = complaint ] && k='-k quality'; cs-ticket new -q -C 13800138000 $k $c x || echo "$c refused"; done; echo checked
checked
EOF

t 'the example configuration loads as it is installed' <<'EOF'
$ env -u CS_AGENT cs-report -c "$TOP/data/cs.conf.example" config | grep -c '^agent '
5
EOF
