// SPDX-License-Identifier: GPL-2.0
/*
 * ops.c - ops, bind, fmtinit and fmtid facts: initialisers (PLUGIN_FINISH_DECL,
 * compound literals included) and function bodies (PLUGIN_PRE_GENERICIZE:
 * runtime "x->unmap_pages = fn" stores, alloc_io_pgtable_ops() calls, the
 * returns of the source).
 */
#include "gl-plugin.h"

/* ops, bind, fmtinit, fmtid                                           */

static void ops_fact(int line, const std::string &id, const std::string &type,
		     const std::string &field, const std::string &func)
{
	gl_ops &o = unit.ops_objs[id];

	if (o.id.empty()) {
		o.id = id;
		o.type = type;
		o.line = line;
		unit.ops_order.push_back(id);
	}
	if (field != "-") {
		if (!o.fields.count(field) || o.fields[field] == "NULL")
			o.fields[field] = func;
		if (func != "NULL" && func != "-")
			unit.ops_funcs.insert(func);
	}
	add_fact("ops\t" + fact_path(unit.cur_file) + "\t" + itos(line) + "\t" + id + "\t" +
		 type + "\t" + field + "\t" + func);
}

/* A stored function value: its name, "NULL", or "" when not a function. */
static std::string stored_func(tree v)
{
	while (v && (CONVERT_EXPR_P(v) || TREE_CODE(v) == NON_LVALUE_EXPR))
		v = TREE_OPERAND(v, 0);
	if (!v)
		return "";
	if (TREE_CODE(v) == ADDR_EXPR)
		v = TREE_OPERAND(v, 0);
	if (TREE_CODE(v) == FUNCTION_DECL)
		return decl_name(v);
	if (TREE_CODE(v) == INTEGER_CST && integer_zerop(v))
		return "NULL";
	return "";
}

static void process_ctor(tree ctor, const std::string &type,
			 const std::string &id, int line);

static tree compound_literal_decl(tree v)
{
	while (v && (CONVERT_EXPR_P(v) || TREE_CODE(v) == NON_LVALUE_EXPR))
		v = TREE_OPERAND(v, 0);
	if (!v || TREE_CODE(v) != ADDR_EXPR)
		return NULL_TREE;
	v = TREE_OPERAND(v, 0);
	if (TREE_CODE(v) == COMPOUND_LITERAL_EXPR)
		return COMPOUND_LITERAL_EXPR_DECL(v);
	if (TREE_CODE(v) == VAR_DECL && DECL_ARTIFICIAL(v) && !DECL_NAME(v))
		return v;
	if (TREE_CODE(v) == VAR_DECL && DECL_ARTIFICIAL(v) &&
	    !strncmp(decl_name(v), "__compound_literal", 18))
		return v;
	return NULL_TREE;
}

static std::string field_or_elt(tree idx)
{
	if (idx && TREE_CODE(idx) == FIELD_DECL)
		return decl_name(idx);
	return "elt";
}

static void process_anon(tree decl)
{
	tree init;
	std::string t;
	int line;

	if (!decl || !unit.anon_done.insert(DECL_UID(decl)).second)
		return;
	init = DECL_INITIAL(decl);
	if (!init || TREE_CODE(init) != CONSTRUCTOR)
		return;
	t = record_name(TREE_TYPE(decl));
	line = loc_line(DECL_SOURCE_LOCATION(decl));
	process_ctor(init, is_ops_type(t) ? t : "", "anon@" + itos(line), line);
}

