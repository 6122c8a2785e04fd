/*
 * Fuzz target: buf_add_shell_word (common/buf.c), which quotes a word
 * (a path, a database name) in the commands the tools' messages give to
 * paste into a shell.  Properties, for any string without a NUL:
 * - the output is one word that a POSIX shell gives back as the input:
 *   a small reference unquoter here (single quotes, backslash, double
 *   quotes, by the rules of POSIX 2.2) reads it back equal, ending
 *   outside any quote;
 * - no byte of it is outside quotes but the ones it leaves bare
 *   (letters, digits, _ . / - + , : @ %) and the backslash of '\'':
 *   no blank, no ; | & $ ` * ? [ ~ # ( ) < > = or newline that the shell
 *   would take for something else than a character of the word;
 * - the empty word is a word ('').
 */
#include "fuzz.h"

#include <string.h>

static bool
bare(unsigned char c)
{
	return c != '\0' && strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "abcdefghijklmnopqrstuvwxyz"
				   "0123456789_./-+,:@%",
				   c) != NULL;
}

/* The word a POSIX shell reads in w (no expansion is left to do when
 * every unquoted byte is bare); NULL, saying why, when w is not one
 * word of that kind. */
static char *
unquote(const char *w, size_t n, const char **why)
{
	char *out = gk_xmalloc(n + 1);
	size_t o = 0, i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)w[i];
		if (c == '\'') {
			const char *q = memchr(w + i + 1, '\'', n - i - 1);
			if (q == NULL) {
				*why = "a single quote not closed";
				goto bad;
			}
			memcpy(out + o, w + i + 1, (size_t)(q - w - i - 1));
			o += (size_t)(q - w - i - 1);
			i = (size_t)(q - w) + 1;
		} else if (c == '\\') {
			if (i + 1 == n) {
				*why = "a backslash at the end";
				goto bad;
			}
			if (w[i + 1] != '\n') /* a line joined: nothing */
				out[o++] = w[i + 1];
			i += 2;
		} else if (c == '"') {
			for (i++; i < n && w[i] != '"'; i++) {
				if (strchr("$`", w[i])) {
					*why = "an expansion in double quotes";
					goto bad;
				}
				if (w[i] == '\\' && i + 1 < n &&
				    strchr("$`\"\\\n", w[i + 1])) {
					if (w[++i] != '\n')
						out[o++] = w[i];
				} else
					out[o++] = w[i];
			}
			if (i == n) {
				*why = "a double quote not closed";
				goto bad;
			}
			i++;
		} else if (bare(c)) {
			out[o++] = (char)c;
			i++;
		} else {
			*why = "a byte the shell reads as more than itself, "
			       "unquoted";
			goto bad;
		}
	}
	out[o] = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_buf b;
	char *in, *back;
	const char *why = "";

	if (memchr(data, '\0', size) != NULL)
		return 0;
	in = gk_xmalloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	buf_init(&b);
	buf_add_shell_word(&b, in);
	back = unquote(b.data, b.len, &why);
	if (back == NULL || b.len == 0 || strcmp(back, in) != 0) {
		dprintf(2, "buf_add_shell_word: [%s] -> [%s]: %s\n", in, b.data,
			back == NULL ? why
			: b.len == 0 ? "no word"
				     : "read back otherwise");
		abort();
	}
	free(back);
	buf_release(&b);
	free(in);
	return 0;
}
