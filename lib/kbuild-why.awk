# kbuild-why.awk - the Kconfig symbol that would build an object of a kbuild
# Makefile (lib/engine-gcc.sh, for a file the configuration does not build).
#
#   awk -v target=foo.o -f kbuild-why.awk .config DIR/Makefile
#   awk -v target=subdir/ -f kbuild-why.awk .config DIR/Makefile
#
# Prints the first symbol on the way to TARGET that the .config does not
# set (y or m): obj-$(CONFIG_FOO) += foo.o; a composite's part
# (bar-$(CONFIG_BAZ) += foo.o, then obj-$(CONFIG_BAR) += bar.o); an
# enclosing ifdef CONFIG_X / ifeq ($(CONFIG_X),y) / ifneq ($(CONFIG_X),).
# Prints "set" when every symbol on the way is set, nothing when no rule
# names TARGET.

FNR == NR {
	if (match($0, /^CONFIG_[A-Za-z0-9_]+=[ym]$/))
		set[substr($0, 1, index($0, "=") - 1)] = 1
	next
}

# one logical line: continuations joined, comments dropped
{
	line = $0
	while (line ~ /\\$/ && (getline nxt) > 0)
		line = substr(line, 1, length(line) - 1) " " nxt
	sub(/#.*/, "", line)
}

# the conditionals around an assignment: a stack of guard symbols
line ~ /^[ \t]*(ifdef|ifndef|ifeq|ifneq)[ \t(]/ {
	g = ""
	if (match(line, /CONFIG_[A-Za-z0-9_]+/))
		g = substr(line, RSTART, RLENGTH)
	# only the forms that test the symbol is set
	if (line !~ /^[ \t]*ifdef/ && line !~ /^[ \t]*ifeq[ \t]*\(\$\(CONFIG_[A-Za-z0-9_]+\),[ \t]*[ym]\)/ &&
	    line !~ /^[ \t]*ifneq[ \t]*\(\$\(CONFIG_[A-Za-z0-9_]+\),[ \t]*\)/)
		g = ""
	depth++
	guard[depth] = g
	next
}
line ~ /^[ \t]*else/ { guard[depth] = ""; next }
line ~ /^[ \t]*endif/ { if (depth > 0) depth--; next }

# LHS (:= += ?= =) RHS
match(line, /^[ \t]*[A-Za-z0-9_.$()-]+[ \t]*[:+?]?=/) {
	lhs = substr(line, RSTART, RLENGTH)
	rhs = substr(line, RLENGTH + 1)
	sub(/[:+?]?=$/, "", lhs)
	gsub(/[ \t]/, "", lhs)
	gs = ""
	for (i = 1; i <= depth; i++)
		if (guard[i] != "")
			gs = gs " " guard[i]
	n = split(rhs, w, /[ \t]+/)
	for (i = 1; i <= n; i++) {
		if (w[i] == "")
			continue
		nown[w[i]]++
		own[w[i], nown[w[i]]] = lhs
		owng[w[i], nown[w[i]]] = gs
	}
}

# why(T): the first unset symbol on the way to T, "set", or "" (no rule)
function why(t, d,    k, ng, gl, j, r, best) {
	if (d > 8)
		return ""
	best = ""
	for (k = 1; k <= nown[t]; k++) {
		ng = split(owng[t, k], gl, " ")
		r = "set"
		for (j = 1; j <= ng; j++)
			if (!(gl[j] in set)) { r = gl[j]; break }
		if (r == "set")
			r = why_lhs(own[t, k], d)
		if (r ~ /^CONFIG_/)
			return r
		if (r == "set")
			best = "set"
	}
	return best
}

# why_lhs(L): the same for a word assigned to the variable L
function why_lhs(lhs, d,    sym, name) {
	if (lhs ~ /^(obj|subdir)-\$\(CONFIG_[A-Za-z0-9_]+\)$/) {
		sym = lhs
		sub(/^[a-z]+-\$\(/, "", sym)
		sub(/\)$/, "", sym)
		return (sym in set) ? "set" : sym
	}
	if (lhs ~ /^(obj|subdir)-[ym]$/)
		return "set"
	# a composite's conditional part: NAME-$(CONFIG_X), then as NAME-y
	if (lhs ~ /-\$\(CONFIG_[A-Za-z0-9_]+\)$/) {
		sym = lhs
		sub(/^.*-\$\(/, "", sym)
		sub(/\)$/, "", sym)
		if (!(sym in set))
			return sym
		sub(/-\$\(CONFIG_[A-Za-z0-9_]+\)$/, "-y", lhs)
	}
	# a variable used elsewhere: foo-objs := $(foo-objs-y)
	if (nown["$(" lhs ")"] > 0)
		return why("$(" lhs ")", d + 1)
	# a composite: NAME-y, NAME-objs, NAME-m
	if (lhs ~ /^.+-(y|m|objs)$/) {
		name = lhs
		sub(/-(y|m|objs)$/, "", name)
		return why(name ".o", d + 1)
	}
	return ""
}

END {
	r = why(target, 0)
	if (r == "" && target ~ /\/$/)
		r = why(substr(target, 1, length(target) - 1), 0)
	if (r != "")
		print r
}