/* Walk an initialiser: fields of an ops object, nested literals. */
static void process_ctor(tree ctor, const std::string &type,
			 const std::string &id, int line)
{
	unsigned HOST_WIDE_INT i;
	tree idx, val;

	if (!type.empty())
		ops_fact(line, id, type, "-", "-");
	FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(ctor), i, idx, val) {
		tree cl;

		if (!val)
			continue;
		if (TREE_CODE(val) == CONSTRUCTOR) {
			std::string nt = record_name(TREE_TYPE(val));

			if (is_ops_type(nt))
				process_ctor(val, nt, "anon@" + itos(line) +
					     "." + field_or_elt(idx), line);
			else
				process_ctor(val, "", id, line);
			continue;
		}
		cl = compound_literal_decl(val);
		if (cl) {
			process_anon(cl);
			continue;
		}
		if (type.empty() || !idx || TREE_CODE(idx) != FIELD_DECL)
			continue;
		{
			std::string f = decl_name(idx);
			std::string fn = stored_func(val);
			int fl = line;

			if (!interesting_field(f) || fn.empty())
				continue;
			if (EXPR_P(val) && EXPR_HAS_LOCATION(val) &&
			    in_cur_file(EXPR_LOCATION(val)))
				fl = loc_line(EXPR_LOCATION(val));
			else
				fl = field_line(line, f);
			ops_fact(fl, id, type, f, fn);
		}
	}
}

/* The name of the enumerator of io_pgtable_fmt with value V. */
static std::string fmt_name(tree v)
{
	while (v && (CONVERT_EXPR_P(v) || TREE_CODE(v) == NON_LVALUE_EXPR))
		v = TREE_OPERAND(v, 0);
	if (!v || TREE_CODE(v) != INTEGER_CST || !tree_fits_shwi_p(v))
		return "?";
	auto it = unit.fmt_values.find(tree_to_shwi(v));

	return it != unit.fmt_values.end() ? it->second : "?";
}

void gl_finish_type(void *gcc_data, void * /* user_data */)
{
	tree t = (tree)gcc_data;

	if (!t || TREE_CODE(t) != ENUMERAL_TYPE ||
	    type_name_of(t) != "io_pgtable_fmt")
		return;
	/* its values, not the type: no tree is kept (gl-plugin.h) */
	unit.fmt_values.clear();
	for (tree e = TYPE_VALUES(t); e; e = TREE_CHAIN(e)) {
		tree val = TREE_VALUE(e);

		if (TREE_CODE(val) == CONST_DECL)
			val = DECL_INITIAL(val);
		if (val && TREE_CODE(val) == INTEGER_CST &&
		    tree_fits_shwi_p(val))
			unit.fmt_values.insert(std::make_pair(tree_to_shwi(val),
				std::string(IDENTIFIER_POINTER(TREE_PURPOSE(e)))));
	}
}

void gl_finish_decl(void *gcc_data, void * /* user_data */)
{
	tree decl = (tree)gcc_data;
	tree init, type;
	std::string t;
	int line;

	if (!decl || TREE_CODE(decl) != VAR_DECL)
		return;
	init = DECL_INITIAL(decl);
	if (!init || TREE_CODE(init) != CONSTRUCTOR)
		return;
	type = TREE_TYPE(decl);
	t = record_name(type);
	/* outside the main file: the ops objects only (an entry point's
	 * initialiser may sit in a header: unit.c, entry_reach()) */
	if (!in_cur_file(DECL_SOURCE_LOCATION(decl))) {
		std::string file = file_of(DECL_SOURCE_LOCATION(decl));

		if (file.empty() || !is_ops_type(t))
			return;
		set_cur_file(file);
		line = loc_line(DECL_SOURCE_LOCATION(decl));
		process_ctor(init, t, decl_name(decl), line);
		set_cur_file(unit.main_file);
		return;
	}
	line = loc_line(DECL_SOURCE_LOCATION(decl));
	if (vocab_has("fmtinit", t)) {
		add_fact("fmtinit\t" + unit.main_file + "\t" + itos(line) + "\t" +
			 decl_name(decl));
		return;
	}
	if (TREE_CODE(type) == ARRAY_TYPE &&
	    TREE_CODE(TREE_TYPE(type)) == POINTER_TYPE &&
	    vocab_has("fmtinit", record_name(TREE_TYPE(TREE_TYPE(type))))) {
		unsigned HOST_WIDE_INT i;
		tree idx, val;

		FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(init), i, idx, val) {
			tree v = val;
			int fl = line;

			while (v && CONVERT_EXPR_P(v))
				v = TREE_OPERAND(v, 0);
			if (!idx || !v || TREE_CODE(v) != ADDR_EXPR ||
			    TREE_CODE(TREE_OPERAND(v, 0)) != VAR_DECL)
				continue;
			if (EXPR_P(val) && EXPR_HAS_LOCATION(val) &&
			    in_cur_file(EXPR_LOCATION(val)))
				fl = loc_line(EXPR_LOCATION(val));
			add_fact("fmtid\t" + unit.main_file + "\t" + itos(fl) +
				 "\t" + fmt_name(idx) + "\t" +
				 decl_name(TREE_OPERAND(v, 0)));
		}
		return;
	}
	process_ctor(init, is_ops_type(t) ? t : "", decl_name(decl), line);
}

