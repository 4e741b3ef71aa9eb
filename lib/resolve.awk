# resolve.awk - turn gatherlint facts into findings.
#
# Input: facts (docs/design.md section 3) from any engine, plus `core`
# lines from lib/core-probe.awk.  Output: F/N/X records (design.md 3).
#
# Variables (awk -v):
#   core    LATENT | EXPOSED | PROTECTED | UNKNOWN  (severity of findings)
#   root    the audited tree's root (to read files for `bind ?`)
#   fixmin  error | warning | note | never: X lines for findings at or
#           above this severity
#
# This is the only place where verdicts, chains and severities are
# decided; every engine only extracts facts.

BEGIN {
	FS = OFS = "\t"
	if (core == "")
		core = "UNKNOWN"
	if (fixmin == "")
		fixmin = "warning"
	rank["error"] = 3; rank["warning"] = 2; rank["note"] = 1
	rank["never"] = 99
	nfn = 0; nops = 0; nbind = 0; nfind = 0
}

/^#/ || NF < 2 { next }

$1 == "fn" && NF >= 8 {
	k = $2 SUBSEP $4
	if (!(k in fnline)) {
		fnkeys[++nfn] = k
		fnline[k] = $3; fnret[k] = $5; fngather[k] = $6
		fniova[k] = $7; fnlink[k] = $8
		fnfile[k] = $2; fnname[k] = $4
		if ($8 == "extern" && !($4 in extfn))
			extfn[$4] = k
	}
	next
}

$1 == "ret" && NF >= 8 {
	k = $2 SUBSEP $5
	id = k SUBSEP $3 SUBSEP $4
	if (id in seenret)
		next
	seenret[id] = 1
	n = ++nret[k]
	retline[k, n] = $3; retcol[k, n] = $4; retclass[k, n] = $6
	retcover[k, n] = $7; retexpr[k, n] = $8
	retunread[k, n] = (NF >= 9 ? $9 : "-")
	next
}

$1 == "ops" && NF >= 7 {
	o = $2 SUBSEP $4
	if (!(o in opstype)) {
		opskeys[++nops] = o
		opstype[o] = $5; opsfile[o] = $2; opsid[o] = $4
		opsline[o] = $3
	}
	if ($6 != "-") {
		f = o SUBSEP $6
		if (!(f in opsfield) || opsfield[f] == "NULL") {
			opsfield[f] = $7
			opsfline[f] = $3
		}
	}
	next
}

$1 == "bind" && NF >= 5 {
	id = $2 SUBSEP $5
	if (!(id in seenbind)) {
		seenbind[id] = 1
		bindfile[++nbind] = $2; bindline[nbind] = $3; bindfmt[nbind] = $5
	}
	next
}

$1 == "fmtinit" && NF >= 4 { initfile[$4] = $2; initline[$4] = $3; next }
$1 == "fmtid" && NF >= 5 { fmtinit[$4] = $5; next }

$1 == "incomplete" && NF >= 5 {
	id = $2 SUBSEP $3 SUBSEP $4
	if (!(id in seeninc)) {
		seeninc[id] = 1
		incfile[++ninc] = $2; incline[ninc] = $3
		incname[ninc] = $4; increason[ninc] = $5
	}
	next
}

# core STATE FILE LINE DETAIL   (from lib/core-probe.awk)
$1 == "core" && NF >= 5 {
	probestate = $2; probefile = $3; probeline = $4; probedetail = $5
	next
}

function fkey(file, name) {
	if ((file SUBSEP name) in fnline)
		return file SUBSEP name
	if (name in extfn)
		return extfn[name]
	return ""
}

function where(k) {
	return fnfile[k] ":" fnline[k]
}

