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
(* Generated from lib/gather-api.txt and lib/core/rules.c by lib/gen-api.sh; do not edit. *)
let api_fill = [("iommu_iotlb_gather_add_range", 0); ("iommu_iotlb_gather_add_page", 1)]
let api_flush = [("io_pgtable_tlb_flush_walk", -1); ("io_pgtable_tlb_flush_all", -1)]
let api_flushcb = [("tlb_flush_walk", -1); ("tlb_flush_all", -1)]
let api_queued = [("iommu_iotlb_gather_queued", 0)]
let api_tlbadd = [("io_pgtable_tlb_add_page", 1)]
let api_tlbaddcb = [("tlb_add_page", 0)]
let api_fmtalloc = [("alloc_io_pgtable_ops", 0)]
let api_opstype = ["iommu_domain_ops"; "iommu_ops"; "pt_iommu_ops"; "io_pgtable_ops"; "iommu_flush_ops"]
let api_entry = [("unmap_pages", "iommu_domain_ops"); ("unmap", "iommu_domain_ops"); ("unmap_pages", "iommu_ops"); ("unmap", "iommu_ops"); ("unmap_range", "pt_iommu_ops")]
let api_sync = [("iotlb_sync", "iommu_domain_ops"); ("iotlb_sync", "iommu_ops"); ("*", "pt_iommu_ops")]
let api_param = [("io_pgtable_ops", "io_pgtable_ops"); ("pt_iommu", "pt_iommu_ops"); ("iommu_iotlb_gather", "iommu_flush_ops"); ("iommu_domain", "iommu_domain_ops")]
let api_fmtinit = ["io_pgtable_init_fns"]
let api_fmtunmap = [("unmap_pages", "io_pgtable_ops"); ("unmap", "io_pgtable_ops")]
let api_flushops = ["iommu_flush_ops"]
(* rules: (id, checkpatch TYPE, default severity) *)
let rule_unmap_gather_unfilled = ("unmap-gather-unfilled", "IOMMU_GATHER_UNFILLED", "warning")
let rule_core_empty_gather_skip = ("core-empty-gather-skip", "IOMMU_CORE_EMPTY_GATHER_SKIP", "error")
let rule_pgtable_gather_unfilled = ("pgtable-gather-unfilled", "IOMMU_PGTABLE_GATHER_UNFILLED", "note")
let rule_unmap_returns_errno = ("unmap-returns-errno", "IOMMU_UNMAP_RETURNS_ERRNO", "warning")
let rule_analysis_incomplete = ("analysis-incomplete", "IOMMU_ANALYSIS_INCOMPLETE", "warning")
let gl_rules = [rule_unmap_gather_unfilled; rule_core_empty_gather_skip; rule_pgtable_gather_unfilled; rule_unmap_returns_errno; rule_analysis_incomplete]
let gl_msg_unfilled = "%s() returns a nonzero size without filling the iotlb gather; %s"
let gl_msg_errno = "%s() returns %s as a size_t: the core reads it as a huge unmapped size; return 0 on failure"
let gl_msg_state_no_sync = "its ops has no .iotlb_sync, so skipping it for an empty gather changes nothing"
let gl_msg_state_unknown = "a core that skips .iotlb_sync for empty gathers (90c5def10bea) loses the flush"
(* gatherlint-api-end *)

let in_api l name = List.mem_assoc name l
let at = String.make 1 (Char.chr 64)
let one p = List.hd p
let file p = (one p).Coccilib.file
let line p = (one p).Coccilib.line
let col p = (one p).Coccilib.col + 1
let cur p = (one p).Coccilib.current_element

