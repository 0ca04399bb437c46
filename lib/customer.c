/*
 * customer.c: finding the customer a ticket or order names, by C-id or
 * phone, and creating one from a phone and a name.  Full customer
 * management lives with cs-order.
 */
#include <string.h>

#include "cs.h"

static const char by_id_sql[] = "SELECT id FROM customer WHERE id = ?";
static const char by_phone_sql[] = "SELECT id FROM customer WHERE phone = ?";
static const char insert_sql[] =
    "INSERT INTO customer (name, phone, created_at) VALUES (?, ?, ?)";

/* Names are one line of printable text. */
int
customer_name_ok(const char *name, const char **why)
{
	size_t		 n = strlen(name), len;
	uint32_t	 cp;

	if (n == 0) {
		*why = "empty name";
		return 0;
	}
	if (n > 200) {
		*why = "name longer than 200 bytes";
		return 0;
	}
	while (n > 0) {
		if ((len = utf8_decode(name, n, &cp)) == 0) {
			*why = "invalid UTF-8 in name";
			return 0;
		}
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			*why = "control character in name";
			return 0;
		}
		name += len;
		n -= len;
	}
	return 1;
}

int
customer_find(struct cs *cs, const char *spec, const char *create_name,
    int64_t *id)
{
	struct jbuf	 j;
	sqlite3_stmt	*st;
	const char	*phone = NULL, *errstr, *why;
	char		 rec[32], masked[256];
	int64_t		 n;
	int		 rc;

	if (strncmp(spec, "tel:", 4) == 0) {
		phone = spec + 4;
		if (!phone_valid(phone))
			return cs_error(cs, CS_DATAERR,
			    "%s: not a mobile phone number", spec);
	} else if (phone_valid(spec))
		phone = spec;
	if (phone == NULL) {
		if (id_parse(spec, ID_CUSTOMER, &n, &errstr) == -1)
			return cs_error(cs, CS_DATAERR, "%s %s", spec,
			    errstr);
		rc = db_lookup(&cs->db, by_id_sql, NULL, n, id, 1);
		if (rc == CS_NOINPUT)
			return cs_error(cs, CS_NOINPUT,
			    "C%lld: no such customer", (long long)n);
		return rc;
	}
	rc = db_lookup(&cs->db, by_phone_sql, phone, 0, id, 1);
	if (rc != CS_NOINPUT)
		return rc;
	if (create_name == NULL)
		return cs_error(cs, CS_NOINPUT, "%s: no customer with this "
		    "phone (give a name to create one)", phone);
	if (!customer_name_ok(create_name, &why))
		return cs_error(cs, CS_DATAERR, "%s", why);
	if ((st = db_stmt(&cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, create_name);
	db_bind_text(st, 2, phone);
	sqlite3_bind_int64(st, 3, cs->now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return cs_error(cs, db_fail(&cs->db, "customer"),
		    "cannot create customer");
	*id = sqlite3_last_insert_rowid(cs->db.h);
	id_format(ID_CUSTOMER, *id, rec, sizeof(rec));
	/* The trail is read by many: it keeps personal data masked. */
	mask_name(create_name, masked, sizeof(masked));
	jbuf_init(&j);
	jbuf_str(&j, "name", masked);
	mask_phone(phone, masked, sizeof(masked));
	jbuf_str(&j, "phone", masked);
	rc = audit_append(&cs->db, &cs->actor, cs->now, "customer.new", rec,
	    jbuf_end(&j));
	jbuf_free(&j);
	if (rc != 0)
		return cs_error(cs, rc, "audit failed");
	return 0;
}
