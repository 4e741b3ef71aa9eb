# norm.awk - C source or a unified diff of it, normalised for comparing the
# fixes of two engines that put the same statements at the same places
# but lay lines out each its own way (spatch's pretty-printer breaks long
# added lines at 80 columns, the GCC plugin at the kernel's 100): runs of
# blanks become one space, leading and trailing blanks go, and a line
# break inside a statement's parentheses is joined.  Blank lines stay (the
# blank line after a declaration is part of the fix).
#
# Usage: awk -f norm.awk FILE.c
#        awk -v diff=1 -f norm.awk FILE.diff   (the diff's +/-/context lines
#        normalised each with its prefix; hunk line numbers and index lines
#        dropped, as they follow the layout)

function depth_of(s,    t, o, c) {
	t = s
	gsub(/"([^"\\]|\\.)*"/, "", t)
	gsub(/\/\*.*\*\//, "", t)
	sub(/\/\/.*/, "", t)
	o = gsub(/\(/, "(", t)
	c = gsub(/\)/, ")", t)
	return o - c
}

function flush() {
	if (have)
		print pending
	pending = ""
	have = depth = 0
}

{
	p = ""
	s = $0
	if (diff) {
		if (s ~ /^index /)
			next
		if (s ~ /^@@ /) {
			flush()
			sub(/^@@ -[0-9,]+ \+[0-9,]+ @@/, "@@ @@", s)
			print s
			next
		}
		if (s ~ /^(diff |--- |\+\+\+ )/) {
			flush()
			print s
			next
		}
		p = substr(s, 1, 1)
		s = substr(s, 2)
	}
	gsub(/[ \t]+/, " ", s)
	sub(/^ /, "", s)
	sub(/ $/, "", s)
	if (have && p == pprefix && depth > 0) {
		pending = pending " " s
		depth += depth_of(s)
	} else {
		flush()
		pending = p s
		pprefix = p
		have = 1
		depth = depth_of(s)
	}
	if (depth <= 0)
		flush()
}

END {
	flush()
}
