/// Find IOMMU unmap callbacks that return a nonzero size without filling
/// the iotlb gather.  Since 90c5def10bea ("iommu: Do not call drivers for
/// empty gathers") iommu_iotlb_sync() skips .iotlb_sync for an empty
/// gather, so such a driver loses its TLB flush: stale IOTLB entries, DMA
/// to freed memory.  The fix adds iommu_iotlb_gather_add_range() before
/// the return (or the core back-fills the gather, see gatherlint).
///
/// Run alone (make coccicheck) the script sees one file: a function of
/// another file that receives the gather is assumed to fill it, and an
/// io-pgtable format is assumed to fill only through the driver's own
/// iommu_flush_ops.tlb_add_page (true of every upstream format before
/// 2026).  `gatherlint audit` runs it with -D facts and resolves formats,
/// flush callbacks and helpers across files, and the core state.
///
// Confidence: High
// Copyright: (C) 2026 The gatherlint authors.  GPL-2.0
// URL: https://example.invalid/gatherlint
// Comments: one report per entry point, at its first uncovered return
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual facts

@initialize:ocaml@
@@
(* gatherlint-api-begin *)
(* Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit. *)
let api_fill = [("iommu_iotlb_gather_add_range", 0); ("iommu_iotlb_gather_add_page", 1)]
let api_flush = [("io_pgtable_tlb_flush_walk", -1); ("io_pgtable_tlb_flush_all", -1)]
let api_flushcb = [("tlb_flush_walk", -1); ("tlb_flush_all", -1)]
let api_queued = [("iommu_iotlb_gather_queued", 0)]
let api_tlbadd = [("io_pgtable_tlb_add_page", 1)]
let api_tlbaddcb = [("tlb_add_page", 0)]
let api_fmtalloc = [("alloc_io_pgtable_ops", 0)]
(* gatherlint-api-end *)

let in_api l name = List.mem_assoc name l
let at = String.make 1 (Char.chr 64)
let one p = List.hd p
let file p = (one p).Coccilib.file
let line p = (one p).Coccilib.line
let col p = (one p).Coccilib.col + 1
let cur p = (one p).Coccilib.current_element

let collapse s =
  String.concat " " (List.filter (fun x -> x <> "")
    (String.split_on_char ' '
      (String.map (fun c -> if c = '\t' || c = '\n' then ' ' else c) s)))

let words t =
  List.filter (fun w -> w <> "" && w <> "static" && w <> "inline" && w <> "const")
    (String.split_on_char ' ' (collapse t))

let retkind t =
  match String.concat " " (words t) with
    "size_t" | "ssize_t" | "unsigned long" | "dma_addr_t" | "u64" -> "size"
  | "void" -> "void"
  | "int" | "long" -> "int"
  | _ -> "other"

let opstype t =
  match words t with
    ["struct"; s] when List.mem s ["iommu_domain_ops"; "iommu_ops"; "pt_iommu_ops";
                                  "io_pgtable_ops"; "iommu_flush_ops"] -> s
  | _ -> ""

let interesting_field f =
  List.mem f ["unmap_pages"; "unmap"; "unmap_range"; "iotlb_sync";
              "tlb_add_page"; "tlb_flush_walk"; "tlb_flush_all"]

let strip_parens e =
  let e = collapse e in
  let n = String.length e in
  if n >= 2 && e.[0] = '(' && e.[n - 1] = ')' then String.sub e 1 (n - 2) else e

let is_zero e = List.mem (strip_parens e) ["0"; "0UL"; "0ul"; "0L"; "(size_t) 0"; "(size_t)0"]

let is_upper_ident s =
  String.length s > 1 &&
  String.for_all (fun c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c = '_') s

let is_errno e =
  let e = strip_parens e in
  String.length e > 2 && e.[0] = '-' &&
  (let r = String.trim (String.sub e 1 (String.length e - 1)) in
   r.[0] = 'E' && is_upper_ident r)

let is_ident e =
  let e = collapse e in
  String.length e > 0 && not (e.[0] >= '0' && e.[0] <= '9') &&
  String.for_all (fun c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c = '_') e

