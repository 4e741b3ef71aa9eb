// SPDX-License-Identifier: GPL-2.0
/*
 * values.c - values on a path: the tracked variables and what the tests
 * of them say on each edge (SPEC 2 Nonzero path).
 */
#include "gl-plugin.h"

/* The tracked variable T stands for (through single-store temps), or -1. */
static int var_index(fn_analysis &fa, tree t)
{
	for (int depth = 0; t && depth < 8; depth++) {
		std::map<tree, int>::iterator it;
		std::map<tree, tree>::iterator c;

		t = strip_conv(t);
		it = fa.vidx.find(t);
		if (it != fa.vidx.end())
			return it->second;
		c = fa.copy_of.find(t);
		if (c == fa.copy_of.end())
			return -1;
		t = c->second;
	}
	return -1;
}

static int eval_tree(fn_analysis &fa, tree t, envkey k, int depth);

/* The value a store computes in K: 0 zero, 1 nonzero, -1 unknown. */
int eval_stmt(fn_analysis &fa, gimple *s, envkey k, int depth)
{
	enum tree_code c;
	tree a, b;
	int va, vb;

	if (s && is_gimple_call(s) && depth <= 8) {
		const gl_summary *sm = summary_of(gl_call_fndecl(s));

		if (sm && sm->zero_param >= 0 &&
		    (unsigned)sm->zero_param < gimple_call_num_args(s) &&
		    eval_tree(fa, gimple_call_arg(s, sm->zero_param), k,
			      depth + 1) == 0)
			return 0;
		return -1;
	}
	if (!s || !is_gimple_assign(s) || depth > 8)
		return -1;
	c = gimple_assign_rhs_code(s);
	a = gimple_assign_rhs1(s);
	b = gimple_num_ops(s) > 2 ? gimple_assign_rhs2(s) : NULL_TREE;
	if (gimple_assign_single_p(s) || CONVERT_EXPR_CODE_P(c))
		return eval_tree(fa, a, k, depth + 1);
	va = eval_tree(fa, a, k, depth + 1);
	vb = b ? eval_tree(fa, b, k, depth + 1) : -1;
	switch (c) {
	case MULT_EXPR:
	case BIT_AND_EXPR:
		return va == 0 || vb == 0 ? 0 : -1;
	case LSHIFT_EXPR:
	case RSHIFT_EXPR:
		return va == 0 ? 0 : -1;
	case PLUS_EXPR:
	case BIT_IOR_EXPR:
		return va == 0 && vb == 0 ? 0 : -1;
	default:
		return -1;
	}
}

static int eval_tree(fn_analysis &fa, tree t, envkey k, int depth)
{
	std::map<tree, gimple *>::iterator d;
	int v;

	t = strip_conv(t);
	if (!t || depth > 8)
		return -1;
	if (TREE_CODE(t) == INTEGER_CST)
		return integer_zerop(t) ? 0 : 1;
	v = fa.vidx.count(t) ? fa.vidx[t] : -1;
	if (v >= 0)
		return env_val(k, v);
	d = fa.tdef.find(t);
	if (d != fa.tdef.end())
		return eval_stmt(fa, d->second, k, depth + 1);
	return -1;
}

static void add_ref(fn_analysis &fa, edge e, ref_kind kind, int a, int b)
{
	refine r;

	if (!e || a < 0 || (kind >= R_LT_T && b < 0))
		return;
	r.kind = kind;
	r.a = a;
	r.b = b;
	fa.refs[e].push_back(r);
}

/*
 * T is a bool temporary that negates a variable ("_7 = ~flag;", how the
 * gimplifier writes "if (!flag)"): that variable, else NULL.
 */
static tree negated_var(fn_analysis &fa, tree t)
{
	gimple *ds = NULL;
	enum tree_code dc;
	tree x;

	t = strip_conv(t);
	if (t && TREE_CODE(t) == SSA_NAME)
		ds = SSA_NAME_DEF_STMT(t);
	else if (t && fa.tdef.count(t))
		ds = fa.tdef[t];
	if (!ds || !is_gimple_assign(ds))
		return NULL_TREE;
	dc = gimple_assign_rhs_code(ds);
	x = strip_conv(gimple_assign_rhs1(ds));
	if (!x || (TREE_CODE(x) != VAR_DECL && TREE_CODE(x) != PARM_DECL) ||
	    TREE_CODE(TREE_TYPE(x)) != BOOLEAN_TYPE)
		return NULL_TREE;
	if (dc == TRUTH_NOT_EXPR || dc == BIT_NOT_EXPR ||
	    (dc == BIT_XOR_EXPR && integer_onep(gimple_assign_rhs2(ds))))
		return x;
	return NULL_TREE;
}


