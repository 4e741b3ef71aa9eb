// SPDX-License-Identifier: GPL-2.0
/*
 * gatherlint_plugin.c - the GCC engine of gatherlint.
 *
 * Finds IOMMU unmap callbacks that return a nonzero size without filling
 * the struct iommu_iotlb_gather (see docs/design.md).  Per translation
 * unit it extracts the facts of docs/design.md section 3:
 *
 *  - fn/ret: every function of the main file with a
 *    "struct iommu_iotlb_gather *" parameter, and the functions of the
 *    headers that matter (an entry point stored in a field of an ops
 *    object, wherever that object is initialised, and the functions it
 *    calls in its own file: a template such as 7.x's generic page tables,
 *    instantiated by each including unit under its own names; unit.c),
 *    under the header's path; each return is classified
 *    (zero, errno, nonzero) and its cover computed on the CFG, path by
 *    path, as an exact CNF over the candidate calls (call:NAME, fmt,
 *    tlbadd).  The pass runs right after "cfg", before any inlining, so
 *    calls of static inline gather helpers are still calls.  A return
 *    is located at its "return" keyword (the RETURN_EXPR carries its
 *    value's location: the keyword is found in the source), or at the
 *    use of the macro that holds it;
 *  - ops/bind/fmtinit/fmtid: from initialisers (PLUGIN_FINISH_DECL,
 *    compound literals included) and from the function bodies
 *    (PLUGIN_PRE_GENERICIZE: runtime "x->unmap_pages = fn" stores,
 *    alloc_io_pgtable_ops() calls), with macros already expanded.
 *
 * Arguments (-fplugin-arg-gatherlint_plugin-KEY[=VALUE]):
 *   db=DIR        write the facts of this unit to DIR/<unique>.facts
 *                 (temporary file + rename: safe under make -jN)
 *   fixlist=FILE  resolver X lines: emit fix-it hints, so that
 *                 -fdiagnostics-generate-patch prints the driver fix
 *   fix           without db= or fixlist=: fix-it hints for the findings
 *                 this unit reports at warning or error (same text)
 *   core=STATE    latent|exposed|protected|unknown (standalone warnings)
 *   werror        standalone findings are errors (without it they stay
 *                 warnings, also under -Werror or CONFIG_WERROR)
 *   debug         dump the facts on stderr
 *
 * Without db= the plugin hands the unit's facts to the decision core
 * (libgatherlint, ../lib/core) and prints its findings, with the core's
 * texts and rule ids, through GCC's diagnostics: functions of other units
 * are assumed to fill, a format is assumed to fill only through this
 * unit's iommu_flush_ops.tlb_add_page (facts.c).
 */
#include "gl-plugin.h"

#include <sys/stat.h>

int plugin_is_GPL_compatible;

static struct plugin_info gatherlint_plugin_info = {
	"0.1.0",
	"gatherlint: IOMMU unmap paths that do not fill the iotlb gather\n"
	"  -fplugin-arg-gatherlint_plugin-KEY[=VALUE], KEY:\n"
	"  db=DIR        write the facts of the unit into DIR\n"
	"  fixlist=FILE  fix-it hints for the X lines of FILE\n"
	"  fix           fix-it hints for this unit's findings\n"
	"  core=STATE    latent, exposed, protected or unknown\n"
	"  werror        findings are errors\n"
};

/* ------------------------------------------------------------------ */
/* The pass (GIMPLE, CFG, before SSA and inlining)                     */

static const pass_data gatherlint_pass_data = {
	GIMPLE_PASS,		/* type */
	"gatherlint",		/* name */
	OPTGROUP_NONE,		/* optinfo_flags */
	TV_NONE,		/* tv_id */
	PROP_cfg,		/* properties_required */
	0,			/* properties_provided */
	0,			/* properties_destroyed */
	0,			/* todo_flags_start */
	0,			/* todo_flags_finish */
};

class gatherlint_pass : public gimple_opt_pass {
public:
	GL_PASS_CTOR(gatherlint_pass, gatherlint_pass_data)

	opt_pass *clone() final override
	{
		return new gatherlint_pass(m_ctxt);
	}

	bool gate(function *fun) final override
	{
		std::string file;

		if (!fun || !fun->decl)
			return false;
		file = file_of(DECL_SOURCE_LOCATION(fun->decl));
		return file == unit.main_file ||
		       (!file.empty() && outside_wanted(fun->decl));
	}

	unsigned int execute(function *fun) final override
	{
		tree fndecl = fun->decl;

		set_cur_file(file_of(DECL_SOURCE_LOCATION(fndecl)));
		record_nullcalls(fun);
		if (gather_param(fndecl) || carrier_param(fun, NULL))
			analyse_function(fun, false);
		else if (worth_summary(fun))
			analyse_function(fun, true);
		set_cur_file(unit.main_file);
		return 0;
	}
};

