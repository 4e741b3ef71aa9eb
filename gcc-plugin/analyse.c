// SPDX-License-Identifier: GPL-2.0
/*
 * analyse.c - one function of the unit: its returns, their class and cover,
 * carriers and the summaries its callers read.
 */
#include "gl-plugin.h"

static std::string cover_string(fn_analysis &fa, const std::set<clause> &cl)
{
	std::vector<std::string> clauses;
	std::string out;

	if (cl.empty())
		return "fill";
	for (const clause &c : cl)
		if (c.empty())
			return "none";
	for (const clause &c : cl) {
		std::vector<int> order(c);
		std::string s;

		/* atoms in first-seen order */
		std::sort(order.begin(), order.end());
		for (int a : order)
			s += (s.empty() ? "" : "|") + fa.atoms[a];
		clauses.push_back(s);
	}
	std::sort(clauses.begin(), clauses.end());
	for (const std::string &s : clauses)
		out += (out.empty() ? "" : "&") + s;
	return out;
}

/* The source return a GIMPLE return value store belongs to. */
static const gl_srcret *match_return(gl_fn &fn, location_t loc)
{
	expanded_location x = gl_expand(loc);
	const gl_srcret *best = NULL;

	for (const gl_srcret &r : fn.srcrets)
		if (r.mline == x.line && r.mcol == x.column)
			return &r;
	for (const gl_srcret &r : fn.srcrets) {
		if (r.mline != x.line)
			continue;
		if (r.mcol <= x.column && (!best || r.mcol > best->mcol))
			best = &r;
	}
	if (best)
		return best;
	for (const gl_srcret &r : fn.srcrets)
		if (r.line == x.line)
			return &r;
	return NULL;
}

/*
 * A carrier: a function without a gather parameter that loads the gather
 * from a member of a pointer parameter into a local
 * ("struct iommu_iotlb_gather *g = p->gather;").  Returns that parameter
 * (the first one) and adds the locals to *LOCALS.
 */
tree carrier_param(function *fun, std::set<tree> *locals)
{
	basic_block bb;
	tree param = NULL_TREE;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l, r, base;

			if (!is_gimple_assign(s) || !gimple_assign_single_p(s))
				continue;
			l = gimple_assign_lhs(s);
			r = gimple_assign_rhs1(s);
			if (TREE_CODE(l) != VAR_DECL || !is_gather_ptr(TREE_TYPE(l)) ||
			    TREE_CODE(r) != COMPONENT_REF)
				continue;
			base = TREE_OPERAND(r, 0);
			if (TREE_CODE(base) != MEM_REF && TREE_CODE(base) != INDIRECT_REF)
				continue;
			base = strip_conv(TREE_OPERAND(base, 0));
			if (!base || TREE_CODE(base) != PARM_DECL ||
			    !POINTER_TYPE_P(TREE_TYPE(base)))
				continue;
			if (!param)
				param = base;
			if (base == param && locals)
				locals->insert(l);
		}
	}
	return param;
}

/*
 * Locals that hold the gather in a member ("args.pending.gather = g;",
 * also what the initialiser "{ .pending.gather = g }" becomes): passing
 * their address passes the gather.
 */
static void find_gstructs(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l;

			if (!is_gimple_assign(s) || !gimple_assign_single_p(s) ||
			    !is_gvar(fa, gimple_assign_rhs1(s)))
				continue;
			l = gimple_assign_lhs(s);
			if (TREE_CODE(l) != COMPONENT_REF)
				continue;
			while (TREE_CODE(l) == COMPONENT_REF)
				l = TREE_OPERAND(l, 0);
			if (TREE_CODE(l) == VAR_DECL && !TREE_STATIC(l) &&
			    !DECL_EXTERNAL(l))
				fa.gstructs.insert(l);
		}
	}
}

/* Is parameter P stored to in FUN?  (then its value at a return is not
 * the one the caller passed) */
