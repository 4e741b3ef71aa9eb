#!/bin/sh
# ocamlopt-cache.sh - spatch's OCaml compiler, with a cache (docs/design.md
# "Facts cache").  spatch compiles the @script:ocaml@ code of the semantic
# patch into a module before its first file, every run: about 0.45 s of
# CPU per process (ocamlopt, the assembler and the linker).  The engine
# (lib/engine-cocci.sh, when GATHERLINT_CACHE is set) puts this script first
# in spatch's PATH as ocamlopt.opt and ocamlopt; it keeps each module it
# compiles under $GATHERLINT_OCAML_CACHE, named by a hash of the compiler,
# the flags and the source, and gives it back to the next run that asks
# for the same.
#
# Only the form spatch uses is cached: "-shared -o BASE.cmxs FLAGS...
# BASE.ml" (BASE a temporary name, left out of the hash; the module's name
# does not matter to spatch, which finds the rules through the table the
# module fills when it is loaded).  BASE.cmi is written too: spatch removes
# it afterwards.  Anything else goes to the real compiler
# ($GATHERLINT_REAL_OCAMLOPT_OPT or $GATHERLINT_REAL_OCAMLOPT), and so does
# everything when the cache cannot be used.
set -u
case ${0##*/} in
ocamlopt.opt) real=${GATHERLINT_REAL_OCAMLOPT_OPT-} ;;
*) real=${GATHERLINT_REAL_OCAMLOPT-} ;;
esac
[ -n "$real" ] || { printf 'gatherlint: no real %s to run\n' "${0##*/}" >&2; exit 2; }
dir=${GATHERLINT_OCAML_CACHE-}
if [ -z "$dir" ] || [ $# -lt 4 ] || [ "$1" != -shared ] || [ "$2" != -o ]; then
	exec "$real" "$@"
fi
out=$3
base=${out%.cmxs}
for ml; do :; done
if [ "$out" = "$base" ] || [ "$ml" != "$base.ml" ] || [ ! -f "$ml" ]; then
	exec "$real" "$@"
fi

# the key: the compiler, the flags between the output and the source, and
# the source itself
key=$({
	ls -lL "$real"
	shift 3
	while [ $# -gt 1 ]; do printf '%s\n' "$1"; shift; done
	cat "$ml"
} | sha256sum | cut -c1-32) || exec "$real" "$@"
entry=$dir/$key
if [ -f "$entry.cmxs" ] && [ -f "$entry.cmi" ]; then
	cp "$entry.cmxs" "$out" && cp "$entry.cmi" "$base.cmi" && exit 0
fi
"$real" "$@" || exit
# keep it (each file by a rename: a run that reads it sees all or nothing)
if mkdir -p "$dir" 2> /dev/null && [ -f "$out" ] && [ -f "$base.cmi" ]; then
	cp "$base.cmi" "$entry.cmi.tmp.$$" && mv -f "$entry.cmi.tmp.$$" "$entry.cmi" &&
		cp "$out" "$entry.cmxs.tmp.$$" && mv -f "$entry.cmxs.tmp.$$" "$entry.cmxs"
	rm -f "$entry.cmi.tmp.$$" "$entry.cmxs.tmp.$$"
fi
exit 0
