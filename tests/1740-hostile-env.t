#!/bin/sh
# A hostile environment: stdout and stdin closed, a reader that goes
# away in the middle of a batch, a read-only database, a full disk and a
# file size limit, a broken cs.conf.  Each ends with its message and
# documented status (cs(7) EXIT STATUS), and the database as it was or
# in a state a rerun completes.  stdout to /dev/full and a closed pipe
# on a listing: tests/0400-ticket-output.t.
. "$(dirname "$0")/lib.sh"

# A user who cannot write what root can: tests may run as root in CI,
# where chmod stops nobody.
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		AS_OTHER='setpriv --reuid=65534 --regid=65534 --clear-groups --'
		chmod 711 "$ROOT"
	else
		AS_OTHER=none
	fi
else
	AS_OTHER=
fi
export AS_OTHER

t 'a desk to attack' <<'EOF2'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t9000\tpaid\t13800138000\t张三\n' | cs-order import
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
O1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t9000\t-1d\n' | CS_AGENT=fin cs-order import -P
P1
$ cs-ticket new -C 13800138000 inquiry 你好
T1
EOF2

t 'a closed stdout is refused before anything is done, by every program' <<'EOF2'
$ dbhash > h0
$ cs-ticket new -C 13800138000 inquiry 关闭 >&-
! cs-ticket: stdout: Bad file descriptor
? 74
$ printf 'ref:G1\t1\n' | cs-refund batch -r goodwill >&-
! cs-refund: stdout: Bad file descriptor
? 74
$ cs-order ls >&-
! cs-order: stdout: Bad file descriptor
? 74
$ cs-escalate ls >&-
! cs-escalate: stdout: Bad file descriptor
? 74
$ cs-report sla >&-
! cs-report: stdout: Bad file descriptor
? 74
$ cs-ticket -h >&-
! cs-ticket: stdout: Bad file descriptor
? 74
$ dbhash h0
unchanged
EOF2

t 'a full stdout after a change: the change is kept, the failure reported' <<'EOF2'
$ cs-ticket new -C 13800138000 inquiry 满 > /dev/full
! cs-ticket: stdout: No space left on device
? 74
$ printf 'ref:G1\t1\tfull\n' | cs-refund batch -r goodwill > /dev/full
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
! cs-refund: stdout: No space left on device
? 74
$ cs-ticket ls -o id,subject -g 满; cs-refund ls -o id,key
T2	满
R1	full
EOF2

t 'a closed stdin is an error for every reader of stdin, not an empty input' <<'EOF2'
$ dbhash > h0
$ cs-ticket close <&-
! cs-ticket: stdin: Bad file descriptor
? 66
$ cs-ticket note T1 <&-
! cs-ticket: stdin: Bad file descriptor
? 66
$ cs-ticket import <&-
! cs-ticket: stdin: Bad file descriptor
? 66
$ cs-refund batch -r goodwill <&-
! cs-refund: stdin: Bad file descriptor
? 66
$ cs-ticket ls -o id -n 1 <&-
T1
$ dbhash h0
unchanged
EOF2

# The batch commits every 500 lines and prints a chunk's IDs after its
# commit; when head has gone, the next write kills it (SIGPIPE, 141) or
# it finished first (0).  Either way whole chunks are committed, the
# audit chain holds, and a rerun applies exactly the lines left.
t '| head -1 in the middle of a batch leaves whole chunks, and a rerun completes it' <<'EOF2'
$ awk 'BEGIN { for (i = 1; i <= 1200; i++) printf "ref:G1\t0.01\tk%d\n", i }' > b.tsv
$ { cs-refund batch -r goodwill b.tsv 2>/dev/null; echo $? > st; } | head -n 1
R2
$ case $(cat st) in 0|141) echo ended;; *) cat st;; esac
ended
$ n=$(sqlite3 "$CS_DB" "select count(*) from refund where key like 'k%'"); case $n in 500|1000|1200) echo whole chunks;; *) echo "$n";; esac
whole chunks
$ sqlite3 "$CS_DB" 'pragma integrity_check'; cs-report audit --verify | grep -c 'chain intact'
ok
1
$ cs-refund batch -r goodwill b.tsv 2>&1 >/dev/null | awk '{ print $2 + $4 }'
1200
$ sqlite3 "$CS_DB" "select count(*), sum(amount) from refund where key like 'k%'"
1200|1200
EOF2