static bool parm_stored(function *fun, tree p)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l = is_gimple_assign(s) ? gimple_assign_lhs(s) :
				 is_gimple_call(s) ? gimple_call_lhs(s) : NULL_TREE;

			if (l == p)
				return true;
		}
	}
	return false;
}

/* The summary of FUN (see struct gl_summary), from its solved paths. */
static void summarise(fn_analysis &fa, function *fun,
		      std::map<basic_block, pstate> &sol, gl_fn &fn)
{
	gl_summary sm;
	std::vector<tree> parms;
	std::vector<int> pv;

	for (tree p = DECL_ARGUMENTS(fun->decl); p; p = DECL_CHAIN(p)) {
		parms.push_back(p);
		pv.push_back(fa.vidx.count(p) && !parm_stored(fun, p) ?
			     fa.vidx[p] : -1);
	}
	/* flush (functions without the gather: a cover is a flush there) */
	if (fa.gvars.empty()) {
		pstate ex;
		std::vector<envkey> unc;
		bool flushes = false;

		exit_state(fa, fun, sol, ex);
		for (auto &kv : ex.m) {
			flushes = flushes || kv.second.covered;
			if (!kv.second.cl.empty())
				unc.push_back(kv.first);
		}
		if (flushes && unc.empty())
			sm.flush_always = true;
		for (size_t i = 0; flushes && !unc.empty() && i < parms.size() &&
				   sm.flush_param < 0; i++) {
			bool all0 = pv[i] >= 0, all1 = pv[i] >= 0;

			for (envkey k : unc) {
				all0 = all0 && env_val(k, pv[i]) == 0;
				all1 = all1 && env_val(k, pv[i]) == 1;
			}
			/* the paths that do not flush all have it nonzero:
			 * it flushes when it is 0 */
			if (all1 || all0) {
				sm.flush_param = (int)i;
				sm.flush_zero = all1;
			}
		}
	}
	/* zero: every return is 0 when one parameter is */
	for (size_t i = 0; fn.retkind != GL_RK_VOID && i < parms.size() &&
			   sm.zero_param < 0; i++) {
		bool ok = pv[i] >= 0, reached = false;

		for (retsite &r : fa.rets) {
			pstate st;

			if (!ok || !sol.count(r.bb))
				continue;
			st = sol[r.bb];
			transfer_bb(fa, r.bb, st, r.ev_index);
			for (auto &kv : st.m) {
				if (env_val(kv.first, pv[i]) == 1)
					continue;
				reached = true;
				if (eval_stmt(fa, r.stmt, env_set(kv.first, pv[i], 0),
					      0) != 0)
					ok = false;
			}
		}
		if (ok && reached)
			sm.zero_param = (int)i;
	}
	if (gl_opt.debug)
		fprintf(stderr, "gatherlint: summary %s: flush %d param %d zero %d, returns 0 with param %d\n",
			fn.name.c_str(), sm.flush_always, sm.flush_param,
			sm.flush_zero, sm.zero_param);
	if (sm.flush_always || sm.flush_param >= 0 || sm.zero_param >= 0)
		unit.summaries[fn.name] = sm;
}

/*
 * Worth a summary (a function without the gather): it calls a flush or a
 * summarised callee, or it returns a value computed from a parameter.
 */