(* ---- Strings read from spatch: normalised here, and only here. ----
   spatch 1.1 prints a term token by token ("ops -> unmap ( ops , x )",
   "( size_t ) 0"); 1.3 pretty-prints it ("ops->unmap(ops, x)"), glues a
   qualifier or annotation to the next word of a type ("conststruct
   iommu_domain_ops", "volatileu32", "__always_inlinesize_t"), puts
   qualifiers in another order and keeps annotations that 1.1 drops
   ("size_t __must_check").  Every type string goes through norm_type and
   every expression string through norm_expr (both token-wise, so the two
   versions give the same string); the EXPR printed in a ret fact is the
   source text (src_text), as the GCC engine prints it. *)
let chr = Char.chr
let is_wc c = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c = '_'
let is_sp c = c = ' ' || c = '\t' || c = '\n' || c = '\r' || c = chr 11 || c = chr 12
let ops3 = ["<<="; ">>="; "..."]
let ops2 = ["->"; "++"; "--"; "<<"; ">>"; "<="; ">="; "=="; "!="; "&&"; "||";
            "+="; "-="; "*="; "%="; "&="; "|="; "^="; "##"; String.make 1 (chr 47) ^ "="]

(* C tokens of s: words (identifiers, numbers), literals, punctuators. *)
let tokens s =
  let n = String.length s in
  let rec go i acc =
    if i >= n then List.rev acc
    else begin
      let c = s.[i] in
      if is_sp c then go (i + 1) acc
      else if c = chr 34 || c = chr 39 then begin
        let j = ref (i + 1) in
        while !j < n && s.[!j] <> c do
          (if s.[!j] = chr 92 then incr j); incr j
        done;
        let j = min n (!j + 1) in
        go j (String.sub s i (j - i) :: acc)
      end else if is_wc c then begin
        let j = ref i in
        while !j < n && is_wc s.[!j] do incr j done;
        go !j (String.sub s i (!j - i) :: acc)
      end else begin
        let l = if i + 3 <= n && List.mem (String.sub s i 3) ops3 then 3
                else if i + 2 <= n && List.mem (String.sub s i 2) ops2 then 2 else 1 in
        go (i + l) (String.sub s i l :: acc)
      end
    end in
  go 0 []

(* An expression, canonical: no blank but where two tokens would merge. *)
let norm_expr e =
  let b = Buffer.create 64 in
  let last = ref "" in
  List.iter (fun t ->
    let l = !last in
    let ll = String.length l in
    if ll > 0 &&
       ((is_wc l.[ll - 1] && is_wc t.[0]) ||
        List.mem (String.make 1 l.[ll - 1] ^ String.make 1 t.[0]) ops2)
    then Buffer.add_char b ' ';
    Buffer.add_string b t; last := t) (tokens e);
  Buffer.contents b

(* A type, canonical: tokens separated by one blank; a qualifier glued to
   the next word split off, and an annotation glued to a type word
   ("__noipavoid"); annotations dropped: __attribute__((...)) and every
   word starting with "__" when the type has an ordinary word (1.1 drops
   the annotations it does not know, 1.3 keeps them); the qualifiers of
   the base type sorted first. *)
let qualifiers = ["const"; "volatile"; "restrict"; "__restrict"]
let type_words = ["void"; "char"; "short"; "int"; "long"; "float"; "double";
                  "signed"; "unsigned"; "struct"; "union"; "enum"; "_Bool";
                  "bool"; "size_t"; "ssize_t"; "dma_addr_t"; "u64"]
let tagged = ["struct"; "union"; "enum"]
let starts w p = String.length w > String.length p && String.sub w 0 (String.length p) = p
let ends w s =
  let n = String.length w and m = String.length s in
  n > m && String.sub w (n - m) m = s
let is_annot w = starts w "__"
let unglue ws =
  let longest l = List.fold_left (fun a x ->
    match a with Some y when String.length y >= String.length x -> a | _ -> Some x) None l in
  let rec split prev = function
      [] -> []
    | w :: rest when List.mem prev tagged -> w :: split w rest
    | w :: rest ->
        (match List.find_opt (starts w) qualifiers with
           Some q ->
             q :: split q (String.sub w (String.length q) (String.length w - String.length q) :: rest)
         | None ->
             (match (if is_annot w then longest (List.filter (ends w) type_words) else None) with
                Some v ->
                  let a = String.sub w 0 (String.length w - String.length v) in
                  if String.length a > 2 && a.[String.length a - 1] <> Char.chr 95
                  then a :: split a (v :: rest) else w :: split w rest
              | None -> w :: split w rest)) in
  split "" ws
let rec drop_attributes = function
    ("__attribute__" | "__attribute") :: rest ->
      let rec skip d = function
          [] -> []
        | t :: r when t = String.make 1 (chr 40) -> skip (d + 1) r
        | t :: r when t = String.make 1 (chr 41) -> if d <= 1 then r else skip (d - 1) r
        | _ :: r -> if d = 0 then r else skip d r in
      drop_attributes (skip 0 rest)
  | w :: rest -> w :: drop_attributes rest
  | [] -> []
let drop_annotations ts =
  let rec marks prev = function
      [] -> []
    | w :: rest -> (w, List.mem prev tagged) :: marks w rest in
  let m = marks "" ts in
  let ordinary (w, t) = t || (is_wc w.[0] && not (is_annot w) && not (List.mem w qualifiers)) in
  if List.exists ordinary m then
    List.map fst (List.filter (fun (w, t) -> t || not (is_annot w)) m)
  else begin
    (* only "__" words ("__u64 __must_check"): the first is the type *)
    let seen = ref false in
    List.filter (fun w ->
      if not (is_annot w) then true
      else if !seen then false else (seen := true; true)) ts
  end
let norm_type t =
  let ts = drop_annotations (drop_attributes (unglue (tokens t))) in
  let rec head acc = function
      t :: rest when is_wc t.[0] -> head (t :: acc) rest
    | rest -> (List.rev acc, rest) in
  let h, r = head [] ts in
  let q = List.sort_uniq compare (List.filter (fun w -> List.mem w qualifiers) h) in
  let o = List.filter (fun w -> not (List.mem w qualifiers)) h in
  String.concat " " (List.concat [q; o; r])

(* The source text of a term (positions of one element): comments
   dropped, blanks collapsed. *)
let src_files = Hashtbl.create 11
let src_lines fl =
  try Hashtbl.find src_files fl with Not_found ->
    let a =
      (try
         let ic = open_in_bin fl in
         let s = really_input_string ic (in_channel_length ic) in
         close_in ic; Array.of_list (String.split_on_char '\n' s)
       with Sys_error _ -> [||]) in
    Hashtbl.replace src_files fl a; a
let contains s sub =
  let n = String.length s and m = String.length sub in
  let rec at i = i + m <= n && (String.sub s i m = sub || at (i + 1)) in
  at 0
let collapse s =
  String.concat " " (List.filter (fun x -> x <> "")
    (String.split_on_char ' ' (String.map (fun c -> if is_sp c then ' ' else c) s)))
let strip_comments s =
  let n = String.length s and b = Buffer.create 64 in
  let sl = chr 47 and st = chr 42 in
  let i = ref 0 in
  while !i < n do
    let c = s.[!i] in
    if c = sl && !i + 1 < n && s.[!i + 1] = st then begin
      let j = ref (!i + 2) in
      while !j + 1 < n && not (s.[!j] = st && s.[!j + 1] = sl) do incr j done;
      Buffer.add_char b ' '; i := !j + 2
    end else if c = sl && !i + 1 < n && s.[!i + 1] = sl then begin
      while !i < n && s.[!i] <> '\n' do incr i done
    end else if c = chr 34 || c = chr 39 then begin
      let j = ref (!i + 1) in
      while !j < n && s.[!j] <> c do (if s.[!j] = chr 92 then incr j); incr j done;
      let j = min n (!j + 1) in
      Buffer.add_string b (String.sub s !i (j - !i)); i := j
    end else begin Buffer.add_char b c; incr i end
  done;
  Buffer.contents b
let src_text p =
  let q = one p in
  let a = src_lines q.Coccilib.file in
  let l1 = q.Coccilib.line and l2 = q.Coccilib.line_end in
  let c1 = q.Coccilib.col and c2 = q.Coccilib.col_end in
  if l1 < 1 || l2 > Array.length a || l2 < l1 then ""
  else begin
    let part l =
      let s = a.(l - 1) in
      let n = String.length s in
      let from = if l = l1 then min n (max 0 c1) else 0 in
      let upto = if l = l2 then min n (max from c2) else n in
      String.sub s from (upto - from) in
    let rec lines l = if l > l2 then [] else part l :: lines (l + 1) in
    collapse (strip_comments (String.concat "\n" (lines l1)))
  end

(* Is line l of fl inside a #define body?  spatch 1.3 matches in bodies
   that 1.1 cannot parse: facts never come from there (the CLI reads
   ops initialisers in #define bodies by text, lib/macro-ops.awk, and
   lib/parse-check.awk reports a body holding gather code). *)
let in_define fl l =
  let a = src_lines fl in
  let bs s = let s = String.trim s in
             s <> "" && s.[String.length s - 1] = Char.chr 92 in
  let rec first i = if i > 1 && bs a.(i - 2) then first (i - 1) else i in
  l >= 1 && l <= Array.length a &&
  (let s = String.trim a.(first l - 1) in
   String.length s > 1 && s.[0] = Char.chr 35 &&
   (match tokens (String.sub s 1 (String.length s - 1)) with
      "define" :: _ -> true | _ -> false))

let words t =
  List.filter (fun w -> w <> "" && w <> "static" && w <> "inline" &&
                        not (List.mem w qualifiers))
    (String.split_on_char ' ' (norm_type t))
let retkind t =
  match String.concat " " (words t) with
    "size_t" | "ssize_t" | "unsigned long" | "dma_addr_t" | "u64" -> "size"
  | "void" -> "void"
  | "int" | "long" -> "int"
  | _ -> "other"

let opstype t =
  match words t with
    ["struct"; s] when List.mem s api_opstype -> s
  | _ -> ""

(* the ops fields read (lib/gather-api.txt: entry, sync, fmtunmap,
   flushcb, tlbaddcb) *)
let interesting_field f =
  List.mem_assoc f api_entry || (f <> "*" && List.mem_assoc f api_sync) ||
  List.mem_assoc f api_fmtunmap || in_api api_flushcb f || in_api api_tlbaddcb f
(* the fields of the ops type TY that are entry points; whether TY's
   entry points always have .iotlb_sync; whether FLD is its sync field *)
let is_entry ty fld = List.mem (fld, ty) api_entry
let sync_always ty = List.mem ("*", ty) api_sync
let is_sync ty fld = fld <> "*" && List.mem (fld, ty) api_sync
(* a call through this member delegates to an io-pgtable format *)
let is_fmtunmap c = List.mem_assoc c api_fmtunmap
(* the ops type of a function whose first parameter has the type string
   FPT (the first param row whose struct it mentions) *)
let param_ops fpt =
  match List.find_opt (fun (s, _) -> contains fpt s) api_param with
    Some (_, ty) -> ty | None -> ""

(* A message of lib/core/rules.c with its %s replaced by ARGS, in order. *)
let gl_format m args =
  let b = Buffer.create 128 in
  let n = String.length m in
  let rec go i args =
    if i >= n then ()
    else if i + 1 < n && m.[i] = '%' && m.[i + 1] = 's' then begin
      (match args with a :: _ -> Buffer.add_string b a | [] -> ());
      go (i + 2) (match args with _ :: r -> r | [] -> [])
    end else begin Buffer.add_char b m.[i]; go (i + 1) args end in
  go 0 args;
  Buffer.contents b
(* a rule (id, checkpatch TYPE, default severity) of lib/core/rules.c *)
let rule_id (id, _, _) = id
let rule_severity (_, _, s) = s

let strip_parens e =
  let e = norm_expr e in
  let n = String.length e in
  if n >= 2 && e.[0] = '(' && e.[n - 1] = ')' then String.sub e 1 (n - 2) else e

let is_zero e = List.mem (strip_parens e) ["0"; "0UL"; "0ul"; "0L"; "(size_t)0"]

let is_upper_ident s =
  String.length s > 1 &&
  String.for_all (fun c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c = '_') s

(* A constant (literal, macro constant, ~0UL, -1): storing one resets the
   range (iommu_iotlb_gather_init), it does not grow it. *)
let is_const e =
  let e = strip_parens e in
  is_upper_ident e ||
  (String.length e > 0 && (e.[0] = '~' || e.[0] = '-' || (e.[0] >= '0' && e.[0] <= '9')) &&
   String.for_all (fun c -> (c >= '0' && c <= '9') || c = 'x' || c = 'X' || c = '~' ||
                            c = '-' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                            c = 'u' || c = 'U' || c = 'l' || c = 'L') e)

let is_errno e =
  let e = strip_parens e in
  String.length e > 2 && e.[0] = '-' &&
  (let r = String.trim (String.sub e 1 (String.length e - 1)) in
   r.[0] = 'E' && is_upper_ident r)

let is_ident e =
  let e = norm_expr e in
  String.length e > 0 && not (e.[0] >= '0' && e.[0] <= '9') &&
  String.for_all (fun c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c = '_') e

let facts_mode = ref false
let report_mode = ref false
let org_mode = ref false
let ops_store = ref []    (* (file, opsid, type, field, fn) *)
let pr fields =
  let keep = match fields with
      _ :: fl :: l :: _ -> not (in_define fl (int_of_string l))
    | _ -> true in
  if keep then begin
    (match fields with
       ["ops"; fl; _; id; ty; fld; fnm] -> ops_store := (fl, id, ty, fld, fnm) :: !ops_store
     | _ -> ());
    if !facts_mode then print_endline (String.concat "\t" fields)
  end

(* Tables filled by the rules, printed per file by the finalizing rules. *)
let fns = Hashtbl.create 101        (* (file, fn) -> (line, kind, g, iova, linkage) *)
let rets = Hashtbl.create 101       (* (file, fn, line, col) -> (norm_expr, source text) *)
let loose = Hashtbl.create 101      (* (file, line, col) -> () *)
let strict = Hashtbl.create 101
let nzdef = Hashtbl.create 101      (* identifier returns: a nonzero path *)
let nzloose = Hashtbl.create 101
let nzstrict = Hashtbl.create 101
let zinit = Hashtbl.create 101      (* (file, fn, v) -> () : declared = 0 *)
let queuedret = Hashtbl.create 101   (* (file, line) of returns under a queued test *)
let fillguard = Hashtbl.create 101   (* (file, line) of !queued tests guarding a fill *)
let nullguard = Hashtbl.create 11    (* (file, line, col) of "if (g)" around a fill *)
(* Values read as a reviewer reads them (SPEC 2 Nonzero path).  zvs: the
   variables whose value 0 makes a return 0 ("return v;", "return i * size;",
   "return c ? x : 0;"), per return; nzloose/nzstrict/nzdef are per (return,
   variable).  zguard: tests of such a variable whose other branch fills
   (1) or passes a candidate (2) on every path, the branch not taken having
   the variable 0 ("if (r) fill;", "for (i = 0; i < n; i++) fill;");
   zeroret: returns under "case 0:" of a switch on the value; ztests: tests
   that the value is 0 ("if (!r) goto out;"), where the value rules stop
   and start again. *)
let zvs = Hashtbl.create 101
let zvnames = Hashtbl.create 101
let zguard = Hashtbl.create 11
let zeroret = Hashtbl.create 11
let ztests = Hashtbl.create 11  (* (file, line, col) of v in "if (!v) S" / "if (v == 0) S" *)
let zcounter = Hashtbl.create 11 (* (file, fn, v) -> 1 fill, 2 candidate, 3 neither: the body of "for (v = 0; ...; v++)" *)
let zkey q v = (file q, line q, col q, v)
let zunread = Hashtbl.create 11 (* (file, fn, v): v tested in a way not read *)
let zvs_of k = try Hashtbl.find zvs k with Not_found -> []
let on_ret q v = List.mem v (zvs_of (file q, line q, col q))
let zguard_is p kind =
  match Hashtbl.find_opt zguard (file p, line p, col p) with
    Some k -> k <= kind
  | None -> false
let rangestore = Hashtbl.create 11 (* (file, fn) -> () : a non-constant store to g->start/end *)
(* The gather and its local aliases ("struct iommu_iotlb_gather *g = gather;"):
   gset (file, fn, name), galias (file, fn, alias), gnames name; cur_file is
   the file spatch is on (set by the fn rule, the first to match in it). *)
let gset = Hashtbl.create 101
let galias = Hashtbl.create 11
let gnames = Hashtbl.create 11
let cur_file = ref ""
let is_g p g = Hashtbl.mem gset (file p, cur p, g)
let is_alias f a = Hashtbl.mem galias (!cur_file, f, a)
let in_gset f g = Hashtbl.mem gset (!cur_file, f, g)
let carriers = Hashtbl.create 11    (* (file, fn): loads the gather from a member *)
let is_carrier_fn c = Hashtbl.mem carriers (!cur_file, c)
(* Functions that take the gather (hasg), and locals of those that carry it
   in a member ("struct args a = { .pending.gather = gather };", gstructs:
   (file, fn, a)); passing their address passes the gather. *)
let hasg = Hashtbl.create 101
let gpos = Hashtbl.create 101       (* (file, fn) -> 0-based index of the gather parameter *)
let nullcalls = Hashtbl.create 11   (* (callee, arg) -> () : a call passes NULL there (standalone) *)
let gpos_of fl f = try string_of_int (Hashtbl.find gpos (fl, f)) with Not_found -> "-"
let gstructs = Hashtbl.create 11
let is_gstruct f s = Hashtbl.mem gstructs (!cur_file, f, s)
(* &s, &s.m...: the address of a local that carries the gather *)
let is_gstruct_addr f e =
  match tokens (norm_expr e) with
    "&" :: s :: rest -> (rest = [] || List.hd rest = ".") && is_gstruct f s
  | _ -> false
(* an initialiser that stores a gather name in a member: ".m = g," *)
let carries_gather fl f ts =
  let rec go = function
      "." :: _ :: "=" :: g :: t :: rest ->
        ((t = "," || t = "}") && Hashtbl.mem gset (fl, f, g)) || go (t :: rest)
    | _ :: rest -> go rest
    | [] -> false in
  go ts
let has_word s w = List.mem w (tokens s)
(* Callee summaries (SPEC 2 Flushed, Nonzero path): the calls made by
   functions that take the gather (kcalls: (file, line, col) -> (callee,
   arguments)); of their callees in the same file (kcallee), those that
   flush (flushfns) get a flush condition (kflush: Always, or When (i, z):
   when argument i is 0 (z) or not), those that return a value get a zero
   condition (kzero: the parameter whose value 0 makes every return 0). *)
let kcalls = Hashtbl.create 101
let kcallee = Hashtbl.create 101
let flushfns = Hashtbl.create 11
let kparams = Hashtbl.create 11      (* (file, fn) -> parameter names *)
let knoflush = Hashtbl.create 11     (* (file, fn, pol): a path without flush (pol -1: any) *)
let ktests = Hashtbl.create 11       (* (file, line, col) -> (fn, param, pol) *)
let kret = Hashtbl.create 11         (* (file, fn) -> param index, or -1: some other return *)
(* The top-level parts of a comma-separated list. *)
let split_top s =
  let rec go d cur acc = function
      [] -> List.rev (if cur = [] then acc else String.concat " " (List.rev cur) :: acc)
    | t :: rest when t = "," && d = 0 -> go d [] (String.concat " " (List.rev cur) :: acc) rest
    | t :: rest ->
        let d = if t = "(" || t = "[" || t = "{" then d + 1
                else if t = ")" || t = "]" || t = "}" then d - 1 else d in
        go d (t :: cur) acc rest in
  List.filter (fun x -> x <> "") (go 0 [] [] (tokens s))
(* The name of each parameter: the last identifier of each part. *)
let param_names ps =
  List.map (fun p ->
    let ws = List.filter is_ident (tokens p) in
    match List.rev ws with w :: _ when w <> "void" -> w | _ -> "")
    (split_top ps)
let const_arg a =
  let a = strip_parens a in
  if is_zero a || a = "false" || a = "NULL" then Some 0
  else if a = "true" || (is_const a && not (is_errno a) && not (is_upper_ident a)) then Some 1
  else None
let index_of x l =
  let rec go i = function [] -> -1 | y :: r -> if y = x then i else go (i + 1) r in
  go 0 l
let kkey c = (!cur_file, c)
let is_kcallee c = Hashtbl.mem kcallee (kkey c)
let is_kflusher c = is_kcallee c && Hashtbl.mem flushfns (kkey c)
let is_kparam c p = List.mem p (try Hashtbl.find kparams (kkey c) with Not_found -> [])
(* Does the call of C with ARGS flush?  (the callee's summary) *)
let call_flushes fl c args =
  Hashtbl.mem flushfns (fl, c) &&
  (not (Hashtbl.mem knoflush (fl, c, -1)) ||
   Hashtbl.fold (fun _ (c2, p, pol) acc ->
     acc ||
     (c2 = c && not (Hashtbl.mem knoflush (fl, c, pol)) &&
      (let ps = try Hashtbl.find kparams (fl, c) with Not_found -> [] in
       let i = index_of p ps in
       i >= 0 && i < List.length args &&
       const_arg (List.nth args i) = Some (if pol = 0 then 0 else 1))))
     ktests false)
let ktest_is p pol = (match Hashtbl.find_opt ktests (file p, line p, col p) with Some (_, _, x) -> x = pol | None -> false)
let is_flushcall p =
  match Hashtbl.find_opt kcalls (file p, line p, col p) with
    Some (c, args) -> call_flushes (file p) c args
  | None -> false
(* E is exactly a call "c(args)": Some (c, args). *)
let call_parts e =
  match tokens (norm_expr e) with
    c :: "(" :: rest when is_ident c ->
      let rec body d acc = function
          [] -> None
        | [")"] when d = 0 -> Some (List.rev acc)
        | t :: r ->
            let d = if t = "(" then d + 1 else if t = ")" then d - 1 else d in
            if d < 0 then None else body d (t :: acc) r in
      (match body 0 [] rest with
         Some ts -> Some (c, split_top (String.concat " " ts))
       | None -> None)
  | _ -> None
(* Is E a call whose value is 0: a callee of this file every return of
   which is 0 when one parameter is, given 0 for it? *)
let zero_call_in fl e =
  match call_parts e with
    Some (c, args) ->
      (match Hashtbl.find_opt kret (fl, c) with
         Some i when i >= 0 -> i < List.length args && const_arg (List.nth args i) = Some 0
       | _ -> false)
  | None -> false
let zero_call e = zero_call_in !cur_file e
(* Is E a call of a callee of this file that flushes, given these arguments
   ("return clear(dom, iova, size, false);" of a clear that flushes unless
   its last parameter is set): the flush runs before the return. *)
let flushing_call fl e =
  match call_parts e with
    Some (c, args) -> call_flushes fl c args
  | None -> false
let atoms = Hashtbl.create 101      (* (file, fn) -> atom list *)
let voidl = Hashtbl.create 101      (* (file, fn) -> loose/strict for the end *)
let firstparam = Hashtbl.create 101 (* (file, fn) -> type of first parameter *)
let assigns = ref []                (* (file, line, func, expr, field, fn) *)
let is_assigned f = List.exists (fun (_, _, _, _, _, n) -> n = f) !assigns

(* The fix list (resolver X lines) and what the fix needs to know. *)
let fixes = Hashtbl.create 101      (* (file, line) -> (func, gather, iova, guarded) *)
let assigned = Hashtbl.create 101   (* (file, func, v) -> () : v is stored to *)
let has_unmapped = Hashtbl.create 11
let needstart = Hashtbl.create 11   (* func -> iova parameter (of the file at hand) *)
let startdecl = Hashtbl.create 11   (* func whose body starts with a declaration (of the file at hand) *)
let fixlist_loaded = ref false
let load_fixlist fl =
  if not !fixlist_loaded then begin
    fixlist_loaded := true;
    let ic = open_in fl in
    (try while true do
      match String.split_on_char (Char.chr 9) (input_line ic) with
        "X" :: file :: line :: func :: g :: i :: _ :: rest ->
          Hashtbl.replace fixes (file, int_of_string line)
            (func, g, i, (match rest with "null" :: _ -> true | _ -> false))
      | _ -> ()
    done with End_of_file -> ());
    close_in ic
  end
let fix_for file line =
  try Some (Hashtbl.find fixes (file, line)) with Not_found -> None
let has_side_effects e =
  String.contains e (Char.chr 40) || String.contains e (Char.chr 61) ||
  List.mem "++" (tokens e) || List.mem "--" (tokens e)
let iova_name file func i =
  if Hashtbl.mem assigned (file, func, i) then begin
    Hashtbl.replace needstart func i; "iova_start"
  end else i

let add_atom k a =
  let l = try Hashtbl.find atoms k with Not_found -> [] in
  if not (List.mem a l) then Hashtbl.replace atoms k (List.append l [a])

(* ---- classification of a return, shared by facts and standalone ---- *)
(* The atom of a candidate call of C (None: not a candidate). *)
let atom_of c =
  if in_api api_fill c || in_api api_queued c then None
  else if in_api api_tlbadd c || in_api api_tlbaddcb c then Some "tlbadd"
  else if is_fmtunmap c then Some "fmt"
  else Some ("call:" ^ c)
(* Per return (file, line, col): the atoms on its fill-free paths. *)
let ret_atoms = Hashtbl.create 101
let add_ret_atom q c =
  match atom_of c with
    None -> ()
  | Some a ->
      let k = (file q, line q, col q) in
      let l = try Hashtbl.find ret_atoms k with Not_found -> [] in
      if not (List.mem a l) then Hashtbl.replace ret_atoms k (a :: l)
let atom_str k =
  match (try Hashtbl.find atoms k with Not_found -> []) with
    [] -> "none"
  | l -> String.concat "|" l
(* The clause of a return: the function's atoms that are on its fill-free
   paths (all of them when none was seen there). *)
let ret_atom_str key k =
  let all = try Hashtbl.find atoms k with Not_found -> [] in
  match Hashtbl.find_opt ret_atoms key with
    Some mine when List.exists (fun a -> List.mem a mine) all ->
      String.concat "|" (List.filter (fun a -> List.mem a mine) all)
  | _ -> atom_str k
let cover key k loose_t strict_t e g =
  if not (Hashtbl.mem loose_t key) then "fill"
  else if Hashtbl.mem strict_t key && not (g <> "" && has_word e g) then "none"
  else ret_atom_str key k
let classify (fl, f, l, c) (e, _) =
  let key = (fl, l, c) and k = (fl, f) in
  let g = try let (_, _, g, _, _) = Hashtbl.find fns k in g with Not_found -> "" in
  if Hashtbl.mem queuedret (fl, l) then
    (if is_zero e then "zero" else if is_errno e then "errno" else "nonzero"), "fill"
  else if Hashtbl.mem zeroret (fl, l) then "zero", "fill"
  else if is_zero e || zero_call_in fl e then "zero", "fill"
  else if is_errno e then "errno", "fill"
  else if flushing_call fl e then "nonzero", "fill"
  else match zvs_of key with
    [] -> "nonzero", cover key k loose strict e g
  | vs ->
      (* a for-loop counter is 0 on the zero-trip path and nonzero after the
         body ran: the body decides (the increment in the header is not a
         statement the store rules see) *)
      let ctr v = Hashtbl.find_opt zcounter (fl, f, v) in
      let has t v = Hashtbl.mem t (fl, l, c, v) in
      let def v = has nzdef v || ctr v <> None in
      let lo v = has nzloose v ||
                 (match ctr v with Some kd -> kd >= 2 && Hashtbl.mem loose key | None -> false) in
      let st v = has nzstrict v ||
                 (match ctr v with Some 3 -> Hashtbl.mem strict key | _ -> false) in
      if not (List.for_all def vs) then "zero", "fill"
      else if not (List.for_all lo vs) then "nonzero", "fill"
      else if List.for_all st vs && not (g <> "" && has_word e g) then "nonzero", "none"
      else "nonzero", ret_atom_str key k
(* The variables of a return's value tested in a way not read (a note). *)
let ret_unread (fl, f, l, c) =
  match List.sort_uniq compare
          (List.filter (fun v -> Hashtbl.mem zunread (fl, f, v)) (zvs_of (fl, l, c))) with
    [] -> "-"
  | l -> String.concat "," l
(* A test that says whether v is 0 (or compares it with a variable). *)
let reads_value v c =
  let is_var w = w <> "" && is_ident w && not (is_upper_ident w) in
  let cmp = ["<"; ">"; "<="; ">="] in
  match tokens c with
    [w] -> w = v
  | ["!"; w] -> w = v
  | [a; ("==" | "!="); b] -> a = v || b = v
  | [a; (">" | "<="); "0"] -> a = v
  | [a; o; b] when List.mem o cmp -> (a = v && is_var b) || (b = v && is_var a)
  | _ -> not (List.mem v (tokens c))

let void_cover fl f =
  match (try Hashtbl.find voidl (fl, f) with Not_found -> 0) with
    0 -> "fill" | 2 -> "none" | _ -> atom_str (fl, f)

(* ---- standalone (coccicheck) decision: one file, its own facts ---- *)
(* Other files' functions are assumed to fill; a format is assumed to fill
   only through this file's iommu_flush_ops.tlb_add_page. *)
(* An ops object filled by assignments ("ops->unmap_pages = f;"): its
   type is that of the stored function's first parameter, its id
   "assign", at, FUNC:EXPR; (file, id, type, field, function) rows for FL. *)
let assign_type (fl, _, _, _, _, fnm) =
  param_ops (try Hashtbl.find firstparam (fl, fnm) with Not_found -> "")
let assign_id (_, _, func, e, _, _) =
  "assign" ^ at ^ func ^ ":" ^ String.concat "" (String.split_on_char ' ' e)
let assigned_ops fl =
  List.concat_map (fun ((fl2, _, _, _, fld, fnm) as a) ->
    let ty = assign_type a in
    if fl2 <> fl || ty = "" then [] else [(fl, assign_id a, ty, fld, fnm)])
    (List.rev !assigns)
let standalone_done = Hashtbl.create 11
let standalone_hits = Hashtbl.create 11   (* (file, line) -> (col, func, rule, severity, msg) *)
let standalone fl =
  if not (Hashtbl.mem standalone_done fl) then begin
    Hashtbl.replace standalone_done fl ();
    let ops = List.filter (fun (f, _, _, _, _) -> f = fl) !ops_store |> List.rev_append (assigned_ops fl) in
    let myrets f =
      Hashtbl.fold (fun (fl2, f2, l, c) e acc ->
        if fl2 = fl && f2 = f then (l, c, e) :: acc else acc) rets [] in
    let local f = Hashtbl.mem fns (fl, f) in
    let filler = Hashtbl.create 11 in
    Hashtbl.iter (fun (fl2, f) _ -> if fl2 = fl then Hashtbl.replace filler f true) fns;
    let flushobjs = List.sort_uniq compare
      (List.filter_map (fun (_, id, ty, _, _) ->
         if List.mem ty api_flushops then Some id else None) ops) in
    let tlbadd_ok () =
      flushobjs <> [] &&
      List.for_all (fun id ->
        match List.filter_map (fun (_, id2, _, fld, fnm) ->
                if id2 = id && in_api api_tlbaddcb fld && fnm <> "NULL" then Some fnm else None) ops with
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
         (List.filter (fun x -> x <> "") (String.split_on_char (Char.chr 38) c))) in
    let uncovered f =
      let (_, kind, _, _, _) = Hashtbl.find fns (fl, f) in
      if kind = "void" then (if cover_ok (void_cover fl f) then [] else [(0, 1, ("-", "-"))])
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
      if is_entry ty fld
      then (if local fnm then Some (fnm, id, ty) else None) else None) ops) in
    let has_sync f =
      List.exists (fun (fnm, id, ty) -> fnm = f &&
        (sync_always ty ||
         List.exists (fun (_, id2, _, fld, s) -> id2 = id && is_sync ty fld && s <> "NULL") ops))
        entries in
    (* The core's severity and text for a core state this script cannot
       read (lib/core/rules.c, gl_core_severity and gl_core_text at
       UNKNOWN, as the CLI grades a file audited alone): true on every
       core, LATENT, EXPOSED and PROTECTED included. *)
    let unfilled f =
      if has_sync f then (rule_severity rule_unmap_gather_unfilled, gl_msg_state_unknown)
      else ("note", gl_msg_state_no_sync) in
    let done_f = Hashtbl.create 11 in
    List.iter (fun (f, _, _) ->
      if not (Hashtbl.mem done_f f) then begin
        Hashtbl.replace done_f f ();
        (match List.sort compare (uncovered f) with
           (l, c, _) :: _ when l > 0 ->
             let sev, state = unfilled f in
             Hashtbl.replace standalone_hits (fl, l)
               (c, f, rule_id rule_unmap_gather_unfilled, sev,
                gl_format gl_msg_unfilled [f; state])
         | _ -> ());
        List.iter (fun (l, c, e) ->
          if is_errno (fst e) then
            Hashtbl.replace standalone_hits (fl, l)
              (c, f, rule_id rule_unmap_returns_errno,
               rule_severity rule_unmap_returns_errno,
               gl_format gl_msg_errno [f; snd e]))
          (myrets f)
      end) entries
  end
let standalone_hit fl l = standalone fl; Hashtbl.mem standalone_hits (fl, l)
let report_done = Hashtbl.create 11
(* report and org: the core's line, severity, message and rule *)
let standalone_print mode =
  Hashtbl.iter (fun (fl, _) _ -> standalone fl) fns;
  let l = Hashtbl.fold (fun k v acc -> (k, v) :: acc) standalone_hits [] in
  List.iter (fun ((fl, ln), (c, _, rule, sev, msg)) ->
    if not (Hashtbl.mem report_done (fl, ln)) then begin
      Hashtbl.replace report_done (fl, ln) ();
      if mode = "org" then
        Printf.printf "* TODO [[view:%s::face=ovl-face1::linb=%d::colb=%d::cole=%d][%s: %s [%s]]]\n"
          fl ln (c - 1) (c + 5) sev msg rule
      else
        Printf.printf "%s:%d:%d-%d: %s: %s [%s]\n" fl ln (c - 1) (c + 5) sev msg rule
    end) (List.sort compare l)
let standalone_fixes () =
  Hashtbl.iter (fun (fl, _) _ -> standalone fl) fns;
  Hashtbl.iter (fun (fl, ln) (_, f, rule, _, _) ->
    if rule = rule_id rule_unmap_gather_unfilled then
      (try let (_, _, g, i, _) = Hashtbl.find fns (fl, f) in
         if g <> "-" && i <> "-" then
           Hashtbl.replace fixes (fl, ln)
             (f, g, i, Hashtbl.mem nullcalls (f, gpos_of fl f))
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
// Functions that take the gather, and functions that take it inside a
// struct (a "carrier": "struct iommu_iotlb_gather *g = p->gather;" from a
// pointer parameter p).  A carrier's gather is that local; its GATHER is
// p, the parameter that carries it (SPEC 2 Fill: any local pointer or
// field that holds the gather).

@fng@
identifier f, g;
type T;
position p;
@@
T f@p(..., struct iommu_iotlb_gather *g, ...) { ... }

@script:ocaml@
f << fng.f;
p << fng.p;
@@
Hashtbl.replace hasg (file p, f) ()

// The position of the gather parameter (fn GPOS), and the direct calls
// that pass a NULL literal (nullcall facts; SPEC 2 Fill, 5: the fix of
// an entry point called with a NULL gather is guarded).
@fngp@
identifier fng.f, g;
type T;
parameter list[n] ps;
position fng.p;
@@
T f@p(ps, struct iommu_iotlb_gather *g, ...) { ... }

@script:ocaml@
f << fng.f;
p << fng.p;
n << fngp.n;
@@
Hashtbl.replace gpos (file p, f) n

@nullc@
identifier f;
expression list[n] es;
position p;
@@
f@p(es, \(NULL\|0\|(void *)0\), ...)

@script:ocaml@
f << nullc.f;
n << nullc.n;
p << nullc.p;
@@
Hashtbl.replace nullcalls (f, string_of_int n) ();
pr ["nullcall"; file p; string_of_int (line p); cur p; f; string_of_int n]

@fn@
identifier f, g, ca, cm;
type T, CT;
position p;
@@
(
T f@p(..., struct iommu_iotlb_gather *g, ...) { ... }
|
T f@p(..., CT *g, ...) {
  ... when any
  struct iommu_iotlb_gather *ca = g->cm;
  ... when any
}
)

// (a function that takes the gather is never also a carrier)
@script:ocaml@
f << fn.f;
g << fn.g;
t << fn.T;
p << fn.p;
ca << fn.ca = "";
@@
if ca <> "" && Hashtbl.mem hasg (file p, f) then Coccilib.include_match false
else begin
  Hashtbl.replace fns (file p, f) (line p, retkind t, g, "-", "extern");
  cur_file := file p;
  Hashtbl.replace gset (file p, f, g) ();
  Hashtbl.replace gnames g ();
  if ca <> "" then begin
    Hashtbl.replace gset (file p, f, ca) ();
    Hashtbl.replace galias (file p, f, ca) ();
    Hashtbl.replace gnames ca ();
    Hashtbl.replace carriers (file p, f) ()
  end
end

// Local aliases of the gather (one level, and an alias of an alias).
@gal@
identifier fn.f, fn.g, a;
position fn.p, pa;
type T;
@@
f@p(...) { <+...
(
T *a@pa = g;
|
a@pa = g
)
...+> }

@script:ocaml@
f << fn.f;
a << gal.a;
pa << gal.pa;
@@
Hashtbl.replace gset (file pa, f, a) ();
Hashtbl.replace galias (file pa, f, a) ();
Hashtbl.replace gnames a ()

@gal2@
identifier fn.f, gal.a, b;
position fn.p, pb;
type T;
@@
f@p(...) { <+...
(
T *b@pb = a;
|
b@pb = a
)
...+> }

@script:ocaml@
f << fn.f;
b << gal2.b;
pb << gal2.pb;
@@
Hashtbl.replace gset (file pb, f, b) ();
Hashtbl.replace galias (file pb, f, b) ();
Hashtbl.replace gnames b ()

// Locals that carry the gather in a member (gstructs): declared with an
// initialiser that stores it (".pending.gather = gather"), or stored to
// ("a.pending.gather = gather;").
@gst1 exists@
identifier fn.f, s;
position fn.p, ps;
type T;
initializer I;
@@
f@p(...) {
  ... when any
  T s@ps = I;
  ... when any
}

@script:ocaml@
f << fn.f;
s << gst1.s;
i << gst1.I;
ps << gst1.ps;
@@
if carries_gather (file ps) f (tokens i) then Hashtbl.replace gstructs (file ps, f, s) ()

@gst2 exists@
identifier fn.f;
identifier g : script:ocaml(f) { in_gset f g };
expression E;
position fn.p, ps;
@@
f@p(...) {
  ... when any
  E@ps = g
  ... when any
}

@script:ocaml@
f << fn.f;
e << gst2.E;
ps << gst2.ps;
@@
(match tokens (norm_expr e) with
   s :: "." :: _ when is_ident s -> Hashtbl.replace gstructs (file ps, f, s) ()
 | _ -> ())

// ------------------------------------------------------------------
// Callee summaries (SPEC 2 Flushed, Nonzero path): the calls of the
// functions that take the gather, and what their callees of this file do
// with the values passed (a flush under "if (!defer)", "return size;").

@kc exists@
identifier fn.f, c;
expression list es;
position fn.p, pk;
@@
f@p(...) {
  ... when any
  c@pk(es)
  ... when any
}

@script:ocaml@
c << kc.c;
es << kc.es;
pk << kc.pk;
@@
Hashtbl.replace kcalls (file pk, line pk, col pk) (c, split_top es);
Hashtbl.replace kcallee (file pk, c) ()

@kf@
identifier c : script:ocaml() { is_kcallee c };
parameter list ps;
type T;
position pf;
@@
T c@pf(ps) { ... }

@script:ocaml@
c << kf.c;
ps << kf.ps;
pf << kf.pf;
@@
Hashtbl.replace kparams (file pf, c) (param_names ps)

@kfx exists@
identifier kf.c;
position kf.pf;
position px;
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
expression X;
@@
c@pf(...) {
  ... when any
(
  flush@px(...)
|
  X->fcb@px(...)
|
  X.fcb@px(...)
)
  ... when any
}

@script:ocaml@
c << kf.c;
px << kfx.px;
@@
Hashtbl.replace flushfns (file px, c) ()

// The flushers among them.
@kfl@
identifier c : script:ocaml() { is_kflusher c };
type T;
position pl;
@@
T c@pl(...) { ... }

// Tests of a parameter whose branch flushes: "if (!defer) flush" (pol 0:
// flushes when it is 0), "if (sync) flush" (pol 1).
@kt0 exists@
identifier kfl.c;
position kfl.pl;
identifier p : script:ocaml(c) { is_kparam c p };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
expression X;
position pt;
@@
c@pl(...) {
  ... when any
(
  if (!p@pt) { ... flush(...); ... }
|
  if (!p@pt) { ... X->fcb(...); ... }
|
  if (!p@pt) { ... X.fcb(...); ... }
|
  if (!p@pt) flush(...);
|
  if (!p@pt) X->fcb(...);
|
  if (!p@pt) X.fcb(...);
)
  ... when any
}

@script:ocaml@
c << kfl.c;
p << kt0.p;
pt << kt0.pt;
@@
Hashtbl.replace ktests (file pt, line pt, col pt) (c, p, 0)

@kt1 exists@
identifier kfl.c;
position kfl.pl;
identifier p : script:ocaml(c) { is_kparam c p };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
expression X;
position pt;
@@
c@pl(...) {
  ... when any
(
  if (p@pt) { ... flush(...); ... }
|
  if (p@pt) { ... X->fcb(...); ... }
|
  if (p@pt) { ... X.fcb(...); ... }
|
  if (p@pt) flush(...);
|
  if (p@pt) X->fcb(...);
|
  if (p@pt) X.fcb(...);
)
  ... when any
}

@script:ocaml@
c << kfl.c;
p << kt1.p;
pt << kt1.pt;
@@
Hashtbl.replace ktests (file pt, line pt, col pt) (c, p, 1)

// A path through the flusher without a flush (kn), without one but for
// the paths through a pol-0 (kn0) or pol-1 (kn1) test.
@kn exists@
identifier kfl.c;
position kfl.pl;
position pn;
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
expression X;
@@
c@pl@pn(...) {
  ... when != flush(...)
      when != X->fcb(...)
      when != X.fcb(...)
}

@script:ocaml@
c << kfl.c;
pn << kn.pn;
@@
Hashtbl.replace knoflush (file pn, c, -1) ()

@kn0 exists@
identifier kfl.c;
position kfl.pl;
position pn;
identifier p;
position pt : script:ocaml() { ktest_is pt 0 };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
expression X;
@@
c@pl@pn(...) {
  ... when != flush(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != p@pt
}

@script:ocaml@
c << kfl.c;
pn << kn0.pn;
@@
Hashtbl.replace knoflush (file pn, c, 0) ()

@kn1 exists@
identifier kfl.c;
position kfl.pl;
position pn;
identifier p;
position pt : script:ocaml() { ktest_is pt 1 };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
expression X;
@@
c@pl@pn(...) {
  ... when != flush(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != p@pt
}

@script:ocaml@
c << kfl.c;
pn << kn1.pn;
@@
Hashtbl.replace knoflush (file pn, c, 1) ()

// The returns of the callees: every one 0, or the same parameter (p,
// p * x, x * p, p << x): the parameter whose value 0 makes the call 0.
@kz exists@
identifier c : script:ocaml() { is_kcallee c };
expression E;
type T;
position pz;
@@
T c(...) {
  ... when any
  return@pz E;
  ... when any
}

@script:ocaml@
c << kz.c;
e << kz.E;
pz << kz.pz;
@@
let k = (file pz, c) in
let ps = try Hashtbl.find kparams k with Not_found -> [] in
if not (is_zero e) then begin
  let i = match tokens (norm_expr e) with
      [p] | [p; "<<"; _] -> index_of p ps
    | [a; "*"; b] -> if index_of a ps >= 0 then index_of a ps else index_of b ps
    | _ -> -1 in
  match Hashtbl.find_opt kret k with
    None -> Hashtbl.replace kret k i
  | Some j -> if j <> i then Hashtbl.replace kret k (-1)
end

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
expression ez : script:ocaml() { zero_call ez };
@@
T1 f@p(...) { ... when any
(
T v = 0;
|
T v = ez;
)
... when any
}

@script:ocaml@
f << fn.f;
p << fn.p;
v << zi.v;
@@
Hashtbl.replace zinit (file p, f, v) ()

// Direct stores that grow the range by hand (vendor drivers): in a function
// that stores a non-constant value to g->start or g->end, every access to
// them counts as a fill (the grow-if-outside tests read them).
@rs exists@
identifier g : script:ocaml() { Hashtbl.mem gnames g };
expression es : script:ocaml() { not (is_const es) };
position px;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
 g->start@px = es
|
 g->end@px = es
)
  ... when any
}

@script:ocaml@
px << rs.px;
g << rs.g;
@@
if is_g px g then Hashtbl.replace rangestore (file px, cur px) ()

// ------------------------------------------------------------------
// Every return of those functions.

@r exists@
position pr, pe;
expression E;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
return@pr E@pe;
  ... when any
}

@script:ocaml@
pr << r.pr;
pe << r.pe;
e << r.E;
@@
if Hashtbl.mem fns (file pr, cur pr) then
  Hashtbl.replace rets (file pr, cur pr, line pr, col pr) (norm_expr e, src_text pe)

// The variables a returned value is 0 with.
@zr exists@
identifier v;
expression X;
type T;
position pr;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
 return@pr v;
|
 return@pr v * X;
|
 return@pr X * v;
|
 return@pr (T)v * X;
|
 return@pr X * (T)v;
|
 return@pr v << X;
|
 return@pr v ? X : 0;
)
  ... when any
}

@script:ocaml@
v << zr.v;
pr << zr.pr;
@@
if Hashtbl.mem fns (file pr, cur pr) && not (is_upper_ident v) then begin
  let k = (file pr, line pr, col pr) in
  if not (List.mem v (zvs_of k)) then Hashtbl.replace zvs k (v :: zvs_of k);
  Hashtbl.replace zvnames v ()
end

// Tests of such a variable: the branch not taken has it 0, the other
// fills (zgf) or passes a candidate (zgc) on every path.
@zgf exists@
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier fill : script:ocaml() { in_api api_fill fill };
identifier i;
expression E;
position pg;
statement S;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
if (v@pg) { ... fill(..., g, ...); ... } else S
|
if (v@pg) { ... fill(..., g, ...); ... }
|
if (v@pg) fill(..., g, ...); else S
|
if (v@pg) fill(..., g, ...);
|
if (v@pg != 0) { ... fill(..., g, ...); ... }
|
if (v@pg != 0) fill(..., g, ...);
|
for (i = 0; i < v@pg; E) { ... fill(..., g, ...); ... }
|
for (i = 0; i < v@pg; E) fill(..., g, ...);
)
  ... when any
}

@script:ocaml@
pg << zgf.pg;
g << zgf.g;
@@
if is_g pg g then Hashtbl.replace zguard (file pg, line pg, col pg) 1

@zgc exists@
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier c, i;
expression E, X;
position pg;
statement S;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
if (v@pg) { ... \( c(..., g, ...) \| X->c(..., g, ...) \); ... } else S
|
if (v@pg) { ... \( c(..., g, ...) \| X->c(..., g, ...) \); ... }
|
if (v@pg) \( c(..., g, ...) \| X->c(..., g, ...) \); else S
|
if (v@pg) \( c(..., g, ...) \| X->c(..., g, ...) \);
|
if (v@pg != 0) { ... \( c(..., g, ...) \| X->c(..., g, ...) \); ... }
|
if (v@pg != 0) \( c(..., g, ...) \| X->c(..., g, ...) \);
|
for (i = 0; i < v@pg; E) { ... \( c(..., g, ...) \| X->c(..., g, ...) \); ... }
|
for (i = 0; i < v@pg; E) \( c(..., g, ...) \| X->c(..., g, ...) \);
)
  ... when any
}