if [ "$AS_OTHER" = none ]; then
	skip 'a read-only database' 'running as root without setpriv(1)'
else
sqlite_t 'a read-only database: writes are 73, reads need the directory for the -shm file' 'a copy of its file, read-only' <<'EOF2'
$ mkdir ro && sqlite3 "$CS_DB" ".backup ro/cs.db" && chmod 0444 ro/cs.db && chmod 0555 ro
$ sh "$TOP/tests/dbhash" > h0 && CS_DB=ro/cs.db sh "$TOP/tests/dbhash" > r0
$ CS_DB=ro/cs.db $AS_OTHER cs-ticket new -C 13800138000 inquiry 只读
! cs-ticket: ro/cs.db: read-only database
? 73
$ printf 'ref:G1\t1\n' | CS_DB=ro/cs.db $AS_OTHER cs-refund batch -r goodwill
! cs-refund: ro/cs.db: read-only database
? 73
$ CS_DB=ro/cs.db $AS_OTHER cs-ticket ls -o id -n 1
! cs-ticket: ro/cs.db: cannot be read without write access to its directory (for its -shm file)
? 66
$ chmod 0777 ro
$ CS_DB=ro/cs.db $AS_OTHER cs-ticket ls -o id -n 1
T1
$ CS_DB=ro/cs.db $AS_OTHER cs-ticket close T1
! cs-ticket: ro/cs.db: read-only database
? 73
$ CS_DB=ro/cs.db dbhash r0
unchanged
EOF2
fi

# ulimit -f works for anyone, root too; SIGXFSZ is ignored by the
# programs, so the write fails with EFBIG.
sqlite_t 'a file size limit: the import is refused whole, the database as it was' 'its file under ulimit -f' <<'EOF2'
$ dbhash > h0
$ awk 'BEGIN { print "customer_phone\tcategory\tsubject"; for (i = 0; i < 1000; i++) printf "13800138000\tinquiry\t%0500d\n", i }' > big.tsv
$ sqlite3 cs.db 'pragma wal_checkpoint(truncate)' > /dev/null
$ s=$(( $(stat -c %s cs.db) / 512 + 200 )); ulimit -f $s; CS_DB=cs.db cs-ticket import -q big.tsv
! cs-ticket: cs.db: cannot write: File too large
? 74
$ dbhash h0
unchanged
EOF2

if mkdir -p "$TMP/full" && mount -t tmpfs -o size=600k tmpfs "$TMP/full" 2>/dev/null; then
sqlite_t 'a full disk: the import is refused whole, the database as it was' 'its file on a full tmpfs' <<'EOF2'
$ CS_DB=full/cs.db cs-ticket new -C 13800138000 -N 张三 inquiry 满了
T1
$ CS_DB=full/cs.db dbhash > f0
$ CS_DB=full/cs.db cs-ticket import -q big.tsv
! cs-ticket: full/cs.db: cannot write: No space left on device
? 74
$ CS_DB=full/cs.db dbhash f0
unchanged
$ sqlite3 full/cs.db 'pragma integrity_check'
ok
$ head -c 1000000 /dev/zero > full/fill 2>/dev/null; CS_DB=full/cs.db cs-ticket reply -m "$(awk 'BEGIN { for (i = 0; i < 6000; i++) printf "满了" }')" T1
! cs-ticket: full/cs.db: cannot write: No space left on device
? 74
$ CS_DB=full/cs.db dbhash f0
unchanged
EOF2
	umount "$TMP/full"
else
	skip 'a full disk' 'cannot mount a small tmpfs here'
fi

