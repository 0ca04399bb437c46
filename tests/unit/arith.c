/* money, masking and UTF-8: exact arithmetic and text at the edges. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "check.h"

static int64_t
amount(const char *s, int digits)
{
	const char	*errstr;
	int64_t		 v;

	if (money_parse_digits(s, digits, &v, &errstr) == -1)
		return -1;
	return v;
}

static const char *
amount_err(const char *s, int digits)
{
	const char	*errstr = NULL;
	int64_t		 v;

	if (money_parse_digits(s, digits, &v, &errstr) == 0)
		return "accepted";
	return errstr;
}

int
main(void)
{
	char	 buf[64];

	/* money_parse: exact minor units. */
	CHECK_INT(amount("12", 2), 1200);
	CHECK_INT(amount("12.5", 2), 1250);
	CHECK_INT(amount("12.50", 2), 1250);
	CHECK_INT(amount("0.05", 2), 5);
	CHECK_INT(amount("0", 2), 0);
	CHECK_INT(amount("007", 2), 700);
	CHECK_INT(amount("7", 0), 7);
	CHECK_INT(amount("10000000000", 2), MONEY_MAX);
	CHECK_STR(amount_err("92233720368547758.08", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_STR(amount_err("99999999999999999999", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_STR(amount_err("12.345", 2), "too many decimals for the currency");
	CHECK_STR(amount_err("12.5", 0), "too many decimals for the currency");
	CHECK_STR(amount_err("-1", 2), "negative amounts are not accepted");
	CHECK_STR(amount_err("+1", 2), "not an amount");
	CHECK_STR(amount_err("1e3", 2), "not an amount");
	CHECK_STR(amount_err("1,000", 2), "not an amount");
	CHECK_STR(amount_err(" 1", 2), "not an amount");
	CHECK_STR(amount_err("1 ", 2), "not an amount");
	CHECK_STR(amount_err("12.", 2), "not an amount");
	CHECK_STR(amount_err(".5", 2), "not an amount");
	CHECK_STR(amount_err("1.2.3", 2), "not an amount");
	CHECK_STR(amount_err("", 2), "not an amount");
	CHECK_STR(amount_err("１２", 2), "not an amount");	/* full-width */

	CHECK_INT(money_digits("CNY"), 2);
	CHECK_INT(money_digits("JPY"), 0);
	CHECK_INT(money_digits("XXX"), -1);
	money_format_digits(1250, 2, buf, sizeof(buf));
	CHECK_STR(buf, "12.50");
	money_format_digits(5, 2, buf, sizeof(buf));
	CHECK_STR(buf, "0.05");
	money_format_digits(0, 2, buf, sizeof(buf));
	CHECK_STR(buf, "0.00");
	money_format_digits(7, 0, buf, sizeof(buf));
	CHECK_STR(buf, "7");
	money_format_digits(INT64_MAX, 2, buf, sizeof(buf));
	CHECK_STR(buf, "92233720368547758.07");

	/* Masks. */
	mask_phone("13800135678", buf, sizeof(buf));
	CHECK_STR(buf, "138****5678");
	mask_phone("1234567", buf, sizeof(buf));
	CHECK_STR(buf, "*******");
	mask_phone("", buf, sizeof(buf));
	CHECK_STR(buf, "");
	mask_idcard("11010119900307123X", buf, sizeof(buf));
	CHECK_STR(buf, "110101********123X");
	mask_idcard("123", buf, sizeof(buf));
	CHECK_STR(buf, "***");
	mask_name("张三丰", buf, sizeof(buf));
	CHECK_STR(buf, "张**");
	mask_name("欧阳娜娜", buf, sizeof(buf));
	CHECK_STR(buf, "欧***");
	mask_name("Alice", buf, sizeof(buf));
	CHECK_STR(buf, "A****");
	mask_name("李", buf, sizeof(buf));
	CHECK_STR(buf, "*");
	mask_name("", buf, sizeof(buf));
	CHECK_STR(buf, "");
	mask_name("张三丰", buf, 4);		/* truncates, never overflows */
	CHECK_STR(buf, "张");
	CHECK(phone_valid("13800138000"));
	CHECK(!phone_valid("23800138000"));
	CHECK(!phone_valid("1380013800"));
	CHECK(!phone_valid("138001380000"));
	CHECK(!phone_valid("1380013800x"));
	CHECK(!phone_valid(""));

	/* UTF-8 validity. */
	CHECK(utf8_valid("退票 ok", strlen("退票 ok")));
	CHECK(utf8_valid("\xf0\x9f\x98\x80", 4));		/* U+1F600 */
	CHECK(!utf8_valid("\xff", 1));
	CHECK(!utf8_valid("\xc0\xaf", 2));			/* overlong / */
	CHECK(!utf8_valid("\xe0\x80\xaf", 3));			/* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));			/* surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4));		/* > U+10FFFF */
	CHECK(!utf8_valid("\xe9\x80", 2));			/* truncated */
	CHECK(!utf8_valid("\x80", 1));				/* lone tail */

	/* Display width: CJK and full-width are two columns. */
	CHECK_INT(utf8_width("abc"), 3);
	CHECK_INT(utf8_width("退票"), 4);
	CHECK_INT(utf8_width("１２"), 4);			/* full-width digits */
	CHECK_INT(utf8_width("，"), 2);				/* full-width comma */
	CHECK_INT(utf8_width("e\xcc\x81"), 1);			/* combining acute */
	CHECK_INT(utf8_width("한국"), 4);
	CHECK_INT(utf8_width("\xf0\xa0\x80\x80"), 2);		/* U+20000 */
	CHECK_INT(utf8_cpwidth(0x3000), 2);
	CHECK_INT(utf8_cpwidth(0x200b), 0);
	CHECK_DONE();
}