let facts_mode = ref false
let report_mode = ref false
let org_mode = ref false
let ops_store = ref []    (* (file, opsid, type, field, fn) *)
let pr fields =
  (match fields with
     ["ops"; fl; _; id; ty; fld; fnm] -> ops_store := (fl, id, ty, fld, fnm) :: !ops_store
   | _ -> ());
  if !facts_mode then print_endline (String.concat "\t" fields)

(* Tables filled by the rules, printed per file by the finalizing rules. *)
let fns = Hashtbl.create 101        (* (file, fn) -> (line, kind, g, iova, linkage) *)
let rets = Hashtbl.create 101       (* (file, fn, line, col) -> expr *)
let loose = Hashtbl.create 101      (* (file, line, col) -> () *)
let strict = Hashtbl.create 101
let nzdef = Hashtbl.create 101      (* identifier returns: a nonzero path *)
let nzloose = Hashtbl.create 101
let nzstrict = Hashtbl.create 101
let zinit = Hashtbl.create 101      (* (file, fn, v) -> () : declared = 0 *)
let queuedret = Hashtbl.create 101   (* (file, line) of returns under a queued test *)
let fillguard = Hashtbl.create 101   (* (file, line) of !queued tests guarding a fill *)
let compound = Hashtbl.create 101   (* (file, fn, v) -> () : v += x somewhere *)
let zassigned = Hashtbl.create 101  (* (file, fn, v) -> () : v = 0 somewhere *)
let has_word s w =
  try ignore (Str.search_forward (Str.regexp ("\\b" ^ Str.quote w ^ "\\b")) s 0); true
  with Not_found -> false
let atoms = Hashtbl.create 101      (* (file, fn) -> atom list *)
let voidl = Hashtbl.create 101      (* (file, fn) -> loose/strict for the end *)
let firstparam = Hashtbl.create 101 (* (file, fn) -> type of first parameter *)
let assigns = ref []                (* (file, line, func, expr, field, fn) *)
let is_assigned f = List.exists (fun (_, _, _, _, _, n) -> n = f) !assigns

(* The fix list (resolver X lines) and what the fix needs to know. *)
let fixes = Hashtbl.create 101      (* (file, line) -> (func, gather, iova) *)
let assigned = Hashtbl.create 101   (* (file, func, v) -> () : v is stored to *)
let has_unmapped = Hashtbl.create 11
let needstart = Hashtbl.create 11   (* func -> iova parameter (the fix runs one file at a time) *)
let fixlist_loaded = ref false
let load_fixlist fl =
  if not !fixlist_loaded then begin
    fixlist_loaded := true;
    let ic = open_in fl in
    (try while true do
      match String.split_on_char (Char.chr 9) (input_line ic) with
        "X" :: file :: line :: func :: g :: i :: _ ->
          Hashtbl.replace fixes (file, int_of_string line) (func, g, i)
      | _ -> ()
    done with End_of_file -> ());
    close_in ic
  end
let fix_for file line =
  try Some (Hashtbl.find fixes (file, line)) with Not_found -> None
let has_side_effects e =
  String.contains e (Char.chr 40) || String.contains e (Char.chr 61) ||
  (try ignore (Str.search_forward (Str.regexp_string "++") e 0); true with Not_found -> false) ||
  (try ignore (Str.search_forward (Str.regexp_string "--") e 0); true with Not_found -> false)
let iova_name file func i =
  if Hashtbl.mem assigned (file, func, i) then begin
    Hashtbl.replace needstart func i; "iova_start"
  end else i

let add_atom k a =
  let l = try Hashtbl.find atoms k with Not_found -> [] in
  if not (List.mem a l) then Hashtbl.replace atoms k (List.append l [a])

(* ---- classification of a return, shared by facts and standalone ---- *)
let atom_str k =
  match (try Hashtbl.find atoms k with Not_found -> []) with
    [] -> "none"
  | l -> String.concat "|" l
let cover key k loose_t strict_t e g =
  if not (Hashtbl.mem loose_t key) then "fill"
  else if Hashtbl.mem strict_t key && not (g <> "" && has_word e g) then "none"
  else atom_str k