@script:ocaml@
pg << zgc.pg;
g << zgc.g;
@@
let k = (file pg, line pg, col pg) in
if is_g pg g && not (Hashtbl.mem zguard k) then Hashtbl.replace zguard k 2

// Loop counters returned: what the body of "for (v = 0; ...; v++)" does.
@zfor1 exists@
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier fill : script:ocaml() { in_api api_fill fill };
expression E;
position pf;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
for (v@pf = 0; E; v++) { ... fill(..., g, ...); ... }
|
for (v@pf = 0; E; v++) fill(..., g, ...);
)
  ... when any
}

@script:ocaml@
v << zfor1.v;
g << zfor1.g;
pf << zfor1.pf;
@@
if is_g pf g then Hashtbl.replace zcounter (file pf, cur pf, v) 1

@zfor2 exists@
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier c;
expression E, X;
position pf;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
for (v@pf = 0; E; v++) { ... \( c(..., g, ...) \| X->c(..., g, ...) \); ... }
|
for (v@pf = 0; E; v++) \( c(..., g, ...) \| X->c(..., g, ...) \);
)
  ... when any
}

@script:ocaml@
v << zfor2.v;
g << zfor2.g;
pf << zfor2.pf;
@@
let k = (file pf, cur pf, v) in
if is_g pf g && not (Hashtbl.mem zcounter k) then Hashtbl.replace zcounter k 2

