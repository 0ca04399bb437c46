/*
 * rebook.c: a ticket changed to another train (12306's 改签).  The fee
 * schedule of the order's kind says whether and when: more than its edge
 * (48 hours) before departure, to any train of the presale period;
 * within it, to a train leaving before 24:00 of the ticket's date; never
 * after departure, and only so many times.  The new departure and fare
 * go on the order, the old ones into its history; a dearer fare leaves
 * the difference to collect, a cheaper one returns it as a refund
 * charged at the refund band the time falls in now.  A ticket moved from
 * inside the keep span (8 days) to beyond it keeps that band's rate
 * (5%) for a later refund.
 */
#include <string.h>

#include "desk.h"

int
rebook_window(const struct fee_schedule *s, int64_t now, int64_t from,
    int64_t to, char *why, size_t len)
{
	char	 a[32], b[32];
	int64_t	 end;

	if (s == NULL || s->change_times == 0) {
		snprintf(why, len, "%s: not rebooked", s ? s->kind : "order");
		return -1;
	}
	if (now >= from) {
		snprintf(why, len, "%s: no change after departure", s->kind);
		return -1;
	}
	if (to <= now) {
		snprintf(why, len, "%s: the new train has left", s->kind);
		return -1;
	}
	if (from - now > s->change_edge) {
		if (to - now <= s->change_presale)
			return 0;
		duration_format(s->change_presale, a, sizeof(a));
		duration_format(s->change_edge, b, sizeof(b));
		snprintf(why, len, "%s: more than %s before departure, to a "
		    "train within the %s presale period", s->kind, b, a);
		return -1;
	}
	/* Within the edge: up to 24:00 of the ticket's date. */
	if (clock_midnight(clock_day(from) + 1, &end) == 0 && to < end)
		return 0;
	duration_format(s->change_edge, b, sizeof(b));
	snprintf(why, len, "%s: %s or less before departure, to a train "
	    "leaving before 24:00 of the ticket's date", s->kind, b);
	return -1;
}

int64_t
rebook_keep(const struct fee_schedule *s, int64_t now, int64_t from,
    int64_t to, int64_t kept)
{
	if (s->keep_rate < 0)
		return kept;
	if (from - now < s->keep_span && to - now >= s->keep_span &&
	    s->keep_rate > kept)
		return s->keep_rate;
	return kept;
}

void
fee_schedule_floor(const struct fee_schedule *s, int64_t rate,
    struct fee_schedule *out)
{
	int	 i;

	*out = *s;
	for (i = 0; i < out->nbands; i++)
		if (out->bands[i].fixed < 0 && out->bands[i].rate < rate)
			out->bands[i].rate = rate;
}

static const char load_sql[] =
    "SELECT o.kind, o.status, o.service_at, o.amount, o.rebooked,"
    " coalesce(o.fee_floor, 0), o.currency FROM orders o WHERE o.id = $1";
static const char update_sql[] =
    "UPDATE orders SET service_at = $1, amount = $2, rebooked = rebooked + 1,"
    " fee_floor = $3, updated_at = $4 WHERE id = $5";
static const char refund_sql[] =
    "INSERT INTO refund (order_id, amount, fee, status, reason, key, note,"
    " rule, requested_by, decided_by, created_at, updated_at)"
    " VALUES ($1,$2,$3,$4,'rebooking',$5,$6,$7,$8,$9,$10,$10) RETURNING id";

