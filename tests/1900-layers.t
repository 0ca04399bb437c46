#!/bin/sh
# make layers (scripts/layers): arrows point down only.  The checks run
# on a small tree of the same shape built here with cc -c (text, store
# with its SQLite backend, desk, cli, one program), clean at first, then
# with an upward call, an upward include and a database client outside
# the backend planted one at a time.  make check runs make layers on
# the real tree (tests/run).
. "$(dirname "$0")/lib.sh"

if ! command -v cc > /dev/null || ! command -v nm > /dev/null ||
    ! printf '#include <sqlite3.h>\n' | cc -E - > /dev/null 2>&1; then
	skip 'make layers' 'no cc, nm or sqlite3.h'
	done_testing
	exit
fi

T=$TMP/tree
mkdir -p "$T/scripts" "$T/lib/text" "$T/lib/store" "$T/lib/desk" \
    "$T/lib/cli" "$T/cmd"
cp "$TOP/scripts/layers" "$T/scripts/"
cp "$TOP/lib/banned.h" "$T/lib/"
printf '#include "cli/cli.h"\n' > "$T/lib/cs.h"
printf 'int text_len(const char *);\n' > "$T/lib/text/text.h"
cat > "$T/lib/text/text.c" <<'EOF'
#include <string.h>
#include "text.h"
#include "banned.h"
int text_len(const char *s) { return (int)strlen(s); }
EOF
printf '#include "text/text.h"\nint store_get(void);\n' > "$T/lib/store/store.h"
printf 'int db_open(void);\n' > "$T/lib/store/db.h"
cat > "$T/lib/store/store.c" <<'EOF'
#include "store.h"
#include "db.h"
int store_get(void) { return db_open() + text_len("x"); }
EOF
# The backend: the one file that may talk to SQLite.
cat > "$T/lib/store/sqlite.c" <<'EOF'
#include <sqlite3.h>
#include "db.h"
int db_open(void) { return sqlite3_libversion_number() > 0; }
EOF
printf '#include "store/store.h"\nint desk_count(void);\n' > "$T/lib/desk/desk.h"
cat > "$T/lib/desk/desk.c" <<'EOF'
#include "desk.h"
#include "../store/db.h"
int desk_count(void) { return store_get() + db_open(); }
EOF
printf '#include "desk/desk.h"\nint cli_run(void);\n' > "$T/lib/cli/cli.h"
cat > "$T/lib/cli/cli.c" <<'EOF'
#include <cli/cli.h>
#include "store/store.h"
int cli_run(void) { return desk_count() + text_len("y"); }
EOF
cat > "$T/cmd/cs-x.c" <<'EOF'
#include "cli/cli.h"
#include "banned.h"
int main(void) { return cli_run() + store_get(); }
EOF
# tree-build: each source compiled to build/, as make does.
cat > "$ROOT/bin/tree-build" <<'EOF'
#!/bin/sh
cd "$1" || exit 1
for c in lib/*/*.c cmd/*.c; do
	mkdir -p "build/${c%/*}"
	cc -c -Ilib -o "build/${c%.c}.o" "$c" || exit 1
done
EOF
chmod +x "$ROOT/bin/tree-build"

t 'a tree whose arrows point down passes' <<'EOF'
$ tree-build tree && sh tree/scripts/layers
EOF

t 'a text function calling the desk, by a prototype of its own, is found' <<'EOF'
$ printf 'int desk_count(void);\nint text_up(void);\nint text_up(void) { return desk_count(); }\n' > tree/lib/text/up.c
$ tree-build tree && sh tree/scripts/layers -b build
lib/text/up.c: calls desk_count (lib/desk/desk.c, desk), above text
! layers: 1 finding
? 1
$ rm tree/lib/text/up.c && sh tree/scripts/layers
EOF

t 'a store file including a desk header is found' <<'EOF'
$ printf '#include "store.h"\n#include "../desk/desk.h"\nint store_peek(void) { return 1; }\n' > tree/lib/store/peek.c
$ tree-build tree && sh tree/scripts/layers
lib/store/peek.c:2: includes "../desk/desk.h" (lib/desk/desk.h, desk); store includes only store, text
! layers: 1 finding
? 1
$ printf '#include "desk/desk.h"\n' > tree/lib/store/peek.c
$ tree-build tree && sh tree/scripts/layers
lib/store/peek.c:1: includes "desk/desk.h" (lib/desk/desk.h, desk); store includes only store, text
! layers: 1 finding
? 1
$ rm tree/lib/store/peek.c && sh tree/scripts/layers
EOF

t 'SQLite outside the backend is found, its header and its calls' <<'EOF'
$ printf '#include <sqlite3.h>\n#include "desk.h"\nint desk_raw(void);\nint desk_raw(void) { return sqlite3_threadsafe(); }\n' > tree/lib/desk/raw.c
$ tree-build tree && sh tree/scripts/layers
lib/desk/raw.c:1: includes <sqlite3.h>, a database client header, outside the store's backend
lib/desk/raw.c: calls sqlite3_threadsafe, a database client function, outside the store's backend
! layers: 2 findings
? 1
$ rm tree/lib/desk/raw.c && sh tree/scripts/layers
EOF

t 'a program sees the library through cli only, and SQLite not at all' <<'EOF'
$ cp tree/cmd/cs-x.c cs-x.c && printf '#include "desk/desk.h"\n#include "cs.h"\nlong long sqlite3_total_changes64(void *);\nint x(void);\nint x(void) { return (int)sqlite3_total_changes64(0); }\n' >> tree/cmd/cs-x.c
$ tree-build tree && sh tree/scripts/layers
cmd/cs-x.c:4: includes "desk/desk.h" (lib/desk/desk.h, desk); cmd includes only cli
cmd/cs-x.c: calls sqlite3_total_changes64, a database client function, outside the store's backend
! layers: 2 findings
? 1
$ cp cs-x.c tree/cmd/cs-x.c && tree-build tree && sh tree/scripts/layers
EOF

t 'the umbrella counts as cli; banned.h is anyone'"'"'s' <<'EOF'
$ printf '#include "cs.h"\n#include "banned.h"\n' > tree/lib/text/text.h && sh tree/scripts/layers
lib/text/text.h:1: includes "cs.h" (lib/cs.h, cli); text includes only text
! layers: 1 finding
? 1
$ printf 'int text_len(const char *);\n' > tree/lib/text/text.h && sh tree/scripts/layers
EOF

t 'an object not built is reported, never a pass' <<'EOF'
$ rm tree/build/lib/cli/cli.o && sh tree/scripts/layers
! layers: build/lib/cli/cli.o not built, not read (make layers builds them)
? 66
$ sh tree/scripts/layers -b nowhere
! layers: nowhere/lib/text/text.o and 5 more objects not built, not read (make layers builds them)
? 66
EOF

done_testing