@zfor3 exists@
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
expression E;
position pf;
statement S;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
for (v@pf = 0; E; v++) S
  ... when any
}

@script:ocaml@
v << zfor3.v;
pf << zfor3.pf;
@@
let k = (file pf, cur pf, v) in
if Hashtbl.mem fns (file pf, cur pf) && not (Hashtbl.mem zcounter k) then
  Hashtbl.replace zcounter k 3

// Tests of such a variable that do not say whether it is 0 (a note).
@zt exists@
identifier fn.f;
position fn.p;
expression C;
statement S1, S2;
position pt;
@@
// only in functions that take the gather: the others have no ret facts
f@p(...) {
  ... when any
(
if (C@pt) S1 else S2
|
if (C@pt) S1
)
  ... when any
}

@script:ocaml@
c << zt.C;
pt << zt.pt;
@@
if Hashtbl.mem fns (file pt, cur pt) then
  List.iter (fun v ->
    if Hashtbl.mem zvnames v && not (reads_value v c) then
      Hashtbl.replace zunread (file pt, cur pt, v) ())
    (List.sort_uniq compare (tokens c))

// Returns under a test that the returned variable is 0.
@zret exists@
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position px;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
switch (v) { case 0: return@px v; }
  ... when any
}

@script:ocaml@
px << zret.px;
@@
if Hashtbl.mem fns (file px, cur px) then Hashtbl.replace zeroret (file px, line px) ()