let classify (fl, f, l, c) e =
  let key = (fl, l, c) and k = (fl, f) in
  let g = try let (_, _, g, _, _) = Hashtbl.find fns k in g with Not_found -> "" in
  if Hashtbl.mem queuedret (fl, l) then
    (if is_zero e then "zero" else if is_errno e then "errno" else "nonzero"), "fill"
  else if is_zero e then "zero", "fill"
  else if is_errno e then "errno", "fill"
  else if is_ident e && Hashtbl.mem compound (fl, f, collapse e) then
    (if Hashtbl.mem nzdef key then "nonzero", cover key k nzloose nzstrict e g
     else "nonzero", cover key k loose strict e g)
  else if is_ident e && not (Hashtbl.mem zinit (fl, f, collapse e)) &&
          not (Hashtbl.mem zassigned (fl, f, collapse e)) then
    "nonzero", cover key k loose strict e g
  else if is_ident e then
    (if Hashtbl.mem nzdef key then "nonzero", cover key k nzloose nzstrict e g
     else "zero", "fill")
  else "nonzero", cover key k loose strict e g
let void_cover fl f =
  match (try Hashtbl.find voidl (fl, f) with Not_found -> 0) with
    0 -> "fill" | 2 -> "none" | _ -> atom_str (fl, f)