bool worth_summary(function *fun)
{
	basic_block bb;
	bool value = TREE_CODE(TREE_TYPE(TREE_TYPE(fun->decl))) != VOID_TYPE;
	std::map<tree, tree> tf;	/* temp -> the member it holds */

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);

			if (is_gimple_assign(s) && gimple_assign_single_p(s) &&
			    TREE_CODE(gimple_assign_rhs1(s)) == COMPONENT_REF)
				tf[gimple_assign_lhs(s)] =
					TREE_OPERAND(gimple_assign_rhs1(s), 1);
			if (is_gimple_call(s)) {
				tree fd = gl_call_fndecl(s);
				tree fn = strip_conv(gimple_call_fn(s));
				gl_api_kind k = fd && DECL_NAME(fd) ?
					api_kind(decl_name(fd), NULL) :
					GL_API_NONE;

				if (fn && TREE_CODE(fn) == COMPONENT_REF)
					fn = TREE_OPERAND(fn, 1);
				else if (fn && tf.count(fn))
					fn = tf[fn];
				else
					fn = NULL_TREE;
				if (k == GL_API_FLUSH || summary_of(fd) ||
				    (fn && api_is(decl_name(fn), GL_API_FLUSHCB, NULL)) ||
				    unit.member_call_at.count(LOCATION_LOCUS(
					    gimple_location(s))))
					return true;
			} else if (value && is_gimple_assign(s)) {
				for (unsigned i = 1; i < gimple_num_ops(s); i++)
					if (strip_conv(gimple_op(s, i)) &&
					    TREE_CODE(strip_conv(gimple_op(s, i))) ==
						    PARM_DECL)
						return true;
			}
		}
	}
	return false;
}

/* Local aliases of the gather: "g = gather;" (and aliases of those). */
static void find_aliases(fn_analysis &fa, function *fun)
{
	basic_block bb;

	for (bool more = !fa.gvars.empty(); more;) {
		more = false;
		FOR_EACH_BB_FN(bb, fun) {
			gimple_stmt_iterator gsi;

			for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi);
			     gsi_next(&gsi)) {
				gimple *s = gsi_stmt(gsi);
				tree l;

				if (!is_gimple_assign(s) ||
				    !(gimple_assign_single_p(s) ||
				      CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(s))))
					continue;
				l = gimple_assign_lhs(s);
				if (TREE_CODE(l) == VAR_DECL && !fa.gvars.count(l) &&
				    is_gather_ptr(TREE_TYPE(l)) &&
				    is_gvar(fa, gimple_assign_rhs1(s))) {
					fa.gvars.insert(l);
					more = true;
				}
			}
		}
	}
}

/*
 * Temps holding a struct member (for indirect calls) or a function; the
 * return value variable; a non-constant store to g->start/end (the range
 * grown by hand).
 */
static void find_temps(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			bool single = is_gimple_assign(s) &&
				      gimple_assign_single_p(s);

			if (single &&
			    TREE_CODE(gimple_assign_rhs1(s)) == COMPONENT_REF)
				fa.temp_field[gimple_assign_lhs(s)] =
					TREE_OPERAND(gimple_assign_rhs1(s), 1);
			if (single && is_func_temp(gimple_assign_lhs(s))) {
				tree v = strip_conv(gimple_assign_rhs1(s));

				if (v && TREE_CODE(v) == ADDR_EXPR)
					v = TREE_OPERAND(v, 0);
				if (v && TREE_CODE(v) == FUNCTION_DECL)
					fa.temp_func[gimple_assign_lhs(s)] = v;
			}
			if (gimple_code(s) == GIMPLE_RETURN &&
			    gimple_return_retval(as_a<greturn *>(s)))
				fa.retvar = gimple_return_retval(
						as_a<greturn *>(s));
		}
	}
	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);

			if (is_gimple_assign(s) && gimple_assign_single_p(s) &&
			    gather_range_ref(fa, gimple_assign_lhs(s)) &&
			    TREE_CODE(gimple_assign_rhs1(s)) != INTEGER_CST)
				fa.rangestore = true;
		}
	}
}

/* A store of the returned value: where a return's paths are read. */
static void add_retsite(fn_analysis &fa, basic_block bb, gimple *s, int evi)
{
	retsite r;

	r.bb = bb;
	r.ev_index = evi;
	r.loc = gimple_location(s);
	r.stmt = s;
	r.is_call = is_gimple_call(s);
	r.rhs = NULL_TREE;
	if (is_gimple_assign(s) &&
	    (gimple_assign_single_p(s) ||
	     CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(s))))
		r.rhs = strip_conv(gimple_assign_rhs1(s));
	fa.rets.push_back(r);
}

