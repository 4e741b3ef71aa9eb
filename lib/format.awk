# format.awk - print resolver records (F/N lines, see docs/design.md) in
# one of the output formats of SPEC section 6.  The only output formatter:
# the CLI, the hooks and the tests all go through it.
#
# Variables: fmt (text|tsv|checkpatch|json|sarif), version, root, core,
#            fixes (optional: a -p1 unified diff whose hunks become the
#            json "fix" field and the SARIF fixes), src (optional root to
#            read source lines from for checkpatch; default root)

BEGIN {
	FS = OFS = "\t"
	n = 0
	upper["unmap-gather-unfilled"] = "IOMMU_GATHER_UNFILLED"
	upper["core-empty-gather-skip"] = "IOMMU_CORE_EMPTY_GATHER_SKIP"
	upper["pgtable-gather-unfilled"] = "IOMMU_PGTABLE_GATHER_UNFILLED"
	upper["unmap-returns-errno"] = "IOMMU_UNMAP_RETURNS_ERRNO"
	upper["analysis-incomplete"] = "IOMMU_ANALYSIS_INCOMPLETE"
	rules = "unmap-gather-unfilled core-empty-gather-skip pgtable-gather-unfilled unmap-returns-errno analysis-incomplete"
	short["unmap-gather-unfilled"] = "An IOMMU unmap returns a nonzero size without filling the iotlb gather"
	short["core-empty-gather-skip"] = "The IOMMU core skips .iotlb_sync for empty gathers and does not back-fill them"
	short["pgtable-gather-unfilled"] = "An io-pgtable format unmap never fills the iotlb gather by itself"
	short["unmap-returns-errno"] = "A size_t unmap callback returns a negative errno"
	short["analysis-incomplete"] = "gatherlint could not parse or analyse a file or function"
	help["unmap-gather-unfilled"] = "Since 90c5def10bea (iommu: Do not call drivers for empty gathers) iommu_iotlb_sync() skips the driver's .iotlb_sync when the gather is empty. A driver whose .unmap_pages/.unmap returns a nonzero size without iommu_iotlb_gather_add_range()/add_page() then loses its TLB flush: stale IOTLB entries, DMA to freed memory. Fix: call iommu_iotlb_gather_add_range(gather, iova, size) before returning the size (gatherlint fix writes it), or apply the core back-fill (gatherlint fix --fix=core)."
	help["core-empty-gather-skip"] = "This tree's iommu_iotlb_sync() skips .iotlb_sync for an empty gather and __iommu_unmap() does not add the unmapped range itself. Apply the upstream core fix (iommu: Ensure .iotlb_sync is called correctly) or gatherlint fix --fix=core."
	help["pgtable-gather-unfilled"] = "The format unmap leaves the gather to the driver's tlb_add_page callback. Drivers using this format must fill the gather themselves; do not add a range here while a driver fills through iommu_iotlb_gather_add_page(), which relies on iommu_iotlb_gather_is_disjoint()."
	help["unmap-returns-errno"] = "Unmap callbacks return size_t: -EINVAL is a huge unmapped size to the core. Return 0 on failure."
	help["analysis-incomplete"] = "The engine could not parse or analyse this code; its unmap paths were not checked."
	level["error"] = "error"; level["warning"] = "warning"; level["note"] = "note"
	cp["error"] = "ERROR"; cp["warning"] = "WARNING"; cp["note"] = "CHECK"
	if (src == "")
		src = root
	if (fixes != "")
		read_fixes()
}

# disp(FILE): FILE (relative to root) as the user opens it from where they
# stand (SPEC 6): `here` is the current directory relative to root ("." for
# root itself) when it lies inside root; else `prefix` leads from the
# current directory to root.  Absolute paths stay as they are.
function disp(f,    h, up) {
	if (f ~ /^\//)
		return f
	if (here == "")
		return prefix f
	if (here == ".")
		return f
	h = here "/"
	up = ""
	while (h != "" && index(f, h) != 1) {
		sub(/[^\/]*\/$/, "", h)
		up = up "../"
	}
	return up substr(f, length(h) + 1)
}

# tsv: relative to the kernel tree's root in a kernel tree, else as disp()
function tsvfile(f) {
	return tsvdisp ? disp(f) : f
}

# Hunks of the fix diff: hfile[i], hstart[i], hlen[i], htext[i],
# hnew[i] (the replacement lines), hdiff[i] (header + hunk).
function read_fixes(    line, cur, hdr, nh, a, b) {
	nh = 0
	while ((getline line < fixes) > 0) {
		if (line ~ /^--- /) { hdr = line "\n"; continue }
		if (line ~ /^\+\+\+ b\//) {
			cur = substr(line, 7); sub(/\t.*/, "", cur)
			hdr = hdr line "\n"
			continue
		}
		if (line ~ /^@@ /) {
			nh++
			hfile[nh] = cur
			a = line; sub(/^@@ -/, "", a); sub(/ .*/, "", a)
			split(a, b, ",")
			hstart[nh] = b[1] + 0
			hlen[nh] = (2 in b) ? b[2] + 0 : 1
			hdiff[nh] = hdr line "\n"
			hnew[nh] = ""
			continue
		}
		if (nh && (line ~ /^[ +-]/ || line == "")) {
			hdiff[nh] = hdiff[nh] line "\n"
			if (line !~ /^-/)
				hnew[nh] = hnew[nh] substr(line, 2) "\n"
		}
	}
	close(fixes)
	nhunks = nh
}

function hunk_for(file, line,    i) {
	for (i = 1; i <= nhunks; i++)
		if (hfile[i] == file && line >= hstart[i] &&
		    line <= hstart[i] + hlen[i])
			return i
	return 0
}

function jstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\t/, "\\t", s)
	gsub(/\n/, "\\n", s)
	gsub(/\r/, "\\r", s)
	return "\"" s "\""
}