# Format ids a driver file is bound to.  `?` binds resolve to every
# known format id the file mentions.
function driver_fmts(d,    i, s, line, id, path, seen) {
	if (d in dfmts_done)
		return dfmts[d]
	s = ""
	for (i = 1; i <= nbind; i++) {
		if (bindfile[i] != d)
			continue
		if (bindfmt[i] != "?") {
			if (!((d, bindfmt[i]) in seen)) {
				seen[d, bindfmt[i]] = 1
				s = s (s == "" ? "" : " ") bindfmt[i]
			}
			continue
		}
		path = (root == "" ? d : root "/" d)
		while ((getline line < path) > 0) {
			for (id in fmtinit) {
				if (line ~ ("(^|[^A-Za-z0-9_])" id "([^A-Za-z0-9_]|$)") &&
				    !((d, id) in seen)) {
					seen[d, id] = 1
					s = s (s == "" ? "" : " ") id
				}
			}
		}
		close(path)
	}
	dfmts_done[d] = 1
	dfmts[d] = s
	return s
}

function has_binds(d,    i) {
	for (i = 1; i <= nbind; i++)
		if (bindfile[i] == d)
			return 1
	return 0
}

# Format unmap functions defined in format file ff (space separated keys
# are awkward: use a numbered list).
function fmt_unmaps(ff, list,    i, j, o, n, fld, fn, k) {
	n = 0
	for (i = 1; i <= nops; i++) {
		o = opskeys[i]
		if (opsfile[o] != ff || opstype[o] != "io_pgtable_ops")
			continue
		split("unmap_pages unmap", fld, " ")
		for (j = 1; j <= 2; j++) {
			fn = (o SUBSEP fld[j]) in opsfield ? opsfield[o, fld[j]] : ""
			if (fn == "" || fn == "NULL")
				continue
			k = fkey(ff, fn)
			if (k != "" && !(k in list)) {
				list[k] = 1
				n++
			}
		}
	}
	return n
}

# Does driver context d have flush callbacks that all fill?
# Sets tlbwhy[d] to an explanation when not.
function tlbadd_ok(d,    i, o, n, fn, k) {
	if (d == "")
		return 0
	n = 0
	for (i = 1; i <= nops; i++) {
		o = opskeys[i]
		if (opsfile[o] != d || opstype[o] != "iommu_flush_ops")
			continue
		n++
		fn = (o SUBSEP "tlb_add_page") in opsfield ? opsfield[o, "tlb_add_page"] : ""
		if (fn == "" || fn == "NULL") {
			tlbwhy[d] = "flush ops " opsid[o] " (" d ":" opsline[o] \
				") has no .tlb_add_page"
			tlbwhyf[d] = d; tlbwhyl[d] = opsline[o]
			return 0
		}
		k = fkey(d, fn)
		if (k == "") {
			continue	# not in scope: assumed to fill
		}
		if (!filler[d, k]) {
			tlbwhy[d] = ".tlb_add_page " fn " of " opsid[o] \
				" does not fill the gather"
			tlbwhyf[d] = fnfile[k]; tlbwhyl[d] = fnline[k]
			return 0
		}
	}
	if (n == 0) {
		tlbwhy[d] = "no iommu_flush_ops in " d
		tlbwhyf[d] = d; tlbwhyl[d] = 1
		return 0
	}
	return 1
}

# Is atom a true in context ctx, for a function defined in file ff?
function atom_ok(a, ctx, ff,    name, k, fmts, nf, i, ini, list, n, u, fl) {
	if (a == "tlbadd")
		return tlbadd_ok(ctx)
	if (a == "fmt") {
		if (ctx == "")
			return 0
		fmts = driver_fmts(ctx)
		nf = split(fmts, fl, " ")
		n = 0
		for (i = 1; i <= nf; i++) {
			ini = fmtinit[fl[i]]
			if (ini == "" || !(ini in initfile))
				continue
			delete list
			if (fmt_unmaps(initfile[ini], list) == 0)
				continue
			for (u in list) {
				n++
				if (!filler[ctx, u])
					return 0
			}
		}
		if (n > 0)
			return 1
		# Format code not in scope: assume, as the standalone engines
		# do, that the format fills only through tlb_add_page.
		return tlbadd_ok(ctx)
	}
	if (a ~ /^call:/) {
		name = substr(a, 6)
		k = fkey(ff, name)
		if (k == "")
			return 1	# not in scope: assumed to fill
		return filler[ctx, k]
	}
	return 0
}