(* ---- standalone (coccicheck) decision: one file, its own facts ---- *)
(* Other files' functions are assumed to fill; a format is assumed to fill
   only through this file's iommu_flush_ops.tlb_add_page. *)
let standalone_done = Hashtbl.create 11
let standalone_hits = Hashtbl.create 11   (* (file, line) -> (col, func, rule, msg) *)
let standalone fl =
  if not (Hashtbl.mem standalone_done fl) then begin
    Hashtbl.replace standalone_done fl ();
    let ops = List.filter (fun (f, _, _, _, _) -> f = fl) !ops_store in
    let myrets f =
      Hashtbl.fold (fun (fl2, f2, l, c) e acc ->
        if fl2 = fl && f2 = f then (l, c, e) :: acc else acc) rets [] in
    let local f = Hashtbl.mem fns (fl, f) in
    let filler = Hashtbl.create 11 in
    Hashtbl.iter (fun (fl2, f) _ -> if fl2 = fl then Hashtbl.replace filler f true) fns;
    let flushobjs = List.sort_uniq compare
      (List.filter_map (fun (_, id, ty, _, _) ->
         if ty = "iommu_flush_ops" then Some id else None) ops) in
    let tlbadd_ok () =
      flushobjs <> [] &&
      List.for_all (fun id ->
        match List.filter_map (fun (_, id2, _, fld, fnm) ->
                if id2 = id && fld = "tlb_add_page" && fnm <> "NULL" then Some fnm else None) ops with
          [] -> false
        | fnm :: _ -> not (local fnm) || Hashtbl.find filler fnm) flushobjs in
    let atom_ok a =
      if a = "tlbadd" || a = "fmt" then tlbadd_ok ()
      else if String.length a > 5 && String.sub a 0 5 = "call:" then
        let n = String.sub a 5 (String.length a - 5) in
        not (local n) || Hashtbl.find filler n
      else false in
    let cover_ok c =
      c = "fill" ||
      (c <> "none" &&
       List.for_all (fun cl -> List.exists atom_ok (String.split_on_char '|' cl))
         (Str.split (Str.regexp_string "&") c)) in
    let uncovered f =
      let (_, kind, _, _, _) = Hashtbl.find fns (fl, f) in
      if kind = "void" then (if cover_ok (void_cover fl f) then [] else [(0, 1, "-")])
      else List.filter (fun (l, c, e) ->
        let cls, cov = classify (fl, f, l, c) e in
        cls = "nonzero" && not (cover_ok cov)) (myrets f) in
    let changed = ref true in
    while !changed do
      changed := false;
      Hashtbl.iter (fun f v ->
        if v && uncovered f <> [] then begin
          Hashtbl.replace filler f false; changed := true end) (Hashtbl.copy filler)
    done;
    let entries = List.sort_uniq compare (List.filter_map (fun (_, id, ty, fld, fnm) ->
      if ((ty = "iommu_domain_ops" || ty = "iommu_ops") && (fld = "unmap_pages" || fld = "unmap"))
         || (ty = "pt_iommu_ops" && fld = "unmap_range")
      then (if local fnm then Some (fnm, id, ty) else None) else None) ops) in
    let has_sync f =
      List.exists (fun (fnm, id, ty) -> fnm = f &&
        (ty = "pt_iommu_ops" ||
         List.exists (fun (_, id2, _, fld, s) -> id2 = id && fld = "iotlb_sync" && s <> "NULL") ops))
        entries in
    let done_f = Hashtbl.create 11 in
    List.iter (fun (f, _, _) ->
      if not (Hashtbl.mem done_f f) then begin
        Hashtbl.replace done_f f ();
        (match List.sort compare (uncovered f) with
           (l, c, _) :: _ when l > 0 ->
             Hashtbl.replace standalone_hits (fl, l)
               (c, f, "unmap-gather-unfilled",
                f ^ "() returns a nonzero size without filling the iotlb gather; " ^
                (* the resolver's text for a core state this script cannot read:
                    true on every core (lib/resolve.awk, state_text) *)
                 (if has_sync f then "a core that skips .iotlb_sync for empty gathers (90c5def10bea) loses the flush"
                  else "its ops has no .iotlb_sync, so nothing is lost today"))
         | _ -> ());
        List.iter (fun (l, c, e) ->
          if is_errno e then
            Hashtbl.replace standalone_hits (fl, l)
              (c, f, "unmap-returns-errno",
               f ^ "() returns " ^ Str.global_replace (Str.regexp "^- ") "-" (collapse e) ^ " as a size_t: the core reads it as a huge unmapped size; return 0 on failure"))
          (myrets f)
      end) entries
  end
let standalone_hit fl l = standalone fl; Hashtbl.mem standalone_hits (fl, l)
let report_done = Hashtbl.create 11
let standalone_print mode =
  Hashtbl.iter (fun (fl, _) _ -> standalone fl) fns;
  let l = Hashtbl.fold (fun k v acc -> (k, v) :: acc) standalone_hits [] in
  List.iter (fun ((fl, ln), (c, _, rule, msg)) ->
    if not (Hashtbl.mem report_done (fl, ln)) then begin
      Hashtbl.replace report_done (fl, ln) ();
      if mode = "org" then
        Printf.printf "* TODO [[view:%s::face=ovl-face1::linb=%d::colb=%d::cole=%d][%s [%s]]]\n"
          fl ln (c - 1) (c + 5) msg rule
      else
        Printf.printf "%s:%d:%d-%d: %s [%s]\n" fl ln (c - 1) (c + 5) msg rule
    end) (List.sort compare l)
let standalone_fixes () =
  Hashtbl.iter (fun (fl, _) _ -> standalone fl) fns;
  Hashtbl.iter (fun (fl, ln) (_, f, rule, _) ->
    if rule = "unmap-gather-unfilled" then
      (try let (_, _, g, i, _) = Hashtbl.find fns (fl, f) in
         if g <> "-" && i <> "-" then Hashtbl.replace fixes (fl, ln) (f, g, i)
       with Not_found -> ())) standalone_hits


@script:ocaml depends on facts@
@@
facts_mode := true

@script:ocaml depends on report@
@@
report_mode := true

@script:ocaml depends on org@
@@
org_mode := true

// ------------------------------------------------------------------
// Functions that take the gather.

@fn@
identifier f, g;
type T;
position p;
@@
T f@p(..., struct iommu_iotlb_gather *g, ...) { ... }

@fn_static depends on fn@
identifier fn.f;
position fn.p;
type T;
position q;
@@
static T f@p@q(...) { ... }

@fn_iova@
identifier fn.f, i, x;
position fn.p;
type T, T1;
@@
(
T f@p(T1 x, unsigned long i, ...) { ... }
|
T f@p(T1 x, dma_addr_t i, ...) { ... }
)

@script:ocaml@
f << fn.f;
g << fn.g;
t << fn.T;
p << fn.p;
@@
Hashtbl.replace fns (file p, f) (line p, retkind t, g, "-", "extern")

@script:ocaml@
f << fn.f;
q << fn_static.q;
@@
let k = (file q, f) in
(try let (l, r, g, i, _) = Hashtbl.find fns k in
  Hashtbl.replace fns k (l, r, g, i, "static") with Not_found -> ())

@script:ocaml@
f << fn.f;
p << fn.p;
i << fn_iova.i;
@@
let k = (file p, f) in
(try let (l, r, g, _, s) = Hashtbl.find fns k in
  Hashtbl.replace fns k (l, r, g, i, s) with Not_found -> ())

// Variables declared = 0 (for `return ret` folding).
@zi@
identifier fn.f, v;
position fn.p;
type T, T1;
@@
T1 f@p(...) { ... when any
T v = 0;
... when any
}

@script:ocaml@
f << fn.f;
p << fn.p;
v << zi.v;
@@
Hashtbl.replace zinit (file p, f, v) ()

@za@
identifier v;
position pz;
@@
v@pz = 0

@script:ocaml@
v << za.v;
pz << za.pz;
@@
Hashtbl.replace zassigned (file pz, cur pz, v) ()

// Compound updates (v += x, v++) make v a running total: not folded.
@zc@
identifier v;
position pz;
expression E;
@@
(
v@pz += E
|
v@pz -= E
|
v@pz *= E
|
v@pz <<= E
|
v@pz |= E
|
v@pz++
)

@script:ocaml@
v << zc.v;
pz << zc.pz;
@@
Hashtbl.replace compound (file pz, cur pz, v) ()

// ------------------------------------------------------------------
// Every return of those functions.

@r@
position pr;
expression E;
@@
return@pr E;

@script:ocaml@
pr << r.pr;
e << r.E;
@@
if Hashtbl.mem fns (file pr, cur pr) then
  Hashtbl.replace rets (file pr, cur pr, line pr, col pr) e

// Candidate calls: the gather passed to another function.
@cand@
identifier fn.g, c;
position pc;
expression X;
@@
(
  X->c@pc(..., g, ...)
|
  X.c@pc(..., g, ...)
|
  c@pc(..., g, ...)
)

@script:ocaml@
f << fn.f;
c << cand.c;
pc << cand.pc;
@@
let k = (file pc, f) in
if cur pc <> f then ()
else if in_api api_fill c || in_api api_queued c then ()
else if in_api api_tlbadd c || in_api api_tlbaddcb c then add_atom k "tlbadd"
else if c = "unmap_pages" || c = "unmap" then add_atom k "fmt"
else add_atom k ("call:" ^ c)

// Queued tests that guard a direct fill: both branches are covered.
@qf@
identifier fn.g;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier qd : script:ocaml() { in_api api_queued qd };
position pq;
statement S;
@@
(
if (!qd@pq(g)) { ... fill(..., g, ...); ... } else S
|
if (!qd@pq(g)) { ... fill(..., g, ...); ... }
|
if (!qd@pq(g)) fill(..., g, ...); else S
|
if (!qd@pq(g)) fill(..., g, ...);
)

@script:ocaml@
pq << qf.pq;
@@
Hashtbl.replace fillguard (file pq, line pq) ()

// Returns taken only when the gather is queued (lazy mode): covered.
@qr@
identifier fn.g;
identifier qd : script:ocaml() { in_api api_queued qd };
position pq;
expression E;
@@
(
if (qd(g)) return@pq E;
|
if (qd(g)) { ... return@pq E; }
)

@script:ocaml@
pq << qr.pq;
@@
Hashtbl.replace queuedret (file pq, line pq) ()

// A path with no fill, flush or queued test (loose) and, in addition, no
// candidate call (strict).

@loose exists@
identifier fn.f, fn.g;
position fn.p, r.pr, q;
expression E, X;
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
  return@pr@q E;
  ... when any
}

