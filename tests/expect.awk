# expect.awk - the expectations of corpus files (docs/design.md section 2)
# for one core state and one engine.
#
# Usage: awk -v state=unknown|latent|exposed|protected -v engine=cocci|gcc \
#            -v prefix=DIR/ -f expect.awk FILE...
# Output: FILE<TAB>LINE<TAB>RULE<TAB>SEVERITY, FILE printed as prefix+name
# relative to the current directory.  Malformed expectations are printed
# as "BAD<TAB>FILE<TAB>LINE<TAB>why" so the harness can fail on them.

BEGIN {
	OFS = "\t"
	split("unmap-gather-unfilled core-empty-gather-skip pgtable-gather-unfilled unmap-returns-errno analysis-incomplete", r, " ")
	for (i in r) rules[r[i]] = 1
	sevs["error"] = sevs["warning"] = sevs["note"] = 1
}

{
	line = $0
	while (match(line, /\/\* *expect: [^*]*\*\//)) {
		e = substr(line, RSTART, RLENGTH)
		line = substr(line, RSTART + RLENGTH)
		sub(/^\/\* *expect: */, "", e)
		sub(/ *\*\/$/, "", e)
		n = split(e, t, /[ \t]+/)
		if (!(t[1] in rules)) { print "BAD", FILENAME, FNR, "unknown rule " t[1]; continue }
		if (!(t[2] in sevs)) { print "BAD", FILENAME, FNR, "bad severity " t[2]; continue }
		sev = t[2]; eng = ""; bad = 0
		for (i = 3; i <= n; i++) {
			split(t[i], kv, "=")
			if (kv[1] == "engine") {
				if (kv[2] != "cocci" && kv[2] != "gcc") bad = 1
				eng = kv[2]
			} else if (kv[1] ~ /^(latent|exposed|protected|unknown)$/) {
				if (!(kv[2] in sevs) && kv[2] != "none") bad = 1
				if (kv[1] == state) sev = kv[2]
			} else
				bad = 1
		}
		if (bad) { print "BAD", FILENAME, FNR, "bad key in: " e; continue }
		# engine=gcc: the engines that read the preprocessed unit (gcc, sparse)
		if (eng != "" && eng != engine && !(eng == "gcc" && engine == "sparse")) continue
		if (sev == "none") continue
		print prefix FILENAME, FNR, t[1], sev
	}
}