function cover_ok(c, ctx, ff, self,    ncl, cl, i, na, at, j, ok) {
	if (c == "fill")
		return 1
	if (c == "none" || c == "")
		return 0
	ncl = split(c, cl, "&")
	for (i = 1; i <= ncl; i++) {
		na = split(cl[i], at, "|")
		ok = 0
		for (j = 1; j <= na && !ok; j++) {
			# A recursive call in a clause with other candidates does
			# not decide it (one-clause engines list every candidate
			# of the function, not only those on the path).
			if (na > 1 && at[j] ~ /^call:/ && self != "" &&
			    fkey(ff, substr(at[j], 6)) == self)
				continue
			if (atom_ok(at[j], ctx, ff))
				ok = 1
		}
		if (!ok)
			return 0
	}
	return 1
}

# Greatest fixpoint of filler-ness in context ctx.
function solve(ctx,    i, k, changed, n, r, ok, anynz) {
	for (i = 1; i <= nfn; i++)
		filler[ctx, fnkeys[i]] = (fngather[fnkeys[i]] != "-")
	do {
		changed = 0
		for (i = 1; i <= nfn; i++) {
			k = fnkeys[i]
			if (!filler[ctx, k])
				continue
			ok = 1; anynz = 0
			for (r = 1; r <= nret[k]; r++) {
				if (retclass[k, r] != "nonzero")
					continue
				anynz = 1
				if (!cover_ok(retcover[k, r], ctx, fnfile[k], k)) {
					ok = 0
					break
				}
			}
			if (fnret[k] != "void" && !anynz)
				ok = 0
			if (!ok) {
				filler[ctx, k] = 0
				changed = 1
			}
		}
	} while (changed)
	solved[ctx] = 1
}

# Lists the uncovered nonzero returns of k in ctx, lowest line first.
function uncovered(k, ctx, out,    r, n, i, j, t) {
	n = 0
	for (r = 1; r <= nret[k]; r++)
		if (retclass[k, r] == "nonzero" &&
		    !cover_ok(retcover[k, r], ctx, fnfile[k], k))
			out[++n] = r
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && retline[k, out[j]] + 0 < retline[k, out[j - 1]] + 0; j--) {
			t = out[j]; out[j] = out[j - 1]; out[j - 1] = t
		}
	return n
}

function emit(rule, file, line, col, fname, sev, msg,    g) {
	g = ++nfind
	fsort[g] = sprintf("%s\t%09d\t%s\t%06d", file, line, rule, g)
	frec[g] = "F" OFS rule OFS file OFS line OFS col OFS fname OFS sev \
		OFS core OFS msg
	fnotes[g] = ""
	return g
}

function note(g, file, line, col, msg,    rec) {
	rec = "N" OFS file OFS line OFS (col == "" ? 1 : col) OFS msg "\n"
	if (index(fnotes[g], rec) == 0)
		fnotes[g] = fnotes[g] rec
}

