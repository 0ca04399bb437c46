#!/bin/sh
# Output forms, the database file, agents and permissions.
. "$(dirname "$0")/lib.sh"

t 'a read on a missing database is 66 and creates nothing' <<'EOF'
$ cs-ticket -d none.db ls
! cs-ticket: none.db: no such database (nothing has been recorded yet)
? 66
$ CS_DB=none.db cs-ticket log T1
! cs-ticket: none.db: no such database (nothing has been recorded yet)
? 66
$ cs-ticket -d sub/dir/x.db show T1
! cs-ticket: sub/dir/x.db: no such database (nothing has been recorded yet)
? 66
$ ls
cs.conf
EOF

t 'the first change creates the database, owner-only, with its directories' <<'EOF'
$ cs-ticket -d sub/dir/x.db new -C 13800138000 -N 张三 inquiry 你好
T1
$ stat -c %a sub/dir/x.db sub/dir
600
700
$ sqlite3 sub/dir/x.db 'pragma user_version; pragma journal_mode'
27
wal
EOF

t 'a configured group shares a new database' <<'EOF'
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\ndatabase-group root\n' > group.conf
$ cs-ticket -c group.conf -d shared.db new -C 13800138000 -N 张三 inquiry 你好
T1
$ stat -c '%a %G' shared.db
660 root
$ printf 'agent-env yes\nclock-env replay\ndatabase-group no-such-group-here\n' > nogroup.conf
$ cs-ticket -c nogroup.conf -d other.db new -C 13800138000 -N 张三 inquiry 你好
! cs-ticket: database-group no-such-group-here: no such group
? 78
EOF

t 'CS_DB, -d and XDG_DATA_HOME choose the file' <<'EOF'
$ env -u CS_DB XDG_DATA_HOME=$PWD/xdg cs-ticket new -C 13800138000 -N 张三 inquiry 你好
T1
$ env -u CS_DB -u XDG_DATA_HOME HOME=$PWD/home cs-ticket new -C 13800138000 -N 张三 inquiry 你好
T1
$ ls xdg/cs home/.local/share/cs | grep -c cs.db
2
EOF

t 'a table on a terminal aligns Chinese text by display width' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 你好 >/dev/null
$ cs-ticket new -C 13800138000 -p high complaint -k quality 客服态度恶劣 >/dev/null
$ cs-ticket new -C 13900139000 -N Li -w app inquiry 'refund status?' >/dev/null
$ cs-ticket new -C 13700137000 -N 欧阳娜娜 -w chat praise 谢谢 >/dev/null
$ script -qec 'cs-ticket ls -o id,priority,name,phone,subject,channel' /dev/null | tr -d '\r'
 ID  PRIORITY  NAME   PHONE        SUBJECT         CHANNEL
 T1  normal    张*    138****8000  你好            phone
 T2  high      张*    138****8000  客服态度恶劣    phone
 T3  normal    L*     139****9000  refund status?  app
 T4  normal    欧***  137****7000  谢谢            chat
EOF

t 'TSV in a pipe, with -H a header; JSON Lines with -j' <<'EOF'
$ cs-ticket ls -H -o id,name,phone -n 2
id	name	phone
T1	张*	138****8000
T2	张*	138****8000
$ cs-ticket ls -j -o id,category,kind,order,created -n 2
{"id":"T1","category":"inquiry","kind":null,"order":null,"created":"2026-11-23T10:00:00+08:00"}
{"id":"T2","category":"complaint","kind":"quality","order":null,"created":"2026-11-23T10:00:00+08:00"}
$ cs-ticket ls -o id,nosuch
! cs-ticket: -o: unknown column "nosuch"
! columns: id status category kind priority channel customer order assignee subject created updated name phone responded resolved satisfaction sla first_response_due resolve_due update_due breached needs ref complexity promise_due
? 64
EOF