/* A switch on a tracked variable: which cases say it is zero, nonzero. */
static void switch_tests(fn_analysis &fa, function *fun, basic_block bb,
			 gswitch *sw)
{
	int v = var_index(fa, gimple_switch_index(sw));
	std::map<edge, int> kind;	/* 1 zero, 2 nonzero, 3 both */
	bool has_zero = false;
	edge e;

	if (v < 0)
		return;
	for (unsigned i = 1; i < gimple_switch_num_labels(sw); i++) {
		tree l = gimple_switch_label(sw, i);
		tree lo = CASE_LOW(l), hi = CASE_HIGH(l);
		bool z = lo && integer_zerop(lo) && !hi;
		bool range0 = hi && tree_int_cst_sgn(lo) <= 0 &&
			      tree_int_cst_sgn(hi) >= 0;

		e = find_edge(bb, label_to_block(fun, CASE_LABEL(l)));
		if (!e)
			continue;
		has_zero = has_zero || z || range0;
		kind[e] |= range0 ? 3 : (z ? 1 : 2);
	}
	e = find_edge(bb, label_to_block(fun,
		CASE_LABEL(gimple_switch_label(sw, 0))));
	if (e)
		kind[e] |= has_zero ? 2 : 3;
	for (auto &ek : kind) {
		if (ek.second == 1)
			add_ref(fa, ek.first, R_ZERO, v, -1);
		else if (ek.second == 2)
			add_ref(fa, ek.first, R_NZ, v, -1);
	}
}

/* A tracked variable A compared (code C) with the constant R. */
static void const_test(fn_analysis &fa, edge te, edge fe, int a, tree r,
		       enum tree_code c, bool uns)
{
	bool zero = integer_zerop(r);

	if (zero && c == NE_EXPR) {
		add_ref(fa, te, R_NZ, a, -1);
		add_ref(fa, fe, R_ZERO, a, -1);
	} else if (zero && c == EQ_EXPR) {
		add_ref(fa, te, R_ZERO, a, -1);
		add_ref(fa, fe, R_NZ, a, -1);
	} else if (zero && c == GT_EXPR) {
		add_ref(fa, te, R_NZ, a, -1);
		if (uns)
			add_ref(fa, fe, R_ZERO, a, -1);
	} else if (zero && c == LE_EXPR) {
		add_ref(fa, fe, R_NZ, a, -1);
		if (uns)
			add_ref(fa, te, R_ZERO, a, -1);
	} else if (!zero && c == EQ_EXPR) {
		add_ref(fa, te, R_NZ, a, -1);
	} else if (!zero && c == NE_EXPR) {
		add_ref(fa, fe, R_NZ, a, -1);
	}
}

/* Two tracked variables compared (code C). */
static void pair_test(fn_analysis &fa, edge te, edge fe, int a, int b,
		      enum tree_code c)
{
	switch (c) {
	case LT_EXPR:	/* a < b */
		add_ref(fa, te, R_LT_T, a, b);
		add_ref(fa, fe, R_LT_F, a, b);
		break;
	case GT_EXPR:	/* b < a */
		add_ref(fa, te, R_LT_T, b, a);
		add_ref(fa, fe, R_LT_F, b, a);
		break;
	case LE_EXPR:	/* !(b < a) */
		add_ref(fa, te, R_LT_F, b, a);
		add_ref(fa, fe, R_LT_T, b, a);
		break;
	case GE_EXPR:	/* !(a < b) */
		add_ref(fa, te, R_LT_F, a, b);
		add_ref(fa, fe, R_LT_T, a, b);
		break;
	case EQ_EXPR:
		add_ref(fa, te, R_EQ, a, b);
		add_ref(fa, fe, R_NE, a, b);
		break;
	case NE_EXPR:
		add_ref(fa, te, R_NE, a, b);
		add_ref(fa, fe, R_EQ, a, b);
		break;
	default:
		break;
	}
}