/* The events of every block, and the stores of the returned value. */
static void find_events(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;
		std::vector<event> &ev = fa.events[bb];

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree lhs = NULL_TREE;

			if (is_gimple_call(s)) {
				call_events(fa, s, ev);
				lhs = gimple_call_lhs(s);
			} else if (is_gimple_assign(s)) {
				lhs = gimple_assign_lhs(s);
				if (fa.rangestore &&
				    (gather_range_ref(fa, lhs) ||
				     gather_range_ref(fa, gimple_assign_rhs1(s))))
					ev.push_back(event(EV_COVER));
			}
			if (lhs && fa.retvar && lhs == fa.retvar) {
				add_retsite(fa, bb, s, (int)ev.size());
				continue;
			}
			if (lhs && fa.vidx.count(lhs)) {
				event e(EV_DEF);

				e.var = fa.vidx[lhs];
				e.stmt = s;
				e.inc = is_gimple_assign(s) &&
					gimple_assign_rhs_code(s) == PLUS_EXPR &&
					gimple_assign_rhs1(s) == lhs &&
					TREE_CODE(gimple_assign_rhs2(s)) == INTEGER_CST &&
					tree_int_cst_sgn(gimple_assign_rhs2(s)) > 0;
				ev.push_back(e);
			}
		}
	}
}

/*
 * Several value stores may belong to one source return (a ?: pushed into
 * its branches by the gimplifier): they are merged into one mret.
 */
struct mret {
	gl_ret out;
	bool reached, nonzero;
	std::set<clause> cl;
	std::set<std::string> unread;
};

/* The source return of a value store, FB when only the store's own
 * location says where it is; NULL outside the file being read. */
static const gl_srcret *retsite_source(gl_fn &fn, const retsite &r,
				       gl_srcret *fb)
{
	const gl_srcret *src = match_return(fn, r.loc);
	expanded_location x;

	if (src)
		return src;
	/* no RETURN_EXPR matched: the store's own location */
	x = gl_expand(r.loc);
	if (!x.file || unit.cur_file != x.file)
		return NULL;
	fb->loc = r.loc;
	fb->line = fb->mline = x.line;
	fb->col = fb->mcol = x.column;
	fb->in_macro = false;
	if (find_return_kw(x.line, x.column, &fb->tline, &fb->tcol)) {
		fb->line = fb->tline;
		fb->col = fb->tcol;
	} else {
		fb->tline = fb->tcol = 0;
	}
	return fb;
}

static mret new_mret(const gl_srcret *src)
{
	mret m;
	int el = 0, ec = 0, xl, xc, xel, xec;

	m.out.line = src->line;
	m.out.col = src->col;
	m.out.loc = src->loc;
	m.out.in_macro = src->in_macro;
	m.out.cls = GL_RC_NONE;
	m.out.expr = "";
	if (src->tline)
		return_text(src->tline, src->tcol, &m.out.expr, &el, &ec, &xl,
			    &xc, &xel, &xec);
	if (m.out.expr.empty())
		m.out.expr = "-";
	m.reached = false;
	m.nonzero = false;
	return m;
}

/* What the paths in ST (at the store R) add to M: the nonzero ones. */
static void read_paths(fn_analysis &fa, const retsite &r, const pstate &st,
		       mret &m)
{
	m.reached = true;
	for (auto &kv : st.m) {
		std::vector<tree> vs;

		if (eval_stmt(fa, r.stmt, kv.first, 0) == 0)
			continue;
		m.nonzero = true;
		m.cl.insert(kv.second.cl.begin(), kv.second.cl.end());
		if (kv.second.cl.empty() || fa.unread.empty() ||
		    !is_gimple_assign(r.stmt))
			continue;
		for (unsigned i = 1; i < gimple_num_ops(r.stmt); i++)
			value_vars(fa, gimple_op(r.stmt, i), vs, 0);
		for (tree v : vs)
			if (fa.vidx.count(v) && fa.unread.count(fa.vidx[v]) &&
			    env_val(kv.first, fa.vidx[v]) < 0)
				m.unread.insert(decl_name(v));
	}
}