@strict exists@
identifier fn.f, fn.g, c;
position fn.p, r.pr, q;
expression E, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd(g)
      when != c(..., g, ...)
      when != X->c(..., g, ...)
      when != X.c(..., g, ...)
  return@pr@q E;
  ... when any
}

@script:ocaml@
q << loose.q;
@@
Hashtbl.replace loose (file q, line q, col q) ()

@script:ocaml@
q << strict.q;
@@
Hashtbl.replace strict (file q, line q, col q) ()

// `return v;`: paths on which the last value stored in v is not 0.

@nzl exists@
identifier fn.f, fn.g, v;
position fn.p, r.pr, q;
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
expression e2 : script:ocaml() { not (is_zero e2) };
expression E3, E5, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when any
      when != flush(...)
      when != X->fcb(...)
      when != qd@pq(g)
(
  v = e2;
|
  v += E5;
|
  v -= E5;
|
  v *= E5;
|
  v <<= E5;
|
  v |= E5;
|
  v++;
)
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != qd@pq(g)
      when != v = E3
  return@pr@q v;
  ... when any
}

@nzs exists@
identifier fn.f, fn.g, v, c;
position fn.p, r.pr, q;
expression e2 : script:ocaml() { not (is_zero e2) };
expression E3, E5, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when any
      when != flush(...)
      when != X->fcb(...)
      when != qd(g)
      when != c(..., g, ...)
      when != X->c(..., g, ...)