/* The cheaper fare's difference, refunded at the band of now. */
static int
return_difference(struct cs *cs, int64_t id, const struct fee_schedule *s,
    const char *cur, int64_t from, int64_t diff, int n, struct jbuf *j)
{
	struct fee_quote q;
	struct jbuf	 a;
	struct db_stmt	*st;
	char		 key[64], rec[32], m[32];
	const char	*status;
	int64_t		 rid;
	int		 rc;

	/* With the schedule's amounts refused for another currency. */
	fee_quote_base(s, cur, diff, diff, from - cs->now, &q);
	if (q.refused)
		return cs_error(cs, CS_DATAERR, "O%lld: %s: the difference "
		    "cannot be refunded", (long long)id, q.rule);
	snprintf(key, sizeof(key), "rebook:O%lld:%d", (long long)id, n);
	/* Within the limit of the day, like any refund; else it waits. */
	if ((rc = refund_within_limit(cs, id, diff, 0)) != 0 &&
	    rc != CS_NOPERM)
		return rc;
	cs->err[0] = '\0';
	status = rc == 0 ? "approved" : "requested";
	if ((st = db_stmt(cs->db, refund_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, diff);
	db_bind_int(st, 3, q.fee);
	db_bind_text(st, 4, status);
	db_bind_text(st, 5, key);
	db_bind_text(st, 6, "the fare difference of a rebooking");
	db_bind_text(st, 7, q.rule);
	db_bind_text(st, 8, cs->actor.name);
	db_bind_text(st, 9, *status == 'a' ? cs->actor.name : NULL);
	db_bind_int(st, 10, cs->now);
	if (db_step_id(st, &rid) != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "cannot record "
		    "the refund");
	if ((rc = refund_tally(cs, rid, NULL, status)) != 0)
		return rc;
	id_format(ID_REFUND, rid, rec, sizeof(rec));
	jbuf_str(j, "refund", rec);
	jbuf_init(&a);
	id_format(ID_ORDER, id, rec, sizeof(rec));
	jbuf_str(&a, "order", rec);
	money_format(diff, cur, m, sizeof(m));
	jbuf_str(&a, "amount", m);
	money_format(q.fee, cur, m, sizeof(m));
	jbuf_str(&a, "fee", m);
	jbuf_str(&a, "reason", "rebooking");
	jbuf_str(&a, "key", key);
	jbuf_str(&a, "status", status);
	if ((rc = cs_audit(cs, ID_REFUND, rid, "refund.request", &a)) != 0)
		return rc;
	return 0;
}

int
order_rebook(struct cs *cs, const char *spec, const char *when,
    const char *fare, int64_t *id)
{
	const struct fee_schedule *s;
	struct order_info o;
	struct db_stmt	*st;
	struct jbuf	 j;
	const char	*errstr;
	char		 kind[FEE_KIND_MAX], status[16], why[256], t[32], m[32];
	int64_t		 from, to, was, now_fare, kept, keep, paid, refunded;
	int		 rc, n, digits, has_from;

	if ((rc = order_load(cs, spec, &o)) != 0)
		return rc;
	*id = o.id;
	if ((rc = cs_get(cs, load_sql, ID_ORDER, o.id, &st)) != 0)
		return rc;
	strlcpy(kind, db_col_text(st, 0), sizeof(kind));
	strlcpy(status, db_col_text(st, 1), sizeof(status));
	has_from = !db_col_null(st, 2);
	from = db_col_int(st, 2);
	was = db_col_int(st, 3);
	n = (int)db_col_int(st, 4);
	kept = db_col_int(st, 5);
	db_reset(st);
	s = fee_schedule_of(cs->rules.fees, cs->rules.nfees, kind);
	if (s == NULL || s->change_times == 0)
		return cs_error(cs, CS_DATAERR, "O%lld: a %s order is not "
		    "rebooked", (long long)o.id, kind);
	if (strcmp(status, "paid") != 0 && strcmp(status, "issued") != 0)
		return cs_error(cs, CS_DATAERR, "O%lld is %s: only a paid or "
		    "issued ticket is rebooked", (long long)o.id, status);
	if (!has_from)
		return cs_error(cs, CS_DATAERR, "O%lld: a %s order needs its "
		    "departure time to be rebooked", (long long)o.id, kind);
	if (n >= s->change_times)
		return cs_error(cs, CS_DATAERR, "O%lld: rebooked %d time%s "
		    "already, the most a %s ticket is", (long long)o.id, n,
		    n == 1 ? "" : "s", kind);
	if (clock_parse(when, cs->now, &to, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "departure %s: %s", when,
		    errstr);
	if ((digits = money_digits(o.currency)) == -1)
		digits = 2;
	if (money_parse_digits(fare, digits, &now_fare, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "fare %s: %s", fare, errstr);
	if (now_fare == 0)
		return cs_error(cs, CS_DATAERR, "fare %s: more than zero",
		    fare);
	if (rebook_window(s, cs->now, from, to, why, sizeof(why)) == -1)
		return cs_error(cs, CS_DATAERR, "O%lld: %s", (long long)o.id,
		    why);
	/* A cheaper fare returns money the order must still hold. */
	if (now_fare < was) {
		if ((rc = order_money(cs, o.id, &paid, &refunded)) != 0)
			return rc;
		if (paid - refunded < was - now_fare) {
			money_format(was - now_fare, o.currency, m, sizeof(m));
			return cs_error(cs, CS_DATAERR, "O%lld: the %s "
			    "difference is more than is left to refund",
			    (long long)o.id, m);
		}
	}
	keep = rebook_keep(s, cs->now, from, to, kept);
	if ((st = db_stmt(cs->db, update_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, to);
	db_bind_int(st, 2, now_fare);
	if (keep > 0)
		db_bind_int(st, 3, keep);
	db_bind_int(st, 4, cs->now);
	db_bind_int(st, 5, o.id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "order"), "O%lld: cannot "
		    "update", (long long)o.id);
	jbuf_init(&j);
	clock_format_local(from, t, sizeof(t));
	jbuf_str(&j, "service_was", t);
	clock_format_local(to, t, sizeof(t));
	jbuf_str(&j, "service", t);
	money_format(was, o.currency, m, sizeof(m));
	jbuf_str(&j, "fare_was", m);
	money_format(now_fare, o.currency, m, sizeof(m));
	jbuf_str(&j, "fare", m);
	if (now_fare > was) {
		money_format(now_fare - was, o.currency, m, sizeof(m));
		jbuf_str(&j, "collect", m);
	} else if (now_fare < was) {
		money_format(was - now_fare, o.currency, m, sizeof(m));
		jbuf_str(&j, "return", m);
		if ((rc = return_difference(cs, o.id, s, o.currency, from,
		    was - now_fare, n + 1, &j)) != 0)
			return rc;
	}
	if (keep != kept) {
		money_format_digits(keep, 2, m, sizeof(m));
		strlcat(m, "%", sizeof(m));
		jbuf_str(&j, "keeps", m);
	}
	return cs_audit(cs, ID_ORDER, o.id, "order.rebook", &j);
}
