#!/bin/sh
# -F sends a reply past the lint: only for a role the configuration
# allows (force-reply), only with a reason, and the audit keeps both.
. "$(dirname "$0")/lib.sh"

t 'set up a ticket' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
T1
EOF

t 'an agent may not send past the lint' <<'EOF'
$ cs-ticket reply -F 客户要求 -m '这不归我管' T1
! cs-ticket: -F: not permitted for alice (force-reply in the configuration)
? 77
$ cs-ticket reply -F 客户要求 -m '您好' T1
! cs-ticket: -F: not permitted for alice (force-reply in the configuration)
? 77
$ sqlite3 "$CS_DB" "select count(*) from reply"
0
EOF

t 'a supervisor may, with a reason' <<'EOF'
$ CS_AGENT=carol cs-ticket reply -m '这不归我管' T1
! cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
? 65
$ CS_AGENT=carol cs-ticket reply -F '  ' -m '这不归我管' T1
! cs-ticket: -F: say why it is sent anyway
? 65
$ CS_AGENT=carol cs-ticket reply -F 客户原话转述，经主管同意 -m '您说的“这不归我管”已记录' T1
T1
$ cs-ticket log -o agent,action,detail T1 | grep -v '	due\.' | tail -1
carol	ticket.reply	{"reply":1,"first_response":"yes","forced":"这不归我管","role":"supervisor","reason":"客户原话转述，经主管同意"}
EOF

t 'force-reply names the roles' <<'EOF'
$ cs-report config | grep '^force-reply'
force-reply supervisor,manager,admin
$ printf 'force-reply agent\n' >> cs.conf
$ cs-ticket reply -F 测试 -m '这不归我管' T1
T1
$ cs-ticket log -o action,agent,detail T1 | grep -v '^due\.' | tail -1 | cut -f2-
alice	{"reply":2,"forced":"这不归我管","role":"agent","reason":"测试"}
$ printf 'force-reply nobody\n' >> cs.conf
$ cs-ticket reply -m hi T1 2>&1 | sed 's/^.*cs.conf:/cs.conf:/'
cs.conf:10: usage: force-reply ROLE[,ROLE...]
EOF

done_testing
