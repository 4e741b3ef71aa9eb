#!/bin/sh
# The CLI: core probe, core override, bad input, output formats, baseline,
# exit codes.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$CORPUS" || exit 1

# --- core probe on the mini cores ----------------------------------------
for d in cores/*/; do
	d=${d%/}
	want=$(sed -n 's|.*/\* core-probe: \([A-Z]*\) \*/.*|\1|p' "$d/include/linux/iommu.h")
	probe() { "$GL" core "$d" | grep -q "^$want "; }
	check "core $d prints $want" probe
done
probe_lone() { "$GL" core lone | grep -q '^UNKNOWN'; }
check "core of a directory without core files is UNKNOWN" probe_lone

for d in cores/*/; do
	d=${d%/}
	s=$(sed -n 's|.*/\* core-probe: \([A-Z]*\) \*/.*|\1|p' "$d/include/linux/iommu.h" | tr '[:upper:]' '[:lower:]')
	b=${d#cores/}
	"$GL" audit --fail-on=never --format=tsv "$d" > "$OUT/core.$b.tsv" 2> "$OUT/core.$b.err"
	awk -F '\t' -v OFS='\t' 'NR > 1 && $1 == "core-empty-gather-skip" { print "'"$d"'/" $2, $3, $1, $5 }' \
		"$OUT/core.$b.tsv" | LC_ALL=C sort > "$OUT/core.$b.got"
	(cd "$d" && awk -v state="$s" -v engine=cocci -v prefix="$d/" \
		-f "$top/tests/expect.awk" include/linux/iommu.h drivers/iommu/iommu.c) |
		grep core-empty-gather-skip | LC_ALL=C sort > "$OUT/core.$b.want"
	check "audit $d reports core-empty-gather-skip exactly as expected" \
		cmp "$OUT/core.$b.want" "$OUT/core.$b.got"
done

# --- a lone out-of-tree file: UNKNOWN, --core= and KDIR= -------------------
lone=$(find lone -name '*.c' | head -1)
sev_of() {	# sev_of ARGS... -> severities of unmap-gather-unfilled
	"$GL" audit --fail-on=never --format=tsv "$@" |
		awk -F '\t' '$1 == "unmap-gather-unfilled" { print $5 }' | LC_ALL=C sort -u
}
t_unknown() { [ "$(sev_of "$lone")" = warning ] && sev_of "$lone" >/dev/null; }
check "lone file: core UNKNOWN gives warning" t_unknown
t_core() { [ "$(sev_of --core=exposed "$lone")" = error ]; }
check "lone file: --core=exposed gives error" t_core
t_core_p() { [ "$(sev_of --core=protected "$lone")" = note ]; }
check "lone file: --core=protected gives note" t_core_p
t_kdir() { [ "$(KDIR=cores/exposed sev_of "$lone")" = error ]; }
check "lone file: KDIR=cores/exposed gives error" t_kdir
t_state_col() {
	"$GL" audit --fail-on=never --format=tsv "$lone" |
		awk -F '\t' 'NR > 1 && $6 != "UNKNOWN" { bad = 1 } END { exit bad }'
}
check "lone file: tsv core_state column is UNKNOWN" t_state_col

# --- exit codes and bad input -------------------------------------------------
exits() {	# exits CODE ARGS...  (and a one-line error on stderr for 2)
	want=$1
	shift
	"$GL" "$@" > "$OUT/x.out" 2> "$OUT/x.err"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit $got, wanted $want"; cat "$OUT/x.err"; return 1; }
	if [ "$want" -eq 2 ]; then
		[ "$(wc -l < "$OUT/x.err")" -eq 1 ] && grep -q '^gatherlint: ' "$OUT/x.err"
	fi
}
check "exit 1 when a warning is found" exits 1 audit "$lone"
check "exit 0 with --fail-on=error on a warning" exits 0 audit --fail-on=error "$lone"
check "exit 0 with --fail-on=never" exits 0 audit --fail-on=never "$lone"
check "unknown option: exit 2" exits 2 audit --frobnicate "$lone"
check "unknown engine: exit 2" exits 2 audit --engine=smatch "$lone"
check "unknown format: exit 2" exits 2 audit --format=xml "$lone"
check "bad --jobs: exit 2" exits 2 audit --jobs=x "$lone"
check "missing path: exit 2" exits 2 audit no/such/file.c
check "empty directory: exit 2" exits 2 audit bad/empty
check "non-C file: exit 2" exits 2 audit bad/notes.txt
check "unknown command: exit 2" exits 2 frob
# A copy of the tool without the plugin: --engine=gcc says how to build it.
noplug=$OUT/noplugin
rm -rf "$noplug" && mkdir -p "$noplug"
cp -R "$top/bin" "$top/lib" "$top/cocci" "$noplug/"
t_noplugin() {
	"$noplug/bin/gatherlint" audit --engine=gcc "$lone" > /dev/null 2> "$OUT/noplug.err"
	[ $? -eq 2 ] && grep -q "plugin is not built" "$OUT/noplug.err" &&
		[ "$(wc -l < "$OUT/noplug.err")" -eq 1 ]
}
check "--engine=gcc without the plugin built: exit 2, one line naming it" t_noplugin
mkdir -p "$OUT/noiommu"
printf 'int main(void)\n{\n\treturn 0;\n}\n' > "$OUT/noiommu/main.c"
check "a tree with no IOMMU code: exit 2" exits 2 audit "$OUT/noiommu"
unparsable=$(grep -l 'expect: analysis-incomplete' bad/*.c | head -1)
t_unparsable() {
	"$GL" audit --format=tsv "$unparsable" > "$OUT/unp.tsv"
	rc=$?
	[ $rc -eq 1 ] && grep -q '^analysis-incomplete	' "$OUT/unp.tsv"
}
check "a file that does not parse: analysis-incomplete, exit 1" t_unparsable
if [ -r "$lone" ]; then
	cp "$lone" "$OUT/unreadable.c" && chmod 000 "$OUT/unreadable.c"
	if [ "$(id -u)" -ne 0 ]; then
		check "unreadable file: exit 2" exits 2 audit "$OUT/unreadable.c"
	elif command -v setpriv >/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$GL" &&
		setpriv --reuid=65534 --regid=65534 --clear-groups test -w "$OUT"; then
		# root reads everything: run as nobody
		t_unreadable() {
			setpriv --reuid=65534 --regid=65534 --clear-groups \
				"$GL" audit "$OUT/unreadable.c" 2> "$OUT/unr.err"
			[ $? -eq 2 ] && [ "$(wc -l < "$OUT/unr.err")" -eq 1 ] &&
				grep -q '^gatherlint: cannot read' "$OUT/unr.err"
		}
		check "unreadable file: exit 2 with one line (as nobody)" t_unreadable
	else
		skip "unreadable file (root reads everything; no setpriv, or nobody cannot reach the checkout)"
	fi
	rm -f "$OUT/unreadable.c"
fi
# A PATH without spatch: every other tool of /usr/bin and /bin is there
# (symbolic links, one cp each: not a process a tool).
nospatch=$OUT/nospatch-bin
rm -rf "$nospatch" && mkdir -p "$nospatch"
cp -s /usr/bin/* "$nospatch/" 2>/dev/null
cp -sn /bin/* "$nospatch/" 2>/dev/null
rm -f "$nospatch/spatch"
check "the PATH without spatch has the other tools (sh, awk) and not spatch" \
	test -e "$nospatch/sh" -a -e "$nospatch/awk" -a ! -e "$nospatch/spatch"
t_nospatch() {
	PATH=$nospatch "$GL" audit "$lone" > /dev/null 2> "$OUT/nosp.err"
	[ $? -eq 2 ] && grep -q 'spatch' "$OUT/nosp.err" && [ "$(wc -l < "$OUT/nosp.err")" -eq 1 ]
}
check "missing spatch: exit 2 naming it" t_nospatch

# --- BSP summary and progress ----------------------------------------------------
# The corpus is analysed once (tsv, and its facts); every other format and
# the summary are rendered from those facts (--facts-in), which is what
# they test: the engines' facts are checked exactly by t20.
# shellcheck disable=SC2086
"$GL" audit --fail-on=never --format=tsv --facts-out="$OUT/all.facts" $THEMES > "$OUT/all.tsv" 2> "$OUT/np.err"
F="--facts-in=$OUT/all.facts"
# shellcheck disable=SC2086
"$GL" audit --summary --fail-on=never "$F" $THEMES > "$OUT/summary.txt"
t_summary() {
	nentries=$(awk '/^entry point  /{ t = 1; next } t && NF == 0 { t = 0 } t' "$OUT/summary.txt" | wc -l)
	grep -q '^core: UNKNOWN' "$OUT/summary.txt" &&
		grep -qE '^entry points: [0-9]+ \([0-9]+ MISSES, [0-9]+ FILLS\)$' "$OUT/summary.txt" &&
		[ "$nentries" -gt 40 ] &&
		grep -qE '^misses/pike-smmu\.c:[0-9]+ pike_unmap_pages\(\) +iommu_domain_ops pike_domain_ops \.unmap_pages +yes +MISSES +warning +.*-> tlb_add_page' "$OUT/summary.txt" &&
		grep -qE '^clean/umbra-smmu3\.c:[0-9]+ .* FILLS +- ' "$OUT/summary.txt" &&
		grep -qE "^findings by severity: 0 error, $(grep -c ': warning: ' "$OUT/summary.txt") warning, " "$OUT/summary.txt"
}
check "--summary: core, entry-point table (file, ops, sync, chain, verdict, severity), counts" t_summary
t_summary_core() {
	(cd cores/latent && "$GL" audit --fail-on=never --format=text .) |
		grep -qE '^core: LATENT, read at include/linux/iommu\.h:[0-9]+'
}
check "a whole tree prints the summary with where the core was read" t_summary_core
if command -v script >/dev/null; then
	# shellcheck disable=SC2086
	t_progress() {
		script -qc "GATHERLINT_CACHE= '$GL' audit --fail-on=never --format=tsv formats lone > /dev/null" /dev/null |
			tr '\r' '\n' | grep -qE "^gatherlint: [0-9]+/$(find formats lone -name '*.c' | wc -l) files"
	}
	check "progress (files done of total) on stderr when it is a terminal" t_progress
fi
t_noprogress() { [ ! -s "$OUT/np.err" ]; }	# the first audit above
check "no progress when stderr is not a terminal" t_noprogress

# --- the facts cache (GATHERLINT_CACHE) ----------------------------------------
# A second audit takes the file's facts from the cache and prints what the
# first (spatch's facts) printed; a fact written into an entry shows in the
# report; a changed file goes through spatch again.  (Each spatch run costs
# its start-up: the first run of a file is the run without the cache.)
if have_engine cocci; then
	cc=$OUT/cache-test
	cl=$OUT/cached/${lone##*/}
	rm -rf "$cc" "$OUT/cached" && mkdir -p "$OUT/cached" && cp "$lone" "$cl"
	# cached_audit CACHE OUT: audits the copy with GATHERLINT_CACHE=CACHE
	cached_audit() {
		(cd "$OUT/cached" && GATHERLINT_CACHE=$1 "$GL" audit --fail-on=never \
			--format=tsv "${cl##*/}") > "$2"
	}
	entries() { find "$cc" -path '*/cocci-*' -type f | wc -l; }
	t_cache() {
		cached_audit "$cc" "$OUT/cache0.tsv" && [ "$(entries)" -eq 2 ] &&
			cached_audit "$cc" "$OUT/cache1.tsv" && [ "$(entries)" -eq 2 ] &&
			cmp -s "$OUT/cache0.tsv" "$OUT/cache1.tsv" &&
			ent=$(find "$cc" -type f -name "*-${cl##*/}") &&
			printf 'incomplete\t%s\t1\t-\tcache-marker\n' "${cl##*/}" >> "$ent" &&
			cached_audit "$cc" "$OUT/cache2.tsv" && [ "$(entries)" -eq 2 ] &&
			grep -q cache-marker "$OUT/cache2.tsv"
	}
	check "facts cache: a second audit reads the entries and prints the same report" t_cache
	# an entry whose slice line (the gather functions the file mentions)
	# is not the one of this run is a miss: spatch runs again
	t_cache_slice() {
		ent=$(find "$cc" -type f -name "*-${cl##*/}") &&
			sed -i '1s/.*/# slice	another_gather_function/' "$ent" &&
			cached_audit "$cc" "$OUT/cache2b.tsv" && ! grep -q cache-marker "$OUT/cache2b.tsv" &&
			cmp -s "$OUT/cache0.tsv" "$OUT/cache2b.tsv" && ! grep -q another_gather "$ent"
	}
	check "facts cache: an entry made for other gather functions is not read" t_cache_slice
	t_cache_changed() {
		printf '\n/* changed */\n' >> "$cl" && cached_audit "$cc" "$OUT/cache3.tsv" &&
			[ "$(entries)" -eq 3 ] && cmp -s "$OUT/cache0.tsv" "$OUT/cache3.tsv"
	}
	check "facts cache: a changed file goes through spatch again" t_cache_changed
	# The script's OCaml module (lib/ocamlopt-cache.sh) is compiled once and
	# then read from the cache: a corrupted one makes the next spatch run
	# fail (exit 2, one line), never pass silently; restored, it works.
	t_ocaml_cache() {
		m=$(find "$cc" -path '*/ocaml-*' -name '*.cmxs' | head -1) && [ -n "$m" ] &&
			cp "$m" "$OUT/module.good" && printf 'not a module' > "$m" &&
			printf '\n/* changed for the module */\n' >> "$cl" &&
			{ cached_audit "$cc" "$OUT/cache4.tsv" 2> "$OUT/cache4.err"; [ $? -eq 2 ]; } &&
			[ "$(wc -l < "$OUT/cache4.err")" -eq 1 ] &&
			cp "$OUT/module.good" "$m" && cached_audit "$cc" "$OUT/cache5.tsv" &&
			cmp -s "$OUT/cache0.tsv" "$OUT/cache5.tsv"
	}
	check "OCaml module cache: read again; a corrupted module is an error, restored it works" t_ocaml_cache
	# The fix cache (same directory): spatch's diff of a file is kept; a
	# second fix reads it and prints the same diff (a line written into the
	# entry shows in the diff); a changed file is fixed by spatch again.
	cached_fix() {
		(cd "$OUT/cached" && GATHERLINT_CACHE=$1 "$GL" fix "${cl##*/}") > "$2"
	}
	fixentries() { find "$cc" -path '*/fix-*' -type f | wc -l; }
	t_fixcache() {
		cached_fix "$cc" "$OUT/cfix0.diff" && [ "$(fixentries)" -eq 1 ] &&
			cached_fix "$cc" "$OUT/cfix1.diff" && [ "$(fixentries)" -eq 1 ] &&
			[ -s "$OUT/cfix0.diff" ] && cmp -s "$OUT/cfix0.diff" "$OUT/cfix1.diff" &&
			ent=$(find "$cc" -path '*/fix-*' -type f -name "*-${cl##*/}") &&
			printf '# fix-marker\n' >> "$ent" &&
			cached_fix "$cc" "$OUT/cfix2.diff" && grep -q '^# fix-marker$' "$OUT/cfix2.diff"
	}
	check "fix cache: a second fix reads the entry and prints the same diff" t_fixcache
	t_fixcache_changed() {
		printf '\n/* changed again */\n' >> "$cl" && cached_fix "$cc" "$OUT/cfix3.diff" &&
			[ "$(fixentries)" -eq 2 ] && [ -s "$OUT/cfix3.diff" ] && ! grep -q fix-marker "$OUT/cfix3.diff"
	}
	check "fix cache: a changed file is fixed by spatch again" t_fixcache_changed
fi

# --- output formats -----------------------------------------------------------
n=$(($(wc -l < "$OUT/all.tsv") - 1))
t_hdr() { [ "$(head -1 "$OUT/all.tsv")" = "$(printf 'rule\tfile\tline\tfunction\tseverity\tcore_state\tmessage')" ]; }
check "tsv header" t_hdr
t_tsvcols() { awk -F '\t' 'NF != 7 { exit 1 }' "$OUT/all.tsv"; }
check "tsv: 7 columns on every line" t_tsvcols
# shellcheck disable=SC2086
t_json() { "$GL" audit --fail-on=never --format=json "$F" $THEMES | jq -e "length == $n and all(.[]; has(\"rule\") and has(\"notes\") and has(\"fix\"))" >/dev/null; }
check "json: valid, one object per finding ($n)" t_json
# shellcheck disable=SC2086
t_sarif() { "$GL" audit --fail-on=never --format=sarif "$F" $THEMES | jq -e ".version == \"2.1.0\" and (.runs[0].results | length) == $n" >/dev/null; }
check "sarif: valid JSON, 2.1.0, one result per finding" t_sarif
# SARIF checked by Microsoft's SARIF multitool (npm), installed once under
# build/ (git-ignored); a corrupted copy must be rejected, so the check can fail.
sarif_tool() {
	d=$top/build/sarif-multitool
	bin=$d/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
	if [ ! -x "$bin" ]; then
		mkdir -p "$d" && (cd "$d" && npm install --no-audit --no-fund --silent \
			@microsoft/sarif-multitool@5.7.0 >/dev/null 2>&1)
		chmod u+x "$bin" 2>/dev/null	# npm no longer runs its postinstall
	fi
	[ -x "$bin" ] && printf '%s\n' "$d/node_modules/.bin/sarif-multitool"
}
sarif_problems() {	# sarif_problems FILE -> number of validator results
	rm -f "$1.val"
	DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$mt" validate "$1" -o "$1.val" >/dev/null 2>&1
	[ -s "$1.val" ] && jq '.runs[0].results | length' "$1.val"
}
# shellcheck disable=SC2086
"$GL" audit --fail-on=never --format=sarif "$F" $THEMES > "$OUT/all.sarif"
if mt=$(sarif_tool); then
	t_sarif_valid() { [ "$(sarif_problems "$OUT/all.sarif")" = 0 ]; }
	check "sarif: the SARIF multitool validates it with no error or warning" t_sarif_valid
	t_sarif_bad() {
		jq '.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0' \
			"$OUT/all.sarif" > "$OUT/bad.sarif"
		p=$(sarif_problems "$OUT/bad.sarif") && [ "$p" -gt 0 ]
	}
	check "sarif: the multitool rejects a corrupted copy (the check can fail)" t_sarif_bad
else
	not_ok "sarif: the SARIF multitool installs from the npm registry"
fi
t_sarif_content() {
	jq -e '.runs[0] as $r
		| ($r.tool.driver.rules | length == 5 and all(.[]; .help.text and .shortDescription.text))
		and ([$r.results[] | select(.ruleId == "unmap-gather-unfilled" and (.relatedLocations | length) > 0)] | length) > 0
		and ([$r.results[] | select(.fixes)] | length) > 0
		and all($r.results[]; .locations[0].physicalLocation.region.startLine > 0)' \
		"$OUT/all.sarif" >/dev/null
}
check "sarif: rules with help, chains as related locations, fixes as SARIF fixes" t_sarif_content
# shellcheck disable=SC2086
t_cp() {
	"$GL" audit --fail-on=never --format=checkpatch "$F" $THEMES > "$OUT/cp.txt"
	[ "$(grep -cE '^(ERROR|WARNING|CHECK):IOMMU_[A-Z_]+: ' "$OUT/cp.txt")" -eq "$n" ] &&
		[ "$(grep -cE '^#[0-9]+: FILE: [^:]+:[0-9]+:$' "$OUT/cp.txt")" -eq "$n" ]
}
check "checkpatch: TYPE line and #N: FILE: line per finding" t_cp
# shellcheck disable=SC2086
t_text() {
	"$GL" audit --fail-on=never "$F" $THEMES > "$OUT/all.txt"
	[ "$(grep -cE '^[^ :]+:[0-9]+:[0-9]+: (error|warning|note): .* \[[a-z-]+\]$' "$OUT/all.txt")" -eq "$n" ] &&
		tail -1 "$OUT/all.txt" | grep -q '^gatherlint: [0-9]* error'
}
check "text: GCC-style lines and a summary" t_text
# shellcheck disable=SC2086
t_base() {
	"$GL" audit --baseline="$OUT/all.tsv" --format=tsv "$F" $THEMES > "$OUT/base.tsv" &&
		[ "$(wc -l < "$OUT/base.tsv")" -eq 1 ]
}
check "baseline: every known finding suppressed, exit 0" t_base
t_base_new() {
	head -2 "$OUT/all.tsv" | sed '2d' > "$OUT/empty-base.tsv"
	# shellcheck disable=SC2086
	"$GL" audit --baseline="$OUT/empty-base.tsv" --format=tsv --fail-on=never "$F" $THEMES |
		cmp - "$OUT/all.tsv"
}
check "baseline: an empty baseline suppresses nothing" t_base_new