(
  v = e2;
|
  v += E5;
|
  v -= E5;
|
  v *= E5;
|
  v <<= E5;
|
  v |= E5;
|
  v++;
)
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != qd(g)
      when != v = E3
      when != c(..., g, ...)
      when != X->c(..., g, ...)
  return@pr@q v;
  ... when any
}

// no store to v at all on the path: its initial value decides
@nzn exists@
identifier fn.f, fn.g, v;
position fn.p, r.pr, q;
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
expression E3, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != qd@pq(g)
      when != v = E3
  return@pr@q v;
  ... when any
}

@nzns exists@
identifier fn.f, fn.g, v, c;
position fn.p, r.pr, q;
expression E3, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != qd(g)
      when != v = E3
      when != c(..., g, ...)
      when != X->c(..., g, ...)
  return@pr@q v;
  ... when any
}

// a nonzero store reaching the return, filled or not (class)
@nzd exists@
identifier fn.f, v;
position fn.p, r.pr, q;
expression e2 : script:ocaml() { not (is_zero e2) };
expression E3, E5;
@@
f@p(...) {
  ... when any
(
  v = e2;
|
  v += E5;
|
  v -= E5;
|
  v *= E5;
|
  v <<= E5;
|
  v |= E5;
|
  v++;
)
  ... when != v = E3
  return@pr@q v;
  ... when any
}

@nzd0 exists@
identifier fn.f, v;
position fn.p, r.pr, q;
expression E3;
@@
f@p(...) {
  ... when != v = E3
  return@pr@q v;
  ... when any
}

@script:ocaml@
q << nzl.q;
@@
Hashtbl.replace nzloose (file q, line q, col q) ()

@script:ocaml@
q << nzs.q;
e << nzs.e2;
g << fn.g;
@@
if not (has_word e g) then Hashtbl.replace nzstrict (file q, line q, col q) ()

@script:ocaml@
f << fn.f;
q << nzn.q;
v << nzn.v;
@@
if not (Hashtbl.mem zinit (file q, f, v)) then
  Hashtbl.replace nzloose (file q, line q, col q) ()

@script:ocaml@
f << fn.f;
q << nzns.q;
v << nzns.v;
@@
if not (Hashtbl.mem zinit (file q, f, v)) then
  Hashtbl.replace nzstrict (file q, line q, col q) ()

@script:ocaml@
q << nzd.q;
@@
Hashtbl.replace nzdef (file q, line q, col q) ()

@script:ocaml@
f << fn.f;
q << nzd0.q;
v << nzd0.v;
@@
if not (Hashtbl.mem zinit (file q, f, v)) then
  Hashtbl.replace nzdef (file q, line q, col q) ()

// void functions (tlb_add_page callbacks, wrappers): the end of the body.
@vl exists@
identifier fn.f, fn.g;
position fn.p, q;
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
expression X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
void f@p@q(...) {
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != qd@pq(g)
}

@vs exists@
identifier fn.f, fn.g, c;
position fn.p, q;
expression X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
@@
void f@p@q(...) {
  ... when != fill(..., g, ...)
      when != flush(...)
      when != X->fcb(...)
      when != qd(g)
      when != c(..., g, ...)
      when != X->c(..., g, ...)
}

@script:ocaml@
f << fn.f;
q << vl.q;
@@
Hashtbl.replace voidl (file q, f) (try max 1 (Hashtbl.find voidl (file q, f)) with Not_found -> 1)

@script:ocaml@
f << fn.f;
q << vs.q;
@@
Hashtbl.replace voidl (file q, f) 2

// ------------------------------------------------------------------
// Ops objects: named, compound literals, runtime assignments.

@named@
identifier I, fnm;
identifier fld : script:ocaml() { interesting_field fld };
type T;
position pl;
@@
T I = { ..., .fld = fnm@pl, ... };