/* ------------------------------------------------------------------ */
/* The end of the unit                                                 */

static void gl_finish(void * /* gcc_data */, void * /* user_data */)
{
	std::string facts_text, text;

	/* a unit with errors: the engine reports it as "incomplete" */
	if (seen_error())
		return;
	facts_text = render_facts();
	text = "# gatherlint facts of " + unit.main_file + "\n" + facts_text;
	if (gl_opt.debug)
		fputs(text.c_str(), stderr);
	if (gl_opt.fixlist) {
		load_fixlist();
		apply_fixes();
	}
	if (gl_opt.db) {
		if (!facts_text.empty())
			write_db(text);
	} else if (!gl_opt.fixlist) {
		standalone();
		if (gl_opt.fix)
			apply_fixes();
	}
}

/* ------------------------------------------------------------------ */
/* Registration                                                        */

/* the --target= of a compiler's configuration, "" when none */
static std::string config_target(const char *args)
{
	const char *t = args ? strstr(args, "--target=") : NULL;

	if (!t)
		return "";
	t += strlen("--target=");
	return std::string(t, strcspn(t, " "));
}

/* The -fplugin-arg-gatherlint_plugin-KEY[=VALUE] arguments. */
static void parse_args(struct plugin_name_args *info)
{
	int i;

	for (i = 0; i < info->argc; i++) {
		const char *k = info->argv[i].key;
		const char *v = info->argv[i].value;

		if (!strcmp(k, "db") && v)
			gl_opt.db = v;
		else if (!strcmp(k, "fixlist") && v)
			gl_opt.fixlist = v;
		else if (!strcmp(k, "fix"))
			gl_opt.fix = true;
		else if (!strcmp(k, "core") && v) {
			if (strcmp(v, "latent") && strcmp(v, "exposed") &&
			    strcmp(v, "protected") && strcmp(v, "unknown"))
				error("%<gatherlint_plugin%>: core=%qs: not "
				      "latent, exposed, protected or unknown", v);
			gl_opt.core = v;
		} else if (!strcmp(k, "werror"))
			gl_opt.werror = true;
		else if (!strcmp(k, "debug"))
			gl_opt.debug = true;
		else
			error("%<gatherlint_plugin%>: unknown argument %qs", k);
	}
}

int plugin_init(struct plugin_name_args *info,
		struct plugin_gcc_version *version)
{
	struct register_pass_info pass_info;

	if (!plugin_default_version_check(version, &gcc_version)) {
		/* a cross compiler of the same release differs by target */
		error("%<gatherlint_plugin%>: built for GCC %s %s, loaded by "
		      "GCC %s %s: build it for this compiler", gcc_version.basever,
		      config_target(gcc_version.configuration_arguments).c_str(),
		      version->basever,
		      config_target(version->configuration_arguments).c_str());
		return 1;
	}
	parse_args(info);
	if (gl_opt.db) {
		struct stat st;

		/* created on first use; parallel units may race on it */
		if (stat(gl_opt.db, &st) != 0)
			mkdir(gl_opt.db, 0777);
		if (stat(gl_opt.db, &st) != 0 || !S_ISDIR(st.st_mode))
			error("%<gatherlint_plugin%>: %<db=%s%> is not a "
			      "directory", gl_opt.db);
	}
	gl_api_init();
	unit.main_file = main_input_filename ? main_input_filename : "";
	unit.cur_file = unit.main_file;

	register_callback(info->base_name, PLUGIN_INFO, NULL,
			  &gatherlint_plugin_info);
	register_callback(info->base_name, PLUGIN_FINISH_TYPE, gl_finish_type,
			  NULL);
	register_callback(info->base_name, PLUGIN_FINISH_DECL, gl_finish_decl,
			  NULL);
	register_callback(info->base_name, PLUGIN_PRE_GENERICIZE,
			  gl_pre_genericize, NULL);
	register_callback(info->base_name, PLUGIN_FINISH, gl_finish, NULL);

	/*
	 * With the CFG, before SSA and any inlining: first of the passes that
	 * build SSA, which run on the functions of the unit callees first
	 * (do_per_function_toporder), so that a caller sees the summaries of
	 * its callees (struct gl_summary).
	 */
	pass_info.pass = new gatherlint_pass(g);
	pass_info.reference_pass_name = "ssa";
	pass_info.ref_pass_instance_number = 1;
	pass_info.pos_op = PASS_POS_INSERT_BEFORE;
	register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL,
			  &pass_info);
	return 0;
}