/* ------------------------------------------------------------------ */
/* PLUGIN_PRE_GENERICIZE: returns, runtime ops stores, binds          */

static std::string render(tree t)
{
	if (!t)
		return "?";
	switch (TREE_CODE(t)) {
	case VAR_DECL:
	case PARM_DECL:
	case FIELD_DECL:
	case FUNCTION_DECL:
		return decl_name(t);
	case COMPONENT_REF: {
		tree o = TREE_OPERAND(t, 0);

		if (TREE_CODE(o) == INDIRECT_REF || TREE_CODE(o) == MEM_REF)
			return render(TREE_OPERAND(o, 0)) + "->" +
			       decl_name(TREE_OPERAND(t, 1));
		return render(o) + "." + decl_name(TREE_OPERAND(t, 1));
	}
	case INDIRECT_REF:
		return "*" + render(TREE_OPERAND(t, 0));
	case ARRAY_REF:
		return render(TREE_OPERAND(t, 0)) + "[" +
		       render(TREE_OPERAND(t, 1)) + "]";
	case INTEGER_CST:
		return itos((long)TREE_INT_CST_LOW(t));
	case NOP_EXPR:
	case CONVERT_EXPR:
	case NON_LVALUE_EXPR:
		return render(TREE_OPERAND(t, 0));
	default:
		return "?";
	}
}

struct walk_ctx {
	gl_fn *fn;
	tree iova_parm;
};

static void runtime_store(gl_fn *fn, tree lhs, tree rhs, location_t loc)
{
	tree obj, field;
	std::string f, func, type, id;

	if (TREE_CODE(lhs) != COMPONENT_REF)
		return;
	field = TREE_OPERAND(lhs, 1);
	f = decl_name(field);
	if (!interesting_field(f))
		return;
	func = stored_func(rhs);
	if (func.empty())
		return;
	obj = TREE_OPERAND(lhs, 0);
	type = record_name(TREE_TYPE(obj));
	if (!is_ops_type(type)) {
		/* classify by the stored function's first parameter */
		tree fd = rhs;

		while (fd && (CONVERT_EXPR_P(fd) || TREE_CODE(fd) == ADDR_EXPR))
			fd = TREE_OPERAND(fd, 0);
		type = "";
		if (fd && TREE_CODE(fd) == FUNCTION_DECL &&
		    DECL_ARGUMENTS(fd)) {
			tree pt = TREE_TYPE(DECL_ARGUMENTS(fd));
			std::string n = pt && TREE_CODE(pt) == POINTER_TYPE ?
					record_name(TREE_TYPE(pt)) : "";

			type = vocab_param_ops(n);
		}
		if (type.empty())
			return;
	}
	if (TREE_CODE(obj) == INDIRECT_REF || TREE_CODE(obj) == MEM_REF)
		id = render(TREE_OPERAND(obj, 0));
	else
		id = render(obj);
	id = "assign@" + fn->name + ":" + id;
	ops_fact(loc_line(loc), id, type, "-", "-");
	ops_fact(loc_line(loc), id, type, f, func);
}

