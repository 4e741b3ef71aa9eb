// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - what a GIMPLE statement does to the gather: fills, flushes,
 * candidate calls (call:NAME, fmt, tlbadd), queued and NULL tests.
 */
#include "gl-plugin.h"

tree strip_conv(tree t)
{
	while (t && (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR))
		t = TREE_OPERAND(t, 0);
	return t;
}

/* a temporary of the gimplifier (assigned once), not a user's variable */
bool is_func_temp(tree t)
{
	return t && (TREE_CODE(t) == SSA_NAME ||
		     (TREE_CODE(t) == VAR_DECL && DECL_ARTIFICIAL(t)));
}

bool is_gvar(const fn_analysis &fa, tree t)
{
	t = strip_conv(t);
	return t && fa.gvars.count(t);
}

/* &s or &s.m...: the address of a local that holds the gather in a member */
static bool gstruct_addr(const fn_analysis &fa, tree t)
{
	t = strip_conv(t);
	if (!t || TREE_CODE(t) != ADDR_EXPR)
		return false;
	t = TREE_OPERAND(t, 0);
	while (t && TREE_CODE(t) == COMPONENT_REF)
		t = TREE_OPERAND(t, 0);
	return t && fa.gstructs.count(t);
}

/*
 * A call of a carrier of this unit (a function that loads the gather from
 * a member of its parameter) with the address of a local that holds it.
 */
static bool gstruct_call(const fn_analysis &fa, gimple *stmt, const char *callee)
{
	std::map<std::string, gl_fn>::iterator it = unit.fns.find(callee);

	if (fa.gstructs.empty() || it == unit.fns.end() || !it->second.carrier)
		return false;
	for (unsigned i = 0; i < gimple_call_num_args(stmt); i++)
		if (gstruct_addr(fa, gimple_call_arg(stmt, i)))
			return true;
	return false;
}

/* The call passes the gather (or an alias) as argument IDX (any if < 0). */
static bool call_has_arg(const fn_analysis &fa, gimple *stmt, int idx)
{
	unsigned n = gimple_call_num_args(stmt);

	if (idx >= 0)
		return (unsigned)idx < n && is_gvar(fa, gimple_call_arg(stmt, idx));
	for (unsigned i = 0; i < n; i++)
		if (is_gvar(fa, gimple_call_arg(stmt, i)))
			return true;
	return false;
}

/* g->start or g->end (g the gather or an alias). */
bool gather_range_ref(const fn_analysis &fa, tree t)
{
	tree base;
	std::string f;

	if (!t || TREE_CODE(t) != COMPONENT_REF)
		return false;
	f = decl_name(TREE_OPERAND(t, 1));
	if (f != "start" && f != "end")
		return false;
	base = TREE_OPERAND(t, 0);
	if (TREE_CODE(base) != MEM_REF && TREE_CODE(base) != INDIRECT_REF)
		return false;
	return is_gvar(fa, TREE_OPERAND(base, 0));
}

const gl_summary *summary_of(tree fd)
{
	std::map<std::string, gl_summary>::iterator it;

	if (!fd || !DECL_NAME(fd) || !in_cur_file(DECL_SOURCE_LOCATION(fd)))
		return NULL;
	it = unit.summaries.find(decl_name(fd));
	return it == unit.summaries.end() ? NULL : &it->second;
}

/*
 * A function some iommu_flush_ops object of this unit stores in a flush
 * callback member (flushcb: tlb_flush_walk, tlb_flush_all): a direct call
 * of it flushes exactly as a call through the member (the gimplifier folds
 * "flush_ops.tlb_flush_all(c)" through a const object into a call of the
 * function it holds, and a driver may call it by name).
 */
static bool flushcb_func(const std::string &name)
{
	for (const std::string &id : unit.ops_order) {
		const gl_ops &o = unit.ops_objs[id];

		if (!vocab_has("flushops", o.type))
			continue;
		for (const auto &fv : o.fields)
			if (fv.second == name &&
			    api_is(fv.first.c_str(), GL_API_FLUSHCB, NULL))
				return true;
	}
	return false;
}

/* A callee that flushes, given the constant passed for its flag. */
static bool summary_flushes(const gl_summary *sm, gimple *stmt)
{
	tree a;

	if (!sm)
		return false;
	if (sm->flush_always)
		return true;
	if (sm->flush_param < 0 ||
	    (unsigned)sm->flush_param >= gimple_call_num_args(stmt))
		return false;
	a = gimple_call_arg(stmt, sm->flush_param);
	return TREE_CODE(a) == INTEGER_CST && integer_zerop(a) == sm->flush_zero;
}

static void push_cover(std::vector<event> &ev)
{
	ev.push_back(event(EV_COVER));
}

static void push_atom(fn_analysis &fa, std::vector<event> &ev,
		      const std::string &atom)
{
	event e(EV_ATOM);

	e.atom = fa.atom_id(atom);
	ev.push_back(e);
}

