/*
 * Fuzz target: gov-bid's numbers without printf (cmd/bid/fmt.c).  Each
 * 10 bytes of the input are a double (8 bytes), a precision and a
 * buffer size; properties:
 * - fmt_g and fmt_f write what snprintf's %.*g and %.*f write, for any
 *   double (NaN, infinities, subnormals, halves to round) and precision;
 * - fmt_snprintf writes what snprintf writes, in a buffer of any size
 *   (cut where snprintf cuts it), and returns the same length, for a
 *   format of every conversion it knows.
 */
#include "fuzz.h"
#include "bid.h"

#include <string.h>

/* fmt_g or fmt_f (conv 'g' or 'f') against snprintf's %.*g or %.*f */
static void
check_conversion(char conv, double v, int prec)
{
	char got[FMT_NUM_MAX], want[FMT_NUM_MAX];
	char format[] = "%.*g";

	format[3] = conv;
	if (conv == 'g')
		fmt_g(got, v, prec);
	else
		fmt_f(got, v, prec);
	snprintf(want, sizeof want, format, prec, v);
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "%%.%d%c of %a: '%s', printf '%s'\n", prec,
			conv, v, got, want);
		abort();
	}
}

static void
check_number(double v, int prec)
{
	check_conversion('g', v, prec);
	check_conversion('f', v, prec);
}

static void
check_format(double v, size_t size)
{
	char got[256], want[256];
	unsigned u = (unsigned)(v == v && fabs(v) < 4e9 ? fabs(v) : 7);
	int gn = fmt_snprintf(
		got, size, "%s = %.4g|%.2f|%.0f%%|%u|%zu|%llu|%d|%lld", "cv3",
		v, v, v, u, (size_t)u, (unsigned long long)u, -(int)(u / 2),
		-(long long)u * 3);
	int wn = snprintf(want, size,
			  "%s = %.4g|%.2f|%.0f%%|%u|%zu|%llu|%d|%lld", "cv3", v,
			  v, v, u, (size_t)u, (unsigned long long)u,
			  -(int)(u / 2), -(long long)u * 3);

	if (gn != wn || (size && strcmp(got, want) != 0)) {
		fprintf(stderr,
			"fmt_snprintf of %a in %zu: %d '%s', printf %d '%s'\n",
			v, size, gn, size ? got : "", wn, size ? want : "");
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i + 10 <= size; i += 10) {
		double v;
		memcpy(&v, data + i, sizeof v);
		check_number(v, data[i + 8] % 20);
		check_format(v, data[i + 9] % 256);
	}
	return 0;
}