# Explain why return r of function k is not covered in ctx (chain notes).
function explain(g, k, r, ctx, depth,    c, ncl, cl, i, na, at, j, a, u, list, fmts, nf, fl2, ini, out, n, kk, m) {
	c = retcover[k, r]
	if (depth > 4)
		return
	if (retunread[k, r] != "" && retunread[k, r] != "-")
		note(g, fnfile[k], retline[k, r], retcol[k, r],
		     retunread[k, r] " is tested in a way gatherlint does not read (not against 0): this path is taken as returning nonzero")
	if (c == "none" || c == "") {
		note(g, fnfile[k], retline[k, r], retcol[k, r],
		     "no fill, flush or queued test on a path to this return")
		return
	}
	ncl = split(c, cl, "&")
	for (i = 1; i <= ncl; i++) {
		na = split(cl[i], at, "|")
		for (j = 1; j <= na; j++) {
			a = at[j]
			if (atom_ok(a, ctx, fnfile[k]))
				continue
			if (a == "tlbadd") {
				tlbadd_ok(ctx)
				note(g, tlbwhyf[ctx], tlbwhyl[ctx], 1,
				     "io_pgtable_tlb_add_page() reaches no fill: " tlbwhy[ctx])
			} else if (a == "fmt") {
				fmts = driver_fmts(ctx)
				nf = split(fmts, fl2, " ")
				if (nf == 0 || !has_binds(ctx)) {
					note(g, fnfile[k], retline[k, r], retcol[k, r],
					     "delegates to an io_pgtable_ops unmap whose format is not bound in " ctx)
				}
				for (m = 1; m <= nf; m++) {
					ini = fmtinit[fl2[m]]
					if (ini == "" || !(ini in initfile)) {
						note(g, fnfile[k], retline[k, r], retcol[k, r],
						     "format " fl2[m] " is not in the audited scope; assumed to fill only through tlb_add_page")
						tlbadd_ok(ctx)
						if (tlbwhy[ctx] != "")
							note(g, tlbwhyf[ctx], tlbwhyl[ctx], 1, tlbwhy[ctx])
						continue
					}
					delete list
					fmt_unmaps(initfile[ini], list)
					for (u in list) {
						if (filler[ctx, u])
							continue
						note(g, fnfile[u], fnline[u], 1,
						     "delegates to format " fl2[m] " unmap " fnname[u] \
						     ", which does not fill the gather for this driver")
						delete out
						n = uncovered(u, ctx, out)
						if (n > 0)
							explain(g, u, out[1], ctx, depth + 1)
					}
				}
			} else if (a ~ /^call:/) {
				kk = fkey(fnfile[k], substr(a, 6))
				if (kk == "")
					continue
				note(g, fnfile[kk], fnline[kk], 1,
				     "calls " fnname[kk] "(), which does not fill the gather on every nonzero path")
				delete out
				n = uncovered(kk, ctx, out)
				if (n > 0)
					explain(g, kk, out[1], ctx, depth + 1)
			}
		}
	}
}


# One line of the entry-point table (BSP summary): how k reaches the
# gather, as a short chain: its own calls, the formats it delegates to,
# the driver's tlb_add_page callbacks.
function chain_of(k, d,    r, c, na, at, j, s, seen, fmts, nf, fl2, m, ini, list, u, i, o, fn, tl) {
	s = ""
	for (r = 1; r <= nret[k]; r++) {
		if (retclass[k, r] != "nonzero")
			continue
		c = retcover[k, r]
		gsub(/&/, "|", c)
		na = split(c, at, "|")
		for (j = 1; j <= na; j++) {
			if (at[j] in seen)
				continue
			seen[at[j]] = 1
			if (at[j] ~ /^call:/)
				s = s (s == "" ? "" : ", ") substr(at[j], 6) "()"
			else if (at[j] == "fmt") {
				fmts = driver_fmts(d)
				nf = split(fmts, fl2, " ")
				for (m = 1; m <= nf; m++) {
					ini = fmtinit[fl2[m]]
					delete list
					if (ini != "" && (ini in initfile))
						fmt_unmaps(initfile[ini], list)
					u = ""
					for (i in list)
						u = fnname[i]
					s = s (s == "" ? "" : ", ") fl2[m] (u == "" ? "" : " " u "()")
				}
				if (nf == 0)
					s = s (s == "" ? "" : ", ") "io_pgtable_ops (format not bound)"
				tl = ""
				for (i = 1; i <= nops; i++) {
					o = opskeys[i]
					if (opsfile[o] != d || opstype[o] != "iommu_flush_ops")
						continue
					fn = (o SUBSEP "tlb_add_page") in opsfield ? opsfield[o, "tlb_add_page"] : "NULL"
					tl = tl (tl == "" ? "" : "/") (fn == "NULL" || fn == "-" ? "none" : fn "()")
				}
				s = s " -> tlb_add_page " (tl == "" ? "none" : tl)
			} else if (at[j] == "tlbadd")
				s = s (s == "" ? "" : ", ") "io_pgtable_tlb_add_page()"
		}
	}
	return s == "" ? "direct" : s
}

