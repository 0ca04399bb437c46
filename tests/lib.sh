# tests/lib.sh: transcript tests.  Sourced by each tests/NNNN-topic.t.
#
# A test is a name and a transcript on stdin:
#
#	t 'a reply to a closed ticket is refused' <<'EOF'
#	$ cs-ticket reply -m 您好 T1
#	! cs-ticket: T1 is closed: reopen it before replying
#	? 65
#	EOF
#
# "$ " starts a command (run by sh in the test's own directory, stdin
# /dev/null); "> " continues it on a new line; plain lines are the
# expected stdout; "! " lines the expected stderr; "? N" the expected
# exit status (0 if absent).  Every command of a transcript must match
# exactly.  A status above 128 (a crash, a sanitizer abort) always fails.
#
# Each .t file gets a fresh directory with its own database, a
# configuration with a few agents, a fixed clock and time zone.

set -u
: "${BIN:?BIN must name the build directory}"
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TESTS=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$TESTS")
ROOT=$(mktemp -d "${TMPDIR:-/tmp}/cs-test.XXXXXX")
trap 'rm -rf "$ROOT"' EXIT
TMP=$ROOT/work		# where the commands run
mkdir "$TMP" "$ROOT/t" "$ROOT/bin"
# dbhash: the database's content hash, to show a refused command changed
# nothing (tests/dbhash).
ln -s "$TESTS/dbhash" "$ROOT/bin/dbhash"
# old-trail: a trail as a cs before row states wrote it (tests/old-trail).
ln -s "$TESTS/old-trail" "$ROOT/bin/old-trail"
# complete: what the bash completion offers (tests/complete).
ln -s "$TESTS/complete" "$ROOT/bin/complete"
PATH=$BIN:$TOP/scripts:$ROOT/bin:$PATH
CS_DB=$TMP/cs.db
# On PostgreSQL (tests/run -p, scripts/pg-cluster): a database of the
# file's own, made from the template with the schema, dropped at exit;
# sqlite3 "$CS_DB" ... runs its SQL there with psql (tests/sql).
CS_PGDB=
if [ -n "${CS_PG_TEMPLATE:-}" ]; then
	CS_PGDB=t_$(basename "$0" .t | tr -c 'a-zA-Z0-9\n' _)_$$
	CS_PGDB=$(printf %s "$CS_PGDB" | tr 'A-Z-' 'a-z_')
	if ! psql -X -q -d postgres -c "CREATE DATABASE $CS_PGDB TEMPLATE $CS_PG_TEMPLATE" > /dev/null; then
		echo "not ok - $(basename "$0"): cannot make its PostgreSQL database"
		exit 1
	fi
	trap 'rm -rf "$ROOT"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $CS_PGDB WITH (FORCE)" > /dev/null' EXIT
	CS_DB="host=$PGHOST user=${PGUSER:-cs} dbname=$CS_PGDB"
	ln -s "$TESTS/sql" "$ROOT/bin/sqlite3"
fi
ln -s "$TESTS/sql" "$ROOT/bin/sql"
# fresh-db: the database emptied, on either backend (tests/fresh-db).
ln -s "$TESTS/fresh-db" "$ROOT/bin/fresh-db"
CS_CONF=$TMP/cs.conf
CS_AGENT=alice
CS_NOW='2026-11-23 10:00'	# a Monday
TZ=Asia/Shanghai
LC_ALL=C.UTF-8
export PATH CS_DB CS_PGDB CS_CONF CS_AGENT CS_NOW TZ LC_ALL TOP BIN
unset XDG_DATA_HOME CS_DB_GROUP 2>/dev/null || true
cat > "$CS_CONF" <<'CONF'
# the test desk
agent-env yes
clock-env replay
agent alice role agent
agent bob role agent
agent carol role supervisor
agent fin role finance
agent root role admin
CONF

passed=0
failed=0
_n=0

# t NAME < transcript
t() {
	_name=$1
	_n=$((_n + 1))
	_d=$ROOT/t/$_n
	mkdir -p "$_d"
	awk -v d="$_d" '
	/^\$ / { n++; f = d "/cmd." n; print substr($0, 3) > f
		 printf "" > (d "/out." n); printf "" > (d "/err." n); next }
	/^> /  { print substr($0, 3) > (d "/cmd." n); next }
	/^! /  { print substr($0, 3) > (d "/err." n); next }
	/^!$/  { print "" > (d "/err." n); next }
	/^\? / { print substr($0, 3) > (d "/st." n); next }
	       { if (n == 0) { print "text before the first command" > "/dev/stderr"; exit 1 }
		 print > (d "/out." n) }
	END    { print n + 0 > (d "/count") }'
	_ok=1
	_i=1
	_count=$(cat "$_d/count" 2>/dev/null || echo 0)
	[ "$_count" -gt 0 ] || _ok=0
	while [ "$_i" -le "$_count" ]; do
		_want=0
		[ -f "$_d/st.$_i" ] && _want=$(cat "$_d/st.$_i")
		(cd "$TMP" && sh -c "$(cat "$_d/cmd.$_i")") < /dev/null \
		    > "$_d/got.out" 2> "$_d/got.err"
		_st=$?
		if [ "$_st" -gt 128 ] || [ "$_st" != "$_want" ] ||
		    ! cmp -s "$_d/out.$_i" "$_d/got.out" ||
		    ! cmp -s "$_d/err.$_i" "$_d/got.err"; then
			_ok=0
			echo "# \$ $(cat "$_d/cmd.$_i")"
			[ "$_st" = "$_want" ] ||
			    echo "# status: got $_st, want $_want"
			diff -u "$_d/out.$_i" "$_d/got.out" |
			    sed 1,2d | sed 's/^/# stdout /'
			diff -u "$_d/err.$_i" "$_d/got.err" |
			    sed 1,2d | sed 's/^/# stderr /'
			break
		fi
		_i=$((_i + 1))
	done
	if [ $_ok = 1 ]; then
		passed=$((passed + 1))
		echo "ok - $(basename "$0"): $_name"
	else
		failed=$((failed + 1))
		echo "not ok - $(basename "$0"): $_name"
	fi
}

# sqlite_only WHY: the file is about SQLite itself (its file, modes, WAL,
# the sqlite3 peer): on PostgreSQL it is skipped whole, with a line.
sqlite_only() {
	if [ -n "$CS_PGDB" ]; then
		echo "ok - $(basename "$0"): SQLite only # skip $1"
		exit 0
	fi
}

# pg_only WHY: the file needs a PostgreSQL server (tests/run -p, make
# check's second pass): on SQLite it is skipped whole, with a line.
pg_only() {
	if [ -z "$CS_PGDB" ]; then
		echo "ok - $(basename "$0"): PostgreSQL only # skip $1"
		exit 0
	fi
}

# sqlite_t NAME WHY < transcript: a test of a file otherwise run on
# both backends that is about SQLite itself (its file, FTS5, the query
# planner, editing the file with sqlite3): t NAME on SQLite; on
# PostgreSQL its transcript is read and the test skipped with a line.
sqlite_t() {
	if [ -n "$CS_PGDB" ]; then
		cat > /dev/null
		skip "$1" "SQLite only: $2"
	else
		t "$1"
	fi
}

# skip NAME WHY: a test that cannot run here, counted as passed.
skip() {
	passed=$((passed + 1))
	echo "ok - $(basename "$0"): $1 # skip $2"
}

# done_testing: the file's exit status.
done_testing() {
	[ "$failed" -eq 0 ]
}
