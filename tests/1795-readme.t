#!/bin/sh
# The README's "use the demo desk yourself" and its tour, run as written,
# in order, on the demo desk (tests/readme-tour reads them out of it).
. "$(dirname "$0")/lib.sh"

t 'the README'"'"'s tour runs as written on the demo desk' <<'EOF'
$ CS_DEMO_DIR=$PWD/demo sh "$TOP/scripts/demo" "$BIN" > /dev/null 2>&1; echo $?
0
$ ln -s "$BIN" build && env -u CS_DB -u CS_CONF -u CS_AGENT -u CS_NOW sh "$TOP/tests/readme-tour" "$TOP/README.md" | sed 's/^[0-9]* commands/N commands/'
N commands ran as written
EOF

t 'a command that does not run as written is named, with what it printed' <<'EOF'
$ CS_DEMO_DIR=$PWD/demo sh "$TOP/scripts/demo" "$BIN" > /dev/null 2>&1; echo $?
0
$ sed 's/-r 客户不接受道歉 T302/-r 客户不接受道歉 T9999/' "$TOP/README.md" > readme.md
$ ln -sfn "$BIN" build && env -u CS_DB -u CS_CONF -u CS_AGENT -u CS_NOW sh "$TOP/tests/readme-tour" readme.md | sed -n 1,5p
not as written: $ cs-escalate raise -l 2 -r 客户不接受道歉 T9999
	1c1
	< E210
	---
	> cs-escalate: T9999: no such ticket
EOF

done_testing
