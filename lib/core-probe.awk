# core-probe.awk - the core state of a tree (SPEC section 3), read from
# what the core code does, not from the names it uses.
#
# Usage: awk -v hdr=include/linux/iommu.h -v src=drivers/iommu/iommu.c \
#            -v FILLS="$gatherlint_fills" -v UNMAPS="$gatherlint_domainunmaps" \
#            -v SYNCS="$gatherlint_syncfields" (lib/gather-api.sh) \
#            [-v loops=1] -f core-probe.awk ROOT/include/linux/iommu.h ROOT/drivers/iommu/iommu.c
# (either file may be /dev/null when absent).  `hdr` and `src` are the
# names printed.  Output, one line (TAB separated):
#
#   core STATE FILE LINE DETAIL
#
# STATE: LATENT     iommu_iotlb_sync() calls .iotlb_sync whatever the gather
#        EXPOSED    it skips empty gathers, and the unmap loop does not back-fill
#        PROTECTED  it skips empty gathers, and the unmap loop back-fills
#        UNKNOWN    the sync or the unmap loop could not be found
# FILE:LINE is where the state was read: the sync's definition (LATENT),
# its emptiness test (EXPOSED: where core-empty-gather-skip is reported),
# the back-fill (PROTECTED).  DETAIL names every file:line it rests on.
#
# With -v loops=1, one more line per unmap loop, for lib/core-fix.awk:
#
#   loop FILE FUNC SITE STMT AFTER GATHER IOVA SIZE GUARD BACKFILL
#
# FUNC holds the loop, SITE is the line of the unmap step in it (the
# callback call, or the call of the helper that makes it), STMT the line
# where the statement holding it starts (its indentation is the fix's),
# AFTER the line after which the fix goes (the end of the failure check
# that follows the step, else of the step's statement), GATHER IOVA SIZE
# the names at the step, GUARD 1 when there is no failure check (the fix
# must test SIZE itself), BACKFILL the back-fill's line or 0.
#
# How it reads the code.  Both files are tokenized (comments and strings
# dropped; of every #if/#ifdef/#elif/#else chain only the first branch is
# read, but the #else of an "#if 0"), functions are found at brace depth 0
# and their statements parsed (if/else, loops, blocks, iterator macros).
#   Unmap loop: starting at iommu_unmap(), calls are followed breadth-first
#   through every function defined in the two files, whatever its name, to
#   each function that calls the domain ops' unmap callback (`OPS->unmap_pages(`
#   or legacy `OPS->unmap(`, OPS a name ending in "ops").  The loop is the
#   nearest function on that call chain, from the callback up, whose unmap
#   step (the callback call, or the call of the function below it) sits in
#   a loop.  A back-fill is a fill of the step's gather argument
#   (iommu_iotlb_gather_add_range/add_page, direct stores to both ->start
#   and ->end, or a call of a function of these files that does so) after
#   the step, on its success path, in the loop's body or in any function of
#   the chain below the loop after its own step, guarded by nothing but an
#   emptiness test of the gather (->start against ->end, ->end against 0,
#   ->start against ULONG_MAX, or a function returning such a test), a
#   test of the step's result or of the gather pointer.
#   Skip: the function reached from iommu_iotlb_sync() that calls
#   `->iotlb_sync(` skips an empty gather when the call is guarded by a
#   non-emptiness test, or an emptiness test returns before it.

BEGIN {
	OFS = "\t"
	nt = 0; nfn = 0
	split("if else while for do switch return sizeof typeof __typeof__ " \
	      "case default goto break continue _Alignof alignof __builtin_offsetof " \
	      "offsetof defined __attribute__ asm __asm__ volatile", kw, " ")
	for (i in kw) keyword[kw[i]] = 1
	# the vocabulary (lib/gather-api.sh): -v FILLS=... UNMAPS=... SYNCS=...
	if (FILLS == "" || UNMAPS == "" || SYNCS == "") {
		print "core-probe.awk: give -v FILLS=... UNMAPS=... SYNCS=... (lib/gather-api.sh)" > "/dev/stderr"
		novocab = 1
		exit 2
	}
	split(FILLS, kf, " ")
	for (i in kf) knownfill[kf[i]] = 1
	split(UNMAPS, ku, " ")
	for (i in ku) domunmap[ku[i]] = 1
	split(SYNCS, ks, "|")
	for (i in ks) syncfield[ks[i]] = 1
	split("likely unlikely WARN_ON WARN_ON_ONCE", kw2, " ")
	for (i in kw2) transparent[kw2[i]] = 1
}

# ---------------------------------------------------------------- tokenizer

