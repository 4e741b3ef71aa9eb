// SPDX-License-Identifier: GPL-2.0
/*
 * source.c - the source text of the file being read (unit.cur_file): where a return keyword is, the
 * text of a return value, the token before a position, the body's brace.
 */
#include "gl-plugin.h"

void load_source(void)
{
	FILE *f;
	std::string cur;
	int c;

	if (unit.src_loaded)
		return;
	unit.src_loaded = true;
	f = fopen(unit.cur_file.c_str(), "r");
	if (!f)
		return;
	unit.src_lines.push_back("");	/* lines are 1-based */
	while ((c = getc(f)) != EOF) {
		if (c == '\n') {
			unit.src_lines.push_back(cur);
			cur.clear();
		} else {
			cur += (char)c;
		}
	}
	if (!cur.empty())
		unit.src_lines.push_back(cur);
	fclose(f);
}

std::string collapse(const std::string &s)
{
	std::string out;
	bool sp = false;

	for (char c : s) {
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = true;
			continue;
		}
		if (sp && !out.empty())
			out += ' ';
		sp = false;
		out += c;
	}
	return out;
}

/* Character at (line, col) of the file being read, 1-based; 0 outside. */
char src_at(int line, int col)
{
	if (line < 1 || line >= (int)unit.src_lines.size())
		return 0;
	if (col < 1 || col > (int)unit.src_lines[line].size())
		return 0;
	return unit.src_lines[line][col - 1];
}

/*
 * The text of "return EXPR;" starting at (line, col): EXPR collapsed, and
 * the position of the terminating ';'.  Comments are skipped.
 */
bool return_text(int line, int col, std::string *expr, int *eline,
			int *ecol, int *xline, int *xcol, int *xeline,
			int *xecol)
{
	int l = line, c = col, depth = 0;
	std::string out;
	bool started = false;

	load_source();
	if (line < 1 || line >= (int)unit.src_lines.size())
		return false;
	if (unit.src_lines[line].compare(col - 1, 6, "return") != 0)
		return false;
	c += 6;
	*xline = 0;
	*xcol = 0;
	*xeline = 0;
	*xecol = 0;
	while (l < (int)unit.src_lines.size()) {
		const std::string &s = unit.src_lines[l];

		while (c <= (int)s.size()) {
			char ch = s[c - 1];

			if (ch == '/' && c < (int)s.size() && s[c] == '*') {
				size_t e = s.find("*/", c + 1);

				while (e == std::string::npos) {
					l++;
					if (l >= (int)unit.src_lines.size())
						return false;
					c = 1;
					e = unit.src_lines[l].find("*/");
				}
				c = (int)e + 3;
				out += ' ';
				goto next_line_check;
			}
			if (ch == '/' && c < (int)s.size() && s[c] == '/')
				break;
			if (ch == '"' || ch == '\'') {
				char q = ch;

				out += ch;
				c++;
				while (c <= (int)s.size() && s[c - 1] != q) {
					if (s[c - 1] == '\\') {
						out += s[c - 1];
						c++;
					}
					out += s[c - 1];
					c++;
				}
				out += q;
				c++;
				continue;
			}
			if (ch == '(' || ch == '[' || ch == '{')
				depth++;
			if (ch == ')' || ch == ']' || ch == '}')
				depth--;
			if (ch == ';' && depth == 0) {
				*expr = collapse(out);
				*eline = l;
				*ecol = c;
				return true;
			}
			if (ch != ' ' && ch != '\t') {
				if (!started) {
					*xline = l;
					*xcol = c;
					started = true;
				}
				*xeline = l;
				*xecol = c;
			}
			out += ch;
			c++;
		}
		out += ' ';
		l++;
		c = 1;
next_line_check:
		if (l >= (int)unit.src_lines.size())
			break;
		if (c > (int)unit.src_lines[l].size() + 1) {
			l++;
			c = 1;
		}
	}
	return false;
}

bool word_char(char c)
{
	return ISALNUM(c) || c == '_';
}

/*
 * The "return" keyword of the statement holding (line, col): scanning
 * backwards, without crossing a statement boundary.
 */
bool find_return_kw(int line, int col, int *rl, int *rc)
{
	int l = line, c = col;
	int steps = 0;

	load_source();
	while (l >= 1 && l < (int)unit.src_lines.size() && steps++ < 200) {
		const std::string &s = unit.src_lines[l];

		if (c > (int)s.size())
			c = (int)s.size();
		for (; c >= 1; c--) {
			char ch = s[c - 1];

			if (s.compare(c - 1, 6, "return") == 0 &&
			    (c == 1 || !word_char(s[c - 2])) &&
			    (c + 5 >= (int)s.size() || !word_char(s[c + 5]))) {
				*rl = l;
				*rc = c;
				return true;
			}
			if ((ch == ';' || ch == '{' || ch == '}') &&
			    !(l == line && c == col))
				return false;
		}
		l--;
		if (l >= 1)
			c = (int)unit.src_lines[l].size();
	}
	return false;
}