@script:ocaml@
i << named.I;
fld << named.fld;
fnm << named.fnm;
t << named.T;
pl << named.pl;
@@
let ty = opstype t in
if ty <> "" && interesting_field fld then begin
  pr ["ops"; file pl; string_of_int (line pl); i; ty; "-"; "-"];
  pr ["ops"; file pl; string_of_int (line pl); i; ty; fld; fnm]
end

@named_obj@
identifier I;
type T;
position pl;
@@
T I@pl = { ... };

@script:ocaml@
i << named_obj.I;
t << named_obj.T;
pl << named_obj.pl;
@@
let ty = opstype t in
if ty <> "" then pr ["ops"; file pl; string_of_int (line pl); i; ty; "-"; "-"]
else if words t = ["struct"; "io_pgtable_init_fns"] then
  pr ["fmtinit"; file pl; string_of_int (line pl); i]

@cl@
identifier fnm;
identifier fld : script:ocaml() { interesting_field fld };
type T;
position pl;
@@
 (T){ ..., .fld = fnm@pl, ... }

@script:ocaml@
fld << cl.fld;
fnm << cl.fnm;
t << cl.T;
pl << cl.pl;
@@
let ty = opstype t in
if ty <> "" && interesting_field fld then begin
  let id = "anon" ^ at ^ cur pl ^ "/" ^ ty in
  pr ["ops"; file pl; string_of_int (line pl); id; ty; "-"; "-"];
  pr ["ops"; file pl; string_of_int (line pl); id; ty; fld; fnm]
end

@asg@
expression E;
identifier fld : script:ocaml() { interesting_field fld };
identifier fnm;
position pl;
@@
(
E->fld = fnm@pl
|
E.fld = fnm@pl
)

@script:ocaml@
e << asg.E;
fld << asg.fld;
fnm << asg.fnm;
pl << asg.pl;
@@
assigns := (file pl, line pl, cur pl, collapse e, fld, fnm) :: !assigns

// The first parameter of the functions stored by assignment (their ops type).
@fp depends on asg@
identifier f : script:ocaml() { is_assigned f };
identifier x;
type T, P;
position p;
@@
T f@p(P x, ...) { ... }

@script:ocaml@
f << fp.f;
t << fp.P;
p << fp.p;
@@
Hashtbl.replace firstparam (file p, f) (collapse t)

// alloc_io_pgtable_ops(FMT, &cfg, cookie) binds the file to a format.
@al@
expression F, C, K;
identifier alloc : script:ocaml() { in_api api_fmtalloc alloc };
position pa;
@@
alloc@pa(F, C, K)

@script:ocaml@
fm << al.F;
pa << al.pa;
@@
let fm = collapse fm in
pr ["bind"; file pa; string_of_int (line pa); cur pa;
    if is_upper_ident fm then fm else "?"]

// The format table: [FMT] = &init_fns.
@tbl@
identifier I, I2, FMT;
type T;
position pt;
@@
T I[...] = { ..., [FMT] = &I2@pt, ... };

@script:ocaml@
fm << tbl.FMT;
i2 << tbl.I2;
pt << tbl.pt;
@@
pr ["fmtid"; file pt; string_of_int (line pt); fm; i2]

// context mode: mark the returns the standalone analysis reports.
@ctx depends on context@
position p : script:ocaml() { standalone_hit (file p) (line p) };
expression E;
@@
* return@p E;

// report and org print per file (coccicheck runs spatch with -j: the
// @finalize of the workers never sees their tables).
@script:ocaml depends on report@
@@
standalone_print "report"

@script:ocaml depends on org@
@@
standalone_print "org"

@finalize:ocaml@
@@
if !report_mode then standalone_print "report";
if !org_mode then standalone_print "org";
Hashtbl.iter (fun (fl, f) (l, kind, g, iova, link) ->
  pr ["fn"; fl; string_of_int l; f; kind; g; iova; link];
  if kind = "void" then begin
    let c = void_cover fl f in
    pr ["ret"; fl; string_of_int l; "1"; f; "nonzero"; c; "-"]
  end) fns;
Hashtbl.iter (fun (fl, f, l, c) e ->
  let cls, cov = classify (fl, f, l, c) e in
  let e = collapse e in
  let e = if String.length e > 2 && String.sub e 0 2 = "- " then "-" ^ String.sub e 2 (String.length e - 2) else e in
  pr ["ret"; fl; string_of_int l; string_of_int c; f; cls; cov;
      if e = "" then "-" else e]) rets;