FNR == 1 {
	if (nt > 0) close_file()
	label = (FILENAME == ARGV[1]) ? hdr : src
	incomment = 0; contline = 0; ppdepth = 0; bdepth = 0
}

{
	line = $0
	if (incomment) {
		p = index(line, "*/")
		if (!p) next
		line = substr(line, p + 2)
		incomment = 0
	}
	if (contline) {
		contline = (line ~ /\\$/)
		next
	}
	if (line ~ /^[ \t]*#/) {
		contline = (line ~ /\\$/)
		directive(line)
		next
	}
	tokenize(line, FNR)
}

END {
	if (novocab)
		exit 2
	if (nt > 0) close_file()
	main()
}

function active(  i) {
	for (i = 1; i <= ppdepth; i++)
		if (!pptake[i]) return 0
	return 1
}

function directive(l,  d) {
	d = l
	sub(/^[ \t]*#[ \t]*/, "", d)
	if (d ~ /^if/) {
		ppdepth++
		pptaken[ppdepth] = 0
		pptake[ppdepth] = (d !~ /^if[ \t]+0[ \t]*($|\/)/)
		if (pptake[ppdepth]) pptaken[ppdepth] = 1
	} else if (d ~ /^(elif|else)/ && ppdepth > 0) {
		pptake[ppdepth] = !pptaken[ppdepth]
		if (pptake[ppdepth]) pptaken[ppdepth] = 1
	} else if (d ~ /^endif/ && ppdepth > 0) {
		ppdepth--
	}
	# A comment opened on a directive line (rare) is closed there or
	# swallowed with the directive.
	if (index(d, "/*") && !index(substr(d, index(d, "/*")), "*/"))
		incomment = 1
}

function tokenize(s, ln,  on, t, p) {
	on = active()
	while (s != "") {
		if (match(s, /^[ \t\f\r]+/)) { s = substr(s, RLENGTH + 1); continue }
		if (substr(s, 1, 2) == "/*") {
			p = index(substr(s, 3), "*/")
			if (!p) { incomment = 1; return }
			s = substr(s, p + 4)
			continue
		}
		if (substr(s, 1, 2) == "//") return
		if (match(s, /^[A-Za-z_][A-Za-z0-9_]*/) || match(s, /^[0-9][A-Za-z0-9_.]*/)) {
			t = substr(s, 1, RLENGTH)
		} else if (match(s, /^"([^"\\]|\\.)*"/)) {
			t = "\"\""
		} else if (match(s, /^'([^'\\]|\\.)*'/)) {
			t = "''"
		} else if (match(s, /^(<<=|>>=|\.\.\.|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||\+=|-=|\*=|\/=|%=|&=|\|=|\^=|##)/)) {
			t = substr(s, 1, RLENGTH)
		} else {
			RLENGTH = 1
			t = substr(s, 1, 1)
		}
		s = substr(s, RLENGTH + 1)
		if (!on) continue
		nt++
		T[nt] = t; TL[nt] = ln; TF[nt] = label
		if (t == "(" || t == "[" || t == "{") {
			bstack[++bdepth] = nt
		} else if (t == ")" || t == "]" || t == "}") {
			if (bdepth > 0) {
				M[bstack[bdepth]] = nt; M[nt] = bstack[bdepth]
				bdepth--
			}
		}
	}
}

# End of one file's tokens: find its function definitions.
function close_file(  i, j, n, o) {
	for (i = filestart + 1; i <= nt; i++) {
		if (T[i] != "{") continue
		if (!(i in M)) break
		j = i - 1
		if (T[j] == ")" && (j in M)) {
			o = M[j]; n = o - 1
			# name(params) attr(args) {: the name is before the first list
			if (T[n - 1] == ")" && ((n - 1) in M) && M[n - 1] > filestart + 1 &&
			    isident(T[M[n - 1] - 1])) {
				j = n - 1; o = M[j]; n = o - 1
			}
			if (T[n] ~ /^[A-Za-z_][A-Za-z0-9_]*$/ && !(T[n] in keyword) &&
			    T[n - 1] != "=") {
				nfn++
				fname[nfn] = T[n]; ffile[nfn] = TF[n]; fline[nfn] = TL[n]
				fpo[nfn] = o; fpc[nfn] = j; fbo[nfn] = i; fbc[nfn] = M[i]
				if (!(T[n] in fdef)) fdef[T[n]] = nfn
				else fdef2[T[n]] = fdef2[T[n]] " " nfn
			}
		}
		i = M[i]
	}
	filestart = nt
	bdepth = 0
}

# ----------------------------------------------------------------- helpers

function isident(t) { return t ~ /^[A-Za-z_][A-Za-z0-9_]*$/ && !(t in keyword) }

# Parameter number p (1-based) of function k: its name, and into PTYPE the
# text of its declaration.
function param(k, p,  i, n, s, last) {
	n = 1; s = ""; last = ""
	for (i = fpo[k] + 1; i < fpc[k]; i++) {
		if (T[i] == "(" || T[i] == "[") {
			if (n == p) s = s " " T[i]
			i = M[i]
			if (n == p) s = s " " T[i]
			continue
		}
		if (T[i] == ",") { if (n == p) break; n++; continue }
		if (n == p) { s = s " " T[i]; if (isident(T[i])) last = T[i] }
	}
	PTYPE = s
	return last
}

function nparams(k,  i, n) {
	if (fpc[k] == fpo[k] + 1) return 0
	n = 1
	for (i = fpo[k] + 1; i < fpc[k]; i++) {
		if (T[i] == "(" || T[i] == "[") { i = M[i]; continue }
		if (T[i] == ",") n++
	}
	return n
}

# The arguments of the call whose "(" is at o: ARGLO[1..n], ARGHI[1..n]
# (token ranges), returns n.
function args(o,  i, n, c) {
	c = M[o]
	if (c == o + 1) return 0
	n = 1; ARGLO[1] = o + 1
	for (i = o + 1; i < c; i++) {
		if (T[i] == "(" || T[i] == "[" || T[i] == "{") { i = M[i]; continue }
		if (T[i] == ",") { ARGHI[n] = i - 1; n++; ARGLO[n] = i + 1 }
	}
	ARGHI[n] = c - 1
	return n
}

# The argument of call "(" o that is exactly the name g: its position, or 0.
function argpos(o, g,  n, a) {
	n = args(o)
	for (a = 1; a <= n; a++)
		if (ARGLO[a] == ARGHI[a] && T[ARGLO[a]] == g) return a
	return 0
}

# The function (index) whose body holds token x, or 0.
function fnof(x,  k) {
	for (k = 1; k <= nfn; k++)
		if (fbo[k] < x && x < fbc[k]) return k
	return 0
}

# Index of the defined function named t (first definition), or 0.
function defined(t) { return (t in fdef) ? fdef[t] : 0 }

# ---------------------------------------------------------------- statements

# Last token of the statement that starts at s.
function stmt_end(s,  j, t, d) {
	if (T[s] == "{") return (s in M) ? M[s] : s
	if ((T[s] == "if" || T[s] == "while" || T[s] == "for" || T[s] == "switch") &&
	    (T[s + 1] != "(" || !((s + 1) in M)))
		return s	# not C we can read: one token
	if (T[s] == "if") {
		j = M[s + 1]
		t = stmt_end(j + 1)
		if (T[t + 1] == "else") return stmt_end(t + 2)
		return t
	}
	if (T[s] == "while" || T[s] == "for" || T[s] == "switch") {
		j = M[s + 1]
		return (T[j + 1] == ";") ? j + 1 : stmt_end(j + 1)
	}
	if (T[s] == "do") {
		t = stmt_end(s + 1)
		return (T[t + 1] == "while" && ((t + 2) in M)) ? M[t + 2] + 1 : t
	}
	if (T[s] == "case" || T[s] == "default") {
		for (j = s; j < nt && T[j] != ":"; j++) ;
		return j
	}
	if (isident(T[s]) && T[s + 1] == ":" ) return s + 1
	# an iterator macro: name(args) { ... } or name(args) stmt
	if (isident(T[s]) && T[s + 1] == "(" && (s + 1) in M && T[M[s + 1] + 1] == "{" &&
	    T[s - 1] != "=")
		return M[M[s + 1] + 1]
	for (j = s; j <= nt; j++) {
		if (T[j] == ";") return j
		if ((T[j] == "(" || T[j] == "[" || T[j] == "{") && (j in M) && M[j] > j) { j = M[j]; continue }
		if (T[j] == "}") return (j > s) ? j - 1 : s
	}
	return nt
}

# Record the if statements and loops of function k: IFS[k] parsed once.
function parse_fn(k) {
	if (k in parsed) return
	parsed[k] = 1
	parse_block(k, fbo[k])
}

function parse_block(k, o,  s, e) {
	for (s = o + 1; s < M[o]; s = e + 1) {
		e = stmt_end(s)
		if (e < s) e = s
		parse_stmt(k, s, e)
	}
}

function parse_stmt(k, s, e,  j, t, b) {
	if (T[s] == "{") { parse_block(k, s); return }
	if (T[s] == "if") {
		j = M[s + 1]
		t = stmt_end(j + 1)
		nif++
		ifk[nif] = k; ifs[nif] = s; ifco[nif] = s + 1; ifcc[nif] = j
		ifto[nif] = j + 1; iftc[nif] = t; ifeo[nif] = 0; ifec[nif] = 0
		parse_stmt(k, j + 1, t)
		if (T[t + 1] == "else") {
			ifeo[nif] = t + 2; ifec[nif] = e
			parse_stmt(k, t + 2, e)
		}
		return
	}
	if (T[s] == "while" || T[s] == "for" || T[s] == "switch") {
		j = M[s + 1]
		if (T[j + 1] == ";") return
		if (T[s] != "switch") { nlp++; lpk[nlp] = k; lpo[nlp] = j + 1; lpc[nlp] = e }
		parse_stmt(k, j + 1, stmt_end(j + 1))
		return
	}
	if (T[s] == "do") {
		b = stmt_end(s + 1)
		nlp++; lpk[nlp] = k; lpo[nlp] = s + 1; lpc[nlp] = b
		parse_stmt(k, s + 1, b)
		return
	}
	if (isident(T[s]) && T[s + 1] == "(" && T[M[s + 1] + 1] == "{" && e == M[M[s + 1] + 1]) {
		nlp++; lpk[nlp] = k; lpo[nlp] = M[s + 1] + 1; lpc[nlp] = e
		parse_block(k, M[s + 1] + 1)
	}
}

# The innermost loop of function k whose body holds token x: its index, or 0.
function loop_of(k, x,  i, best) {
	best = 0
	for (i = 1; i <= nlp; i++)
		if (lpk[i] == k && lpo[i] <= x && x <= lpc[i] &&
		    (!best || lpo[i] > lpo[best]))
			best = i
	return best
}

# The statement directly inside the block or statement [o, c] that holds
# token x: sets STS / STE, returns 1 when found.
function stmt_in(o, c, x,  s, e) {
	if (T[o] != "{") { STS = o; STE = c; return 1 }
	for (s = o + 1; s < c; s = e + 1) {
		e = stmt_end(s)
		if (e < s) e = s
		if (s <= x && x <= e) { STS = s; STE = e; return 1 }
	}
	return 0
}

# ----------------------------------------------------------------- conditions

# Class of the condition tokens [a, b] about the gather named g, with the
# step's result named r (may be ""):
#   E  true when the gather is empty (an emptiness test)
#   N  true only when the gather is not empty
#   S  a test of the step's success or of the gather pointer
#   F  true only when the step failed
#   X  anything else
# CLINE is the line of the deciding emptiness test.
function cond(a, b, g, r, depth,  i, d, parts, cls, c, n, hasE, hasN, allS, allF, anyF, anyX, op) {
	# strip enclosing parentheses
	while (T[a] == "(" && M[a] == b) { a++; b-- }
	if (a > b) return "X"
	# top-level || first, then &&
	for (op = 1; op <= 2; op++) {
		n = 0; lo[depth, 1] = a
		for (i = a; i <= b; i++) {
			if ((T[i] == "(" || T[i] == "[") && (i in M)) { i = M[i]; continue }
			if (T[i] == (op == 1 ? "||" : "&&")) {
				n++; hi_[depth, n] = i - 1; lo[depth, n + 1] = i + 1
			}
		}
		if (n == 0) continue
		n++; hi_[depth, n] = b
		hasE = hasN = anyF = anyX = 0; allS = allF = 1
		for (i = 1; i <= n; i++) {
			c = cond(lo[depth, i], hi_[depth, i], g, r, depth + 1)
			if (c == "E") hasE = 1
			if (c == "N") hasN = 1
			if (c != "S") allS = 0
			if (c != "F") allF = 0
			if (c == "F") anyF = 1
			if (c == "X") anyX = 1
		}
		if (op == 1) {	# ||
			if (hasE) return "E"
			if (allF) return "F"
			if (allS) return "S"
			if (!hasE && !anyX && !allS && hasN && !anyF) return "N"
			return "X"
		}
		# &&
		if (anyF) return "F"
		if (hasN) return "N"
		if (hasE && !anyX) return "E"
		if (allS) return "S"
		return "X"
	}
	if (T[a] == "!") {
		c = cond(a + 1, b, g, r, depth + 1)
		if (c == "E") return "N"
		if (c == "N") return "E"
		if (c == "S") return "F"
		if (c == "F") return "S"
		return "X"
	}
	# a wrapper call: likely(x), unlikely(x), WARN_ON(x)
	if (isident(T[a]) && T[a + 1] == "(" && M[a + 1] == b && (T[a] in transparent))
		return cond(a + 2, b - 1, g, r, depth + 1)
	# a call of a function of these files that tests the gather
	if (isident(T[a]) && T[a + 1] == "(" && M[a + 1] == b && depth < 8) {
		return cond_call(a, g, r, depth)
	}
	# comparisons
	for (i = a; i <= b; i++) {
		if ((T[i] == "(" || T[i] == "[") && (i in M)) { i = M[i]; continue }
		if (T[i] ~ /^(<|<=|>|>=|==|!=)$/)
			return compare(a, i - 1, T[i], i + 1, b, g, r)
	}
	d = side(a, b, g, r)
	if (d == "R" || d == "G") return "S"
	if (d == "END") { CLINE = TL[a]; return "N" }
	return "X"
}

# What the tokens [a, b] are: START END (of the gather g), G (g itself),
# R (the result r), ZERO, MAX, or "".
function side(a, b, g, r) {
	while (T[a] == "(" && M[a] == b) { a++; b-- }
	if (a == b) {
		if (T[a] == g) return "G"
		if (r != "" && T[a] == r) return "R"
		if (T[a] ~ /^0[uUlL]*$/) return "ZERO"
		if (T[a] == "ULONG_MAX") return "MAX"
		return ""
	}
	if (b == a + 2 && T[a] == g && (T[a + 1] == "->" || T[a + 1] == ".")) {
		if (T[b] == "start") return "START"
		if (T[b] == "end") return "END"
	}
	if (b == a + 1 && T[a] == "~" && T[b] ~ /^0[uUlL]*$/) return "MAX"
	return ""
}

function compare(a, b, op, c, d, g, r,  x, y, t) {
	x = side(a, b, g, r); y = side(c, d, g, r)
	if (x == "R" || y == "R") {
		# r == 0, !r: failure; r > 0, r != 0: success
		if ((x == "R" && y == "ZERO" && (op == "==" || op == "<=")) ||
		    (y == "R" && x == "ZERO" && (op == "==" || op == ">=")))
			return "F"
		return "S"
	}
	if (x == "G" || y == "G") return (op == "!=") ? "S" : "F"
	# normalise to START/END on the left
	if (x != "START" && x != "END") {
		t = x; x = y; y = t
		if (op == "<") op = ">"; else if (op == ">") op = "<"
		else if (op == "<=") op = ">="; else if (op == ">=") op = "<="
	}
	CLINE = TL[a]
	if (x == "START" && y == "END") {
		if (op == ">=" || op == ">") return "E"
		if (op == "<" || op == "<=") return "N"
	}
	if (x == "END" && y == "START") {
		if (op == "<=" || op == "<") return "E"
		if (op == ">" || op == ">=") return "N"
	}
	if (x == "END" && y == "ZERO") {
		if (op == "==" || op == "<=") return "E"
		if (op == "!=" || op == ">") return "N"
	}
	if (x == "START" && y == "MAX") {
		if (op == "==" || op == ">=") return "E"
		if (op == "!=" || op == "<") return "N"
	}
	return "X"
}

# A call f(args) in a condition: when f is defined here and returns one
# test of the parameter the gather is passed to, that test's class.
function cond_call(a, g, r, depth,  k, p, pg, i, rs, re, cnt, c, keep) {
	k = defined(T[a])
	if (!k) return "X"
	p = argpos(a + 1, g)
	if (!p) return "X"
	pg = param(k, p)
	cnt = 0
	for (i = fbo[k] + 1; i < fbc[k]; i++)
		if (T[i] == "return") { cnt++; rs = i + 1; re = stmt_end(i) - 1 }
	if (cnt != 1) return "X"
	keep = CLINE
	c = cond(rs, re, pg, "", depth + 1)
	if (c == "E" || c == "N") CLINE = TL[a]
	else CLINE = keep
	if (c == "E" || c == "N") return c
	return "X"
}

# ------------------------------------------------------------------ fills

# Does token x of function k lie on a path that runs when the gather g is
# empty after a successful step with result r?  Every if between `from`
# and x must allow it.  Sets GUARDLINE to the emptiness test's line.
function guarded_ok(k, x, from, g, r,  i, c) {
	parse_fn(k)
	GUARDLINE = 0
	for (i = 1; i <= nif; i++) {
		if (ifk[i] != k || ifs[i] < from) continue
		CLINE = 0
		if (ifto[i] <= x && x <= iftc[i]) {
			c = cond(ifco[i], ifcc[i], g, r, 1)
			if (c != "E" && c != "S") return 0
			if (c == "E" && !GUARDLINE) GUARDLINE = CLINE
		} else if (ifeo[i] && ifeo[i] <= x && x <= ifec[i]) {
			c = cond(ifco[i], ifcc[i], g, r, 1)
			if (c != "N" && c != "F") return 0
			if (c == "N" && !GUARDLINE) GUARDLINE = CLINE
		}
	}
	return 1
}

# The first fill of the gather g in tokens [a, b] of function k, on the
# success path (guards after `from`): its line, or 0.  Fills: the known
# helpers, stores to both ->start and ->end, or a call of a function of
# these files that fills the parameter the gather is passed to.
function find_fill(k, a, b, from, g, r, depth,  i, p, st, en, j, line) {
	st = en = 0
	for (i = a; i <= b; i++) {
		if (isident(T[i]) && T[i + 1] == "(" && T[i - 1] != "->" && T[i - 1] != ".") {
			p = argpos(i + 1, g)
			if (!p) continue
			if (T[i] in knownfill) {
				if (guarded_ok(k, i, from, g, r)) return TL[i]
				continue
			}
			j = defined(T[i])
			if (j && j != k && depth < 4 && fills_param(j, p, depth + 1) &&
			    guarded_ok(k, i, from, g, r)) {
				if (!GUARDLINE) GUARDLINE = fillguard[j, p]
				FILLVIA = fname[j]
				return TL[i]
			}
			continue
		}
		if (T[i] == g && (T[i + 1] == "->" || T[i + 1] == ".") && T[i + 3] == "=" &&
		    T[i - 1] != "->" && T[i - 1] != "." &&
		    guarded_ok(k, i, from, g, r)) {
			if (T[i + 2] == "start" && !st) st = i
			if (T[i + 2] == "end" && !en) en = i
			if (st && en) return TL[st < en ? st : en]
		}
	}
	return 0
}

function fills_param(k, p, depth,  g) {
	g = param(k, p)
	if (g == "") return 0
	if ((k SUBSEP p) in fillmemo) return fillmemo[k, p]
	fillmemo[k, p] = 0	# no recursion through itself
	fillmemo[k, p] = find_fill(k, fbo[k] + 1, fbc[k] - 1, fbo[k], g, "", depth) ? 1 : 0
	fillguard[k, p] = GUARDLINE
	return fillmemo[k, p]
}

# ------------------------------------------------------------ the call chains

# Breadth-first from function `root`, through the functions defined here;
# for every function that holds a token sequence matching `what`
# ("unmap": OPS->unmap_pages( / OPS->unmap(; "sync": ->iotlb_sync(),
# HOLD[1..n] = function, HOLDAT[] = token of the call.  PARENT[k] / PSITE[k]
# the caller and the "(" of its call.  Returns n.
function reach(root, what,  q, qh, qt, k, i, j, n, seen) {
	n = 0
	split("", seen); split("", PARENT); split("", PSITE)
	qh = 1; qt = 1; q[1] = root; seen[root] = 1
	while (qh <= qt) {
		k = q[qh++]
		for (i = fbo[k] + 1; i < fbc[k]; i++) {
			if (T[i] == "->" && T[i + 2] == "(" &&
			    ((what == "unmap" && (T[i + 1] in domunmap) &&
			      T[i - 1] ~ /ops$/) ||
			     (what == "sync" && (T[i + 1] in syncfield)))) {
				n++; HOLD[n] = k; HOLDAT[n] = i - 1; HOLDCB[n] = T[i + 1]
				if (T[i - 2] == "->" || T[i - 2] == ".") HOLDAT[n] = i - 3
				break
			}
		}
		for (i = fbo[k] + 1; i < fbc[k]; i++) {
			if (!isident(T[i]) || T[i + 1] != "(" || T[i - 1] == "->" || T[i - 1] == ".")
				continue
			j = defined(T[i])
			if (!j || (j in seen) || qt - qh > 200) continue
			seen[j] = 1; PARENT[j] = k; PSITE[j] = i + 1
			q[++qt] = j
		}
	}
	return n
}

function chain_text(k,  s) {
	s = fname[k]
	while (k in PARENT) { k = PARENT[k]; s = fname[k] " -> " s }
	return s
}

# The name assigned from the call starting at token x (`NAME = ... x`),
# scanning back to the start of the statement; "" when none.
function result_of(x,  i) {
	for (i = x - 1; i > 0; i--) {
		if (T[i] == ";" || T[i] == "{" || T[i] == "}") return ""
		if (T[i] == "=" && isident(T[i - 1])) return T[i - 1]
		if (T[i] == "return") return "return"
	}
	return ""
}

# The gather argument of the call whose "(" is o, in function k: the name
# declared as a struct iommu_iotlb_gather pointer, else the last argument.
function gather_arg(k, o,  n, a, p, np, nm) {
	n = args(o)
	np = nparams(k)
	for (a = n; a >= 1; a--) {
		if (ARGLO[a] != ARGHI[a] || !isident(T[ARGLO[a]])) continue
		nm = T[ARGLO[a]]
		for (p = 1; p <= np; p++)
			if (param(k, p) == nm && PTYPE ~ /iommu_iotlb_gather/) return nm
		if (declared_gather(k, nm)) return nm
	}
	if (n >= 1 && ARGLO[n] == ARGHI[n]) return T[ARGLO[n]]
	return ""
}

function declared_gather(k, nm,  i) {
	for (i = fbo[k] + 1; i < fbc[k]; i++)
		if (T[i] == "iommu_iotlb_gather" && T[i + 1] == "*" && T[i + 2] == nm) return 1
	return 0
}

function iova_arg(o,  n) {
	n = args(o)
	if (n >= 2 && ARGLO[2] == ARGHI[2] && isident(T[ARGLO[2]])) return T[ARGLO[2]]
	return ""
}

# Analyse the unmap chain ending at HOLD[h]: sets the loop (LK, LSITE,
# LSTS, LAFTER, LGUARD, LG, LIOVA, LR) and BF / BFLINE / BFFN (back-fill).
function analyse_unmap(h,  k, o, x, g, r, lp, e, lv, sk, so, ss, f, iova) {
	k = HOLD[h]; x = HOLDAT[h]
	# the step in the holder: the callback call's "(" and its name
	o = x; while (T[o] != "(") o++
	LK = 0; BF = 0
	for (lv = 0; lv < 16; lv++) {
		g = gather_arg(k, o)
		iova = iova_arg(o)
		r = result_of(x)
		parse_fn(k)
		lp = loop_of(k, x)
		if (lp) stmt_in(lpo[lp], lpc[lp], x)
		else stmt_in(fbo[k], fbc[k], x)
		ss = STS; e = STE
		# the back-fill: after the step's statement, to the end of the loop
		# body (or of the function)
		if (!BF && g != "") {
			FILLVIA = ""
			f = find_fill(k, e + 1, lp ? lpc[lp] : fbc[k] - 1, e + 1, g, r, 0)
			if (f) { BF = 1; BFLINE = f; BFFN = k; BFGUARD = GUARDLINE; BFVIA = FILLVIA }
		}
		if (lp && !LK) {
			LK = k; LSITE = TL[x]; LSTS = TL[ss]; LG = g; LIOVA = iova; LR = r
			# a failure check right after the step: if (!r) break;
			LAFTER = TL[e]; LGUARD = 1
			so = e + 1
			if (T[so] == "if" && r != "" && r != "return") {
				sk = stmt_end(so)
				if (T[stmt_end(M[so + 1] + 1) + 1] != "else" &&
				    cond(so + 1, M[so + 1], g, r, 1) == "F" && exits(M[so + 1] + 1, sk)) {
					LAFTER = TL[sk]; LGUARD = 0
				}
			}
		}
		if (LK || !(k in PARENT)) break
		# up one level: the step is the call of k in its caller
		x = PSITE[k] - 1; o = PSITE[k]; k = PARENT[k]
	}
	if (!LK) {	# no loop: the holder itself
		k = HOLD[h]; x = HOLDAT[h]
		o = x; while (T[o] != "(") o++
		parse_fn(k); stmt_in(fbo[k], fbc[k], x)
		LK = k; LSITE = TL[x]; LSTS = TL[STS]; LAFTER = TL[STE]; LGUARD = 1
		LG = gather_arg(k, o); LIOVA = iova_arg(o); LR = result_of(x)
	}
}

function exits(a, b,  i) {
	for (i = a; i <= b; i++)
		if (T[i] == "break" || T[i] == "return" || T[i] == "goto") return 1
	return 0
}

# The skip in the function reached from iommu_iotlb_sync() that calls
# ->iotlb_sync(): SKIPLINE (0 when it always calls it).
function analyse_sync(k, x,  np, p, g, i, c) {
	SKIPLINE = 0
	np = nparams(k); g = ""
	for (p = 1; p <= np; p++)
		if (param(k, p) != "" && PTYPE ~ /iommu_iotlb_gather/) g = param(k, p)
	if (g == "") return
	parse_fn(k)
	for (i = 1; i <= nif; i++) {
		if (ifk[i] != k) continue
		CLINE = 0
		if (ifto[i] <= x && x <= iftc[i]) {
			c = cond(ifco[i], ifcc[i], g, "", 1)
			if (c == "N") { SKIPLINE = CLINE ? CLINE : TL[ifs[i]]; return }
		} else if (ifeo[i] && ifeo[i] <= x && x <= ifec[i]) {
			c = cond(ifco[i], ifcc[i], g, "", 1)
			if (c == "E") { SKIPLINE = CLINE ? CLINE : TL[ifs[i]]; return }
		} else if (iftc[i] < x && exits(ifto[i], iftc[i]) && !ifeo[i]) {
			c = cond(ifco[i], ifcc[i], g, "", 1)
			if (c == "E") { SKIPLINE = CLINE ? CLINE : TL[ifs[i]]; return }
		}
	}
}

# --------------------------------------------------------------------- main

function main(  k, n, h, d, syncdef, sk, sx, u, ok, where, det, bad, first, ex) {
	# the sync: a definition of iommu_iotlb_sync() that reaches ->iotlb_sync(
	syncdef = 0
	n = split(((("iommu_iotlb_sync" in fdef) ? fdef["iommu_iotlb_sync"] : "") " " \
		   fdef2["iommu_iotlb_sync"]), cand, " ")
	for (d = 1; d <= n; d++) {
		if (cand[d] == "") continue
		if (reach(cand[d] + 0, "sync")) { syncdef = cand[d] + 0; sk = HOLD[1]; sx = HOLDAT[1]; break }
	}
	# the unmap loop(s), read whatever the state (the core fix needs them)
	u = ("iommu_unmap" in fdef) ? fdef["iommu_unmap"] : 0
	nh = u ? reach(u, "unmap") : 0
	ok = 1; first = ""; bad = ""; where = ""
	for (h = 1; h <= nh; h++) {
		analyse_unmap(h)
		det = TF[HOLDAT[h]] ":" TL[HOLDAT[h]] ": " fname[HOLD[h]] "() calls " \
		      "the domain ops' ." HOLDCB[h] "() (" chain_text(HOLD[h]) "); " \
		      "the unmap loop is in " fname[LK] "() (its unmap step at " ffile[LK] ":" LSITE ")"
		if (BF) {
			det = det "; " ffile[BFFN] ":" BFLINE ": " fname[BFFN] "() back-fills " \
			      (BFGUARD ? "an empty gather" : "the gather after every successful unmap") \
			      (BFVIA != "" ? " through " BFVIA "()" : "") \
			      (BFGUARD ? " (tested at line " BFGUARD ")" : "")
			if (where == "") { where = ffile[BFFN] OFS BFLINE }
		} else {
			det = det ", and does not back-fill an empty gather"
			ok = 0
			if (bad == "") bad = det
		}
		first = first (first == "" ? "" : "; ") det
		if (loops)
			loopline[h] = "loop" OFS ffile[LK] OFS fname[LK] OFS LSITE OFS LSTS OFS \
			    LAFTER OFS (LG == "" ? "-" : LG) OFS (LIOVA == "" ? "-" : LIOVA) OFS \
			    (LR == "" || LR == "return" ? "-" : LR) OFS LGUARD OFS (BF ? BFLINE : 0)
	}
	if (!syncdef) {
		print "core", "UNKNOWN", "-", 0, "iommu_iotlb_sync() calling .iotlb_sync was not found in " hdr " or " src
	} else {
		analyse_sync(sk, sx)
		if (!SKIPLINE) {
			print "core", "LATENT", ffile[syncdef], fline[syncdef],
			    ffile[syncdef] ":" fline[syncdef] ": iommu_iotlb_sync() calls .iotlb_sync whatever the gather holds" \
			    (ffile[sk] != ffile[syncdef] || sk != syncdef ? " (" ffile[sk] ":" TL[sx] ": " fname[sk] "())" : "") \
			    (nh ? "; " first : "")
		} else {
			ex = ffile[sk] ":" SKIPLINE ": iommu_iotlb_sync() skips empty gathers" \
			     (sk != syncdef ? " (in " fname[sk] "())" : "")
			if (!u)
				print "core", "UNKNOWN", ffile[sk], SKIPLINE, ex "; but iommu_unmap() was not found in " src
			else if (!nh)
				print "core", "UNKNOWN", ffile[sk], SKIPLINE, ex "; but no function reached from iommu_unmap() calls the domain ops' unmap callback"
			else if (ok)
				print "core", "PROTECTED", where, ex "; " first
			else
				print "core", "EXPOSED", ffile[sk], SKIPLINE, ex "; " bad
		}
	}
	if (loops)
		for (h = 1; h <= nh; h++) print loopline[h]
}