/* Events of a call of function FD (named). */
static void direct_call_events(fn_analysis &fa, gimple *stmt, tree fd,
			       std::vector<event> &ev)
{
	const char *n = decl_name(fd);
	int arg = -1;
	gl_api_kind k = api_kind(n, &arg);

	if (summary_flushes(summary_of(fd), stmt)) {
		push_cover(ev);
		return;
	}
	switch (k) {
	case GL_API_FILL:
		if (call_has_arg(fa, stmt, arg))
			push_cover(ev);
		return;
	case GL_API_FLUSH:
		push_cover(ev);
		return;
	case GL_API_QUEUED:
		return;
	case GL_API_TLBADD:
		if (call_has_arg(fa, stmt, arg))
			push_atom(fa, ev, "tlbadd");
		return;
	case GL_API_NONE:
		if (flushcb_func(n)) {
			push_cover(ev);
			return;
		}
		break;
	default:
		break;
	}
	if (call_has_arg(fa, stmt, -1) || gstruct_call(fa, stmt, n))
		push_atom(fa, ev, std::string("call:") + n);
}

/* Events of a call through member M of a struct. */
static void member_call_events(fn_analysis &fa, gimple *stmt,
			       const std::string &m, std::vector<event> &ev)
{
	int arg = -1;

	switch (api_kind(m.c_str(), &arg)) {
	case GL_API_FLUSHCB:
		push_cover(ev);
		return;
	case GL_API_TLBADDCB:
		if (call_has_arg(fa, stmt, arg))
			push_atom(fa, ev, "tlbadd");
		return;
	default:
		break;
	}
	if (!call_has_arg(fa, stmt, -1))
		return;
	if (vocab_has("fmtunmap", m))
		push_atom(fa, ev, "fmt");
	else
		push_atom(fa, ev, "call:" + m);
}

/* Events of one call statement. */
void call_events(fn_analysis &fa, gimple *stmt, std::vector<event> &ev)
{
	tree fd = gl_call_fndecl(stmt);
	std::string mc = member_call(stmt);
	tree fn, field = NULL_TREE;

	/* a call through a temporary that holds a function (the gimplifier's
	 * "_6 = fn; _6 (c);") calls that function */
	if (!fd) {
		tree t = strip_conv(gimple_call_fn(stmt));

		if (t && fa.temp_func.count(t))
			fd = fa.temp_func[t];
	}
	if (fd && !mc.empty())
		fd = NULL_TREE;	/* a member call the gimplifier folded */
	if (fd && DECL_NAME(fd)) {
		direct_call_events(fa, stmt, fd, ev);
		return;
	}
	/* indirect: through a member of a struct */
	fn = strip_conv(gimple_call_fn(stmt));
	if (fn && TREE_CODE(fn) == COMPONENT_REF)
		field = TREE_OPERAND(fn, 1);
	else if (fn && fa.temp_field.count(fn))
		field = fa.temp_field[fn];
	if (field)
		member_call_events(fa, stmt, decl_name(field), ev);
	else if (!mc.empty())
		member_call_events(fa, stmt, mc, ev);
}

/*
 * The queued polarity a statement gives its lhs (*LHS): +1 the value is
 * iommu_iotlb_gather_queued(gather), -1 its negation, 0 neither.
 */
static int stmt_polarity(fn_analysis &fa, gimple *s, tree *lhs)
{
	*lhs = NULL_TREE;
	if (is_gimple_call(s)) {
		tree fd = gl_call_fndecl(s);
		int arg;

		*lhs = gimple_call_lhs(s);
		if (!fd || !*lhs)
			return 0;
		if (api_is(decl_name(fd), GL_API_QUEUED, &arg) &&
		    call_has_arg(fa, s, arg))
			return 1;
		if (fndecl_built_in_p(fd, BUILT_IN_EXPECT) &&
		    gimple_call_num_args(s) > 0) {
			tree a = strip_conv(gimple_call_arg(s, 0));

			return fa.qpol.count(a) ? fa.qpol[a] : 0;
		}
		return 0;
	}
	if (!is_gimple_assign(s))
		return 0;

	enum tree_code c = gimple_assign_rhs_code(s);
	tree r1 = strip_conv(gimple_assign_rhs1(s));
	tree r2 = gimple_num_ops(s) > 2 ? gimple_assign_rhs2(s) : NULL_TREE;
	int pol;

	*lhs = gimple_assign_lhs(s);
	if (!fa.qpol.count(r1))
		return 0;
	pol = fa.qpol[r1];
	if (c == TRUTH_NOT_EXPR || c == BIT_NOT_EXPR)
		return -pol;
	if (c == BIT_XOR_EXPR && r2 && integer_onep(r2))
		return -pol;
	if (c == EQ_EXPR && r2 && integer_zerop(r2))
		return -pol;
	if ((c == NE_EXPR && r2 && integer_zerop(r2)) ||
	    (c == EQ_EXPR && r2 && integer_onep(r2)))
		return pol;
	if (!(c == SSA_NAME || c == VAR_DECL || c == PARM_DECL ||
	      CONVERT_EXPR_CODE_P(c)))
		return 0;
	return pol;
}