if mkdir -p "$TMP/rofs" && mount -t tmpfs -o size=1m tmpfs "$TMP/rofs" 2>/dev/null; then
sqlite_t 'a read-only file system: a change is 73, a read 66, each with its reason' 'its file on a read-only tmpfs' <<'EOF2'
$ CS_DB=rofs/cs.db cs-ticket new -C 13800138000 -N 张三 inquiry 只读
T1
$ mount -o remount,ro rofs
$ CS_DB=rofs/cs.db cs-ticket new -C 13800138000 inquiry 再一个
! cs-ticket: rofs/cs.db: cannot write: Read-only file system
? 73
$ CS_DB=rofs/cs.db cs-ticket ls -o id
! cs-ticket: rofs/cs.db: cannot be read without write access to its directory (for its -shm file)
? 66
$ CS_DB=rofs/new.db cs-ticket new -C 13800138000 -N 张三 inquiry 新库
! cs-ticket: rofs/new.db: Read-only file system
? 73
EOF2
	umount "$TMP/rofs"
else
	skip 'a read-only file system' 'cannot mount a tmpfs here'
fi

sqlite_t 'another program'"'"'s SQLite file is not made a desk, nor changed' 'a file of another program' <<'EOF2'
$ sqlite3 other.db 'create table t(x); insert into t values (1)'
$ sqlite3 other.db 'pragma journal_mode; select count(*) from sqlite_master' > o0
$ CS_DB=other.db cs-ticket new -C 13800138000 -N 张三 inquiry 不是我的库
! cs-ticket: other.db: not a cs database
? 65
$ CS_DB=other.db cs-ticket ls
! cs-ticket: other.db: not a cs database
? 65
$ sqlite3 other.db 'pragma journal_mode; select count(*) from sqlite_master' | cmp - o0 && echo unchanged
unchanged
EOF2

sqlite_t 'first writes racing on a new database all get in, none is told busy' 'a new file made by racing writers' <<'EOF2'
$ for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do CS_DB=race.db cs-ticket new -q -C 13800138000 -N 张三 inquiry "并发 $i" 2>> race.err & done; wait
$ cat race.err
$ cs-ticket -d race.db ls -o id | wc -l
16
EOF2

t 'a broken cs.conf: CRLF, BOM, NUL, invalid UTF-8, an escape, /dev/zero, a directory, a FIFO' <<'EOF2'
$ printf 'agent-env yes\r\nagent alice role agent\r\n' > a.conf; cs-ticket -c a.conf ls
! cs-ticket: a.conf:1: carriage return at end of line (CRLF file?)
? 78
$ printf '\357\273\277agent-env yes\nagent alice role agent\n' > a.conf; cs-ticket -c a.conf ls
! cs-ticket: a.conf:1: byte-order mark at the start (save as UTF-8 without BOM)
? 78
$ printf 'agent-env yes\nagent al\000ice role agent\n' > a.conf; cs-ticket -c a.conf ls
! cs-ticket: a.conf:2: NUL byte in line
? 78
$ printf 'agent-env yes\nagent alice role ag\300\257ent\n' > a.conf; cs-ticket -c a.conf ls
! cs-ticket: a.conf:2: invalid UTF-8
? 78
$ printf 'agent-env yes\ntimezone Asia/\033[2JShanghai\n' > a.conf; cs-ticket -c a.conf ls
! cs-ticket: a.conf:2: timezone Asia/\x1b[2JShanghai: unknown time zone
? 78
$ cs-ticket -c /dev/zero ls
! cs-ticket: /dev/zero: longer than 1048576 bytes
? 78
$ mkdir -p confdir; CS_CONF=confdir cs-ticket ls
! cs-ticket: confdir: Is a directory
? 78
$ mkfifo c.fifo; cat "$CS_CONF" > c.fifo & cs-ticket -c c.fifo ls -o id -n 1
T1
EOF2

# An import is one transaction and prints its IDs after the commit: a
# reader gone early never cuts it short.
t '| head -1 on an import: every line is imported' <<'EOF2'
$ awk 'BEGIN { print "customer_phone\tcategory\tsubject"; for (i = 0; i < 3000; i++) print "13800138000\tinquiry\tq" i }' | cs-ticket import | head -n 1
T3
$ cs-ticket ls -o id -g q | wc -l
3000
EOF2

done_testing
