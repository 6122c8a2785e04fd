/*
 * hash.c: one fast 64-bit hash of bytes for every in-memory table of the
 * tools (names, values, keys, revocations, workbook columns).  Not
 * cryptographic.  gov-check --track keeps fingerprints made with it in
 * the database, so a change of it makes every tracked finding "new" once.
 *
 * Sixteen bytes a step through a 64x64->128 multiply folded to 64 bits
 * (the wyhash construction); short inputs read in at most two loads.
 */
#include "govkit.h"

#include <string.h>

static inline uint64_t
mix64(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t
load64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t
load32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

#define HK0 0xa0761d6478bd642full
#define HK1 0xe7037ed1a0b428dbull
#define HK2 0x8ebc6af09c88c6e3ull

uint64_t
gk_hash(const void *data, size_t n, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t a, b;
	size_t left = n;

	seed ^= mix64(seed ^ HK0, HK1);
	while (left > 16) {
		seed = mix64(load64(p) ^ HK1, load64(p + 8) ^ seed);
		p += 16;
		left -= 16;
	}
	if (left >= 8) {
		a = load64(p);
		b = load64(p + left - 8);
	} else if (left >= 4) {
		a = load32(p) << 32 | load32(p + left - 4);
		b = 0;
	} else if (left > 0) {
		a = (uint64_t)p[0] << 16 | (uint64_t)p[left / 2] << 8 |
		    p[left - 1];
		b = 0;
	} else {
		a = b = 0;
	}
	return mix64(HK1 ^ n, mix64(a ^ HK1, b ^ seed) ^ HK2);
}