/* P->m with P a pointer parameter (GENERIC): a carrier loads its gather so */
static bool carrier_load(tree t)
{
	while (t && (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR))
		t = TREE_OPERAND(t, 0);
	if (!t || TREE_CODE(t) != COMPONENT_REF)
		return false;
	t = TREE_OPERAND(t, 0);
	if (TREE_CODE(t) != INDIRECT_REF && TREE_CODE(t) != MEM_REF)
		return false;
	t = TREE_OPERAND(t, 0);
	while (t && (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR))
		t = TREE_OPERAND(t, 0);
	return t && TREE_CODE(t) == PARM_DECL && POINTER_TYPE_P(TREE_TYPE(t));
}

/* A RETURN_EXPR at LOC: where its "return" keyword is spelled. */
static gl_srcret source_return(location_t loc)
{
	gl_srcret r;
	expanded_location x = gl_expand(loc);

	r.loc = loc;
	r.mline = r.line = r.tline = x.line;
	r.mcol = r.col = r.tcol = x.column;
	r.in_macro = false;
	if (find_return_kw(x.line, x.column, &r.tline, &r.tcol)) {
		r.line = r.tline;
		r.col = r.tcol;
	} else if (linemap_location_from_macro_expansion_p(line_table, loc)) {
		/* "return" written in a macro body */
		expanded_location sp = expand_location(gl_spelling_point(loc));

		r.in_macro = true;
		r.tline = r.tcol = 0;
		if (sp.file && unit.cur_file == sp.file)
			find_return_kw(sp.line, sp.column, &r.tline, &r.tcol);
	}
	return r;
}

/* A call (GENERIC): through a member (kept by location), or a bind. */
static void pre_call(walk_ctx *ctx, tree t, location_t loc)
{
	tree fd = get_callee_fndecl(t);
	tree cf = CALL_EXPR_FN(t);	/* NULL for an internal function */

	if (cf)
		STRIP_NOPS(cf);
	if (cf && TREE_CODE(cf) == COMPONENT_REF && loc != UNKNOWN_LOCATION) {
		unit.member_call_at[LOCATION_LOCUS(loc)] = decl_name(TREE_OPERAND(cf, 1));
		unit.member_call_pos[src_pos(loc)] = decl_name(TREE_OPERAND(cf, 1));
	}

	if (fd && DECL_NAME(fd) &&
	    api_is(decl_name(fd), GL_API_FMTALLOC, NULL) &&
	    call_expr_nargs(t) > 0 && in_cur_file(loc))
		add_fact("bind\t" + fact_path(unit.cur_file) + "\t" +
			 itos(loc_line(loc)) + "\t" + ctx->fn->name +
			 "\t" + fmt_name(CALL_EXPR_ARG(t, 0)));
}

static tree pre_walk(tree *tp, int *walk_subtrees, void *data)
{
	walk_ctx *ctx = (walk_ctx *)data;
	tree t = *tp;
	location_t loc;

	if (!t)
		return NULL_TREE;
	if (TYPE_P(t)) {
		*walk_subtrees = 0;
		return NULL_TREE;
	}
	loc = EXPR_P(t) ? EXPR_LOCATION(t) : UNKNOWN_LOCATION;
	note_known(loc);
	switch (TREE_CODE(t)) {
	case RETURN_EXPR:
		if (in_cur_file(loc))
			ctx->fn->srcrets.push_back(source_return(loc));
		break;
	case DECL_EXPR: {
		tree d = DECL_EXPR_DECL(t);

		if (d && TREE_CODE(d) == VAR_DECL &&
		    is_gather_ptr(TREE_TYPE(d)) && carrier_load(DECL_INITIAL(d)))
			ctx->fn->carrier = true;
		break;
	}
	case MODIFY_EXPR:
		if (TREE_CODE(TREE_OPERAND(t, 0)) == VAR_DECL &&
		    is_gather_ptr(TREE_TYPE(TREE_OPERAND(t, 0))) &&
		    carrier_load(TREE_OPERAND(t, 1)))
			ctx->fn->carrier = true;
		if (TREE_OPERAND(t, 0) == ctx->iova_parm && ctx->iova_parm)
			ctx->fn->iova_assigned = true;
		runtime_store(ctx->fn, TREE_OPERAND(t, 0), TREE_OPERAND(t, 1),
			      loc);
		break;
	case PREINCREMENT_EXPR:
	case PREDECREMENT_EXPR:
	case POSTINCREMENT_EXPR:
	case POSTDECREMENT_EXPR:
		if (TREE_OPERAND(t, 0) == ctx->iova_parm && ctx->iova_parm)
			ctx->fn->iova_assigned = true;
		break;
	case CALL_EXPR:
		pre_call(ctx, t, loc);
		break;
	case COMPOUND_LITERAL_EXPR:
		process_anon(COMPOUND_LITERAL_EXPR_DECL(t));
		break;
	case BIND_EXPR: {
		tree v;

		for (v = BIND_EXPR_VARS(t); v; v = DECL_CHAIN(v)) {
			if (TREE_CODE(v) != VAR_DECL)
				continue;
			if (!strcmp(decl_name(v), "unmapped"))
				ctx->fn->has_unmapped = true;
			if (!strcmp(decl_name(v), "iova_start"))
				ctx->fn->has_iova_start = true;
		}
		break;
	}
	default:
		break;
	}
	return NULL_TREE;
}