// Tests that such a variable is 0, without else ("if (!v) goto out;",
// "if (v == 0) return v;"): the path into the branch has v 0, the path
// past it has v nonzero.  The value rules (nzl, nzs, nzd, ...) stop at
// the test (a path through it is not a path of the value stored before)
// and start again after it, as from a nonzero store: a return reached
// from both sides is nonzero (SPEC 2 Nonzero path).
@ztst exists@
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position px;
statement S;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
if (!v@px) S
|
if (v@px == 0) S
)
  ... when any
}

@script:ocaml@
px << ztst.px;
@@
Hashtbl.replace ztests (file px, line px, col px) ()

// Candidate calls: the gather passed to another function.
@cand exists@
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier c;
position pc;
expression X;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
  X->c@pc(..., g, ...)
|
  X.c@pc(..., g, ...)
|
  c@pc(..., g, ...)
)
  ... when any
}

@script:ocaml@
g << cand.g;
c << cand.c;
pc << cand.pc;
@@
let k = (file pc, cur pc) in
if not (is_g pc g) then ()
else if in_api api_fill c || in_api api_queued c then ()
else if in_api api_tlbadd c || in_api api_tlbaddcb c then add_atom k "tlbadd"
else if is_fmtunmap c then add_atom k "fmt"
else add_atom k ("call:" ^ c)

