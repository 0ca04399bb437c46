# bash completion for cs: cs-ticket, cs-order, cs-refund, cs-escalate,
# cs-report.  make install puts it where bash-completion finds it
# ($(PREFIX)/share/bash-completion/completions); or source it from
# ~/.bashrc.
#
# Subcommands and options are read from the program's own usage (-h),
# so they never disagree with the program that runs.  Values the
# configuration defines (agents, queues, tiers, departments) come from
# `cs-report config`; the fixed lists below are the programs' own
# (tests/1790-conventions.t holds them to what the programs accept).

# The usage lines of a program, without "usage:" and leading blanks.
_cs_usage()
{
	"$1" -h 2>/dev/null | sed 's/^usage://; s/^ *//'
}

# Words of the configuration: _cs_config agent|queue|tier|department
_cs_config()
{
	cs-report config 2>/dev/null | awk -v k="$1" '
	    $1 == k { print $2 }
	    k == "queue" && /^# built-in queues:/ {
		for (i = 4; i <= NF; i++) print $i }'
}

# The values an option's argument may take, by the program and the
# name the usage line gives the argument.
_cs_values()
{
	local prog=$1 sub=$2 arg=$3
	case $arg in
	*'|'*)	printf '%s\n' ${arg//|/ }; return ;;
	esac
	case $prog:$sub:$arg in
	cs-ticket:*:category)	echo inquiry complaint suggestion praise technical harassment ;;
	cs-ticket:*:kind)	echo quality business ;;
	cs-ticket:*:priority)	echo low normal high urgent ;;
	cs-ticket:*:channel)	echo phone chat email app ;;
	cs-ticket:dispute*:stage) echo opened negotiating intervention decided closed ;;
	cs-ticket:*:status*)	echo open pending resolved closed ;;
	cs-order:*:kind)	echo rail ride goods membership deposit ;;
	cs-order:*:needs)	echo elderly pregnant disabled ;;
	cs-order:*:role)	echo passenger driver buyer seller guest host ;;
	cs-refund:*:reason)	echo duplicate-payment cancellation failed-order return compensation deposit goodwill ;;
	cs-refund:*:status)	echo requested approved sent paid rejected failed ;;
	cs-escalate:*:status)	echo open acked resolved superseded ;;
	cs-escalate:*:severity)	echo low medium high critical ;;
	cs-report:*:category)	echo inquiry complaint suggestion praise technical harassment ;;
	*:*:assignee|*:*:owner|cs-ticket:assign:name)
				_cs_config agent ;;
	*:*:tier)		_cs_config tier ;;
	*:*:department*)	_cs_config department ;;
	*:*:queue)		_cs_config queue ;;
	esac
}

# The options a usage line names, one per line: [-HjqU] is four.
_cs_opts()
{
	awk '{ for (i = 1; i <= NF; i++) { w = $i
		if (w ~ /^\[-[A-Za-z]+\]$/) {
			for (j = 3; j < length(w); j++) print "-" substr(w, j, 1)
			continue
		}
		sub(/^\[/, "", w); sub(/\]+$/, "", w)
		if (w ~ /^--[a-z][a-z-]*$/ || w ~ /^-[A-Za-z]$/) print w } }' <<<"$1"
}

# The name a usage line gives option $2's argument; empty for a flag.
_cs_arg()
{
	awk -v o="$2" '{ for (i = 1; i < NF; i++) { w = $i
		sub(/^\[/, "", w)
		if (w != o) continue
		a = $(i + 1)
		if (a ~ /^(\[?-|\[)/ || $i ~ /\]$/) exit
		sub(/[][].*/, "", a); print a; exit } }' <<<"$1"
}

# The first words of usage lines (after $2 words), split at " | ".
_cs_words()
{
	sed -E "s/^([^ ]+ ){$2}//; s/ (-|\\[).*//; s/ \\| /\\n/g" <<<"$1" |
	    sed 's/ .*//' | sort -u
}

_cs()
{
	local prog=${COMP_WORDS[0]##*/} cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD-1]}
	local usage lines line sub= act= i w arg npos=0
	COMPREPLY=()
	usage=$(_cs_usage "$prog") || return
	line=$(head -n 1 <<<"$usage")
	# The subcommand (and a parent's action) typed so far, and how many
	# plain arguments follow it.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -* ]]; then
			[ -n "$(_cs_arg "$line" "$w")" ] && ((i++))
			continue
		fi
		if [ -z "$sub" ]; then
			sub=$w
			lines=$(grep -E "^$prog ([a-z-]+ \\| )*$sub( |\$)" <<<"$usage")
			line=$lines
		elif [ -z "$act" ] && [ "$(wc -l <<<"$lines")" -gt 1 ]; then
			act=$w
			line=$(grep -E "^$prog $sub ([a-z]+ \\| )*$act( |\$)" <<<"$lines")
		else
			((npos++))
		fi
	done
	arg=
	[[ $prev == -* ]] && [ "$COMP_CWORD" -gt 1 ] &&
	    arg=$(_cs_arg "$line" "$prev")
	if [ -n "$arg" ]; then
		case $arg in
		conf|db|file)	COMPREPLY=($(compgen -f -- "$cur")) ;;
		*)	COMPREPLY=($(compgen -W "$(_cs_values "$prog" "$sub" "$arg")" -- "$cur")) ;;
		esac
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_cs_opts "$line") --help --version" -- "$cur"))
	elif [ -z "$sub" ]; then
		COMPREPLY=($(compgen -W "$(_cs_words "$(sed 1d <<<"$usage")" 1)" -- "$cur"))
	elif [ -z "$act" ] && [ "$(wc -l <<<"$lines")" -gt 1 ]; then
		COMPREPLY=($(compgen -W "$(_cs_words "$lines" 2)" -- "$cur"))
	elif [ "$npos" -eq 0 ] && [ "$prog:$sub" = cs-ticket:new ]; then
		COMPREPLY=($(compgen -W "$(_cs_values cs-ticket new category)" -- "$cur"))
	elif [ "$npos" -eq 0 ] && [ "$prog:$sub" = cs-ticket:assign ]; then
		COMPREPLY=($(compgen -W "$(_cs_config agent)" -- "$cur"))
	fi
}

complete -F _cs cs-ticket cs-order cs-refund cs-escalate cs-report
