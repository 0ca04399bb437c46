#!/bin/sh
# A shared desk on one host (cs(7), SHARED DESK): the programs setgid to
# the desk's group, the database closed to staff, the environment not
# trusted.  Needs root to make a group, a user and setgid files.
. "$(dirname "$0")/lib.sh"
sqlite_only 'the setgid file layout of a SQLite desk'

me=$(basename "$0")
skip() {
	echo "ok - $me: # skip shared desk: $*"
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root for a second user and setgid files"
for c in setpriv useradd groupadd userdel groupdel flock; do
	command -v $c > /dev/null || skip "needs $c"
done
case $(findmnt -no OPTIONS -T "$ROOT" 2>/dev/null) in
*nosuid*) skip "$ROOT is on a nosuid file system" ;;
esac

# The group and users are the machine's, not this run's: two suites run
# at once on one machine (two checkouts) take turns here.
exec 9> "${TMPDIR:-/tmp}/cs-test-1800-shared.lock"
flock 9 || skip "cannot lock ${TMPDIR:-/tmp}/cs-test-1800-shared.lock"

# A group of our own and two staff who are not in it.
made=
getent group cstest > /dev/null || { groupadd cstest && made="$made group"; }
for u in cstest-ann cstest-bob; do
	id "$u" > /dev/null 2>&1 ||
	    { useradd -M -N -g nogroup -s /bin/sh "$u" && made="$made $u"; }
done
cleanup() {
	for w in $made; do
		case $w in
		group)	groupdel cstest ;;
		*)	userdel "$w" ;;
		esac
	done
	rm -rf "$ROOT"
}
trap cleanup EXIT

# The programs, built to read their configuration from $ROOT/etc, and
# installed as a desk would: group cstest, setgid.
SHARED=$ROOT/shared
mkdir -p "$SHARED" "$ROOT/etc"
if ! make -s -C "$TOP" B="$ROOT/b" SYSCONFDIR="$ROOT/etc" CFLAGS=-O2 \
    "$ROOT/b/cs-ticket" "$ROOT/b/cs-escalate" "$ROOT/b/cs-refund" \
    > "$ROOT/make.log" 2>&1; then
	sed 's/^/# /' "$ROOT/make.log"
	echo "not ok - $me: build with SYSCONFDIR"
	exit 1
fi
cp "$ROOT/b/cs-ticket" "$ROOT/b/cs-escalate" "$ROOT/b/cs-refund" "$SHARED"
chgrp cstest "$SHARED"/cs-*
chmod 2755 "$SHARED"/cs-*
chmod 755 "$ROOT" "$TMP"
cat > "$ROOT/etc/cs.conf" <<EOF
database $TMP/desk/cs.db
database-group cstest
agent cstest-ann role agent
agent cstest-bob role agent
notify id -G > $TMP/pub/ids
EOF

# as USER COMMAND...: run as a member of staff, with a clean environment
# (no HOME, no CS_*), the shared programs first in PATH, and $TMP/ taken
# out of messages.
cat > "$ROOT/shared/as" <<EOF
#!/bin/sh
u=\$1
shift
setpriv --reuid="\$u" --regid=nogroup --clear-groups \\
    env -i PATH="$SHARED:/usr/bin:/bin" TZ=Asia/Shanghai LC_ALL=C.UTF-8 \\
    "\$@" 2> "$ROOT/as.err"
st=\$?
sed "s|$TMP/||g" "$ROOT/as.err" >&2
exit \$st
EOF
chmod 755 "$ROOT/shared/as"
PATH=$SHARED:$PATH
export ROOT
mkdir -m 1777 "$TMP/pub"

t 'the administrator makes the directory; staff create the database through the programs, 0660 whatever their umask' <<'EOF'
$ install -d -m 2770 -g cstest desk
$ as cstest-ann sh -c 'umask 077; cs-ticket new -C 13800138000 -N 张三 inquiry 发票怎么开'
T1
$ stat -c '%a %G %n' desk desk/cs.db desk/cs.db-wal desk/cs.db-shm
2770 cstest desk
660 cstest desk/cs.db
660 cstest desk/cs.db-wal
660 cstest desk/cs.db-shm
EOF

