// SPDX-License-Identifier: GPL-2.0
/*
 * paths.c - the path solver: path states (env -> the atoms each path
 * passed), their join and bound, events, edges and the forward dataflow.
 */
#include "gl-plugin.h"

static bool subset_of(const clause &a, const clause &b)
{
	return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

/* Keep only the minimal clauses (a path needing {a} implies {a,b}). */
void minimise(std::set<clause> &s)
{
	std::set<clause> out;

	for (const clause &c : s) {
		bool dominated = false;

		for (const clause &d : s) {
			if (&c != &d && d != c && subset_of(d, c)) {
				dominated = true;
				break;
			}
		}
		if (!dominated)
			out.insert(c);
	}
	if (out.size() > GL_MAX_CLAUSES) {
		/* over-approximate by one clause, as the cocci engine does */
		clause u;

		for (const clause &c : out)
			u.insert(u.end(), c.begin(), c.end());
		std::sort(u.begin(), u.end());
		u.erase(std::unique(u.begin(), u.end()), u.end());
		out.clear();
		out.insert(u);
	}
	s.swap(out);
}

static void merge_entry(pentry &dst, const pentry &src)
{
	dst.covered = dst.covered || src.covered;
	dst.cl.insert(src.cl.begin(), src.cl.end());
	minimise(dst.cl);
}

void put_entry(pstate &st, envkey k, const pentry &e)
{
	auto it = st.m.find(k);

	if (it == st.m.end())
		st.m[k] = e;
	else
		merge_entry(it->second, e);
}

/*
 * Too many distinct envs: forget the values of the variables that only
 * appear in tests (indexes >= keep) first, then of every variable.
 */
void bound_envs(pstate &st, int keep)
{
	unsigned mask;
	pstate out;

	if (st.m.size() <= GL_MAX_ENVS)
		return;
	mask = keep >= 32 ? ~0u : ((1u << keep) - 1);
	for (int round = 0; round < 2 && st.m.size() > GL_MAX_ENVS; round++) {
		out.m.clear();
		for (auto &kv : st.m)
			put_entry(out, envkey(kv.first.first & mask,
					      kv.first.second & mask),
				  kv.second);
		st.m.swap(out.m);
		mask = 0;
	}
}

void join_into(pstate &dst, const pstate &src, int keep)
{
	for (auto &kv : src.m)
		put_entry(dst, kv.first, kv.second);
	bound_envs(dst, keep);
}

static void do_cover(pstate &st)
{
	for (auto &kv : st.m) {
		if (!kv.second.cl.empty())
			kv.second.covered = true;
		kv.second.cl.clear();
	}
}

/* The value of tracked variable V in K: 0 zero, 1 nonzero, -1 unknown. */
int env_val(envkey k, int v)
{
	if (v < 0)
		return -1;
	if (k.first & (1u << v))
		return 0;
	if (k.second & (1u << v))
		return 1;
	return -1;
}

envkey env_set(envkey k, int v, int val)
{
	unsigned b;

	if (v < 0)
		return k;
	b = 1u << v;
	k.first &= ~b;
	k.second &= ~b;
	if (val == 0)
		k.first |= b;
	else if (val == 1)
		k.second |= b;
	return k;
}

static void apply_event(fn_analysis &fa, pstate &st, const event &e)
{
	switch (e.kind) {
	case EV_COVER:
		do_cover(st);
		break;
	case EV_ATOM:
		for (auto &kv : st.m) {
			std::set<clause> n;

			for (clause c : kv.second.cl) {
				if (!std::binary_search(c.begin(), c.end(),
							e.atom)) {
					c.push_back(e.atom);
					std::sort(c.begin(), c.end());
				}
				n.insert(c);
			}
			minimise(n);
			kv.second.cl.swap(n);
		}
		break;
	case EV_DEF: {
		pstate out;

		for (auto &kv : st.m) {
			int val;

			if (e.inc)	/* a counter: 0 + 1 is not 0 */
				val = env_val(kv.first, e.var) >= 0 ? 1 : -1;
			else
				val = eval_stmt(fa, e.stmt, kv.first, 0);
			put_entry(out, env_set(kv.first, e.var, val), kv.second);
		}
		st.m.swap(out.m);
		bound_envs(st, fa.keep);
		break;
	}
	}
}

/* Take an edge: false when the env says it cannot be taken. */
static bool refine_env(envkey &k, const refine &r)
{
	int va = env_val(k, r.a), vb = env_val(k, r.b);

	switch (r.kind) {
	case R_ZERO:
		if (va == 1)
			return false;
		k = env_set(k, r.a, 0);
		break;
	case R_NZ:
		if (va == 0)
			return false;
		k = env_set(k, r.a, 1);
		break;
	case R_LT_T:	/* a < b, a is 0: b > 0 */
		if (va == 0) {
			if (vb == 0)
				return false;
			k = env_set(k, r.b, 1);
		}
		break;
	case R_LT_F:	/* a >= b, a is 0: b <= 0, a count: 0 */
		if (va == 0) {
			if (vb == 1)
				return false;
			k = env_set(k, r.b, 0);
		}
		break;
	case R_EQ:
		if ((va == 0 && vb == 1) || (va == 1 && vb == 0))
			return false;
		if (va == 0)
			k = env_set(k, r.b, 0);
		else if (vb == 0)
			k = env_set(k, r.a, 0);
		break;
	case R_NE:
		if (va == 0 && vb == 0)
			return false;
		if (va == 0)
			k = env_set(k, r.b, 1);
		else if (vb == 0)
			k = env_set(k, r.a, 1);
		break;
	}
	return true;
}

void transfer_bb(fn_analysis &fa, basic_block bb, pstate &st, int upto)
{
	std::vector<event> &ev = fa.events[bb];
	int n = upto < 0 ? (int)ev.size() : upto;

	for (int i = 0; i < n; i++)
		apply_event(fa, st, ev[i]);
}

/* The state after edge E: covers, value tests; false if it cannot be taken. */
bool take_edge(fn_analysis &fa, edge e, pstate &o)
{
	std::map<edge, std::vector<refine>>::iterator r;

	if (fa.queued_edges.count(e))
		do_cover(o);
	r = fa.refs.find(e);
	if (r != fa.refs.end()) {
		pstate n;

		for (auto &kv : o.m) {
			envkey k = kv.first;
			bool ok = true;

			for (const refine &x : r->second)
				ok = ok && refine_env(k, x);
			if (ok)
				put_entry(n, k, kv.second);
		}
		o.m.swap(n.m);
	}
	return !o.m.empty();
}

/* Forward dataflow; fills in[] for every reachable block. */
bool solve(fn_analysis &fa, function *fun,
		  std::map<basic_block, pstate> &in)
{
	std::vector<basic_block> work;
	std::set<basic_block> inwork;
	basic_block entry = ENTRY_BLOCK_PTR_FOR_FN(fun);
	long budget = 400L * (n_basic_blocks_for_fn(fun) + 4);
	pstate init;

	init.m[envkey(0, 0)].cl.insert(clause());
	in.clear();
	in[entry] = init;
	work.push_back(entry);
	inwork.insert(entry);
	while (!work.empty()) {
		basic_block bb = work.back();
		pstate out;
		edge e;
		edge_iterator ei;

		work.pop_back();
		inwork.erase(bb);
		if (--budget < 0)
			return false;
		out = in[bb];
		transfer_bb(fa, bb, out, -1);
		FOR_EACH_EDGE(e, ei, bb->succs) {
			pstate o = out;
			basic_block d = e->dest;
			bool first = !in.count(d);
			pstate before;

			if (!take_edge(fa, e, o))
				continue;
			if (!first)
				before = in[d];
			if (first) {
				in[d] = o;
				bound_envs(in[d], fa.keep);
			} else {
				join_into(in[d], o, fa.keep);
				if (in[d] == before)
					continue;
			}
			if (!inwork.count(d)) {
				work.push_back(d);
				inwork.insert(d);
			}
		}
	}
	return true;
}

/* The joined state of every path that reaches the end of FUN. */
void exit_state(fn_analysis &fa, function *fun,
		std::map<basic_block, pstate> &sol, pstate &ex)
{
	edge e;
	edge_iterator ei;

	FOR_EACH_EDGE(e, ei, EXIT_BLOCK_PTR_FOR_FN(fun)->preds) {
		pstate o;

		if (!sol.count(e->src))
			continue;
		o = sol[e->src];
		transfer_bb(fa, e->src, o, -1);
		if (take_edge(fa, e, o))
			join_into(ex, o, fa.keep);
	}
}
