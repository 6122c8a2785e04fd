/*
 * tests/unit/license-id.c: the identifier checks gov-license added to
 * ids.c: the GB/T 36904 license identifier and its ISO 7064 MOD 37,36
 * check character, national registration authorities (region 100000),
 * the early pilot USCCs that pass with a warning.  Prints TAP; run by
 * tests/t0000-unit.t.
 */
#include "govkit.h"
#include "tap.h"

#include <string.h>

static void
check_msg(const struct id_result *r, bool ok, bool warning, const char *msg,
	  const char *what)
{
	bool same = r->ok == ok && r->warning == warning &&
		    strcmp(r->message, msg) == 0;

	check(same, what);
	if (!same)
		printf("#   got:  ok=%d warning=%d '%s'\n#   want: ok=%d warning=%d '%s'\n",
		       r->ok, r->warning, r->message, ok, warning, msg);
}

int
main(void)
{
	static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	const char *good =
		"1.2.156.3005.2.0101.11150500011505012H.20240520007.1.N";
	struct id_result r;
	char buf[128], issuer[19];
	size_t n = strlen(good);
	bool all = true;

	/* ISO 7064's own example of MOD 37,36: A12425GABC1234002M */
	check(id_license_id_check_char("A12425GABC1234002", 17) == 'M',
	      "mod 37,36: ISO 7064's example A12425GABC1234002 -> M");
	check(id_license_id_check_char("A1242-", 6) == 0,
	      "mod 37,36: a character outside 0-9A-Z gives 0");
	check(id_license_id_check_char("a", 1) == 0,
	      "mod 37,36: lowercase refused");

	id_check_license_id(good, n, &r);
	check_msg(&r, true, false, "", "license id: valid");
	/* Identifiers issued on the national platform (the example of the
	 * national standard of 建筑施工企业安全生产管理人员考核合格证书,
	 * appendix A.2, and licenses in use): the check character leaves the
	 * arc 1.2.156.3005.2 out. */
	{
		static const char *const issued[] = {
			"1.2.156.3005.2.11100000000013338W011."
			"11430000006122244L.20230000403.002.S",
			"1.2.156.3005.2.11100000000013338W011."
			"11430000006122244L.20230000403.001.U",
			"1.2.156.3005.2.11100000000013338W032."
			"11220000013544541J.2430599.001.F",
			"1.2.156.3005.2.11100000000013338W009."
			"11330105002500287C.2025052201.002.0",
			"1.2.156.3005.2.11100000000013338W087."
			"11370800MB28559184.37080001202411010001.001.3",
		};
		bool issued_ok = true;
		for (size_t i = 0; i < sizeof issued / sizeof issued[0]; i++) {
			id_check_license_id(issued[i], strlen(issued[i]), &r);
			if (!r.ok) {
				issued_ok = false;
				printf("# refused: %s: %s\n", issued[i],
				       r.message);
			}
		}
		check(issued_ok,
		      "license id: identifiers issued on the national platform");
	}
	check(id_license_id_check_char("0101111505000115050"
				       "12H202405200071",
				       34) == 'N',
	      "license id: the check character leaves the arc out");
	check(id_license_id_issuer(good, n, issuer) == 0 &&
		      strcmp(issuer, "11150500011505012H") == 0,
	      "license id: the issuer part");
	/* every single-character change of the part after the prefix fails */
	for (size_t i = strlen("1.2.156.3005.2."); i < n; i++) {
		if (good[i] == '.')
			continue;
		for (const char *c = alphabet; *c; c++) {
			if (*c == good[i])
				continue;
			memcpy(buf, good, n + 1);
			buf[i] = *c;
			id_check_license_id(buf, n, &r);
			if (r.ok) {
				all = false;
				printf("# accepted: %s\n", buf);
			}
		}
	}
	check(all, "license id: every single-character change fails");
	memcpy(buf, good, n + 1);
	buf[n - 1] = 'G';
	id_check_license_id(buf, n, &r);
	check_msg(&r, false, false, "check character is G, expected N",
		  "license id: the message names both characters");
	id_check_license_id("1.2.156.3005.2.0101.111505.1.1.A", 32, &r);
	check_msg(&r, false, false, "issuer code is 6 characters, expected 18",
		  "license id: short issuer part");
	id_check_license_id("1.2.156.3005.2.0101.11150500011505012H.1.1", 42,
			    &r);
	check_msg(&r, false, false,
		  "expected 1.2.156.3005.2.TYPE.ISSUER.SERIAL.VERSION.CHECK",
		  "license id: a part missing");
	id_check_license_id("1.2.156.3005.2.0101..1.1.A", 26, &r);
	check_msg(&r, false, false, "issuer code is empty",
		  "license id: empty part");
	id_check_license_id("1.2.156.3005.2.01a1.11150500011505012H.1.1.A", 44,
			    &r);
	check_msg(&r, false, false,
		  "type code has 'a' (digits and capitals only)",
		  "license id: lowercase in a part");
	id_check_license_id("1.2.156.3005.3.0101.11150500011505012H.1.1.A", 44,
			    &r);
	check_msg(&r, false, false, "does not start with 1.2.156.3005.2.",
		  "license id: another arc");
	check(id_license_id_issuer("x", 1, issuer) == -1,
	      "license id: no issuer in garbage");

	/* national authorities register under region 100000 */
	id_check_uscc("111000000000131358", 18, &r);
	check_msg(&r, true, false, "", "uscc: region 100000 (national) valid");
	id_check_uscc("111200000000131358", 18, &r);
	check(!r.ok, "uscc: region 120000 with the same tail fails its check");

	/* known early pilot codes: accepted with a warning */
	id_check_uscc("91350100M0001TGQXM", 18, &r);
	check_msg(
		&r, true, true,
		"check character is M, expected 1: a known code of the early pilots, accepted",
		"uscc: known pilot code 91350100M0001TGQXM is a warning");
	id_check_uscc("91350211M0000XUF46", 18, &r);
	check(r.ok && r.warning,
	      "uscc: known pilot code 91350211M0000XUF46 is a warning");
	id_check_uscc("91350100M0001TGQXN", 18, &r);
	check(!r.ok, "uscc: a pilot-like code not on the list fails");

	return tap_done();
}