/*
 * For the fix text: the lines of the declarations that open the body of
 * FN (its outermost block), so that a declaration the fix adds at the top
 * is followed by a blank line when a statement comes next (checkpatch).
 */
static void top_decls(gl_fn *fn, tree body)
{
	tree v;

	if (body && TREE_CODE(body) == STATEMENT_LIST)
		body = STATEMENT_LIST_HEAD(body) ?
		       STATEMENT_LIST_HEAD(body)->stmt : NULL_TREE;
	if (!body || TREE_CODE(body) != BIND_EXPR)
		return;
	for (v = BIND_EXPR_VARS(body); v; v = DECL_CHAIN(v))
		if (TREE_CODE(v) == VAR_DECL &&
		    in_cur_file(DECL_SOURCE_LOCATION(v)))
			fn->top_decl_lines.insert(loc_line(DECL_SOURCE_LOCATION(v)));
}

static void read_body(tree fndecl);

void gl_pre_genericize(void *gcc_data, void * /* user_data */)
{
	tree fndecl = (tree)gcc_data;

	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL)
		return;
	if (!in_cur_file(DECL_SOURCE_LOCATION(fndecl))) {
		std::string file = file_of(DECL_SOURCE_LOCATION(fndecl));

		if (file.empty() || !outside_candidate(fndecl))
			return;
		set_cur_file(file);
		read_body(fndecl);
		set_cur_file(unit.main_file);
		return;
	}
	read_body(fndecl);
}

/* What the pass needs of FNDECL's GENERIC body (in unit.cur_file). */
static void read_body(tree fndecl)
{
	walk_ctx ctx;
	tree p;

	ctx.fn = &get_fn(fndecl);
	ctx.fn->decl_loc = DECL_SOURCE_LOCATION(fndecl);
	ctx.iova_parm = NULL_TREE;
	for (p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p))
		if (ctx.fn->iova != "-" && ctx.fn->iova == decl_name(p))
			ctx.iova_parm = p;
	note_known(DECL_SOURCE_LOCATION(fndecl));
	walk_tree_without_duplicates(&DECL_SAVED_TREE(fndecl), pre_walk, &ctx);
	if (gather_param(fndecl))
		ctx.fn->carrier = false;	/* takes the gather itself */
	top_decls(ctx.fn, DECL_SAVED_TREE(fndecl));
	if (DECL_STRUCT_FUNCTION(fndecl)) {
		location_t e = DECL_STRUCT_FUNCTION(fndecl)->function_end_locus;
		expanded_location x = gl_expand(e);

		ctx.fn->endline = x.line;
		ctx.fn->endcol = x.column;
	}
}

/* ------------------------------------------------------------------ */
