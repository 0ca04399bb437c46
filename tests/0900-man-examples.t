#!/bin/sh
# Every EXAMPLES block of the manuals that is a transcript ("$ command"
# lines, each followed by its exact output) runs here, each page on a
# fresh database, so the manuals cannot drift from the programs.
. "$(dirname "$0")/lib.sh"

for page in "$TOP"/man/*.[1-8]; do
	fresh-db
	# The literal blocks of EXAMPLES, one file each, mdoc escapes undone.
	rm -rf "$ROOT/ex"
	mkdir "$ROOT/ex"
	awk -v d="$ROOT/ex" '
	/^\.Sh / { ex = ($2 == "EXAMPLES") }
	ex && /^\.Bd -literal/ { n++; inblock = 1; next }
	ex && /^\.Ed/ { inblock = 0; next }
	inblock { gsub(/\\e/, "\\"); print > (d "/" n) }
	' "$page"
	for b in "$ROOT"/ex/*; do
		[ -f "$b" ] || continue
		name="$(basename "$page") example $(basename "$b")"
		if head -n 1 "$b" | grep -q '^\$ '; then
			t "$name" < "$b"
		elif [ "$(basename "$page")" = cs.conf.5 ]; then
			# A sample configuration: it must parse (whatever
			# else happens, the status is not 78).
			# Installed files are read from the source tree.
			sed "s|/usr/local/share/cs|$TOP/data|g" "$b" \
			    > "$TMP/sample.conf"
			t "$name parses" <<-'EOF'
			$ env -u CS_AGENT cs-ticket -c sample.conf ls > /dev/null 2>&1; [ $? -ne 78 ] && echo parsed
			parsed
			EOF
		fi
	done
done

done_testing
