# gcc-patch.awk - GCC's -fdiagnostics-generate-patch output, repaired.
#
# Usage: awk -f gcc-patch.awk GCC-STDERR > PATCH
#
# Keeps the patch (from its first "--- " line) of one compilation.  GCC
# keeps an inserted line only when it is more than its newline, so the
# plugin inserts a blank line (a blank line after a declaration, as
# checkpatch wants) and the lines after it at the start of an existing
# line; GCC 12 prints that changed line as one '+' line holding newlines,
# so the lines after its first come without their '+' and the hunk's new
# count is short.  Those lines get their '+' back and every hunk is counted
# again.  A patch without such lines passes unchanged.  One file: its
# "--- "/"+++ " headers come before the first hunk.

function flush() {
	if (!h)
		return
	printf "@@ -%s,%d +%s,%d @@%s\n", os, o, ns, n, rest
	printf "%s", body
	h = 0
	body = ""
}

!p && /^--- / { p = 1 }
!p { next }
/^@@ / {
	flush()
	split($2, a, ",")
	split($3, b, ",")
	os = substr(a[1], 2)
	ns = substr(b[1], 2)
	rest = $0
	sub(/^@@ [^@]*@@/, "", rest)
	h = 1
	o = 0
	n = 0
	next
}
!h { print; next }
/^ / { o++; n++ }
/^-/ { o++ }
/^\+/ { n++ }
!/^[-+ \\]/ { $0 = "+" $0; n++ }
{ body = body $0 "\n" }
END { flush() }
