/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gcc-compat.h - the GCC plugin API subset gatherlint uses, with the
 * differences between GCC releases hidden behind a few macros.
 *
 * Baseline: GCC 12 (Debian bookworm, gcc-12-plugin-dev).  Newer
 * releases are handled by the GCCPLUGIN_VERSION_MAJOR branches below.
 */
#ifndef GATHERLINT_GCC_COMPAT_H
#define GATHERLINT_GCC_COMPAT_H

/* The C++ library headers must come in through GCC's system.h. */
#define INCLUDE_STRING
#define INCLUDE_MAP
#define INCLUDE_SET
#define INCLUDE_VECTOR
#define INCLUDE_ALGORITHM

#include "gcc-plugin.h"
#include "plugin-version.h"

#if GCCPLUGIN_VERSION_MAJOR < 12
#error "gatherlint_plugin needs GCC 12 or newer"
#endif

/* plugin-version.h defines gcc_version in every file; plugin_init reads it */
static const void *const gl_gcc_version_ref __attribute__((unused)) =
	&gcc_version;

#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "cfg.h"
#include "tree-ssa-alias.h"
#include "gimple-expr.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "tree-cfg.h"
#include "cgraph.h"
#include "stringpool.h"
#include "stor-layout.h"
#include "c-family/c-common.h"
#include "diagnostic.h"
#include "gcc-rich-location.h"

/*
 * gimple_call_fndecl(): GCC 13 and later take a const gimple *; GCC 12
 * takes const gcall * through an overload of gimple *.  Go through the
 * gcall form, which every release accepts.
 */
static inline tree gl_call_fndecl(gimple *stmt)
{
	return gimple_call_fndecl(as_a<gcall *>(stmt));
}

/*
 * rich_location: GCC 15 added a highlight colour argument (defaulted),
 * GCC 12 to 14 take (line_maps *, location_t, const range_label *).
 */
#if GCCPLUGIN_VERSION_MAJOR >= 15
#define GL_RICHLOC(name, loc) \
	rich_location name(line_table, (loc), nullptr, nullptr)
#else
#define GL_RICHLOC(name, loc) \
	rich_location name(line_table, (loc))
#endif

/*
 * Pass constructors: opt_pass(const pass_data &, gcc::context *) since
 * GCC 4.9; execute(function *) and gate(function *) since GCC 5; the
 * pass_data layout is the same from GCC 12 to 15.
 */
#define GL_PASS_CTOR(cls, data) \
	cls(gcc::context *ctxt) : gimple_opt_pass(data, ctxt) {}

/*
 * warning_at()/inform() with a rich_location exist since GCC 9; GCC 14
 * and later also accept diagnostic_metadata, which we do not need.
 */
#define gl_inform_rich(rl, fmt, ...) inform((rl), (fmt), __VA_ARGS__)

/*
 * The last statement of a basic block: last_stmt() is gone in GCC 14;
 * the iterator form works everywhere.
 */
static inline gimple *gl_last_stmt(basic_block bb)
{
	gimple_stmt_iterator gsi = gsi_last_bb(bb);

	return gsi_end_p(gsi) ? NULL : gsi_stmt(gsi);
}

/* The location a diagnostic shows for a token written in a macro. */
static inline location_t gl_expansion_point(location_t loc)
{
	return linemap_resolve_location(line_table, loc,
					LRK_MACRO_EXPANSION_POINT, NULL);
}

/*
 * -Werror turns every warning into an error, the plugin's too; a kernel
 * built with CONFIG_WERROR would then fail on a finding.  The plugin's
 * findings stay warnings unless its own werror argument is given, so it
 * lowers the flag around them.  GCC 14 made diagnostic_context a class
 * with accessors; GCC 12 and 13 have the public field.
 */
static inline bool gl_set_warning_as_error(bool on)
{
#if GCCPLUGIN_VERSION_MAJOR >= 14
	bool was = global_dc->warning_as_error_requested_p();

	global_dc->set_warning_as_error_requested(on);
#else
	bool was = global_dc->warning_as_error_requested;

	global_dc->warning_as_error_requested = on;
#endif
	return was;
}

#define gl_warning_at(loc, ...)						\
	do {								\
		bool gl_was_ = gl_set_warning_as_error(false);		\
		warning_at((loc), 0, __VA_ARGS__);			\
		gl_set_warning_as_error(gl_was_);			\
	} while (0)

static inline location_t gl_spelling_point(location_t loc)
{
	return linemap_resolve_location(line_table, loc,
					LRK_SPELLING_LOCATION, NULL);
}

#endif /* GATHERLINT_GCC_COMPAT_H */