static size_t nrefs(fn_analysis &fa, edge te, edge fe)
{
	return (te ? fa.refs[te].size() : 0) + (fe ? fa.refs[fe].size() : 0);
}

/* The condition ending BB: what it says on its true and false edges. */
static void cond_tests(fn_analysis &fa, basic_block bb, gimple *last)
{
	edge te = NULL, fe = NULL, e;
	edge_iterator ei;
	tree l = strip_conv(gimple_cond_lhs(last));
	tree r = strip_conv(gimple_cond_rhs(last));
	enum tree_code c = gimple_cond_code(last);
	bool uns = TYPE_UNSIGNED(TREE_TYPE(gimple_cond_lhs(last)));
	size_t n0;
	int a, b;

	FOR_EACH_EDGE(e, ei, bb->succs) {
		if (e->flags & EDGE_TRUE_VALUE)
			te = e;
		else if (e->flags & EDGE_FALSE_VALUE)
			fe = e;
	}
	/* "if (!flag)" of a bool: the gimplifier tests ~flag */
	if (TREE_CODE(r) == INTEGER_CST && integer_zerop(r) &&
	    (c == EQ_EXPR || c == NE_EXPR) && negated_var(fa, l)) {
		l = negated_var(fa, l);
		c = c == EQ_EXPR ? NE_EXPR : EQ_EXPR;
	}
	a = var_index(fa, l);
	b = var_index(fa, r);
	n0 = nrefs(fa, te, fe);
	if (a >= 0 && TREE_CODE(r) == INTEGER_CST)
		const_test(fa, te, fe, a, r, c, uns);
	else if (a >= 0 && b >= 0)
		pair_test(fa, te, fe, a, b, c);
	/* a test of a returned value that taught nothing: note it */
	if (nrefs(fa, te, fe) == n0) {
		std::vector<tree> vs;

		value_vars(fa, gimple_cond_lhs(last), vs, 0);
		value_vars(fa, gimple_cond_rhs(last), vs, 0);
		for (tree v : vs)
			if (fa.vidx.count(v))
				fa.unread.insert(fa.vidx[v]);
	}
}

/* What each test of a tracked variable says on its edges. */
void find_value_tests(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple *last = gl_last_stmt(bb);

		if (!last)
			continue;
		if (gimple_code(last) == GIMPLE_SWITCH)
			switch_tests(fa, fun, bb, as_a<gswitch *>(last));
		else if (gimple_code(last) == GIMPLE_COND)
			cond_tests(fa, bb, last);
	}
}

/* A variable whose value can be tracked: a local or parameter, scalar. */
static bool trackable(fn_analysis &fa, tree t)
{
	t = strip_conv(t);
	if (!t || (TREE_CODE(t) != VAR_DECL && TREE_CODE(t) != PARM_DECL))
		return false;
	if (TREE_STATIC(t) || DECL_EXTERNAL(t) || TREE_ADDRESSABLE(t))
		return false;
	if (!INTEGRAL_TYPE_P(TREE_TYPE(t)) && !POINTER_TYPE_P(TREE_TYPE(t)))
		return false;
	return t != fa.retvar && !fa.tdef.count(t) && !fa.copy_of.count(t);
}

/* The trackable variables a value is computed from (through temps). */
void value_vars(fn_analysis &fa, tree t, std::vector<tree> &out,
		       int depth)
{
	std::map<tree, gimple *>::iterator d;
	gimple *s;

	t = strip_conv(t);
	if (!t || depth > 8)
		return;
	if (trackable(fa, t)) {
		out.push_back(t);
		return;
	}
	d = fa.tdef.find(t);
	if (d == fa.tdef.end())
		return;
	s = d->second;
	for (unsigned i = 1; i < gimple_num_ops(s); i++)
		value_vars(fa, gimple_op(s, i), out, depth + 1);
}

static void track(fn_analysis &fa, tree t, bool *more)
{
	t = strip_conv(t);
	if (fa.vidx.count(t) || (int)fa.vidx.size() >= GL_MAX_VARS)
		return;
	fa.vidx[t] = (int)fa.vidx.size();
	*more = true;
}

/*
 * The gimplifier's temporaries: artificial variables stored once, and SSA
 * names ("_3 = (long unsigned int) i;" before "D.1 = size * _3;"): the
 * store of each, and the variable a plain copy reads.
 */