t 'staff cannot reach the database except through the programs' <<'EOF'
$ as cstest-ann cat desk/cs.db
! cat: desk/cs.db: Permission denied
? 1
$ as cstest-bob ls desk
! ls: cannot open directory 'desk': Permission denied
? 2
$ as cstest-bob cs-ticket ls -o id,subject
T1	发票怎么开
$ as cstest-ann cs-refund batch -r goodwill $PWD/desk/cs.db
! cs-refund: desk/cs.db: Permission denied
? 66
$ as cstest-ann cs-ticket import $PWD/desk/cs.db
! cs-ticket: desk/cs.db: Permission denied
? 66
EOF

t 'the environment chooses neither the agent, the clock, the database nor the configuration' <<'EOF'
$ as cstest-ann env CS_AGENT=cstest-bob CS_NOW='2020-01-01 10:00' CS_DB=$PWD/pub/other.db CS_CONF=/nonexistent cs-ticket new -C 13800138000 -k business complaint 没有退款
T2
$ sqlite3 desk/cs.db "select agent, user, created_at > 1735689600 from ticket join audit on record = 'T' || ticket.id and action = 'ticket.new' where ticket.id = 2"
cstest-ann|cstest-ann|1
$ ls pub
EOF

t '-d and -c give the group up first: those files are opened as the user' <<'EOF'
$ as cstest-ann cs-ticket -d desk/cs.db ls
! cs-ticket: desk/cs.db: Permission denied
? 66
$ printf 'database %s/desk/cs.db\nagent cstest-ann role admin\n' "$PWD" > pub/mine.conf
$ as cstest-ann cs-ticket -c pub/mine.conf ls
! cs-ticket: desk/cs.db: Permission denied
? 66
$ as cstest-ann cs-ticket -c pub/mine.conf -d pub/own.db new -C 13900139000 -N 李四 inquiry 自己的库
T1
$ stat -c '%a %U %G' pub/own.db
600 cstest-ann nogroup
EOF

t 'a symbolic link as the database is refused' <<'EOF'
$ ln -s cs.db desk/link.db
$ sed -i "s|^database .*|database $PWD/desk/link.db|" "$ROOT/etc/cs.conf"
$ as cstest-ann cs-ticket ls
! cs-ticket: desk/link.db: a symbolic link: refused, since cs runs setgid
? 77
$ as cstest-ann cs-ticket new -C 13800138000 inquiry 链接
! cs-ticket: desk/link.db: a symbolic link: refused, since cs runs setgid
? 77
$ sed -i "s|^database .*|database $PWD/desk/cs.db|" "$ROOT/etc/cs.conf"
$ as cstest-ann cs-ticket ls -o id
T1
T2
EOF

t 'the group is given up for good once the database is open' <<'EOF'
$ mkfifo pub/in
$ exec 3<> pub/in; as cstest-ann cs-refund batch -r goodwill < pub/in > pub/batch.out 3>&- &
> gid=$(getent group nogroup | cut -d: -f3); i=0
> while [ $i -lt 100 ]; do
> 	pid=$(pgrep -x -u cstest-ann cs-refund) && gids=$(awk '/^Gid:/ { print $2, $3, $4, $5 }' /proc/$pid/status)
> 	[ "$gids" = "$gid $gid $gid $gid" ] && break
> 	i=$((i + 1)); sleep 0.05
> done
> [ "$gids" = "$gid $gid $gid $gid" ] && echo "real, effective, saved and file-system group: the user's" || echo "Gid: $gids"
> exec 3>&-; wait
real, effective, saved and file-system group: the user's
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
EOF

t 'a sweep from a staff account escalates and notifies, as the user' <<'EOF'
$ sqlite3 desk/cs.db "update ticket set first_response_due = 1 where id = 1"
$ as cstest-bob cs-escalate sweep
E1	T1	1	first response overdue since 1970-01-01 08:00
$ [ "$(cat pub/ids)" = "$(getent group nogroup | cut -d: -f3)" ] && echo "notify ran with the user's groups only"
notify ran with the user's groups only
EOF

t 'without setgid, a configured group still gets 2770 directories and 0660 files whatever the umask' <<'EOF'
$ printf 'database-group cstest\nagent root role admin\n' > pub/group.conf
$ sh -c 'umask 077; CS_DB=$PWD/new/sub/cs.db CS_CONF=pub/group.conf CS_AGENT=root $BIN/cs-ticket new -C 13800138000 -N 王五 inquiry 新库'
T1
$ stat -c '%a %G %n' new new/sub new/sub/cs.db
2770 cstest new
2770 cstest new/sub
660 cstest new/sub/cs.db
EOF

done_testing