function sev_unfilled(sync) {
	if (!sync)
		return "note"
	if (core == "EXPOSED")
		return "error"
	if (core == "PROTECTED")
		return "note"
	return "warning"
}

function state_text(sync) {
	if (!sync)
		return "its ops has no .iotlb_sync, so nothing is lost today"
	if (core == "EXPOSED")
		return "this core skips .iotlb_sync for an empty gather: the IOTLB flush is lost"
	if (core == "PROTECTED")
		return "this core back-fills an empty gather, so .iotlb_sync still runs"
	if (core == "LATENT")
		return "this core still calls .iotlb_sync, but a core that skips empty gathers loses the flush"
	return "a core that skips .iotlb_sync for empty gathers (90c5def10bea) loses the flush"
}

END {
	# Core finding.
	if (probestate == "EXPOSED" && probefile != "-") {
		emit("core-empty-gather-skip", probefile, probeline, 1,
		     "iommu_iotlb_sync", "error",
		     "iommu_iotlb_sync() skips .iotlb_sync for an empty gather and the unmap loop does not back-fill it: drivers that never fill the gather lose their TLB flush")
		note(nfind, probefile, probeline, 1, probedetail)
	}

	# Entry points, one per function.
	ne = 0
	for (i = 1; i <= nops; i++) {
		o = opskeys[i]
		t = opstype[o]
		split("unmap_pages unmap unmap_range", flds, " ")
		for (j = 1; j <= 3; j++) {
			fld = flds[j]
			if (!((o SUBSEP fld) in opsfield))
				continue
			if (fld == "unmap_range" && t != "pt_iommu_ops")
				continue
			if (fld != "unmap_range" && t != "iommu_domain_ops" &&
			    t != "iommu_ops")
				continue
			fn = opsfield[o, fld]
			if (fn == "NULL" || fn == "-")
				continue
			k = fkey(opsfile[o], fn)
			if (k == "")
				continue
			sync = (t == "pt_iommu_ops") ||
			       (((o SUBSEP "iotlb_sync") in opsfield) &&
				opsfield[o, "iotlb_sync"] != "NULL" &&
				opsfield[o, "iotlb_sync"] != "-")
			if (!(k in isentry)) {
				entries[++ne] = k
				isentry[k] = 1
				esync[k] = sync
				eops[k] = o
				efield[k] = fld
			} else if (sync && !esync[k]) {
				esync[k] = 1
				eops[k] = o
			}
		}
	}

	# Format unmaps.
	nfu = 0
	for (i = 1; i <= nops; i++) {
		o = opskeys[i]
		if (opstype[o] != "io_pgtable_ops")
			continue
		for (j = 1; j <= 2; j++) {
			fld = j == 1 ? "unmap_pages" : "unmap"
			if (!((o SUBSEP fld) in opsfield))
				continue
			fn = opsfield[o, fld]
			if (fn == "NULL" || fn == "-")
				continue
			k = fkey(opsfile[o], fn)
			if (k == "" || k in isfmt)
				continue
			isfmt[k] = 1
			fmtu[++nfu] = k
		}
	}

	solve("")
	for (e = 1; e <= ne; e++) {
		d = fnfile[entries[e]]
		if (!(d in solved))
			solve(d)
	}

	# unmap-gather-unfilled
	for (e = 1; e <= ne; e++) {
		k = entries[e]
		d = fnfile[k]
		delete out
		n = uncovered(k, d, out)
		if (n == 0)
			continue
		r = out[1]
		o = eops[k]
		sev = sev_unfilled(esync[k])
		g = emit("unmap-gather-unfilled", d, retline[k, r], retcol[k, r],
			 fnname[k], sev,
			 fnname[k] "() returns a nonzero size without filling the iotlb gather; " \
			 state_text(esync[k]))
		note(g, opsfile[o], (o SUBSEP efield[k]) in opsfline ? opsfline[o, efield[k]] : opsline[o], 1,
		     "entry point ." efield[k] " of " opstype[o] " " opsid[o] \
		     (esync[k] ? " (has .iotlb_sync)" : " (no .iotlb_sync)"))
		explain(g, k, r, d, 0)
		for (m = 2; m <= n; m++)
			note(g, d, retline[k, out[m]], retcol[k, out[m]],
			     "also returns " retexpr[k, out[m]] " here without filling the gather")
		# Never add a range where a gather-using driver's add_page would
		# see it (it would defeat iommu_iotlb_gather_is_disjoint()).
		if (rank[sev] >= rank[fixmin] && tlbadd_ok(d)) {
			note(g, d, retline[k, r], retcol[k, r],
			     "not fixed automatically: this driver fills the gather through tlb_add_page (add_page); an added range would merge disjoint ranges")
		} else if (rank[sev] >= rank[fixmin])
			for (m = 1; m <= n; m++)
				fixrec = fixrec "X" OFS d OFS retline[k, out[m]] OFS \
					fnname[k] OFS fngather[k] OFS fniova[k] OFS \
					retexpr[k, out[m]] "\n"
	}

	# The entry-point table (E lines, the BSP summary).
	for (e = 1; e <= ne; e++) {
		k = entries[e]
		d = fnfile[k]
		o = eops[k]
		delete out
		n = uncovered(k, d, out)
		entrec = entrec "E" OFS d OFS fnline[k] OFS fnname[k] OFS \
			opstype[o] " " opsid[o] " ." efield[k] OFS (esync[k] ? "yes" : "no") OFS \
			chain_of(k, d) OFS (n ? "MISSES" : "FILLS") OFS \
			(n ? sev_unfilled(esync[k]) : "-") "\n"
	}

	# pgtable-gather-unfilled
	for (i = 1; i <= nfu; i++) {
		k = fmtu[i]
		delete out
		n = uncovered(k, "", out)
		if (n == 0)
			continue
		r = out[1]
		g = emit("pgtable-gather-unfilled", fnfile[k], retline[k, r],
			 retcol[k, r], fnname[k], "note",
			 "format unmap " fnname[k] "() never fills the iotlb gather by itself; its drivers must fill it (tlb_add_page or their own unmap)")
		# drivers relying on it
		for (e = 1; e <= ne; e++) {
			d = fnfile[entries[e]]
			if ((d, k) in relied)
				continue
			nf = split(driver_fmts(d), fl3, " ")
			for (m = 1; m <= nf; m++) {
				ini = fmtinit[fl3[m]]
				if (ini != "" && initfile[ini] == fnfile[k]) {
					relied[d, k] = 1
					note(g, d, fnline[entries[e]], 1,
					     "relied on by " fnname[entries[e]] "() (" fl3[m] "): " \
					     (filler[d, k] ? "its tlb_add_page fills the gather" : "nothing fills the gather"))
					break
				}
			}
		}
	}

	# unmap-returns-errno
	for (e = 1; e <= ne + nfu; e++) {
		k = e <= ne ? entries[e] : fmtu[e - ne]
		if (k in errdone || fnret[k] != "size")
			continue
		errdone[k] = 1
		for (r = 1; r <= nret[k]; r++) {
			if (retclass[k, r] != "errno")
				continue
			emit("unmap-returns-errno", fnfile[k], retline[k, r],
			     retcol[k, r], fnname[k], "warning",
			     fnname[k] "() returns " retexpr[k, r] " as a size_t: the core reads it as a huge unmapped size; return 0 on failure")
		}
	}

	# analysis-incomplete
	for (i = 1; i <= ninc; i++)
		emit("analysis-incomplete", incfile[i], incline[i], 1,
		     incname[i], "warning",
		     (incname[i] == "-" ? "could not analyse this file: " : \
		      "could not analyse " incname[i] "(): ") increason[i])

	# Output, sorted by file, line, rule.
	for (i = 1; i <= nfind; i++)
		idx[i] = i
	for (i = 2; i <= nfind; i++)
		for (j = i; j > 1 && fsort[idx[j]] < fsort[idx[j - 1]]; j--) {
			t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t
		}
	for (i = 1; i <= nfind; i++) {
		print frec[idx[i]]
		printf "%s", fnotes[idx[i]]
	}
	printf "%s", fixrec
	printf "%s", entrec
}