// ... and the address of a local that carries it.
@candst exists@
identifier fn.f;
expression ea : script:ocaml(f) { is_gstruct_addr f ea };
identifier c : script:ocaml() { is_carrier_fn c };
position fn.p, pc;
@@
f@p(...) {
  ... when any
  c@pc(..., ea, ...)
  ... when any
}

@script:ocaml@
c << candst.c;
pc << candst.pc;
@@
match atom_of c with
  Some a -> add_atom (file pc, cur pc) a
| None -> ()

// Queued tests that guard a direct fill: both branches are covered.
@qf exists@
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier fill : script:ocaml() { in_api api_fill fill };
identifier qd : script:ocaml() { in_api api_queued qd };
position pq;
statement S;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
if (!qd@pq(g)) { ... fill(..., g, ...); ... } else S
|
if (!qd@pq(g)) { ... fill(..., g, ...); ... }
|
if (!qd@pq(g)) fill(..., g, ...); else S
|
if (!qd@pq(g)) fill(..., g, ...);
)
  ... when any
}

@script:ocaml@
pq << qf.pq;
g << qf.g;
@@
if is_g pq g then Hashtbl.replace fillguard (file pq, line pq) ()

// Returns taken only when the gather is queued (lazy mode): covered.
@qr exists@
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier qd : script:ocaml() { in_api api_queued qd };
position pq;
expression E;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
if (qd(g)) return@pq E;
|
if (qd(g)) { ... return@pq E; }
|
if (!g) return@pq E;
|
if (!g) { ... return@pq E; }
|
if (g == NULL) return@pq E;
|
if (g == NULL) { ... return@pq E; }
)
  ... when any
}