t 'filters: status, category, priority, channel, time, text, sort, limit' <<'EOF'
$ cs-ticket ls -o id -p high
T2
$ cs-ticket ls -o id -w chat,app 2>&1 | head -n 1
cs-ticket: -w chat,app: unknown value; one of:
$ cs-ticket ls -o id -t praise -w chat
T4
$ cs-ticket ls -o id -S '2026-11-23 10:00' -u '2026-11-23 10:01' -r -id -n 2
T4
T3
$ cs-ticket ls -o id -S tomorrow
! cs-ticket: -S tomorrow: not a time
? 64
$ cs-ticket ls -o id -g '%'
$ cs-ticket ls -o id -g status?
T3
$ cs-ticket ls -o id -s open,closed -r priority -n 2
T2
T1
$ cs-ticket ls -o id -s shut
! cs-ticket: -s shut: unknown value; one of:
!  open pending resolved closed
? 64
$ cs-ticket ls -o id -s open,shut
! cs-ticket: -s shut: unknown value; one of:
!  open pending resolved closed
? 64
$ cs-ticket ls -o id -s open,pending,resolved,closed,open
! cs-ticket: -s: at most four statuses
? 64
$ cs-ticket ls -o id -s open,pending,resolved,closed -n 1 -r -id
T4
$ cs-ticket ls -o id -r colour
! cs-ticket: -r colour: unknown sort key; one of: id created updated priority (a leading - reverses)
? 64
$ cs-ticket ls -o id -C 13900139000
T3
$ cs-ticket ls -o id -n 0
! cs-ticket: -n 0: too small
? 64
EOF

t 'stdout to /dev/full is an error, not a short report' <<'EOF'
$ cs-ticket ls > /dev/full
! cs-ticket: stdout: No space left on device
? 74
$ cs-ticket show T1 > /dev/full
! cs-ticket: stdout: No space left on device
? 74
EOF

t 'a closed pipe ends quietly' <<'EOF'
$ awk 'BEGIN { print "customer_phone\tcategory\tsubject"; for (i = 0; i < 3000; i++) print "13800138000\tinquiry\tq" i }' | cs-ticket import -q
$ cs-ticket ls | head -n 1
T1	open	inquiry		normal	phone	C1			你好	2026-11-23T10:00:00+08:00	
EOF

t '--unmask needs a role that allows it and is audited' <<'EOF'
$ cs-ticket ls --unmask -o id,phone -n 1
! cs-ticket: --unmask: not permitted for alice
? 77
$ CS_AGENT=carol cs-ticket ls --unmask -o id,name,phone -n 1
T1	张三	13800138000
$ sqlite3 "$CS_DB" "select agent, action, detail from audit where action = 'data.unmask'"
carol|data.unmask|{"command":"cs-ticket ls","shown":"phone,name","customers":1,"customer_ids":"C1","records":0}
EOF

t 'agents: CS_AGENT only where allowed, strangers refused' <<'EOF'
$ CS_AGENT=mallory cs-ticket ls -o id -n 1
! cs-ticket: mallory is not an agent in the configuration
? 77
$ printf 'agent alice role agent\n' > strict.conf
$ cs-ticket -c strict.conf ls
! cs-ticket: CS_AGENT=alice: not allowed by the configuration (agent-env no)
? 77
$ sqlite3 "$CS_DB" "select distinct user from audit" | grep -c .
1
EOF

t 'configuration errors name the file and line' <<'EOF'
$ printf 'agent-env yes\ncolour blue\n' > bad.conf
$ cs-ticket -c bad.conf ls
! cs-ticket: bad.conf:2: unknown keyword "colour"
? 78
$ CS_CONF=nosuch.conf cs-ticket ls
! cs-ticket: nosuch.conf: configuration file: No such file or directory
? 78
$ cs-ticket new -C 13800138000 -c chat inquiry 问题
! cs-ticket: chat: configuration file: No such file or directory
? 78
EOF

t 'a bad CS_NOW is a usage error' <<'EOF'
$ CS_NOW=yesterday cs-ticket ls
! cs-ticket: CS_NOW=yesterday: not a time
? 64
EOF

done_testing