/* The returns of FN, merged per source return, with their class. */
static void collect_returns(fn_analysis &fa, gl_fn &fn,
			    std::map<basic_block, pstate> &sol)
{
	std::vector<mret> merged;
	std::map<std::pair<int, int>, size_t> slot;

	for (retsite &r : fa.rets) {
		gl_srcret fb;
		const gl_srcret *src = retsite_source(fn, r, &fb);
		std::pair<int, int> key;
		pstate st;

		if (!src)
			continue;
		key = std::make_pair(src->line, src->col);
		if (!slot.count(key)) {
			slot[key] = merged.size();
			merged.push_back(new_mret(src));
		}
		if (!sol.count(r.bb))
			continue;	/* unreachable */
		st = sol[r.bb];
		transfer_bb(fa, r.bb, st, r.ev_index);
		read_paths(fa, r, st, merged[slot[key]]);
	}
	for (mret &m : merged) {
		if (!m.reached)
			continue;
		if (is_errno_text(m.out.expr)) {
			m.out.cls = GL_RC_ERRNO;
			m.out.cover = "fill";
		} else if (!m.nonzero) {
			m.out.cls = GL_RC_ZERO;
			m.out.cover = "fill";
		} else {
			minimise(m.cl);
			m.out.cls = GL_RC_NONZERO;
			m.out.cover = cover_string(fa, m.cl);
			for (const std::string &u : m.unread)
				m.out.unread += (m.out.unread.empty() ? "" : ",") + u;
		}
		fn.rets.push_back(m.out);
	}
}

/* A void function falls off its end: one more return, at its brace. */
static void void_return(fn_analysis &fa, function *fun, gl_fn &fn,
			std::map<basic_block, pstate> &sol)
{
	pstate ex;
	std::set<clause> all;
	gl_ret out;

	exit_state(fa, fun, sol, ex);
	for (auto &kv : ex.m)
		all.insert(kv.second.cl.begin(), kv.second.cl.end());
	minimise(all);
	out.line = fn.endline ? fn.endline : fn.line;
	out.col = fn.endline ? fn.endcol : 1;
	out.cls = GL_RC_NONZERO;
	out.cover = cover_string(fa, all);
	out.expr = "-";
	out.loc = UNKNOWN_LOCATION;
	out.in_macro = false;
	fn.rets.push_back(out);
}

/* The gather of FUN: its parameter, or what a carrier loads (SPEC 2 Fill:
 * GATHER then names the parameter that carries it). */
static void find_gather(fn_analysis &fa, function *fun, gl_fn &fn)
{
	tree cp;

	fa.gather = gather_param(fun->decl);
	if (fa.gather) {
		fa.gvars.insert(fa.gather);
		return;
	}
	cp = carrier_param(fun, &fa.gvars);
	if (cp) {
		fa.gvars.insert(cp);
		fn.gather = decl_name(cp);
		fn.has_gather = true;
	}
}

void analyse_function(function *fun, bool summary_only)
{
	gl_fn &fn = get_fn(fun->decl);
	fn_analysis fa;
	std::map<basic_block, pstate> sol;

	if (!summary_only)
		fn.analysed = true;
	fa.retvar = NULL_TREE;
	fa.failed = false;
	fa.rangestore = false;
	find_gather(fa, fun, fn);
	find_aliases(fa, fun);
	find_gstructs(fa, fun);
	find_temps(fa, fun);
	find_queued(fa, fun);
	find_null_tests(fa, fun);
	find_tracked(fa, fun);
	find_value_tests(fa, fun);
	find_events(fa, fun);
	if (!solve(fa, fun, sol)) {
		if (!summary_only)
			fn.incomplete = "the path analysis did not converge";
		return;
	}
	summarise(fa, fun, sol, fn);
	if (summary_only)
		return;
	collect_returns(fa, fn, sol);
	if (fn.retkind == GL_RK_VOID)
		void_return(fa, fun, fn, sol);
}
