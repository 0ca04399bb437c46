/* utf8.c: what is well-formed, what one character decodes to, widths. */
#include <string.h>

#include "cli/cli.h"
#include "check.h"

/* utf8_valid over a string literal's bytes, embedded NULs included. */
#define VALID(lit)	utf8_valid((lit), sizeof(lit) - 1)

/* The code point of the one character in s, or -1 if it does not decode. */
static int64_t
cp_of(const char *s, size_t n, size_t *len)
{
	uint32_t	 cp = 0xdeadbeef;

	if ((*len = utf8_decode(s, n, &cp)) == 0)
		return -1;
	return cp;
}

/*
 * Every listed East Asian range is wide at both ends and inside, as
 * glibc's tables have it (the ends are assigned code points: glibc gives
 * an unassigned one no width).
 */
static const struct {
	uint32_t	 lo, hi;
} wide[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa48c },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfad9 }, { 0xfe30, 0xfe4f },
	{ 0xff01, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f90c, 0x1f9ff }, { 0x20000, 0x2a6df }, { 0x30000, 0x3134a },
}, zero[] = {
	{ 0x0300, 0x036f }, { 0x200b, 0x200f }, { 0xfe00, 0xfe0f },
	{ 0x20d0, 0x20f0 }, { 0x1dc0, 0x1dff }, { 0xe0100, 0xe01ef },
};