bool is_errno_text(const std::string &e0)
{
	std::string e = e0;
	size_t i;

	while (e.size() >= 2 && e[0] == '(' && e[e.size() - 1] == ')')
		e = collapse(e.substr(1, e.size() - 2));
	if (e.size() < 3 || e[0] != '-')
		return false;
	e = collapse(e.substr(1));
	if (e.size() < 2 || e[0] != 'E')
		return false;
	for (i = 0; i < e.size(); i++)
		if (!ISUPPER(e[i]) && !ISDIGIT(e[i]) && e[i] != '_')
			return false;
	return true;
}

/*
 * The line of ".FIELD =" in an initialiser starting on LINE, for values
 * without a location (NULL, constants); LINE when not found.
 */
int field_line(int line, const std::string &field)
{
	load_source();
	for (int l = line; l < (int)unit.src_lines.size() && l < line + 200; l++) {
		const std::string &s = unit.src_lines[l];
		size_t p = 0;

		while ((p = s.find("." + field, p)) != std::string::npos) {
			size_t q = p + 1 + field.size();

			p = q;
			if (q < s.size() && word_char(s[q]))
				continue;
			while (q < s.size() && (s[q] == ' ' || s[q] == '\t'))
				q++;
			if (q < s.size() && s[q] == '=')
				return l;
		}
		if (l > line && s.find("};") != std::string::npos)
			break;
	}
	return line;
}

bool has_side_effects(const std::string &e)
{
	return e.find('(') != std::string::npos ||
	       e.find('=') != std::string::npos ||
	       e.find("++") != std::string::npos ||
	       e.find("--") != std::string::npos;
}

/*
 * While (*l, *c) is before the start of its line, step back to the end of
 * the previous line (to its // comment with @cut_comment); false at the top.
 */
static bool back_to_line_end(int *l, int *c, bool cut_comment)
{
	while (*c < 1) {
		size_t cpos;

		if (--*l < 1)
			return false;
		*c = (int)unit.src_lines[*l].size();
		cpos = cut_comment ? unit.src_lines[*l].find("//") : std::string::npos;
		if (cpos != std::string::npos)
			*c = (int)cpos;	/* a // comment ends the line */
	}
	return true;
}

/* The token before (line, col), skipping blanks and comments. */
bool prev_token(int line, int col, int *pl, int *pc, std::string *word)
{
	int l = line, c = col - 1;

	for (;;) {
		if (!back_to_line_end(&l, &c, true))
			return false;
		char ch = src_at(l, c);

		if (ch == ' ' || ch == '\t') {
			c--;
			continue;
		}
		if (ch == '/' && c > 1 && src_at(l, c - 1) == '*') {
			/* skip back over a block comment */
			c -= 2;
			for (;;) {
				if (!back_to_line_end(&l, &c, false))
					return false;
				if (src_at(l, c) == '*' && c > 1 &&
				    src_at(l, c - 1) == '/') {
					c -= 2;
					break;
				}
				c--;
			}
			continue;
		}
		*pl = l;
		*pc = c;
		word->clear();
		if (ISALNUM(ch) || ch == '_') {
			int s = c;

			while (s > 1 && (ISALNUM(src_at(l, s - 1)) ||
					 src_at(l, s - 1) == '_'))
				s--;
			*word = unit.src_lines[l].substr(s - 1, c - s + 1);
		} else {
			*word = std::string(1, ch);
		}
		return true;
	}
}

/* The line holding the opening brace of the function body. */
int body_open_line(const gl_fn &fn)
{
	int l = fn.line, depth = 0;
	bool seen_paren = false;

	for (; l < (int)unit.src_lines.size(); l++) {
		const std::string &s = unit.src_lines[l];

		for (size_t i = 0; i < s.size(); i++) {
			if (s[i] == '(') {
				depth++;
				seen_paren = true;
			} else if (s[i] == ')') {
				depth--;
			} else if (s[i] == '{' && depth == 0 && seen_paren) {
				return l;
			}
		}
	}
	return 0;
}

std::string trim(const std::string &s)
{
	size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");

	return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

/*
 * "C ? 0 : E" at the top level of a return value (E without side effects:
 * C may have them, it is still evaluated once): the zero branch must not
 * add a range, so the fix returns 0 first and fills for E.
 */
bool split_cond_zero(const std::string &e, std::string *c,
			    std::string *v)
{
	size_t q = std::string::npos, colon = std::string::npos;
	int depth = 0;

	for (size_t i = 0; i < e.size() && colon == std::string::npos; i++) {
		if (e[i] == '(' || e[i] == '[')
			depth++;
		else if (e[i] == ')' || e[i] == ']')
			depth--;
		else if (depth == 0 && e[i] == '?' && q == std::string::npos)
			q = i;
		else if (depth == 0 && e[i] == ':' && q != std::string::npos)
			colon = i;
	}
	if (colon == std::string::npos ||
	    trim(e.substr(q + 1, colon - q - 1)) != "0")
		return false;
	*c = trim(e.substr(0, q));
	*v = trim(e.substr(colon + 1));
	return !c->empty() && !v->empty();
}