// (and returns taken when there is no gather: SPEC 2 Fill, nothing to fill)
@script:ocaml@
pq << qr.pq;
g << qr.g;
@@
if is_g pq g then Hashtbl.replace queuedret (file pq, line pq) ()

// The gather tested for NULL around a fill: the NULL branch needs none,
// the other fills, so a path through the test is covered.
@ng exists@
identifier g : script:ocaml() { Hashtbl.mem gnames g };
identifier fill : script:ocaml() { in_api api_fill fill };
position pn;
statement S;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
if (g@pn) { ... fill(..., g, ...); ... } else S
|
if (g@pn) { ... fill(..., g, ...); ... }
|
if (g@pn) fill(..., g, ...); else S
|
if (g@pn) fill(..., g, ...);
|
if (g@pn != NULL) { ... fill(..., g, ...); ... }
|
if (g@pn != NULL) fill(..., g, ...);
)
  ... when any
}

@script:ocaml@
pn << ng.pn;
g << ng.g;
@@
if is_g pn g then Hashtbl.replace nullguard (file pn, line pn, col pn) ()

// A path with no fill, flush or queued test (loose) and, in addition, no
// candidate call (strict).

@loose exists@
identifier fn.f, fn.g;
position fn.p, q;
expression E, X;
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
position pg : script:ocaml() { Hashtbl.mem nullguard (file pg, line pg, col pg) };
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
      when != qd@pq(ga)
      when != g@pg
      when != ga@pg
  return@q E;
  ... when any
}

@strict exists@
identifier fn.f, fn.g, c;
position fn.p, q;
expression E, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
expression ea : script:ocaml(f) { is_gstruct_addr f ea };
identifier cc : script:ocaml() { is_carrier_fn cc };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd(g)
      when != qd(ga)
      when != c(..., g, ...)
      when != c(..., ga, ...)
      when != X->c(..., g, ...)
      when != X->c(..., ga, ...)
      when != cc(..., ea, ...)
      when != X.c(..., g, ...)
      when != X.c(..., ga, ...)
  return@q E;
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

// The candidates on the fill-free paths to a return (its clause): passed
// before it, or called in its expression.
@cpath exists@
identifier fn.f, fn.g, c;
position fn.p, q, pc;
expression E, X, Y;
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
position pg : script:ocaml() { Hashtbl.mem nullguard (file pg, line pg, col pg) };
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
expression ea : script:ocaml(f) { is_gstruct_addr f ea };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when any
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
      when != qd@pq(ga)
      when != g@pg
      when != ga@pg
(
  c@pc(..., g, ...)
|
  Y->c@pc(..., g, ...)
|
  Y.c@pc(..., g, ...)
|
  c@pc(..., ga, ...)
|
  Y->c@pc(..., ga, ...)
|
  c@pc(..., ea, ...)
)
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
      when != qd@pq(ga)
      when != g@pg
      when != ga@pg
  return@q E;
  ... when any
}

@script:ocaml@
c << cpath.c;
q << cpath.q;
@@
add_ret_atom q c

@cret exists@
identifier c;
identifier g : script:ocaml() { Hashtbl.mem gnames g };
expression X;
position q;
identifier fn.f;
position fn.p;
@@
f@p(...) {
  ... when any
(
return@q <+... c(..., g, ...) ...+>;
|
return@q <+... X->c(..., g, ...) ...+>;
|
return@q <+... X.c(..., g, ...) ...+>;
)
  ... when any
}

@script:ocaml@
c << cret.c;
g << cret.g;
q << cret.q;
@@
if is_g q g then add_ret_atom q c

// `return v;`: paths on which the last value stored in v is not 0.

@nzl exists@
identifier fn.f, fn.g;
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position fn.p, q;
position pgf : script:ocaml() { zguard_is pgf 1 };
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
position pg : script:ocaml() { Hashtbl.mem nullguard (file pg, line pg, col pg) };
expression e2 : script:ocaml() { not (is_zero e2 || zero_call e2) };
type T;
expression E3, E5, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
position pzt : script:ocaml() { Hashtbl.mem ztests (file pzt, line pzt, col pzt) };
statement S;
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when any
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
      when != qd@pq(ga)
      when != g@pg
      when != ga@pg
(
  T v = e2;
|
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
|
  if (!v) S
|
  if (v == 0) S
)
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
      when != qd@pq(ga)
      when != g@pg
      when != ga@pg
      when != v = E3
      when != v@pzt
      when != v@pgf
  return@q <+... v ...+>;
  ... when any
}

@nzs exists@
identifier fn.f, fn.g, c;
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position fn.p, q;
position pgs : script:ocaml() { zguard_is pgs 2 };
expression e2 : script:ocaml() { not (is_zero e2 || zero_call e2) };
type T;
expression E3, E5, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
position pzt : script:ocaml() { Hashtbl.mem ztests (file pzt, line pzt, col pzt) };
statement S;
expression ea : script:ocaml(f) { is_gstruct_addr f ea };
identifier cc : script:ocaml() { is_carrier_fn cc };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when any
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd(g)
      when != qd(ga)
      when != c(..., g, ...)
      when != c(..., ga, ...)
      when != X->c(..., g, ...)
      when != X->c(..., ga, ...)
      when != cc(..., ea, ...)
      when != X.c(..., g, ...)
(
  T v = e2;
|
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
|
  if (!v) S
|
  if (v == 0) S
)
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd(g)
      when != qd(ga)
      when != v = E3
      when != v@pzt
      when != v@pgs
      when != c(..., g, ...)
      when != c(..., ga, ...)
      when != X->c(..., g, ...)
      when != X->c(..., ga, ...)
      when != cc(..., ea, ...)
      when != X.c(..., g, ...)
  return@q <+... v ...+>;
  ... when any
}

// no store to v at all on the path: its initial value decides
@nzn exists@
identifier fn.f, fn.g;
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position fn.p, q;
position pgf : script:ocaml() { zguard_is pgf 1 };
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
position pg : script:ocaml() { Hashtbl.mem nullguard (file pg, line pg, col pg) };
expression E3, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
position pzt : script:ocaml() { Hashtbl.mem ztests (file pzt, line pzt, col pzt) };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
      when != qd@pq(ga)
      when != g@pg
      when != ga@pg
      when != v = E3
      when != v@pzt
      when != v@pgf
  return@q <+... v ...+>;
  ... when any
}