int
main(void)
{
	size_t	 i, len;

	/* Well-formed: every length at its lowest and highest value. */
	CHECK(utf8_valid("", 0));
	CHECK(VALID("plain ASCII, tabs\tand\nnewlines"));
	CHECK(VALID("a\0b"));				/* NUL is ASCII */
	CHECK(VALID("\x7f"));
	CHECK(VALID("\xc2\x80"));			/* U+0080 */
	CHECK(VALID("\xdf\xbf"));			/* U+07FF */
	CHECK(VALID("\xe0\xa0\x80"));			/* U+0800 */
	CHECK(VALID("\xed\x9f\xbf"));			/* U+D7FF */
	CHECK(VALID("\xee\x80\x80"));			/* U+E000 */
	CHECK(VALID("\xef\xbf\xbf"));			/* U+FFFF */
	CHECK(VALID("\xf0\x90\x80\x80"));		/* U+10000 */
	CHECK(VALID("\xf4\x8f\xbf\xbf"));		/* U+10FFFF */
	CHECK(VALID("退票 ok，谢谢😀"));
	CHECK(VALID("\xef\xbb\xbf" "BOM"));

	/* Overlong forms. */
	CHECK(!VALID("\xc0\x80"));			/* NUL */
	CHECK(!VALID("\xc0\xaf"));			/* '/' */
	CHECK(!VALID("\xc1\xbf"));			/* U+007F */
	CHECK(!VALID("\xe0\x80\x80"));
	CHECK(!VALID("\xe0\x9f\xbf"));			/* U+07FF */
	CHECK(!VALID("\xf0\x80\x80\x80"));
	CHECK(!VALID("\xf0\x8f\xbf\xbf"));		/* U+FFFF */
	/* Surrogates, as CESU-8 would write them. */
	CHECK(!VALID("\xed\xa0\x80"));			/* U+D800 */
	CHECK(!VALID("\xed\xaf\xbf"));			/* U+DBFF */
	CHECK(!VALID("\xed\xb0\x80"));			/* U+DC00 */
	CHECK(!VALID("\xed\xbf\xbf"));			/* U+DFFF */
	CHECK(!VALID("\xed\xa0\xbd\xed\xb8\x80"));	/* a surrogate pair */
	/* Beyond U+10FFFF, and lead bytes that can only start it. */
	CHECK(!VALID("\xf4\x90\x80\x80"));		/* U+110000 */
	CHECK(!VALID("\xf5\x80\x80\x80"));
	CHECK(!VALID("\xf7\xbf\xbf\xbf"));
	CHECK(!VALID("\xf8\x88\x80\x80\x80"));		/* old 5-byte form */
	CHECK(!VALID("\xfc\x84\x80\x80\x80\x80"));	/* old 6-byte form */
	CHECK(!VALID("\xfe"));
	CHECK(!VALID("\xff"));
	/* Continuation bytes where a character should start. */
	CHECK(!VALID("\x80"));
	CHECK(!VALID("\xbf"));
	CHECK(!VALID("a\x80z"));
	CHECK(!VALID("\xe4\xb8\xad\xad"));		/* one too many */
	/* Truncated: at the end, and followed by something else. */
	CHECK(!VALID("\xc3"));
	CHECK(!VALID("\xe4\xb8"));
	CHECK(!VALID("\xf0\x9f\x98"));
	CHECK(!VALID("ok\xe4"));
	CHECK(!VALID("\xc3\x28"));
	CHECK(!VALID("\xe4\x28\xad"));
	CHECK(!VALID("\xe4\xb8\x28"));
	CHECK(!VALID("\xf0\x9f\x28\x80"));
	CHECK(!VALID("\xe4 \xb8\xad"));
	/* n is the end, whatever follows in memory. */
	CHECK(!utf8_valid("中", 2));
	CHECK(utf8_valid("中", 3));
	CHECK(utf8_valid("a中", 1));
	CHECK(utf8_valid("\xff", 0));

	/* utf8_decode: length and code point, or 0. */
	CHECK_INT(cp_of("A", 1, &len), 'A');
	CHECK_INT(len, 1);
	CHECK_INT(cp_of("", 1, &len), 0);		/* the NUL itself */
	CHECK_INT(len, 1);
	CHECK_INT(cp_of("é", 2, &len), 0xe9);
	CHECK_INT(len, 2);
	CHECK_INT(cp_of("中", 3, &len), 0x4e2d);
	CHECK_INT(len, 3);
	CHECK_INT(cp_of("😀", 4, &len), 0x1f600);
	CHECK_INT(len, 4);
	CHECK_INT(cp_of("\xf4\x8f\xbf\xbf", 4, &len), 0x10ffff);
	CHECK_INT(len, 4);
	CHECK_INT(cp_of("中文", 6, &len), 0x4e2d);	/* only the first */
	CHECK_INT(len, 3);
	CHECK_INT(cp_of("A", 0, &len), -1);		/* nothing to decode */
	CHECK_INT(len, 0);
	CHECK_INT(cp_of("中", 2, &len), -1);		/* n cuts it short */
	CHECK_INT(len, 0);
	CHECK_INT(cp_of("😀", 3, &len), -1);
	CHECK_INT(cp_of("\xc0\x80", 2, &len), -1);
	CHECK_INT(cp_of("\xed\xa0\x80", 3, &len), -1);
	CHECK_INT(cp_of("\xf4\x90\x80\x80", 4, &len), -1);
	CHECK_INT(cp_of("\x80", 1, &len), -1);
	CHECK_INT(cp_of("\xe4\x28\xad", 3, &len), -1);

	/* Widths: the listed wide ranges, at both ends and in the middle. */
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++) {
		CHECK_INT(utf8_cpwidth(wide[i].lo), 2);
		CHECK_INT(utf8_cpwidth(wide[i].hi), 2);
		CHECK_INT(utf8_cpwidth((wide[i].lo + wide[i].hi) / 2), 2);
	}
	for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++) {
		CHECK_INT(utf8_cpwidth(zero[i].lo), 0);
		CHECK_INT(utf8_cpwidth(zero[i].hi), 0);
		CHECK_INT(utf8_cpwidth((zero[i].lo + zero[i].hi) / 2), 0);
	}
	/* Just outside the ranges: narrow. */
	CHECK_INT(utf8_cpwidth(0x02ff), 1);
	CHECK_INT(utf8_cpwidth(0x0370), 1);
	CHECK_INT(utf8_cpwidth(0x10ff), 1);
	CHECK_INT(utf8_cpwidth(0x200a), 1);
	CHECK_INT(utf8_cpwidth(0x2010), 1);		/* hyphen */
	CHECK_INT(utf8_cpwidth(0x2e7f), 1);
	CHECK_INT(utf8_cpwidth(0x303f), 1);
	CHECK_INT(utf8_cpwidth(0x4dc0), 2);		/* Yijing: glibc's wide */
	CHECK_INT(utf8_cpwidth(0xa4d0), 1);		/* Lisu */
	CHECK_INT(utf8_cpwidth(0xd7a4), 1);
	CHECK_INT(utf8_cpwidth(0xe000), 1);		/* private use */
	CHECK_INT(utf8_cpwidth(0xf8ff), 1);
	CHECK_INT(utf8_cpwidth(0xfb00), 1);		/* ff ligature */
	CHECK_INT(utf8_cpwidth(0xfdff), 1);
	CHECK_INT(utf8_cpwidth(0xfe70), 1);		/* Arabic forms */
	CHECK_INT(utf8_cpwidth(0xfeff), 0);		/* BOM, ZWNBSP */
	CHECK_INT(utf8_cpwidth(0xff61), 1);		/* halfwidth 。 */
	CHECK_INT(utf8_cpwidth(0xffdf), 1);
	CHECK_INT(utf8_cpwidth(0xffe7), 1);
	CHECK_INT(utf8_cpwidth(0x1f2ff), 1);
	CHECK_INT(utf8_cpwidth(0x1f650), 1);
	CHECK_INT(utf8_cpwidth(0x1f8ff), 1);
	CHECK_INT(utf8_cpwidth(0x1fa00), 1);
	CHECK_INT(utf8_cpwidth(0x1ffff), 1);
	CHECK_INT(utf8_cpwidth(0x2fffe), 1);
	CHECK_INT(utf8_cpwidth(0x3fffe), 1);
	CHECK_INT(utf8_cpwidth(0x40000), 1);
	CHECK_INT(utf8_cpwidth(0x10ffff), 1);
	/* Ordinary letters of other scripts. */
	CHECK_INT(utf8_cpwidth('A'), 1);
	CHECK_INT(utf8_cpwidth(' '), 1);
	CHECK_INT(utf8_cpwidth(0xe9), 1);		/* é */
	CHECK_INT(utf8_cpwidth(0x3b1), 1);		/* α */
	CHECK_INT(utf8_cpwidth(0x416), 1);		/* Ж */
	CHECK_INT(utf8_cpwidth(0x5d0), 1);		/* א */
	/* Common CJK text. */
	CHECK_INT(utf8_cpwidth(0x4e2d), 2);		/* 中 */
	CHECK_INT(utf8_cpwidth(0x3000), 2);		/* ideographic space */
	CHECK_INT(utf8_cpwidth(0x3002), 2);		/* 。 */
	CHECK_INT(utf8_cpwidth(0xff0c), 2);		/* ， */
	CHECK_INT(utf8_cpwidth(0xff01), 2);		/* ！ */
	CHECK_INT(utf8_cpwidth(0x3042), 2);		/* あ */
	CHECK_INT(utf8_cpwidth(0x30a2), 2);		/* ア */
	CHECK_INT(utf8_cpwidth(0xd55c), 2);		/* 한 */
	CHECK_INT(utf8_cpwidth(0xffe5), 2);		/* ￥ */
	CHECK_INT(utf8_cpwidth(0x200d), 0);		/* ZWJ */

	/* utf8_width adds them up. */
	CHECK_INT(utf8_width(""), 0);
	CHECK_INT(utf8_width("abc"), 3);
	CHECK_INT(utf8_width("退票"), 4);
	CHECK_INT(utf8_width("退票 ok"), 7);
	CHECK_INT(utf8_width("张三丰"), 6);
	CHECK_INT(utf8_width("１２３"), 6);	/* fullwidth digits */
	CHECK_INT(utf8_width("ｱｲｳ"), 3);		/* halfwidth katakana */
	CHECK_INT(utf8_width("한국어"), 6);
	CHECK_INT(utf8_width("ひらがな"), 8);
	CHECK_INT(utf8_width("¥12.50"), 6);
	CHECK_INT(utf8_width("￥12.50"), 7);
	CHECK_INT(utf8_width("José"), 4);
	CHECK_INT(utf8_width("Jose\xcc\x81"), 4);	/* combining acute */
	CHECK_INT(utf8_width("a\xe2\x80\x8b" "b"), 2);	/* zero-width space */
	CHECK_INT(utf8_width("😀"), 2);
	CHECK_INT(utf8_width("🤖"), 2);			/* U+1F916 */
	/* Emoji the old table of our own had narrow. */
	CHECK_INT(utf8_width("🩰"), 2);			/* U+1FA70 */
	CHECK_INT(utf8_width("🫠"), 2);			/* U+1FAE0 */
	CHECK_INT(utf8_width("⚡"), 2);			/* U+26A1 */
	CHECK_INT(utf8_width("✅"), 2);			/* U+2705 */
	CHECK_INT(utf8_width("👍🏻"), 4);		/* and a skin tone */
	CHECK_INT(utf8_width("\xf0\xa0\x80\x80"), 2);	/* U+20000 */
	/* A variation selector after 中. */
	CHECK_INT(utf8_width("中\xef\xb8\x8f"), 2);
	CHECK_INT(utf8_width("Ελληνικά"), 8);
	/* Not for invalid text, but a stray byte still counts one column. */
	CHECK_INT(utf8_width("\xff"), 1);
	CHECK_INT(utf8_width("a\xe4\xb8"), 3);

	/* utf8_copy cuts a long text at a whole character, never inside. */
	{
		char	 b4[4], b5[5], b8[8];

		CHECK_INT(utf8_copy(b8, "退票", sizeof(b8)), 6);
		CHECK_STR(b8, "退票");
		CHECK_INT(utf8_copy(b5, "退票", sizeof(b5)), 6);
		CHECK_STR(b5, "退");
		CHECK_INT(utf8_copy(b4, "退票", sizeof(b4)), 6);
		CHECK_STR(b4, "退");
		CHECK_INT(utf8_copy(b4, "ab退", sizeof(b4)), 5);
		CHECK_STR(b4, "ab");
		CHECK_INT(utf8_copy(b4, "abc", sizeof(b4)), 3);
		CHECK_STR(b4, "abc");
		CHECK_INT(utf8_copy(b5, "a😀", sizeof(b5)), 5);
		CHECK_STR(b5, "a");
	}
	CHECK_DONE();
}