/* The edges of BB's condition on which the gather is known queued. */
static void queued_cond_edges(fn_analysis &fa, basic_block bb)
{
	gimple *last = gl_last_stmt(bb);
	tree l, r;
	int pol;
	bool truthy_on_true;
	enum tree_code code;
	edge e;
	edge_iterator ei;

	if (!last || gimple_code(last) != GIMPLE_COND)
		return;
	l = strip_conv(gimple_cond_lhs(last));
	r = gimple_cond_rhs(last);
	if (!fa.qpol.count(l))
		return;
	pol = fa.qpol[l];
	code = gimple_cond_code(last);
	if (code == NE_EXPR && integer_zerop(r))
		truthy_on_true = true;
	else if (code == EQ_EXPR && integer_zerop(r))
		truthy_on_true = false;
	else if (code == EQ_EXPR && integer_onep(r))
		truthy_on_true = true;
	else if (code == NE_EXPR && integer_onep(r))
		truthy_on_true = false;
	else
		return;
	/* queued on the true edge iff (truthy == queued) there */
	FOR_EACH_EDGE(e, ei, bb->succs) {
		bool on_true = e->flags & EDGE_TRUE_VALUE;

		if (!(e->flags & (EDGE_TRUE_VALUE | EDGE_FALSE_VALUE)))
			continue;
		if ((on_true == truthy_on_true) == (pol > 0))
			fa.queued_edges.insert(e);
	}
}

/* Queued-test polarity of temporaries (flow-insensitive: temps are
 * assigned once by the gimplifier), then the edges it decides. */
void find_queued(fn_analysis &fa, function *fun)
{
	basic_block bb;
	bool changed = true;
	int rounds = 0;

	while (changed && rounds++ < 8) {
		changed = false;
		FOR_EACH_BB_FN(bb, fun) {
			gimple_stmt_iterator gsi;

			for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi);
			     gsi_next(&gsi)) {
				tree lhs;
				int pol = stmt_polarity(fa, gsi_stmt(gsi), &lhs);

				if (lhs && pol && !fa.qpol.count(lhs)) {
					fa.qpol[lhs] = pol;
					changed = true;
				}
			}
		}
	}
	FOR_EACH_BB_FN(bb, fun)
		queued_cond_edges(fa, bb);
}

/*
 * The gather pointer (or an alias) tested against NULL: the edge on which
 * it is NULL needs no fill (SPEC 2 Fill), like a queued edge.
 */
void find_null_tests(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple *last = gl_last_stmt(bb);
		enum tree_code code;
		edge e;
		edge_iterator ei;

		if (!last || gimple_code(last) != GIMPLE_COND)
			continue;
		code = gimple_cond_code(last);
		if ((code != EQ_EXPR && code != NE_EXPR) ||
		    !is_gvar(fa, gimple_cond_lhs(last)) ||
		    !integer_zerop(gimple_cond_rhs(last)))
			continue;
		FOR_EACH_EDGE(e, ei, bb->succs) {
			bool on_true = e->flags & EDGE_TRUE_VALUE;

			if (!(e->flags & (EDGE_TRUE_VALUE | EDGE_FALSE_VALUE)))
				continue;
			if (on_true == (code == EQ_EXPR))
				fa.queued_edges.insert(e);
		}
	}
}


/* ---- direct calls with a NULL literal (nullcall facts) ---------------- */

/* The 0-based position of the gather parameter of FNDECL, or -1. */
int gather_pos(tree fndecl)
{
	int i = 0;

	for (tree p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p), i++)
		if (is_gather_ptr(TREE_TYPE(p)))
			return i;
	return -1;
}

/*
 * Every direct call in FUN that passes a NULL pointer literal (NULL, 0,
 * (void *)0: a pointer INTEGER_CST 0 in GIMPLE): one `nullcall` fact per
 * argument (lib/core/gatherlint.h), whatever the callee.
 */
void record_nullcalls(function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb);
		     !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree callee;

			if (!is_gimple_call(s))
				continue;
			callee = gimple_call_fndecl(s);
			if (!callee || !DECL_NAME(callee))
				continue;
			for (unsigned i = 0; i < gimple_call_num_args(s); i++) {
				tree a = gimple_call_arg(s, i);

				if (TREE_CODE(a) != INTEGER_CST ||
				    !POINTER_TYPE_P(TREE_TYPE(a)) ||
				    !integer_zerop(a))
					continue;
				add_fact("nullcall\t" + fact_path(unit.cur_file) + "\t" +
					 itos(loc_line(gimple_location(s))) +
					 "\t" + decl_name(fun->decl) + "\t" +
					 decl_name(callee) + "\t" + itos(i));
			}
		}
	}
}