function srcline(file, line,    l, i, path) {
	path = src "/" file
	i = 0
	l = ""
	while ((getline l < path) > 0)
		if (++i == line)
			break
	close(path)
	return i == line ? l : ""
}

$1 == "F" {
	n++
	rule[n] = $2; file[n] = $3; line[n] = $4; col[n] = $5
	func_[n] = $6; sev[n] = $7; cst[n] = $8; msg[n] = $9
	nn[n] = 0
	count[$7]++
	next
}
$1 == "N" && n {
	k = ++nn[n]
	nfile[n, k] = $2; nline[n, k] = $3; ncol[n, k] = $4; nmsg[n, k] = $5
	next
}

$1 == "E" {
	ne++
	efile[ne] = $2; eline[ne] = $3; efn[ne] = $4; eops[ne] = $5
	esync[ne] = $6; echain[ne] = $7; everd[ne] = $8; esev[ne] = $9
	next
}

# The BSP summary (text format, --summary or a whole kernel tree): the
# core state and where it was read, the entry-point table, counts.
function out_summary(    i, j, t, ord, w1, w2, w3, w4, key, nm, nf) {
	if (index(coremsg, corewhere ": ") == 1)
		coremsg = substr(coremsg, length(corewhere) + 3)
	printf "\n== gatherlint summary ==\n"
	printf "core: %s%s\n", core,
		corewhere == "" || corewhere == "-:0" ? " (not read: " coremsg ")" : \
		", read at " corewhere (coremsg == "" ? "" : " (" coremsg ")")
	srank["error"] = 3; srank["warning"] = 2; srank["note"] = 1; srank["-"] = 0
	for (i = 1; i <= ne; i++) {
		ord[i] = i
		key[i] = sprintf("%d%d%s\t%09d", everd[i] == "MISSES" ? 0 : 1,
			9 - srank[esev[i]], efile[i], eline[i])
	}
	for (i = 2; i <= ne; i++)
		for (j = i; j > 1 && key[ord[j]] < key[ord[j - 1]]; j--) {
			t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t
		}
	w1 = length("entry point"); w2 = length("ops"); w3 = length("sync")
	for (i = 1; i <= ne; i++) {
		t = disp(efile[i]) ":" eline[i] " " efn[i] "()"
		if (length(t) > w1) w1 = length(t)
		if (length(eops[i]) > w2) w2 = length(eops[i])
	}
	w4 = length("verdict")
	printf "\n%-" w1 "s  %-" w2 "s  %-" w3 "s  %-" w4 "s  %-8s  %s\n",
		"entry point", "ops", "sync", "verdict", "severity", "chain"
	nm = nf = 0
	for (j = 1; j <= ne; j++) {
		i = ord[j]
		printf "%-" w1 "s  %-" w2 "s  %-" w3 "s  %-" w4 "s  %-8s  %s\n",
			disp(efile[i]) ":" eline[i] " " efn[i] "()", eops[i], esync[i],
			everd[i], esev[i], echain[i]
		if (everd[i] == "MISSES") nm++; else nf++
	}
	printf "\nentry points: %d (%d MISSES, %d FILLS)\n", ne, nm, nf
	printf "findings by severity: %d error, %d warning, %d note\n",
		count["error"], count["warning"], count["note"]
}

function out_text(    i, k) {
	for (i = 1; i <= n; i++) {
		printf "%s:%s:%s: %s: %s [%s]\n", disp(file[i]), line[i], col[i],
			sev[i], msg[i], rule[i]
		for (k = 1; k <= nn[i]; k++)
			printf "%s:%s:%s: note: %s\n", disp(nfile[i, k]), nline[i, k],
				ncol[i, k], nmsg[i, k]
	}
	if (summary)
		out_summary()
	printf "gatherlint: %d error%s, %d warning%s, %d note%s (core %s%s)\n",
		count["error"], count["error"] == 1 ? "" : "s",
		count["warning"], count["warning"] == 1 ? "" : "s",
		count["note"], count["note"] == 1 ? "" : "s", core,
		corefrom == "" ? "" : ", read at " disp(corefrom) ":" corefromline
}