List.iter (fun (fl, l, func, e, fld, fnm) ->
  let fpt = try Hashtbl.find firstparam (fl, fnm) with Not_found -> "" in
  let has s = try ignore (Str.search_forward (Str.regexp_string s) fpt 0); true
              with Not_found -> false in
  let ty =
    if has "io_pgtable_ops" then "io_pgtable_ops"
    else if has "pt_iommu" then "pt_iommu_ops"
    else if has "iommu_iotlb_gather" then "iommu_flush_ops"
    else if has "iommu_domain" then "iommu_domain_ops"
    else "" in
  if ty <> "" then begin
    let id = "assign" ^ at ^ func ^ ":" ^ String.concat "" (String.split_on_char ' ' e) in
    pr ["ops"; fl; string_of_int l; id; ty; "-"; "-"];
    pr ["ops"; fl; string_of_int l; id; ty; fld; fnm]
  end) (List.rev !assigns)

// ------------------------------------------------------------------
// The fix (-D patch -D fixlist=FILE): iommu_iotlb_gather_add_range()
// before each listed return, in the entry point only (the list comes
// from gatherlint's resolver, which never lists format code, zero or
// errno returns).  Braces for unbraced bodies come from spatch itself.

@script:ocaml depends on patch@
fl << virtual.fixlist;
@@
load_fixlist fl

// Without a fix list (make coccicheck MODE=patch): fix what this file decides.
@script:ocaml depends on patch@
@@
if not !fixlist_loaded then standalone_fixes ()

@ia depends on patch@
identifier v;
position pa;
expression E;
@@
(
v@pa = E
|
v@pa += E
|
v@pa -= E
|
v@pa++
)

@script:ocaml@
v << ia.v;
pa << ia.pa;
@@
Hashtbl.replace assigned (file pa, cur pa, v) ()

@du depends on patch@
identifier v : script:ocaml() { v = "unmapped" };
type T;
position pd;
expression E;
@@
(
T v@pd;
|
T v@pd = E;
)

@script:ocaml@
pd << du.pd;
@@
Hashtbl.replace has_unmapped (file pd, cur pd) ()

@r2 depends on patch@
position pr;
expression E;
@@
return@pr E;

@script:ocaml mk@
pr << r2.pr;
gv;
iv;
lv;
@@
(match fix_for (file pr) (line pr) with
   None -> Coccilib.include_match false
 | Some (func, g, i) ->
     if cur pr <> func then Coccilib.include_match false
     else begin
       gv := make_ident g;
       iv := make_ident (iova_name (file pr) func i);
       lv := make_ident (if Hashtbl.mem has_unmapped (file pr, func) then "gather_size" else "unmapped")
     end)

// One rule for every form, so that the returns of one function are all
// fixed in the same pass:
// - return C ? 0 : E; (E without side effects): the zero branch must not
//   add a range, so the fix returns 0 first, then fills for E;
// - return E; with side effects (a call): E is stored in a local first;
// - return E; otherwise: the fill goes right before it.
@fxs depends on patch@
position r2.pr;
identifier mk.gv, mk.iv, mk.lv;
expression c;
expression z : script:ocaml() { not (has_side_effects z) };
expression s : script:ocaml() { has_side_effects s };
expression e;
@@
(
- return@pr c ? 0 : z;
+ if (c)
+ 	return 0;
+ iommu_iotlb_gather_add_range(gv, iv, z);
+ return z;
|
- return@pr s;
+ size_t lv = s;
+ iommu_iotlb_gather_add_range(gv, iv, lv);
+ return lv;
|
+ iommu_iotlb_gather_add_range(gv, iv, e);
  return@pr e;
)

@fn2 depends on patch@
identifier f;
position p;
@@
f@p(...) { ... }

@script:ocaml mkd@
f << fn2.f;
iv0;
@@
(try iv0 := make_ident (Hashtbl.find needstart f)
 with Not_found -> Coccilib.include_match false)

@fxd depends on patch@
identifier fn2.f;
position fn2.p;
identifier mkd.iv0;
@@
f@p(...) {
+ unsigned long iova_start = iv0;
  ...
}