@nzns exists@
identifier fn.f, fn.g, c;
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position fn.p, q;
position pgs : script:ocaml() { zguard_is pgs 2 };
expression E3, X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
position pzt : script:ocaml() { Hashtbl.mem ztests (file pzt, line pzt, col pzt) };
expression ea : script:ocaml(f) { is_gstruct_addr f ea };
identifier cc : script:ocaml() { is_carrier_fn cc };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
f@p(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd(g)
      when != qd(ga)
      when != v = E3
      when != v@pzt
      when != v@pgs
      when != c(..., g, ...)
      when != c(..., ga, ...)
      when != X->c(..., g, ...)
      when != X->c(..., ga, ...)
      when != cc(..., ea, ...)
      when != X.c(..., g, ...)
  return@q <+... v ...+>;
  ... when any
}

// a nonzero store reaching the return, filled or not (class)
@nzd exists@
identifier fn.f;
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position fn.p, q;
expression e2 : script:ocaml() { not (is_zero e2 || zero_call e2) };
type T;
expression E3, E5;
position pzt : script:ocaml() { Hashtbl.mem ztests (file pzt, line pzt, col pzt) };
statement S;
@@
f@p(...) {
  ... when any
(
  T v = e2;
|
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
|
  if (!v) S
|
  if (v == 0) S
)
  ... when != v = E3
      when != v@pzt
  return@q <+... v ...+>;
  ... when any
}

@nzd0 exists@
identifier fn.f;
identifier v : script:ocaml() { Hashtbl.mem zvnames v };
position fn.p, q;
expression E3;
position pzt : script:ocaml() { Hashtbl.mem ztests (file pzt, line pzt, col pzt) };
@@
f@p(...) {
  ... when != v = E3
      when != v@pzt
  return@q <+... v ...+>;
  ... when any
}

@script:ocaml@
q << nzl.q;
v << nzl.v;
@@
if on_ret q v then Hashtbl.replace nzloose (zkey q v) ()

@script:ocaml@
q << nzs.q;
v << nzs.v;
e << nzs.e2 = "";
g << fn.g;
@@
if on_ret q v && not (has_word e g) then Hashtbl.replace nzstrict (zkey q v) ()

@script:ocaml@
f << fn.f;
q << nzn.q;
v << nzn.v;
@@
if on_ret q v && not (Hashtbl.mem zinit (file q, f, v)) then
  Hashtbl.replace nzloose (zkey q v) ()

@script:ocaml@
f << fn.f;
q << nzns.q;
v << nzns.v;
@@
if on_ret q v && not (Hashtbl.mem zinit (file q, f, v)) then
  Hashtbl.replace nzstrict (zkey q v) ()

@script:ocaml@
q << nzd.q;
v << nzd.v;
@@
if on_ret q v then Hashtbl.replace nzdef (zkey q v) ()

@script:ocaml@
f << fn.f;
q << nzd0.q;
v << nzd0.v;
@@
if on_ret q v && not (Hashtbl.mem zinit (file q, f, v)) then
  Hashtbl.replace nzdef (zkey q v) ()

// void functions (tlb_add_page callbacks, wrappers): the end of the body.
@vl exists@
identifier fn.f, fn.g;
position fn.p, q;
position pq : script:ocaml() { Hashtbl.mem fillguard (file pq, line pq) };
position pg : script:ocaml() { Hashtbl.mem nullguard (file pg, line pg, col pg) };
expression X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
void f@p@q(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd@pq(g)
      when != qd@pq(ga)
      when != g@pg
      when != ga@pg
}

@vs exists@
identifier fn.f, fn.g, c;
position fn.p, q;
expression X;
identifier fill : script:ocaml() { in_api api_fill fill };
identifier ga : script:ocaml(f) { is_alias f ga };
position ps : script:ocaml() { Hashtbl.mem rangestore (file ps, cur ps) };
identifier flush : script:ocaml() { in_api api_flush flush };
identifier fcb : script:ocaml() { in_api api_flushcb fcb };
identifier qd : script:ocaml() { in_api api_queued qd };
expression ea : script:ocaml(f) { is_gstruct_addr f ea };
identifier cc : script:ocaml() { is_carrier_fn cc };
identifier kfc;
position pfc : script:ocaml() { is_flushcall pfc };
@@
void f@p@q(...) {
  ... when != fill(..., g, ...)
      when != fill(..., ga, ...)
      when != g->start@ps
      when != ga->start@ps
      when != g->end@ps
      when != ga->end@ps
      when != flush(...)
      when != kfc@pfc(...)
      when != X->fcb(...)
      when != X.fcb(...)
      when != qd(g)
      when != qd(ga)
      when != c(..., g, ...)
      when != c(..., ga, ...)
      when != X->c(..., g, ...)
      when != X->c(..., ga, ...)
      when != cc(..., ea, ...)
      when != X.c(..., g, ...)
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
else if (match words t with ["struct"; s] -> List.mem s api_fmtinit | _ -> false) then
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
assigns := (file pl, line pl, cur pl, norm_expr e, fld, fnm) :: !assigns

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
Hashtbl.replace firstparam (file p, f) (norm_type t)

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
let fm = norm_expr fm in
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
  pr ["fn"; fl; string_of_int l; f; kind; g; iova; link; gpos_of fl f];
  if kind = "void" then begin
    let c = void_cover fl f in
    pr ["ret"; fl; string_of_int l; "1"; f; "nonzero"; c; "-"; "-"]
  end) fns;
Hashtbl.iter (fun (fl, f, l, c) e ->
  let cls, cov = classify (fl, f, l, c) e in
  let e = snd e in
  pr ["ret"; fl; string_of_int l; string_of_int c; f; cls; cov;
      (if e = "" then "-" else e);
      (if cls = "nonzero" && cov <> "fill" then ret_unread (fl, f, l, c) else "-")]) rets;
List.iter (fun ((fl, l, func, e, fld, fnm) as a) ->
  let ty = assign_type a in
  if ty <> "" then begin
    let id = assign_id a in
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

// Per file (each file is its own group, one process runs many): the
// tables of the file at hand start empty.  Without a fix list (make
// coccicheck MODE=patch): fix what this file decides.
@script:ocaml depends on patch@
@@
Hashtbl.reset needstart;
Hashtbl.reset startdecl;
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
 | Some (func, g, i, guarded) ->
     if cur pr <> func || guarded then Coccilib.include_match false
     else begin
       gv := make_ident g;
       iv := make_ident (iova_name (file pr) func i);
       lv := make_ident (if Hashtbl.mem has_unmapped (file pr, func) then "gather_size" else "unmapped")
     end)

// One rule for every form, so that the returns of one function are all
// fixed in the same pass:
// - return C ? 0 : E; (E without side effects): the zero branch must not
//   add a range, so the fix returns 0 first, then fills for E;
// - return E; with side effects (a call): E is stored in a local first,
//   followed by a blank line (checkpatch: a blank line after declarations);
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
+
+ iommu_iotlb_gather_add_range(gv, iv, lv);
+ return lv;
|
+ iommu_iotlb_gather_add_range(gv, iv, e);
  return@pr e;
)

// The same, for an entry point that is also called with a NULL gather
// (X guard "null"): the fill only when the gather is not NULL.
@r2g depends on patch@
position pr;
expression E;
@@
return@pr E;

@script:ocaml mkg@
pr << r2g.pr;
gv;
iv;
lv;
@@
(match fix_for (file pr) (line pr) with
   None -> Coccilib.include_match false
 | Some (func, g, i, guarded) ->
     if cur pr <> func || not guarded then Coccilib.include_match false
     else begin
       gv := make_ident g;
       iv := make_ident (iova_name (file pr) func i);
       lv := make_ident (if Hashtbl.mem has_unmapped (file pr, func) then "gather_size" else "unmapped")
     end)

@fxsg depends on patch@
position r2g.pr;
identifier mkg.gv, mkg.iv, mkg.lv;
expression c;
expression z : script:ocaml() { not (has_side_effects z) };
expression s : script:ocaml() { has_side_effects s };
expression e;
@@
(
- return@pr c ? 0 : z;
+ if (c)
+ 	return 0;
+ if (gv)
+ 	iommu_iotlb_gather_add_range(gv, iv, z);
+ return z;
|
- return@pr s;
+ size_t lv = s;
+
+ if (gv)
+ 	iommu_iotlb_gather_add_range(gv, iv, lv);
+ return lv;
|
+ if (gv)
+ 	iommu_iotlb_gather_add_range(gv, iv, e);
  return@pr e;
)

// Does the body start with a declaration?  The capture of iova joins the
// declarations; before a statement it is followed by a blank line
// (checkpatch: a blank line after declarations).
@fd1 depends on patch@
identifier f;
declaration d;
@@
f(...) {
  d
  ... when any
}

@script:ocaml@
f << fd1.f;
@@
Hashtbl.replace startdecl f ()

@fn2 depends on patch@
identifier f;
position p;
@@
f@p(...) { ... }

@script:ocaml mkd@
f << fn2.f;
iv0;
@@
(try
   if Hashtbl.mem startdecl f then
     iv0 := make_ident (Hashtbl.find needstart f)
   else Coccilib.include_match false
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

@fn3 depends on patch@
identifier f;
@@
f(...) { ... }

@script:ocaml mks@
f << fn3.f;
iv1;
@@
(try
   if Hashtbl.mem startdecl f then Coccilib.include_match false
   else iv1 := make_ident (Hashtbl.find needstart f)
 with Not_found -> Coccilib.include_match false)

@fxds depends on patch@
identifier fn3.f;
identifier mks.iv1;
@@
f(...) {
+ unsigned long iova_start = iv1;
+
  ...
}