function out_tsv(    i, m) {
	print "rule", "file", "line", "function", "severity", "core_state", "message"
	for (i = 1; i <= n; i++) {
		m = msg[i]
		gsub(/[\t\n]/, " ", m)
		print rule[i], tsvfile(file[i]), line[i], func_[i], sev[i], cst[i], m
	}
}

function out_checkpatch(    i) {
	for (i = 1; i <= n; i++) {
		printf "%s:%s: %s\n", cp[sev[i]], upper[rule[i]], msg[i]
		printf "#%s: FILE: %s:%s:\n", line[i], disp(file[i]), line[i]
		printf "+%s\n\n", srcline(file[i], line[i])
	}
	printf "total: %d errors, %d warnings, %d checks\n",
		count["error"], count["warning"], count["note"]
}

function out_json(    i, k, h) {
	printf "["
	for (i = 1; i <= n; i++) {
		printf "%s\n  {\"rule\": %s, \"file\": %s, \"line\": %d, \"column\": %d, \"function\": %s, \"severity\": %s, \"core_state\": %s, \"message\": %s, \"notes\": [",
			(i > 1) ? "," : "", jstr(rule[i]), jstr(disp(file[i])), line[i],
			col[i], jstr(func_[i]), jstr(sev[i]), jstr(cst[i]),
			jstr(msg[i])
		for (k = 1; k <= nn[i]; k++)
			printf "%s{\"file\": %s, \"line\": %d, \"column\": %d, \"message\": %s}",
				(k > 1) ? ", " : "", jstr(disp(nfile[i, k])), nline[i, k],
				ncol[i, k], jstr(nmsg[i, k])
		h = hunk_for(file[i], line[i])
		printf "], \"fix\": %s}", h ? jstr(hdiff[h]) : "null"
	}
	printf "%s]\n", n ? "\n" : ""
}

function loc(f, l, c) {
	return sprintf("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": %s, \"uriBaseId\": \"SRCROOT\"}, \"region\": {\"startLine\": %d, \"startColumn\": %d}}}",
		jstr(disp(f)), l, c < 1 ? 1 : c)
}

function out_sarif(    i, k, h, nr, rl, r, idx, first) {
	nr = split(rules, rl, " ")
	printf "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	printf "    \"tool\": {\"driver\": {\"name\": \"gatherlint\", \"version\": %s, \"informationUri\": \"https://example.invalid/gatherlint\", \"rules\": [", jstr(version)
	for (r = 1; r <= nr; r++) {
		idx[rl[r]] = r - 1
		printf "%s\n      {\"id\": %s, \"name\": %s, \"shortDescription\": {\"text\": %s}, \"fullDescription\": {\"text\": %s}, \"help\": {\"text\": %s}, \"defaultConfiguration\": {\"level\": %s}}",
			(r > 1) ? "," : "", jstr(rl[r]), jstr(upper[rl[r]]),
			jstr(short[rl[r]]), jstr(help[rl[r]]), jstr(help[rl[r]]),
			jstr(rl[r] == "core-empty-gather-skip" ? "error" : \
			     rl[r] == "pgtable-gather-unfilled" ? "note" : "warning")
	}
	printf "]}},\n"
	printf "    \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": %s}},\n", jstr("file://" cwd "/")
	printf "    \"properties\": {\"coreState\": %s},\n", jstr(core)
	printf "    \"results\": ["
	for (i = 1; i <= n; i++) {
		printf "%s\n      {\"ruleId\": %s, \"ruleIndex\": %d, \"level\": %s, \"message\": {\"text\": %s}, \"locations\": [%s]",
			(i > 1) ? "," : "", jstr(rule[i]), idx[rule[i]], jstr(level[sev[i]]),
			jstr(msg[i]), loc(file[i], line[i], col[i])
		if (nn[i]) {
			printf ", \"relatedLocations\": ["
			for (k = 1; k <= nn[i]; k++) {
				h = loc(nfile[i, k], nline[i, k], ncol[i, k])
				sub(/^\{/, "{\"id\": " k ", \"message\": {\"text\": " jstr(nmsg[i, k]) "}, ", h)
				printf "%s%s", (k > 1) ? ", " : "", h
			}
			printf "]"
		}
		h = hunk_for(file[i], line[i])
		if (h)
			printf ", \"fixes\": [{\"description\": {\"text\": \"Fill the iotlb gather before returning the unmapped size\"}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": %s, \"uriBaseId\": \"SRCROOT\"}, \"replacements\": [{\"deletedRegion\": {\"startLine\": %d, \"startColumn\": 1, \"endLine\": %d, \"endColumn\": 1}, \"insertedContent\": {\"text\": %s}}]}]}]",
				jstr(disp(file[i])), hstart[h], hstart[h] + hlen[h], jstr(hnew[h])
		printf ", \"properties\": {\"function\": %s, \"coreState\": %s}}", jstr(func_[i]), jstr(cst[i])
	}
	printf "%s]\n  }]\n}\n", n ? "\n    " : ""
}

END {
	if (fmt == "tsv") out_tsv()
	else if (fmt == "checkpatch") out_checkpatch()
	else if (fmt == "json") out_json()
	else if (fmt == "sarif") out_sarif()
	else out_text()
}