static void find_temp_defs(fn_analysis &fa, function *fun)
{
	std::map<tree, int> nstores;
	basic_block bb;
	gimple_stmt_iterator gsi;

	FOR_EACH_BB_FN(bb, fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l = is_gimple_assign(s) ? gimple_assign_lhs(s) :
				 is_gimple_call(s) ? gimple_call_lhs(s) :
				 NULL_TREE;

			if (l && DECL_P(l))
				nstores[l]++;
		}
	FOR_EACH_BB_FN(bb, fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l;

			if (!is_gimple_assign(s))
				continue;
			l = gimple_assign_lhs(s);
			/* the gimplifier's temporaries: artificial variables
			 * stored once, and SSA names ("_3 = (long unsigned
			 * int) i;" before "D.1 = size * _3;") */
			if (TREE_CODE(l) != SSA_NAME &&
			    (TREE_CODE(l) != VAR_DECL || !DECL_ARTIFICIAL(l) ||
			     nstores[l] != 1))
				continue;
			if (l == fa.retvar)
				continue;
			fa.tdef[l] = s;
			if (gimple_assign_single_p(s) ||
			    CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(s))) {
				tree r = strip_conv(gimple_assign_rhs1(s));

				if (TREE_CODE(r) == VAR_DECL ||
				    TREE_CODE(r) == PARM_DECL)
					fa.copy_of[l] = r;
			}
		}
}

/*
 * The variables whose values decide the returns: those the returned
 * values are computed from, what is copied into them, what they are
 * compared with (indexes below fa.keep); then the other scalars tested.
 */
void find_tracked(fn_analysis &fa, function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;
	bool more = true;

	find_temp_defs(fa, fun);
	/* the returned values */
	FOR_EACH_BB_FN(bb, fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			std::vector<tree> vs;

			if (!is_gimple_assign(s) || !fa.retvar ||
			    gimple_assign_lhs(s) != fa.retvar)
				continue;
			for (unsigned i = 1; i < gimple_num_ops(s); i++)
				value_vars(fa, gimple_op(s, i), vs, 0);
			for (tree v : vs)
				track(fa, v, &more);
		}
	/* what flows into them, what they are compared with */
	for (int round = 0; more && round < 6; round++) {
		more = false;
		FOR_EACH_BB_FN(bb, fun) {
			gimple *last = gl_last_stmt(bb);

			for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi);
			     gsi_next(&gsi)) {
				gimple *s = gsi_stmt(gsi);
				std::vector<tree> vs;

				if (!is_gimple_assign(s) ||
				    !fa.vidx.count(gimple_assign_lhs(s)))
					continue;
				for (unsigned i = 1; i < gimple_num_ops(s); i++)
					value_vars(fa, gimple_op(s, i), vs, 0);
				for (tree v : vs)
					track(fa, v, &more);
			}
			if (last && gimple_code(last) == GIMPLE_COND) {
				std::vector<tree> a, b;

				value_vars(fa, gimple_cond_lhs(last), a, 0);
				value_vars(fa, gimple_cond_rhs(last), b, 0);
				if (a.size() == 1 && b.size() == 1 &&
				    (fa.vidx.count(a[0]) || fa.vidx.count(b[0]))) {
					track(fa, a[0], &more);
					track(fa, b[0], &more);
				}
			}
		}
	}
	fa.keep = (int)fa.vidx.size();
	/* the other scalars tested (a flag tested twice: if (c) ...; c ? :) */
	FOR_EACH_BB_FN(bb, fun) {
		gimple *last = gl_last_stmt(bb);
		std::vector<tree> a;

		if (!last)
			continue;
		if (gimple_code(last) == GIMPLE_COND &&
		    negated_var(fa, gimple_cond_lhs(last)))
			a.push_back(negated_var(fa, gimple_cond_lhs(last)));
		else if (gimple_code(last) == GIMPLE_COND)
			value_vars(fa, gimple_cond_lhs(last), a, 0);
		else if (gimple_code(last) == GIMPLE_SWITCH)
			value_vars(fa, gimple_switch_index(
					   as_a<gswitch *>(last)), a, 0);
		if (a.size() == 1 && INTEGRAL_TYPE_P(TREE_TYPE(a[0])))
			track(fa, a[0], &more);
	}
}
