/* mask.c: personal data as shown, and phone numbers as accepted. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "check.h"

typedef void mask_fn(const char *, char *, size_t);

/* The mask of s in a buffer of len bytes (at most 64), checked for overrun. */
static const char *
masked(mask_fn *fn, const char *s, size_t len)
{
	static char	 buf[80];

	memset(buf, 'Z', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	fn(s, buf, len);
	/* Nothing beyond the buffer it was given. */
	if (buf[len] != 'Z')
		return "wrote past the buffer";
	if (len == 0)
		return "untouched";
	return buf;
}

#define PHONE(s)	masked(mask_phone, (s), 64)
#define IDCARD(s)	masked(mask_idcard, (s), 64)
#define NAME(s)		masked(mask_name, (s), 64)
#define EMAIL(s)	masked(mask_email, (s), 64)

/* mask_text's result, kept until the next call; "(none)" for NULL. */
static const char *
TEXT(const char *s, const char *name)
{
	static char	*last;

	free(last);
	last = mask_text(s, &name, name != NULL);
	return last != NULL ? last : "(none)";
}

static int
idcard(const char *s)
{
	const char	*why = NULL;
	int		 ok;

	ok = idcard_valid(s, &why);
	return ok ? 1 : why != NULL ? 0 : -1;
}

int
main(void)
{
	const char	*why;

	/* Phones: first 3 and last 4; 7 or fewer would show all, so none. */
	CHECK_STR(PHONE("13800135678"), "138****5678");
	CHECK_STR(PHONE("19912345678"), "199****5678");
	CHECK_STR(PHONE("12345678"), "123*5678");
	CHECK_STR(PHONE("123456789"), "123**6789");
	CHECK_STR(PHONE("1234567"), "*******");
	CHECK_STR(PHONE("123456"), "******");
	CHECK_STR(PHONE("123"), "***");
	CHECK_STR(PHONE("1"), "*");
	CHECK_STR(PHONE(""), "");
	CHECK_STR(PHONE("+8613800135678"), "+86*******5678");
	CHECK_STR(PHONE("010-12345678"), "010*****5678");
	CHECK_STR(PHONE("138 0013 5678"), "138******5678");
	/* By character, not byte: a typo'd full-width number stays whole. */
	CHECK_STR(PHONE("１３８００１３５６７８"), "１３８****５６７８");
	CHECK_STR(PHONE("１２３４５６７"), "*******");
	/* Short buffers: truncated, terminated, never overrun. */
	CHECK_STR(masked(mask_phone, "13800135678", 12), "138****5678");
	CHECK_STR(masked(mask_phone, "13800135678", 11), "138****567");
	CHECK_STR(masked(mask_phone, "13800135678", 5), "138*");
	CHECK_STR(masked(mask_phone, "13800135678", 1), "");
	CHECK_STR(masked(mask_phone, "13800135678", 0), "untouched");
	/* A kept character that does not fit is left out whole. */
	CHECK_STR(masked(mask_phone, "１３８００１３５６７８", 8), "１３");
	CHECK_STR(masked(mask_phone, "１３８００１３５６７８", 10), "１３８");

	/* ID cards: first 6 and last 4; 10 or fewer all masked. */
	CHECK_STR(IDCARD("110101199003071234"), "110101********1234");
	CHECK_STR(IDCARD("11010119900307123X"), "110101********123X");
	CHECK_STR(IDCARD("110101900307123"), "110101*****7123"); /* old */
	CHECK_STR(IDCARD("12345678901"), "123456*8901");
	CHECK_STR(IDCARD("1234567890"), "**********");
	CHECK_STR(IDCARD("123"), "***");
	CHECK_STR(IDCARD("A1234567(8)"), "A12345*7(8)");	/* Hong Kong */
	CHECK_STR(IDCARD(""), "");
	CHECK_STR(IDCARD("一二三四五六七八九十百"), "一二三四五六*八九十百");
	CHECK_STR(IDCARD("一二三四五六七八九十"), "**********");
	CHECK_STR(masked(mask_idcard, "110101199003071234", 8), "110101*");
	CHECK_STR(masked(mask_idcard, "110101199003071234", 19),
	    "110101********1234");
	CHECK_STR(masked(mask_idcard, "110101199003071234", 18),
	    "110101********123");

	/*
	 * Names: the first character, then one '*' for each other one; a
	 * name of one character is all mask.
	 */
	CHECK_STR(NAME("张三丰"), "张**");
	CHECK_STR(NAME("张三"), "张*");
	CHECK_STR(NAME("欧阳娜娜"), "欧***");
	CHECK_STR(NAME("李"), "*");
	CHECK_STR(NAME("Alice"), "A****");
	CHECK_STR(NAME("A"), "*");
	CHECK_STR(NAME(""), "");
	CHECK_STR(NAME("Jean-Luc"), "J*******");
	CHECK_STR(NAME("Mary Ann"), "M*******");
	CHECK_STR(NAME("José"), "J***");
	CHECK_STR(NAME("Émile"), "É****");
	CHECK_STR(NAME("😀x"), "😀*");
	CHECK_STR(NAME("𠀀三"), "𠀀*");			/* U+20000 */
	CHECK_STR(NAME("김민준"), "김**");
	/* A stray byte is one character: kept raw first, a '*' later. */
	CHECK_STR(NAME("\xff\xfe"), "\xff*");
	CHECK_STR(NAME("A\xe4\xb8"), "A**");
	CHECK_STR(NAME("\xe4\xb8" "A"), "\xe4**");
	/* Short buffers. */
	CHECK_STR(masked(mask_name, "张三丰", 6), "张**");
	CHECK_STR(masked(mask_name, "张三丰", 5), "张*");
	CHECK_STR(masked(mask_name, "张三丰", 4), "张");
	CHECK_STR(masked(mask_name, "张三丰", 3), "");
	CHECK_STR(masked(mask_name, "张三丰", 1), "");
	CHECK_STR(masked(mask_name, "张三丰", 0), "untouched");
	CHECK_STR(masked(mask_name, "Alice", 3), "A*");

	/* E-mail: the first character of the name, the domain. */
	CHECK_STR(EMAIL("zhang@example.com"), "z***@example.com");
	CHECK_STR(EMAIL("z@example.com"), "z***@example.com");
	CHECK_STR(EMAIL("张三@example.cn"), "张***@example.cn");
	CHECK_STR(EMAIL("@example.com"), "************");
	CHECK_STR(EMAIL("no-at-sign"), "**********");
	CHECK_STR(EMAIL(""), "");

	/* Phones as accepted: 11 ASCII digits, the first a 1. */
	CHECK(phone_valid("13800138000"));
	CHECK(phone_valid("19999999999"));
	CHECK(phone_valid("10000000000"));
	CHECK(!phone_valid("23800138000"));
	CHECK(!phone_valid("03800138000"));
	CHECK(!phone_valid("1380013800"));
	CHECK(!phone_valid("138001380000"));
	CHECK(!phone_valid("1380013800x"));
	CHECK(!phone_valid("x3800138000"));
	CHECK(!phone_valid(""));
	CHECK(!phone_valid("1"));
	CHECK(!phone_valid(" 13800138000"));
	CHECK(!phone_valid("13800138000 "));
	CHECK(!phone_valid("13800138000\n"));
	CHECK(!phone_valid("+8613800138000"));
	CHECK(!phone_valid("8613800138000"));
	CHECK(!phone_valid("138-0013-8000"));
	CHECK(!phone_valid("138 0013 8000"));
	CHECK(!phone_valid("１3800138000"));		/* full-width 1 */
	CHECK(!phone_valid("-1380013800"));

	/* ID-card numbers: GB 11643 check digit and a real birth date. */
	CHECK_INT(idcard("11010519491231002X"), 1);
	CHECK_INT(idcard("11010519491231002x"), 1);
	CHECK_INT(idcard("11010120000229123X"), 1);
	CHECK_INT(idcard("110101199003071233"), 1);
	CHECK_INT(idcard("110101199003071234"), 0);	/* check digit */
	CHECK_INT(idcard("110101202602291232"), 0);	/* no 2026-02-29 */
	CHECK_INT(idcard("110101202802291237"), 0);	/* not born yet */
	CHECK_INT(idcard("1101051949123100"), 0);
	CHECK_INT(idcard(""), 0);
	why = NULL;
	CHECK(!idcard_valid("11010519491231002", &why));
	CHECK_STR(why, "not 18 characters");
	CHECK(!idcard_valid("1101051949123100A2", &why));
	CHECK_STR(why, "the first 17 characters are not all digits");
	CHECK(!idcard_valid("110105194912310021", &why));
	CHECK_STR(why, "wrong check digit");
	CHECK(!idcard_valid("110101202602291232", &why));
	CHECK_STR(why, "no such birth date");
	/* Numbers in free text. */
	CHECK_STR(TEXT("请拨13912345678联系", NULL), "请拨139****5678联系");
	CHECK_STR(TEXT("电话 139 1234 5678，或 139-1234-5679", NULL),
	    "电话 139****5678，或 139****5679");
	CHECK_STR(TEXT("+8613912345678 / 86 13912345678", NULL),
	    "+86139****5678 / 86 139****5678");
	CHECK_STR(TEXT("手机１３９１２３４５６７８", NULL),
	    "手机139****5678");
	CHECK_STR(TEXT("身份证11010519491231002X号", NULL),
	    "身份证110105********002X号");
	CHECK_STR(TEXT("身份证 110105 19491231 002x", NULL),
	    "身份证 110105********002X");
	CHECK_STR(TEXT("张三说张三的事", "张三"), "张*说张*的事");
	CHECK_STR(TEXT("13912345678", NULL), "139****5678");
	/* Not a phone: too long, inside a word, the wrong prefix, one name. */
	CHECK_STR(TEXT("单号139123456789", NULL), "(none)");
	CHECK_STR(TEXT("TX13912345678", NULL), "(none)");
	CHECK_STR(TEXT("13912345678a", NULL), "(none)");
	CHECK_STR(TEXT("12912345678 10012345678", NULL), "(none)");
	CHECK_STR(TEXT("139 1234-5678", NULL), "(none)");
	CHECK_STR(TEXT("王说", "王"), "(none)");
	CHECK_STR(TEXT("", NULL), "(none)");
	/* A name in parts: each part of two or more, a Latin one a word. */
	CHECK_STR(TEXT("Dear Alice Smith, Alice here", "Alice Smith"),
	    "Dear A**********, A**** here");
	CHECK_STR(TEXT("Malice and Smithson", "Alice Smith"), "(none)");
	CHECK_STR(TEXT("艾力先生，买买提·艾力您好", "买买提·艾力"),
	    "艾*先生，买*****您好");
	CHECK_STR(TEXT("王五", "王 五"), "(none)");
	CHECK_DONE();
}
