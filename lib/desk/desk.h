/*
 * desk.h: the desk's rules -- one file per noun, the reports, the
 * context every desk function carries.  Includes store.h and text.h.
 */
#ifndef CS_DESK_H
#define CS_DESK_H

#include "store/store.h"

/* ---- fee.c: refund fee schedules ---- */

#define FEE_MAXBANDS	16
#define FEE_KIND_MAX	16

enum fee_measure {
	FEE_BEFORE_SERVICE,	/* time left before departure or pickup */
	FEE_AFTER_ORDER,	/* time since the order was placed */
};

enum fee_rounding { FEE_NEAREST, FEE_UP, FEE_DOWN };

struct fee_band {
	int64_t		 from;		/* seconds: where the band starts */
	int64_t		 rate;		/* basis points of the amount (500 = 5%) */
	int64_t		 fixed;		/* a fixed fee in minor units, or -1 */
};

struct fee_schedule {
	char		 kind[FEE_KIND_MAX];	/* order kind: rail, ride, ... */
	int		 measure;	/* enum fee_measure */
	int		 inclusive;	/* a time exactly at an edge belongs
					   to the band starting there */
	struct fee_band	 bands[FEE_MAXBANDS];	/* ascending by from */
	int		 nbands;
	int64_t		 minimum;	/* least fee when there is one, minor */
	int64_t		 step;		/* the fee is a multiple of this */
	int		 rounding;	/* enum fee_rounding, to step */
	int		 refundable;	/* 0: never refunded */
	int		 has_cutoff;
	int64_t		 cutoff;	/* BEFORE_SERVICE: none when less left */
	int		 configured;	/* bands come from a file, not built-in */
	int		 change_times;	/* rebookings a ticket may have; 0 none */
	int64_t		 change_edge;	/* more than this before departure: */
	int64_t		 change_presale; /* to a train this far ahead; else
					   before 24:00 of the ticket's date */
	int64_t		 keep_span;	/* moved from inside this to beyond, */
	int64_t		 keep_rate;	/* a ticket keeps this rate; -1 none */
	/*
	 * The currency of its amounts (fixed fees, minimum, step): the
	 * desk's (rules_load fills it in), or CNY for 12306's built-in
	 * rail schedule, whatever the desk's.
	 */
	char		 currency[4];
};

struct fee_quote {
	int64_t		 amount;	/* asked for, minor units */
	int64_t		 fee;
	int64_t		 refund;	/* amount - fee */
	int		 refused;	/* no refund allowed: rule says why */
	char		 rule[256];	/* the band or reason, for people */
	char		 currency[8];	/* the order's, once quoted for one */
};

/*
 * The fee for refunding `amount` (minor units) when `elapsed` is the
 * schedule's measure: seconds before service, or since the order.  The
 * fee is computed exactly (no floating point), rounded to the step,
 * raised to the minimum when there is a fee at all, and never more than
 * the amount.  Returns 0, or -1 when the amount is out of range.
 */
int	 fee_quote(const struct fee_schedule *, int64_t amount, int64_t elapsed,
	    struct fee_quote *);
/*
 * The part of a refund of `amount` that is a refund of the order's
 * price, the only part a fee is charged on: the rest is money paid
 * beyond the price (a duplicate payment), returned whole.  Refunds that
 * paid a fee (`charged`) came out of the price first; the price left is
 * never more than paid - refunded.  All in minor units.
 */
int64_t	 fee_base(int64_t price, int64_t paid, int64_t refunded,
	    int64_t charged, int64_t amount);
/*
 * fee_quote of `base`, the part of `amount` on the price (fee_base):
 * the fee is the schedule's on base alone, q->refund is amount - fee,
 * and the rule says what was beyond the price.  A base of 0 is no fee
 * and no refusal: the surplus always goes back.  -1 when out of range.
 */
int	 fee_quote_base(const struct fee_schedule *, const char *currency,
	    int64_t amount, int64_t base, int64_t elapsed, struct fee_quote *);
/*
 * fee_quote_base where `before` of the price was refunded with a fee
 * already: the fee is the schedule's on before + base less its on
 * before, so a price refunded in parts pays what it would in one (each
 * part rounded on its own would not).
 */
int	 fee_quote_after(const struct fee_schedule *, const char *currency,
	    int64_t amount, int64_t base, int64_t before, int64_t elapsed,
	    struct fee_quote *);
/* Basis points as a percentage's number: 500 is "5", 1250 "12.5". */
void	 fee_rate_text(int64_t rate, char *buf, size_t len);
/* The built-in schedules (rail, goods, membership, deposit). */
size_t	 fee_builtin(struct fee_schedule *, size_t max);
/* "0", or a duration as duration_parse takes it: seconds, 0 or more. */
int	 fee_duration(const char *, int64_t *);
/* The schedule for an order kind, or NULL. */
const struct fee_schedule *fee_schedule_of(const struct fee_schedule *,
	    size_t n, const char *kind);

/* ---- rebook.c: a ticket changed to another train (改签) ---- */

/*
 * Whether a ticket leaving at `from` may move to a train leaving at `to`
 * at `now` under s: 0, or -1 with why ("rail: ...").
 */
int	 rebook_window(const struct fee_schedule *s, int64_t now, int64_t from,
	    int64_t to, char *why, size_t len);
/* The least refund rate (basis points) after the move; `kept` before. */
int64_t	 rebook_keep(const struct fee_schedule *s, int64_t now, int64_t from,
	    int64_t to, int64_t kept);
/* s with no percentage band below `rate` basis points, into out. */
void	 fee_schedule_floor(const struct fee_schedule *s, int64_t rate,
	    struct fee_schedule *out);

/* ---- ride.c: cancelling a ride (the Didi desk) ---- */

/* A city's cancellation rules; city "*" is every other city. */
struct ride_rule {
	char		 city[32];
	int64_t		 free_window;	/* free this long after accepting */
	int64_t		 fee;		/* then this, minor units */
	int64_t		 arrived_fee;	/* once the driver has arrived */
	int64_t		 reserved_free;	/* reserved: free until this long
					   before pickup */
	int64_t		 reserved_fee;	/* then this */
	int64_t		 late;		/* the driver is late this long after
					   accepting (reserved: after the
					   pickup time) */
	char		 currency[4];	/* of its fees: CNY built in (Didi's),
					   the desk's once a line sets them */
};

#define RIDE_MAXRULES	16

struct rules;

/* The rules of a city: its own, else "*". */
const struct ride_rule *ride_rule_of(const struct rules *, const char *city);
/* Parse "key=value" of ride-cancel into r; -1 with *errstr. */
int	 ride_rule_set(struct ride_rule *r, const char *kv,
	    const char *currency, const char **errstr);
/* "ride-cancel CITY free=2m fee=5.00 ..." as cs.conf takes it. */
void	 ride_rule_print(const struct ride_rule *r, FILE *fp);

/* Where a ride stands, as its cancellation fee depends on it. */
struct ride_case {
	const char	*status;	/* booked, accepted or arrived */
	int		 reserved;	/* a pickup time was booked */
	int64_t		 service_at;	/* reserved: that pickup time */
	int		 accepted;	/* a driver accepted */
	int64_t		 accepted_at;
};
/*
 * The one cancellation rule of a ride, at `now`: nothing before a
 * driver accepts, within the free window, for a reserved ride until the
 * lead time before pickup, or when the driver is late; else the city's
 * fee, or its arrived fee; never more than amount.  q->rule says which.
 */
void	 ride_cancel_fee(const struct ride_rule *, const struct ride_case *,
	    int64_t amount, int64_t now, struct fee_quote *q);
/* A city's name: letters of any script, digits, '.', '-', '_', '·'. */
int	 ride_city_ok(const char *);

struct cs;
/*
 * What cancelling ride order id costs the passenger now, by
 * ride_cancel_fee with its city's rules; `cs-order cancel-fee` and a
 * refund's quote both ask here.  A ride the desk cancelled costs what
 * was recorded then; one the platform reported cancelled, the rules at
 * the time the desk recorded it, in the state the ride had reached.
 * Sets cs->err; a ride started or completed is 65.
 */
int	 ride_cancel_quote(struct cs *, int64_t id, struct fee_quote *q);
/* The quote as a row of ride_cancel_cols: ORDER AMOUNT FEE RULE. */
extern const struct out_col ride_cancel_cols[];
extern const int ride_cancel_ncols;
int	 ride_cancel_row(struct cs *, int64_t id, struct out *);

/* ---- calendar.c: business time ---- */

struct rules;

#define CAL_MAXIV	6	/* working intervals in a day */

struct cal_interval {
	int		 from, until;	/* minutes of the day, [from, until) */
};

/* A date that is not like its weekday: a holiday, or a make-up day. */
struct cal_special {
	int32_t		 day;		/* civil date, days from 1970-01-01 */
	int		 niv;		/* 0: a holiday */
	struct cal_interval iv[CAL_MAXIV];
	char		 name[48];	/* 国庆节, ... */
};

struct calendar {
	char		 name[32];
	char		 tz[64];	/* the zone its hours are in */
	int		 zoned;		/* a `zone' line set tz */
	int		 always;	/* 24x7 */
	struct cal_interval week[7][CAL_MAXIV];	/* by weekday, 0 Sunday */
	int		 nweek[7];
	int		 week_set[7];	/* a file set that weekday's hours */
	struct cal_special *special;	/* sorted by day */
	size_t		 nspecial;
};

/*
 * The instant `dur` business seconds after t: 0, or -1 when the
 * calendar has no working time in the next ten years.
 */
int	 cal_add(const struct calendar *, int64_t t, int64_t dur, int64_t *due);
/* Business seconds in [t1, t2). */
int64_t	 cal_between(const struct calendar *, int64_t t1, int64_t t2);
/* 1 if the civil day is a holiday of the calendar. */
int	 cal_is_holiday(const struct calendar *, int32_t day);
/* 1 if the civil day is a one-off working day (调休) of the calendar. */
int	 cal_is_workday(const struct calendar *, int32_t day);
/* The civil day of t in the zone tz (days from 1970-01-01). */
int32_t	 cal_day_in(const char *tz, int64_t t);
/* The calendar of that name, or NULL. */
const struct calendar *cal_find(const struct rules *, const char *name);
/*
 * The desk's own calendar, whose zone and days the greeting and the
 * promise a customer reads go by: `office', else the first with hours.
 */
const struct calendar *cal_desk(const struct rules *);
/*
 * The civil day of t in c's zone, with its minute of the day, weekday
 * (0 Sunday) and "2026-11-23 18:00" in buf, each when not NULL.
 */
int32_t	 cal_local(const struct calendar *, int64_t t, int *minute,
	    int *wday, char *buf, size_t len);
/* The last year a calendar has holidays for; 0 for none (or 24x7). */
int	 cal_data_year(const struct calendar *);
/*
 * How many calendars with holiday data are used at now past their last
 * year; each said on stderr as "prefix: calendar office: ..." unless
 * prefix is NULL.
 */
int	 cal_stale(const struct rules *, int64_t now, const char *prefix);
/* "08:30" -> 510 minutes; -1 if not HH:MM from 00:00 to 24:00. */
int	 cal_hhmm(const char *);

/* ---- sla.c: service-level policies ---- */

#define SLA_DAILY	(-1)	/* update target: at least once a day */
#define SLA_MAX		32

struct sla_policy {
	char		 name[32];
	char		 category[16];	/* "" matches any */
	char		 kind[16];
	char		 tiers[128];	/* comma list */
	char		 priority[16];
	char		 channel[16];
	int64_t		 respond;	/* first response, business seconds */
	int64_t		 resolve;
	int64_t		 update;	/* 0 none, SLA_DAILY, or seconds */
	char		 calendar[32];
	char		 needs[64];	/* comma list; "" matches anyone */
};

size_t	 sla_builtin(struct sla_policy *, size_t max);
/*
 * The first policy matching a ticket, or NULL; needs is the customer's
 * special needs ("elderly,disabled", "" none): a policy naming needs
 * matches a customer with any of them.
 */
const struct sla_policy *sla_match(const struct rules *, const char *category,
	    const char *kind, const char *tier, const char *priority,
	    const char *channel, const char *needs);
const struct sla_policy *sla_named(const struct rules *, const char *name);
/* from + target on the policy's calendar (a day for SLA_DAILY); 0/-1. */
int	 sla_due(const struct rules *, const struct sla_policy *,
	    int64_t from, int64_t target, int64_t *due);
/* Business seconds from `from` to `due` on the policy's calendar. */
int64_t	 sla_left(const struct rules *, const struct sla_policy *,
	    int64_t from, int64_t due);

/* ---- lint.c: forbidden phrases (服务忌语) ---- */

/* The built-in list, NULL-terminated. */
extern const char *const lint_builtin[];
/*
 * The first phrase of list[0..n) found in text, ignoring spaces and
 * punctuation (ASCII and full-width) on both sides; NULL if clean.
 */
const char *lint_find(const char *text, char *const *list, size_t n);
/*
 * May the acting agent send a reply past the lint (-F), for this reason?
 * 0 and *role the role that allows it (force-reply), or 77 (no role) or
 * 65 (no reason); sets cs->err.
 */
int	 lint_force_ok(struct cs *, const char *reason, const char **role);

/* ---- rules.c: the desk's rules in cs.conf ---- */

/*
 * The desk's rules as cs.conf sets them.  Each desk file that owns a rule
 * registers its keywords, defaults and printing (struct rule_conf);
 * rules.c lists them and hands the keywords to config_load.
 */
struct rules {
	/*
	 * The desk's currency as rules_load read it (conf.currency), for
	 * the printers, which see only the rules; code with a struct cs
	 * reads cs->conf.currency.
	 */
	char		 currency[4];
	char		*templates;	/* reply template directory */
	char		**forbidden;	/* built-in then configured phrases */
	size_t		 nforbidden;
	int		 force_roles;	/* roles that may send past it (-F) */
	int		 morning_from;	/* greeting window, minutes of day */
	int		 morning_until;
	char		*greet_morning;
	char		*greet_default;
	char		*greet_weekend;
	char		*greet_holiday;
	struct fee_schedule fees[8];	/* refund fees per order kind */
	size_t		 nfees;
	int64_t		 refund_limit[6];	/* per role bit; -1 no limit;
						   in the desk's currency */
	int		 refund_limit_set;	/* role bits a file set */
	int64_t		 point_value;	/* minor units one point is worth */
	struct stuck {
		char	 kind[FEE_KIND_MAX];
		char	 status[16];
		int64_t	 after;		/* seconds in that state */
	}		 stuck[16];	/* when an order is stuck */
	size_t		 nstuck;
	struct sla_policy slas[SLA_MAX];	/* first match wins */
	size_t		 nslas;
	int		 slas_set;	/* a file gave its own policies */
	struct calendar	*cals;		/* business calendars */
	size_t		 ncals;
	int		 curcal;	/* index `hours` etc. apply to; -1 */
	char		**tiers;	/* customer tiers, lowest first */
	size_t		 ntiers;
	int		 tiers_set;	/* a file named them */
	/* Tiers that are memberships, sold by membership orders only. */
	struct membership_term {
		char	 tier[64];
		int64_t	 term;		/* seconds it lasts; 0: for good */
	}		 members[16];
	size_t		 nmembers;
	int		 members_set;	/* a file named them */
	/* Compensation standards: compensate NAME KIND [VALUE]. */
	struct comp_rule {
		char	 name[32];
		int	 kind;		/* enum comp_kind */
		int64_t	 v;		/* value: cap (0 none); share: basis
					   points; coupon: minor units;
					   points: a count */
		char	 currency[4];	/* of v, a cap or a coupon: CNY
					   built in, else the desk's */
	}		 comps[16];
	size_t		 ncomps;
	int		 comps_set;	/* a file named them */
	/* The escalation ladder, levels 1 to 3 (index 0 unused). */
	struct ladder_step {
		int64_t	 due;		/* to acknowledge it */
		int64_t	 solve;		/* to solve it once acknowledged */
		int	 always;	/* 24x7: not on the ticket's calendar */
		char	 owner[64];	/* agent, queue or role; "" assignee */
	}		 ladder[4];
	struct department {
		char	 name[32];	/* tech, finance, logistics */
		char	 owner[64];
		int64_t	 due;
		int64_t	 solve;		/* to solve it once acknowledged */
		int	 always;	/* 24x7 */
	}		 depts[16];
	size_t		 ndepts;
	int		 report_roles;	/* may write any incident report */
	char		*notify;	/* shell command per new escalation */
	int64_t		 warn_before;	/* sweep escalates this early; 0 */
	/* The reply promised by complexity: simple, complex (sla.c). */
	int64_t		 promise[2];
	/* Idle tickets the sweep closes (DOMAIN.md). */
	struct idle_rule {
		char	 status[16];
		char	 category[16];	/* "" any */
		char	 channel[16];
		int64_t	 after;		/* since the last change */
	}		 idle[8];
	size_t		 nidle;
	int		 idle_set;	/* a file gave its own rules */
	/* Agent score weights: response resolve satisfaction reopen. */
	int		 score_w[4];
	int		 score_split[2];	/* practice, theory */
	struct ride_rule rides[RIDE_MAXRULES];	/* [0] is "*" */
	size_t		 nrides;
	int64_t		 invoice_tax;	/* basis points of the amount: 600 */
	int64_t		 invoice_postage;	/* minor units: 5000 */
	int		 money_roles[3];	/* enum money_act: role bits */
};

/* One desk rule's part of cs.conf; the parsers get the struct rules. */
struct rule_conf {
	const struct conf_keyword *keywords;	/* NULL name ends them */
	void		(*defaults)(struct rules *);
	void		(*print)(const struct rules *, FILE *);
	void		(*free)(struct rules *);	/* or NULL */
};

extern const struct rule_conf calendar_conf;	/* calendar.c */
extern const struct rule_conf escalation_conf;	/* escalation.c */
extern const struct rule_conf fee_conf;		/* fee.c */
extern const struct rule_conf forbid_conf;	/* lint.c */
extern const struct rule_conf greeting_conf;	/* template.c */
extern const struct rule_conf invoice_conf;	/* invoice.c */
extern const struct rule_conf notify_conf;	/* notify.c */
extern const struct rule_conf point_conf;	/* grant.c */
extern const struct rule_conf refund_conf;	/* refund.c */
extern const struct rule_conf ride_conf;	/* ride.c */
extern const struct rule_conf comp_conf;	/* compensation.c */

/* ---- compensation.c: compensation standards ---- */

enum comp_kind { COMP_VALUE, COMP_SHARE, COMP_COUPON, COMP_POINTS };
/* The rule called name, or NULL. */
const struct comp_rule *comp_rule_of(const struct rules *, const char *);
/*
 * Apply rule name to an order: a refund of its declared value up to the
 * cap or of a share of it, or a grant of a coupon or points to its
 * customer; keyed comp:NAME:O<id>, so again is already done.  The
 * record made is cs->made.  Sets cs->err.
 */
int	 compensate(struct cs *, int64_t order, const char *name);
extern const struct rule_conf score_conf;	/* report_agents.c */
extern const struct rule_conf sla_conf;		/* sla.c */
extern const struct rule_conf stuck_conf;	/* order.c */
extern const struct rule_conf sweep_conf;	/* sweep.c */
extern const struct rule_conf templates_conf;	/* template.c */
extern const struct rule_conf tier_conf;	/* customer.c */

/*
 * config_load with every rule's keywords: the core into c, the desk's
 * rules into r, each from its defaults.  0 or 78.
 */
int	 rules_load(struct config *c, struct rules *r, const char *path);
void	 rules_free(struct rules *);
/* The effective configuration in cs.conf syntax (cs-report config). */
void	 rules_print(const struct config *, const struct rules *, FILE *);

/* ---- the context every program carries ---- */

struct cs {
	struct config	 conf;
	struct rules	 rules;
	struct agent	 actor;
	struct db	*db;		/* open when opened is set */
	struct out_opts	 out;
	const char	*dbopt;		/* -d */
	const char	*confopt;	/* -c */
	int		 report;	/* a report: from report-database */
	int		 existing;	/* a writer making no desk (sweep) */
	int		 quiet;		/* -q */
	int64_t		 now;		/* the clock: CS_NOW, "as of" */
	int64_t		 stamp;		/* the clock a change is stamped by */
	int		 stamp_real;	/* stamp by the real clock, read again */
	int		 opened;	/* db is open */
	int		 writer;	/* for writing (cs_open's DB_WRITE) */
	int		 made_type;	/* a change made a record of its own: */
	int64_t		 made;		/* cs_apply prints it instead */
	char		 err[512];	/* message of the last rules-layer failure */
	char		 unmasked[64];	/* the command --unmask holds, or "" */
};

/*
 * The rules layer (customer.c, ticket.c, ...) does not print: it puts the
 * message in cs->err and returns the status, so a command can print it
 * as "cs-PROG: message" and an import as "FILE:LINE: message".
 */
int	 cs_error(struct cs *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
#ifdef __clang_analyzer__
/*
 * The analyzer sees one file at a time: it would take an error path's
 * return for a success and report the out-parameters the path leaves
 * unset.  Tell it what cs.c and db.c guarantee: cs_error returns its
 * status and db_fail a nonzero one.  (The definitions are spelled
 * (cs_error) and (db_fail), which these macros leave alone.)
 */
#define cs_error(cs, status, ...) __extension__ ({			\
	int cs_error_st_ = (status);					\
	(cs_error)((cs), cs_error_st_, __VA_ARGS__);			\
	cs_error_st_; })
#define db_fail(db, what) __extension__ ({				\
	int db_fail_st_ = (db_fail)((db), (what));			\
	__builtin_assume(db_fail_st_ != 0);				\
	db_fail_st_; })
#endif

/*
 * Load configuration, clock and actor; 0 or an exit status.  A calendar
 * past its last year of holidays at the clock changes are stamped by is
 * said on stderr (cs_stale).
 */
int	 cs_init(struct cs *);
/* The calendars stale at t (cal_stale), said unless said for t before. */
int	 cs_stale(struct cs *, int64_t t);
/* Open the database once, for reading or writing. */
int	 cs_open(struct cs *, int mode);
void	 cs_done(struct cs *);
/*
 * The open desk copied into dest, an empty PostgreSQL database (its
 * schema made as a first write makes it), by an admin: each table's
 * rows printed to fp as copied, then the copy's audit chain verified
 * ("audit: N records, chain intact, last HASH").  0 or an exit status.
 */
int	 cs_copy(struct cs *, const char *dest, FILE *fp);
/* cs_done at the program's end, a reader's connection left to the exit. */
void	 cs_exit(struct cs *);
/* Handle an option common to every subcommand; 1 if it was one. */
int	 cs_option(struct cs *, int ch, const char *arg);
/* The common options, for getopt strings and usage lines. */
#define CS_OPTSTR	"c:d:HjM:o:qU"
/* Index of word in a NULL-terminated list, or -1. */
int	 word_index(const char *const *list, const char *word);
/*
 * A name of an agent, queue or template: letters, digits, '.', '_', '-',
 * not starting with '.' or '-', shorter than 64.
 */
int	 cs_name_ok(const char *);
/* Add word to buf's list ("created_at, complexity"). */
void	 cs_words_add(char *buf, size_t len, const char *word);
/*
 * A field an import may give of a record it knows, and the desk's own
 * change of it: the trail's action, and the key its detail then has
 * (NULL: the desk never changes it).
 */
struct cs_field {
	const char	*name, *action, *key;
};
/*
 * The names of the fields f[i] whose bit i is set in differ (the line
 * gives them otherwise), but for those the desk changed since, as a
 * list into buf ("" for none).  0 or the status of a failed read.
 */
int	 cs_fields_said(struct cs *, int type, int64_t id,
	    const struct cs_field *f, size_t n, unsigned differ, char *buf,
	    size_t len);
/*
 * Apply one change to one record: BEGIN IMMEDIATE, fn, COMMIT, or
 * ROLLBACK and print cs->err.  Prints the ID on success unless -q, or
 * the record fn made when it set cs->made_type and cs->made.
 */
typedef int change_fn(struct cs *, int64_t id, void *arg);
int	 cs_apply(struct cs *, int type, int64_t id, change_fn *, void *arg);
/*
 * BEGIN a change (db_begin), and on the real clock read it again: a
 * change is stamped by the time it got the database.
 */
int	 cs_begin(struct cs *);
/*
 * End the change cs_begin began: commit when rc is 0, else roll back and
 * say cs->err if the change left one.  rc, or the commit's status.
 */
int	 cs_end(struct cs *, int rc);
/*
 * The audit record of a change to record type+id, inside the change's
 * transaction; j is ended and freed.  Sets cs->err on failure.
 */
/*
 * Append an audit record stamped `when' for record rec ("T12", "-"),
 * refused (65) when that is before the last record's time, unless the
 * configuration says `clock-env replay'.  0, or the status with cs->err.
 */
int	 cs_trail(struct cs *, int64_t when, const char *action,
	    const char *rec, const char *detail);
/*
 * A time given on input, for what (created_at), no later than ahead
 * seconds after now: 0 for what has happened (CS_TIME_FACT), a year for
 * what is planned (CS_TIME_PLAN).  0, or 65 with cs->err.
 */
#define CS_TIME_FACT	0
#define CS_TIME_PLAN	(366 * 86400)
int	 cs_time_ok(struct cs *, const char *what, int64_t t, int64_t ahead);
int	 cs_audit(struct cs *, int type, int64_t id, const char *action,
	    struct jbuf *j);
/* The same, the record's row as the statement that wrote it returned it. */
int	 cs_audit_row(struct cs *, int type, int64_t id, const char *action,
	    struct jbuf *j, struct db_stmt *row);
/*
 * Records of type that hang on ticket `from' moved to ticket `into' (a
 * merge): sel reads their IDs ($1 from), upd moves one ($1 into, $2 now,
 * $3 the ID); each is audited as `action' with where it came from and
 * went, and *moved gets "E3,E7" (to free; NULL for none).
 */
int	 cs_move(struct cs *, const char *sel, const char *upd, int type,
	    const char *action, int64_t from, int64_t into, char **moved);
/*
 * --unmask: a role that allows it, the database opened to write the
 * look's audit record, and the output held back (out_hold) until
 * cs_unmask_done has written it.  what is the command ("cs-ticket ls").
 */
int	 cs_unmask(struct cs *, const char *what);
/*
 * After an unmasked command (rc its status): the audit record of what
 * its output shows whole (out_revealed), committed before any of the
 * output is let out; no record when nothing personal was shown.  The
 * output is dropped if the record cannot be written.  0 or a status.
 */
int	 cs_unmask_done(struct cs *);
/*
 * Read all of stdin as one text (a reply, a body): valid UTF-8, at most
 * CS_TEXT_MAX bytes, final newline dropped.  0 or 65, reported.
 */
int	 cs_read_text(const char *what, char **out);
/* Print a created or touched ID on stdout unless -q. */
void	 cs_print_id(struct cs *, int type, int64_t id);
/*
 * A listing: each row of st (prepared and bound) as its first ncols
 * cells to o, then st reset.  0, the output's status, or a database
 * error's, reported with what ("refunds").
 */
int	 cs_rows(struct cs *, struct db_stmt *st, struct out *o, int ncols,
	    const char *what);
/*
 * Get one record: sql is a one-row query bound to its ID ($1).  0 with
 * *st on the row (read it, then db_reset it), or the status with cs->err
 * set: 66 "T12: no such ticket", or a database error's.
 */
int	 cs_get(struct cs *, const char *sql, int type, int64_t id,
	    struct db_stmt **st);
/* cs_get for a show command: a failure is said on stderr. */
int	 cs_show_get(struct cs *, const char *sql, int type, int64_t id,
	    struct db_stmt **);
/* A listing's -S and -u: 0, or 64 when -u is not after -S (cs->err). */
int	 cs_period_ok(struct cs *, int has_since, int64_t since, int has_until,
	    int64_t until);
/*
 * Idempotency keys.  cs_key_check: a key given is one word of at most
 * 127 bytes (else 65).  cs_key_find: sql looks up the record of a key
 * ($1): 0 with *st on its row (read it, then db_reset it), 66 when the
 * key is new (cs->err untouched), or a database error's status (what
 * names the record kind for the diagnostic).
 */
int	 cs_key_check(struct cs *, const char *key);
int	 cs_key_find(struct cs *, const char *sql, const char *key,
	    const char *what, struct db_stmt **st);

/* ---- customer.c ---- */

/*
 * Find a customer by C-id, bare number, "tel:PHONE" or a bare phone
 * number.  Unknown: 66.  With create_name set and an unknown phone, the
 * customer is created (inside the caller's transaction).  Sets cs->err.
 */
int	 customer_find(struct cs *, const char *spec, const char *create_name,
	    int64_t *id);
/* 1 if name is one line of printable UTF-8; else *why says what is wrong. */
int	 customer_name_ok(const char *name, const char **why);
/*
 * The names whose free text is about to be shown as the record rec's
 * ("T12", "E3", "-"): its customer's, and a dispute's counterparty's
 * too, set with out_prose_names so the text shows them masked.  The
 * last record asked for is remembered: rows of one record ask once.
 */
int	 customer_of(struct cs *, const char *rec);
int	 customer_of_id(struct cs *, int type, int64_t id);

/* A customer's fields; NULL leaves a field as it is. */
struct customer_in {
	const char	*name, *phone;
	const char	*idcard;	/* "" clears it */
	const char	*email, *tier;
	const char	*needs;		/* elderly,pregnant,disabled; "" none */
	const char	*role;		/* passenger driver buyer seller ... */
};

/* Validated (ID card, e-mail, tier, needs, role) and audited. */
int	 customer_add(struct cs *, const struct customer_in *, int64_t *id);
/*
 * The same for a known customer; a tier that is a membership, given or
 * held, changes only through a membership order (65).
 */
int	 customer_update(struct cs *, int64_t id, const struct customer_in *);
/* A membership tier's entry in cs.conf, or NULL for another tier. */
const struct membership_term *membership_of(const struct rules *,
	    const char *tier);
/*
 * A customer's tier at time `at`: a membership that ended by then is the
 * tier it left the customer in (tier_after).  buf holds 64 bytes.
 */
int	 customer_tier(struct cs *, int64_t id, int64_t at, char *buf,
	    size_t len);
/* The SQL of that tier, for customer c as of the time bound as $N. */
/*
 * A ticket t's category and kind as of a moment n (a placeholder): as
 * it is unless changed since (set_at), else the first value a change
 * after n took away, from the trail.  TICKET_WAS: that value of field,
 * '' for none (a kind that was NULL), NULL when no change took it.
 */
#define TICKET_WAS(field, n)						\
    "(SELECT coalesce(a.detail ->> '" field "_from', '') FROM audit a"	\
    " WHERE a.record = 'T' || t.id AND a.action = 'ticket.set' AND"	\
    " a.at > " n " AND strpos(CAST(a.detail AS TEXT), '\"" field	\
    "_from\"') > 0 ORDER BY a.seq LIMIT 1)"
#define TICKET_CATEGORY_AT(n)						\
    "CASE WHEN t.set_at > " n " THEN coalesce("			\
    TICKET_WAS("category", n) ", t.category) ELSE t.category END"
#define TICKET_KIND_AT(n)						\
    "CASE WHEN t.set_at > " n " THEN nullif(coalesce("			\
    TICKET_WAS("kind", n) ", coalesce(t.kind, '')), '') ELSE t.kind END"
/*
 * A ticket t's status as of a moment n: as it is unless it changed
 * since (updated_at, which every move bumps), else the last move's by
 * then from the trail (a new ticket is open); merged by then, closed.
 */
#define TICKET_STATUS_AT(n)						\
    "CASE WHEN t.merged_at <= " n " THEN 'closed' WHEN t.updated_at <= "\
    n " THEN t.status ELSE coalesce((SELECT a.detail ->> 'to' FROM audit"\
    " a WHERE a.record = 'T' || t.id AND a.action IN ('ticket.pend',"	\
    " 'ticket.resolve', 'ticket.close', 'ticket.reopen') AND a.at <= " n\
    " ORDER BY a.seq DESC LIMIT 1), 'open') END"
#define CUSTOMER_TIER_AT(n)						\
    "CASE WHEN c.tier_until <= " n " THEN c.tier_after ELSE c.tier END"
extern const struct out_col customer_cols[];
extern const int customer_ncols;
/* One customer (id) or all, maybe of one tier; sets cs->err. */
int	 customer_list(struct cs *, int64_t id, const char *tier,
	    struct out *);
/* One customer, a field a line, masked unless -U; its own diagnostics. */
int	 customer_show(struct cs *, int64_t id, FILE *);

/* ---- ticket.c: the ticket desk ---- */

extern const char *const ticket_categories[];
extern const char *const ticket_kinds[];
extern const char *const ticket_priorities[];
extern const char *const ticket_channels[];
extern const char *const ticket_statuses[];
extern const char *const ticket_complexities[];

struct ticket_new {
	const char	*customer;	/* C-id or phone */
	const char	*customer_name;	/* creates an unknown phone */
	const char	*order;		/* O-id or ref:..., optional */
	const char	*category;
	const char	*kind;		/* quality | business, complaints */
	const char	*priority;
	const char	*channel;
	const char	*subject;
	const char	*body;
	int64_t		 created_at;	/* 0: now */
	const char	*ref;		/* on the desk it came from, or NULL */
	const char	*complexity;	/* simple | complex, or NULL */
};

/*
 * The changes.  Each runs inside the caller's transaction, writes its
 * audit record, and on failure sets cs->err and returns the status.
 */
int	 ticket_create(struct cs *, const struct ticket_new *, int64_t *id);
/*
 * An imported ticket: created, or, when its ref is known with the same
 * customer, category and subject, left as it is (*changed 0), the names
 * of the other fields the line gives otherwise (created_at, channel,
 * priority, complexity, kind unless reclassified) in others, "" for
 * none; a known ref with another customer, category or subject is 65.
 */
int	 ticket_import(struct cs *, const struct ticket_new *, int64_t *id,
	    int *changed, char *others, size_t len);
/* 0, or 66 with cs->err set. */
int	 ticket_exists(struct cs *, int64_t id);
/* action: pend, resolve, close, reopen; a wrong state is 65. */
int	 ticket_transition(struct cs *, int64_t id, const char *action);
/*
 * A reply or an internal note.  A reply's own text (body, or own when it
 * is not NULL: the body without the customer's words a template filled
 * in) is linted; a forbidden phrase is refused unless force gives the
 * reason to send it anyway (a role in force-reply; both audited).
 */
int	 ticket_reply(struct cs *, int64_t id, int note, const char *body,
	    const char *own, const char *force);
/* What an agent writes to tickets, and how (ticket_answer). */
struct ticket_text {
	const char	*text;		/* -m or stdin */
	const char	*tmpl;		/* -t */
	int		 note;
	const char	*force;		/* -F reason */
	const char	*from;		/* where the text came from */
};
/*
 * One ticket's reply or note from a struct ticket_text (arg): a reply's
 * text is filled like a template (template_fill), a note kept as written.
 */
int	 ticket_answer(struct cs *, int64_t id, void *arg);
int	 ticket_assign(struct cs *, int64_t id, const char *to);
/* A call-back, kept with the others; it counts for who resolved it. */
int	 ticket_callback(struct cs *, int64_t id, int score,
	    const char *comment);
/*
 * Mark a ticket simple or complex: the promised reply is due its
 * configured time (promise) after the ticket opened, on its calendar.
 */
int	 ticket_complexity(struct cs *, int64_t id, const char *complexity);
/* Typed text: valid UTF-8, not empty, at most max bytes; sets cs->err. */
int	 text_ok(struct cs *, const char *what, const char *s, size_t max);

/* ---- order.c: orders ---- */

struct order_in {
	const char	*ref;		/* the platform's order number */
	const char	*kind;		/* rail ride goods membership deposit */
	int64_t		 amount;	/* minor units */
	const char	*currency;
	const char	*status;
	const char	*customer;	/* phone or C-id */
	const char	*customer_name;
	int64_t		 service_at;	/* departure or pickup; 0: none */
	int64_t		 created_at;	/* 0: now */
	const char	*item;		/* membership: the tier bought */
	const char	*city;		/* ride: whose cancellation rules */
	const char	*pickup, *destination;	/* ride: where from, to */
	int64_t		 status_at;	/* the platform's time of status; 0 */
	const char	*where;		/* "FILE:LINE" for a warning, or NULL */
	const char	*txn;		/* add: paid in full by this payment */
};

#define CHECK_DUP	0x1	/* duplicate payments */
#define CHECK_FAILED	0x2	/* failed or cancelled, holding money */
#define CHECK_STUCK	0x4	/* in a state longer than configured */
#define CHECK_UNPAID	0x8	/* in a paid state with nothing paid */

/* An order as a refund or a ticket needs it, in one indexed lookup. */
struct order_info {
	int64_t		 id, customer;
	char		 kind[FEE_KIND_MAX];
	int		 has_service;
	int64_t		 service_at, created_at;
	char		 currency[8];
	char		 status[16];
	int64_t		 paid, refunded;	/* order_load_money only */
};

/* By O-id or "ref:REF"; unknown is 66, a wrong type 65.  Sets cs->err. */
int	 order_load(struct cs *, const char *spec, struct order_info *);
/*
 * The same and, in the same statement, what order_money reads: paid
 * -1 when the stored payments add up past MONEY_MAX (order_money_bad).
 */
int	 order_load_money(struct cs *, const char *spec,
	    struct order_info *);
/*
 * order_load_money for each of ids[n] (a batch's, in one statement):
 * o[i] and found[i], 0 when there is no such order; limit[i] its
 * limit_day and limit_total (the day's refunds that limits count).
 * 0, or a database error's status with cs->err.
 */
int	 order_load_money_many(struct cs *, const int64_t *ids, size_t n,
	    struct order_info *o, int64_t (*limit)[2], int *found);
/* The same, for the ID and the customer only. */
int	 order_find(struct cs *, const char *spec, int64_t *id,
	    int64_t *customer);
/* Where an order of kind starts: booked, placed, paid. */
const char *order_first_state(const char *kind);
/*
 * 0 if order's state still holds once `less' of its refunds no longer
 * counts (a refund rejected): a ticket refunded or a deposit returned
 * stands only on refunds of all that was paid; else 65, said in cs->err.
 */
int	 order_back_holds(struct cs *, int64_t order, int64_t less);
/*
 * 1 if status says an order of kind was paid: paid and the states after
 * it but cancelled and failed (a ride: none).
 */
int	 order_state_paid(const char *kind, const char *status);
/* 0 if status is one of kind's states; else 65 with cs->err. */
int	 order_state_ok(struct cs *, const char *kind, const char *status);
/* ls -k and -s: a known kind, a status some kind (or that one) has; 64. */
int	 order_filter_ok(struct cs *, const char *kind, const char *status);
/*
 * An order typed in by an agent, inside the caller's transaction: the
 * amount in its currency, more than zero; a ref not recorded before; its
 * kind's first state unless a status is given.  With txn, paid in full
 * now by that transaction (payment_record: the role that records
 * payments), and "paid" its first state where its kind has one;
 * without, a state that says it was paid (order_state_paid) is 65.
 * Sets cs->err.
 */
int	 order_add(struct cs *, struct order_in *, const char *amount,
	    int64_t *id);
/*
 * Record an order as the platform reports it: new, or a known one whose
 * status moved (history and audit); the same again changes nothing.
 * *changed says whether anything was written.  An import's line (where
 * set) in a state that says it was paid, with nothing paid on record,
 * is recorded with a warning on stderr.
 */
int	 order_record(struct cs *, const struct order_in *, int64_t *id,
	    int *changed);
int	 order_set_status(struct cs *, int64_t id, const char *from,
	    const char *to, const char *tracking, int *changed);
/*
 * A move the desk makes (cancel, ship with a tracking number, ...):
 * held to the kind's state machine; a wrong move is 65 naming the
 * current state and where it can go.
 */
int	 order_move(struct cs *, int64_t id, const char *to,
	    const char *tracking);
/*
 * A ride's new pickup or destination (NULL: unchanged), with the old and
 * new in the order's history; a ride not booked, accepted or arrived
 * is 65.
 */
int	 order_route(struct cs *, int64_t id, const char *pickup,
	    const char *destination);
/*
 * Rebook (改签) order spec to a train leaving `when` at `fare`, inside the
 * caller's transaction, under its kind's fee schedule (rebook.c): the
 * new departure and fare on the order, the old in its history; a cheaper
 * fare's difference refunded (reason rebooking) at the band of now; a
 * dearer one left to collect.  Sets cs->err.
 */
int	 order_rebook(struct cs *, const char *spec, const char *when,
	    const char *fare, int64_t *id);
/*
 * Print abnormal orders as ORDER AMOUNT KEY DETAIL lines: TSV (-H: a
 * header) or JSON Lines (-j), as cs->out says.
 */
int	 order_check(struct cs *, int what, FILE *);
/* Its columns: what cs-refund batch reads, and the header of its -H. */
extern const struct out_col check_cols[];
extern const int check_ncols;

/* ---- payment.c: payments ---- */

struct payment_in {
	const char	*order_ref;
	const char	*txn;		/* the payment system's number */
	int64_t		 amount;
	int64_t		 paid_at;
	const char	*status;	/* ok or failed */
	const char	*channel;
	const char	*where;		/* file:line of an import, or NULL */
};

/*
 * A payment, idempotent by txn; a txn seen with other values is 65, and
 * with another paid_at only said (the one recorded stays).
 */
int	 payment_record(struct cs *, const struct payment_in *, int64_t *id,
	    int *changed);
/* Paid (successful payments) and refunded (refunds not rejected/failed). */
int	 order_money(struct cs *, int64_t order, int64_t *paid,
	    int64_t *refunded);
/* 65: the order's stored payments add up past MONEY_MAX (money_sum). */
int	 order_money_bad(struct cs *, int64_t order);

/* ---- order_list.c: reading orders ---- */

extern const struct out_col order_cols[];
extern const int order_ncols;
struct order_filter {
	const char	*customer;	/* C-id or phone */
	const char	*order;		/* O-id or ref: */
	const char	*status, *kind;
	int64_t		 since, until;	/* created in [since, until) */
	int		 has_since, has_until;
};

/*
 * One indexed lookup — by customer, else order, else status, else time —
 * the other filters applied to its rows.  Sets cs->err.
 */
int	 order_list(struct cs *, const struct order_filter *, struct out *);
/* One order in full; prints its own diagnostics. */
int	 order_show(struct cs *, int64_t id, FILE *);

/* ---- invoice.c: invoices for paid orders ---- */

/*
 * tax = amount * rate / 10000 (rate in basis points), rounded half up to
 * the minor unit; total = amount + tax + postage.  -1 when an argument is
 * negative, the rate above 100%, or a result would overflow.
 */
int	 invoice_amount(int64_t amount, int64_t rate, int64_t postage,
	    int64_t *tax, int64_t *total);
/* "6", "6%", "6.5%" as basis points (600, 650), at most 100%. */
int	 invoice_rate_parse(const char *, int64_t *bp, const char **errstr);

struct invoice_in {
	const char	*order;		/* O-id or ref: */
	const char	*company, *address, *phone, *contact;
};

/*
 * Request the invoice of a paid order (one per order), at the configured
 * tax and postage, inside the caller's transaction.  Sets cs->err.
 */
int	 invoice_request(struct cs *, const struct invoice_in *, int64_t *id);
/*
 * To "issued" (number: the tax invoice's, its own) or "mailed" (number:
 * the tracking number), both needed (64); the same move again with the
 * same number is done, with another or from a wrong state 65.  An order
 * refunded in full gets no invoice issued.
 */
int	 invoice_move(struct cs *, int64_t id, const char *to,
	    const char *number);

struct invoice_filter {
	int64_t		 id;		/* one invoice; 0 any */
	const char	*order;		/* O-id or ref: */
	const char	*status;
	int64_t		 since, until;	/* requested in [since, until) */
	int		 has_since, has_until;
	int		 live;		/* leave out refunded orders' */
	int64_t		 count;		/* out: rows listed */
	int64_t		 left_out;	/* out: left out so, each named */
};
extern const struct out_col invoice_cols[];
extern const int invoice_ncols;
int	 invoice_list(struct cs *, struct invoice_filter *, struct out *);
/* One invoice in full; prints its own diagnostics. */
int	 invoice_show(struct cs *, int64_t id, FILE *);
/*
 * For the invoicing system, to fp: the invoices requested in the month
 * (as period_set reads it: "today", "2026-11") and still requested, as
 * TSV (or JSON Lines) in full, with an audit record of the export;
 * inside a write transaction.  The invoice of an order refunded in full
 * is left out, each named on stderr.  Only finance, supervisors,
 * managers and admins take that personal data (77); a month that is
 * none is 64.
 */
int	 invoice_export(struct cs *, const char *month, FILE *);

/* ---- refund.c: quotes, requests, batches ---- */

extern const char *const refund_reasons[];

struct refund_in {
	const char	*order;		/* O-id or ref: */
	const char	*amount;	/* "12.50" or "full" */
	const char	*reason;
	const char	*key;		/* NULL: derived */
	const char	*note;
	int64_t		 dispute;	/* advance compensation: its dispute */
	int64_t		 owed_by;	/* and the counterparty who owes it */
};

enum refund_outcome {
	REFUND_APPLIED,		/* approved, within the actor's limit */
	REFUND_WAITING,		/* requested, above the limit */
	REFUND_DONE_BEFORE,	/* the key was already there */
	REFUND_WAITING_BEFORE,	/* and its refund or grant still waits */
};

/*
 * Quote a refund of amount ("full" or an amount) of the order spec, at
 * cs->now: the fee schedule of its kind; the order's ID in *order.  Pure:
 * writes nothing.  Sets cs->err.
 */
int	 refund_quote(struct cs *, const char *spec, const char *amount,
	    int64_t *order, struct fee_quote *);
/*
 * Request a refund inside the caller's transaction: checked against what
 * is left to refund, its fee from the schedule when the reason is the
 * customer's (cancellation, return), approved within the actor's limit
 * or left requested.  A known key is REFUND_DONE_BEFORE (or
 * REFUND_WAITING_BEFORE, its refund still requested), or 65 when it
 * names another order or amount.  Sets cs->err.
 */
int	 refund_request(struct cs *, const struct refund_in *, int64_t *id,
	    int *outcome, struct fee_quote *);

/*
 * What a line of a batch came to: 0 or its rejection's status, said in
 * msg (which may also hold a word on a line done before), its outcome
 * and the ID it made or found.
 */
struct batch_res {
	int		 rc;
	int		 outcome;
	int64_t		 id;
	char		 msg[512];
};
/*
 * refund_request for each of in[n] in order, as a batch's lines, in a
 * few statements for many lines: res[i] is line i's.  0, or a fatal
 * status (the open transaction is to be rolled back).
 */
int	 refund_request_many(struct cs *, const struct refund_in *, size_t n,
	    struct batch_res *res);

/*
 * Approve or reject (with why) a requested refund; an approved one may
 * still be rejected before export.  The amount must be within the
 * actor's limit, and nobody approves what they requested (77).
 */
int	 refund_decide(struct cs *, int64_t id, int approve, const char *why);
/*
 * What moves money, each allowed to the roles of `money-role` in
 * cs.conf (finance and admin by default): exporting refunds to the
 * payment system, settling its answers, recording payments.
 */
enum money_act { MONEY_EXPORT, MONEY_SETTLE, MONEY_PAYMENTS };
extern const char *const money_actions[];	/* their cs.conf words */
/* 0 if the actor has a role for act, else 77 with cs->err set. */
int	 money_require(struct cs *, int act);
/*
 * A new export, in the caller's transaction: a numbered batch of the
 * approved refunds (resend: of the sent ones with no answer), their
 * payouts recorded and the refunds marked sent.  *batch is 0 when there
 * was nothing to export.  Print it once committed, with
 * refund_export_print.
 */
int	 refund_export(struct cs *, int resend, int64_t *batch,
	    int64_t *count);
/* Record a print of an earlier export (66 if none such). */
int	 refund_export_again(struct cs *, int64_t batch);
/* An export's lines as committed; those answered since left out, named. */
int	 refund_export_print(struct cs *, int64_t batch, struct out *);
extern const struct out_col export_cols[];
extern const int export_ncols;
/* The exports, with how many of each still wait for an answer. */
int	 refund_exports(struct cs *, struct out *);
extern const struct out_col batch_cols[];
extern const int batch_ncols;
/*
 * The payment system's answer for a sent refund: "ok" (paid, with its
 * txn) or "failed"; key, if not NULL, the payout key of the attempt it
 * answers.  The same answer again changes nothing.
 */
int	 refund_settle(struct cs *, int64_t id, const char *result,
	    const char *txn, const char *key, int *changed);
/* One refund in full, with its history; prints its own diagnostics. */
int	 refund_show(struct cs *, int64_t id, FILE *);
/* The actor's approval limit, minor units: the highest of their roles'
 * (-1: none).  Refunds, write-offs and grants are held to it. */
int64_t	 refund_approval_limit(const struct cs *);
/*
 * A grant let go of by the actor (refund_within_limit with order 0
 * checked it): counted on the actor's day, as an approved refund is.
 */
int	 refund_day_count(struct cs *, int type, int64_t id, int64_t worth);
/*
 * 0 if amount more on order, released by the actor now, keeps within
 * the actor's approval limit the actor's refunds of the desk's day and
 * the order's (mine: the refund is counted on the order today already);
 * else 77 with cs->err saying whose total it would be.
 */
int	 refund_within_limit(struct cs *, int64_t order, int64_t amount,
	    int mine);
/*
 * Refund id moved from status from (NULL: just made) to to: its order's
 * kept totals (refund_pending, refund_paid) follow, in the same
 * transaction, and the day's totals of approval limits.  Every insert
 * or status change of a refund calls it.
 */
int	 refund_tally(struct cs *, int64_t id, const char *from,
	    const char *to);

/* ---- advance.c: advances, compensation paid first (先行赔付) ---- */

/*
 * The platform pays the customer of a dispute before the counterparty
 * does: a compensation refund on the dispute's order, approved within
 * the actor's limit like any refund, owed by the counterparty.  The
 * dispute must be under intervention or decided (not for the
 * counterparty; a split caps it at the customer's amount).  amount is
 * an amount or "full".  Sets cs->err.
 */
int	 advance_request(struct cs *, int64_t dispute, const char *amount,
	    const char *key, const char *note, int64_t *id, int *outcome);
/* Money the counterparty paid back: amount, or NULL for all owed. */
int	 advance_recover(struct cs *, int64_t refund, const char *amount);
/* Give up what is still owed: within the actor's approval limit. */
int	 advance_writeoff(struct cs *, int64_t refund, const char *why);
/*
 * A dispute's decision against its advances: the counterparty owes at
 * most share (the customer's, minor units); the rest advanced is the
 * platform's loss, on each advance (platform_loss) and in its history.
 */
int	 advance_reconcile(struct cs *, int64_t dispute, const char *decision,
	    int64_t share);
extern const struct out_col owed_cols[];
extern const int owed_ncols;
/* Per counterparty: advanced, recovered, written off, outstanding. */
int	 advance_owed(struct cs *, int all, struct out *);

extern const struct out_col refund_cols[];
extern const int refund_ncols;
extern const struct out_col quote_cols[];
extern const int quote_ncols;
/* A quote as a row of quote_cols. */
int	 refund_quote_row(struct out *, int64_t order,
	    const struct fee_quote *);
int	 refund_list(struct cs *, const char *status, const char *order,
	    const char *customer,
	    struct out *);

/* ---- grant.c: grants, compensation in kind (coupons, points) ---- */

extern const char *const grant_kinds[];
extern const char *const grant_reasons[];

struct grant_in {
	const char	*customer;	/* C-id or phone */
	const char	*order;		/* optional: the customer's order */
	const char	*kind;		/* coupon or points */
	const char	*value;		/* "20.00" for a coupon, "500" points */
	const char	*expiry;	/* a duration or a time; NULL: 30d */
	const char	*reason;
	const char	*key;		/* NULL: derived */
	const char	*note;
};

/* A coupon's money or a number of points; -1 with *errstr. */
int	 grant_parse_value(const char *kind, const char *s, const char *cur,
	    int64_t *value, const char **errstr);
/*
 * Grant inside the caller's transaction: approved when what it is worth
 * is within the actor's approval limit, else requested.  *outcome is a
 * refund_outcome; a known key is REFUND_DONE_BEFORE (or
 * REFUND_WAITING_BEFORE, its grant still requested), or 65 when it
 * names another customer, kind or value.  Sets cs->err.
 */
int	 grant_request(struct cs *, const struct grant_in *, int64_t *id,
	    int *outcome);
/* Approve or reject (with why) a requested grant, as refund_decide. */
int	 grant_decide(struct cs *, int64_t id, int approve, const char *why);
extern const struct out_col grant_cols[];
extern const int grant_ncols;
int	 grant_list(struct cs *, const char *status, const char *customer,
	    struct out *);
/* One grant in full, with its history; prints its own diagnostics. */
int	 grant_show(struct cs *, int64_t id, FILE *);

/* ---- ticket_list.c: reading tickets ---- */

struct ticket_filter {
	const char	*statuses;	/* "open" or "open,pending": any */
	const char	*category, *kind, *priority, *channel;
	const char	*assignee;
	const char	*customer;	/* C-id or phone */
	const char	*order;		/* O-id or ref: */
	const char	*ref;		/* its reference on its old desk */
	const char	*text;		/* literal text in the subject */
	const char	*search;	/* -f: in subject, body, replies, notes */
	const char	*phone_tail;	/* -P: the customer's last 4 digits */
	const char	*name;		/* -N: the customer's name */
	int64_t		 since, until;	/* created in [since, until) */
	int		 has_since, has_until;
	const char	*sort;		/* id created updated priority, -KEY */
	int64_t		 limit;		/* 0: no limit */
	int		 breached;	/* --breached: recorded or overdue */
	int64_t		 due_within;	/* --due-within: seconds, 0 off */
	int		 awaiting_callback;	/* resolved, not called back */
	int		 fixed;		/* --fixed: customer not yet told */
};

extern const struct out_col ticket_cols[];
extern const int ticket_ncols;

/* These print their own diagnostics and return an exit status. */
int	 ticket_list(struct cs *, const struct ticket_filter *, struct out *);

/* ---- ticket_set.c: a ticket reclassified ---- */

struct ticket_change {
	const char	*category, *kind, *priority;	/* NULL: as it is */
};
/* change_fn: arg is a struct ticket_change; deadlines follow. */
int	 ticket_set(struct cs *, int64_t id, void *arg);
/* The duplicate dup merged into the ticket `into' names; 0 if it was. */
int	 ticket_merge(struct cs *, int64_t dup, const char *into);
/* ticket_assign and, unless note is NULL, the note, in one change. */
int	 ticket_transfer(struct cs *, int64_t id, const char *to,
	    const char *note);
int	 ticket_show(struct cs *, int64_t id, FILE *);
/*
 * show -j: "key":[{...},...], one object per row of st (already bound),
 * its columns described by cols[0..ncols); st is reset.
 */
int	 show_json_rows(struct cs *, FILE *, const char *key,
	    struct db_stmt *st, const struct out_col *cols, int ncols);

/* ---- history.c: a record's history from the audit trail ---- */

extern const struct out_col history_cols[];
extern const int history_ncols;
/* cs-ticket log: the ticket's audit records and its escalations'. */
/* The audit records of one record ("T12"), oldest first. */
int	 audit_history(struct cs *, const char *record, struct out *);
/* A record's history as its show and log print it; a ticket's story. */
int	 record_history(struct cs *, int type, int64_t id, struct out *);
/*
 * All audit records, or those of the records named: a name that is no
 * record ID (65) or a record with nothing recorded (66) is said and the
 * others listed; the first such status.
 */
int	 audit_list(struct cs *, int argc, char **argv, struct out *);
/* The "history" part of a show: a record's audit trail as a table. */
int	 history_section(struct cs *, int type, int64_t id, FILE *);
/* The same for show -j: "history":[{"at":...,"detail":{...}},...] */
int	 history_json(struct cs *, int type, int64_t id, FILE *);

/* ---- escalation.c: the escalation ladder ---- */

struct escalation_in {
	int		 level;		/* 1 to 3, 0 one up (the sweep's);
					   ignored with a department */
	const char	*department;	/* NULL: up the ladder */
	const char	*reason;
	const char	*owner;		/* NULL: the ladder's or department's */
	const char	*cause;		/* the sweep's tokens; NULL for people */
	const char	*warning;	/* the sweep's: the deadlines not yet
					   passed it warns of; NULL none */
	int64_t		 incident;	/* the sweep's: escalate the open
					   incident the ticket is linked to */
};

/*
 * Raise ticket to a level or a department inside the caller's
 * transaction: a level must be above the ticket's, and level 3 from a
 * person needs the level-2 escalation's incident report.  The ticket's
 * earlier ladder escalations are superseded.  Sets cs->err.
 */
int	 escalation_raise(struct cs *, int64_t ticket,
	    struct escalation_in *, int64_t *id);
/*
 * Acknowledge (a ladder escalation is then to be solved by its level's
 * solve time), report on, resolve; the owner, its role or a boss.  A
 * department's escalation resolved is a fix the ticket's holder is to
 * tell the customer of: the ticket is marked fixed and the escalation
 * is to be told of again, to the ticket's holder (notify.c).
 */
int	 escalation_ack(struct cs *, int64_t id);
int	 escalation_report(struct cs *, int64_t id, const char *text);
int	 escalation_resolve(struct cs *, int64_t id, const char *note);
/* 0 if the actor may resolve escalation id, live or ended; else 77. */
int	 escalation_may_resolve(struct cs *, int64_t id);
/*
 * End the live escalations of a ticket (its own, not its incident's)
 * or of an incident (type ID_TICKET or ID_INCIDENT), each audited with
 * who and why, inside the caller's transaction.
 */
int	 escalation_end(struct cs *, int type, int64_t id, const char *why);
/*
 * A duplicate ticket merged into another (ticket_merge): its live
 * escalations raised by hand (a level, a department, a dispute's
 * arbitration) move to the survivor, where the customer's problem goes
 * on, each audited as escalation.move; the sweep's, about deadlines of
 * the duplicate that stop with it, end as a close ends them.  The IDs
 * moved into *moved (cs_move).
 */
int	 escalation_move(struct cs *, int64_t from, int64_t into,
	    char **moved);
/*
 * At a reply to the customer, before the clock stamps it: warnings of
 * deadlines the reply meets are withdrawn, and a fix is told.
 */
int	 escalation_met(struct cs *, int64_t ticket);
/* The open incident a ticket is linked to (0 none), and its level. */
int	 escalation_incident(struct cs *, int64_t ticket, int64_t *incident,
	    int *level);
const struct department *department_find(const struct rules *,
	    const char *name);

struct escalation_filter {
	int64_t		 ticket;	/* 0 any */
	const char	*status;	/* NULL: open and acked (all with all) */
	int		 all;
	int		 level;		/* 0 any */
	const char	*department, *owner;
	int		 overdue;	/* open past its due time, or acked
					   past its solve time */
	int		 unnotified;	/* not yet told of (notify.c) */
};
extern const struct out_col escalation_cols[];
extern const int escalation_ncols;
int	 escalation_list(struct cs *, const struct escalation_filter *,
	    struct out *);
/* One escalation in full; prints its own diagnostics. */
int	 escalation_show(struct cs *, int64_t id, FILE *);
/*
 * A ticket's escalations for its show: the live ones in one line ("" if
 * none) and the "escalations" part, all of them one a line (*section,
 * NULL if none; free it).
 */
int	 escalation_parts(struct cs *, int64_t ticket, char *buf, size_t len,
	    char **section);

/* ---- notify.c: the notify command, at least once ---- */

/* Runs of the notify command for one escalation before it is failed. */
#define NOTIFY_ATTEMPTS	5
/*
 * Run the notify command by /bin/sh with names[i]=val[i] in its
 * environment, its output on stderr, stopped after 5 minutes.  0, or -1
 * reported as "notify WHO: exit status N; AGAIN".
 */
int	 notify_run(const char *cmd, const char *const *names,
	    char (*val)[1024], int n, const char *who, const char *again);
/*
 * After a command's commits: tell of the escalations it raised, each
 * claimed in a transaction of its own, the notify command run with
 * CS_ESCALATION, CS_TICKET, CS_LEVEL, ..., CS_ATTEMPT in its
 * environment, and marked notified once it exits 0 (or failed, to be
 * tried again).  0, 1 when a command failed (reported), or a status.
 */
int	 escalation_notify_made(struct cs *, int64_t *ids, size_t n);
/*
 * The same for every escalation not yet told of whose claim expired or
 * whose wait after a failure is over; with no notify command, they are
 * marked told.
 */
int	 escalation_notify_pending(struct cs *);

/* ---- sweep.c: the cron sweep ---- */

/*
 * The whole sweep inside the caller's transaction (a dry run; the plans
 * test): escalates tickets past (or within warn-before of) a deadline
 * and escalations not acknowledged in time one level up, each cause
 * once; records breaches; closes idle tickets; prints ESCALATION TICKET
 * LEVEL REASON rows to o; *nmade the escalations raised.  Sets cs->err.
 */
extern const struct out_col sweep_cols[];
extern const int sweep_ncols;
int	 escalation_sweep(struct cs *, struct out *, size_t *nmade);
/*
 * The sweep in chunks, each its own transaction, its rows printed to fp
 * once committed, writers waiting for the lock let in between; then the
 * notify command for every escalation still to tell of.  dry: one
 * transaction rolled back, no notify.  0 or a status, reported.
 */
int	 sweep_run(struct cs *, int dry, FILE *fp);
/*
 * A ticket's sweep marks (ticket.escalated) without its first response,
 * resolution and the reply promised now: what the sweep did about them
 * is left behind, so they escalate again when past (a ticket reopened,
 * its incident closed).
 */
#define SWEEP_DUES_AGAIN						\
    "replace(replace(replace(escalated, ',response,', ','), ',resolve,',"\
    " ','), ',promise@' || coalesce(promise_due, 0) || ',', ',')"

/* ---- incident.c: incidents many tickets share ---- */

extern const char *const incident_severities[];

struct incident_in {
	const char	*title;
	const char	*description;	/* NULL: none */
	const char	*severity;	/* low medium high critical */
	const char	*departments;	/* "tech,finance": configured ones */
};

/* Open an incident inside the caller's transaction.  Sets cs->err. */
int	 incident_open(struct cs *, const struct incident_in *, int64_t *id);
/*
 * After the commit: the notify command once per department, with
 * CS_INCIDENT, CS_SEVERITY, CS_DEPARTMENT, CS_OWNER, CS_SUBJECT (the
 * title), CS_REASON (the description) and CS_DUE set.  0, or 1 when a
 * run failed (reported).
 */
int	 incident_notify(struct cs *, int64_t id);
/*
 * A department of the incident acknowledges it (dept NULL: the ones the
 * actor owns); its owner, its role or a boss.
 */
int	 incident_ack(struct cs *, int64_t id, const char *dept);
/* Link a ticket to an open incident; linked before changes nothing. */
int	 incident_link(struct cs *, int64_t incident, int64_t ticket);
/*
 * A duplicate ticket merged into another: the survivor is linked to
 * the open incidents the duplicate is (incident.link), so their updates
 * reach the customer once, there; the duplicate's link stays, as it
 * was.  The incidents into *linked ("N1,N4", to free; NULL none).
 */
int	 incident_merge(struct cs *, int64_t from, int64_t into,
	    char **linked);
/*
 * A reply to every linked ticket not closed: template tmpl, else text,
 * filled for each.  The tickets replied to in *ids (to free); a ticket
 * it failed for alone is said on stderr and counted in *failed.
 */
int	 incident_update(struct cs *, int64_t id, const char *tmpl,
	    const char *text, int64_t **ids, size_t *n, size_t *failed);
/*
 * Close an open incident; with a template or a text, each linked ticket
 * still open or pending gets it as a final reply and is resolved.
 */
int	 incident_close(struct cs *, int64_t id, const char *tmpl,
	    const char *text, int64_t **ids, size_t *n, size_t *failed);
extern const struct out_col incident_cols[];
extern const int incident_ncols;
/* Open incidents, or all of them. */
int	 incident_list(struct cs *, int all, struct out *);
/* One incident in full; prints its own diagnostics. */
int	 incident_show(struct cs *, int64_t id, FILE *);

/* ---- dispute.c: two-sided disputes ---- */

extern const char *const dispute_stages[];
extern const char *const dispute_sides[];
extern const char *const dispute_outcomes[];

struct dispute_in {
	const char	*counterparty;	/* C-id or phone: seller, driver, host */
	const char	*order;		/* NULL: the ticket's */
};

/* A dispute as a change or a refund needs it. */
struct dispute_info {
	int64_t		 id, ticket, order, customer, counterparty;
	int64_t		 escalation;	/* 0: none */
	char		 stage[16];
	char		 escalation_status[16];	/* "" none */
	char		 currency[8];
	int64_t		 payer;		/* the order's customer */
};

/* 0, or 66 (no such dispute) with cs->err set. */
int	 dispute_load(struct cs *, int64_t id, struct dispute_info *);
/*
 * The changes, inside the caller's transaction, each audited; a wrong
 * stage is 65.  Sets cs->err.
 */
int	 dispute_open(struct cs *, int64_t ticket, const struct dispute_in *,
	    int64_t *id);
/* A statement, or with evidence set a piece of evidence, of one side. */
int	 dispute_say(struct cs *, int64_t id, const char *side, int evidence,
	    const char *text);
int	 dispute_negotiate(struct cs *, int64_t id);
/*
 * A duplicate ticket merged into another: its disputes not closed go on
 * under the survivor (dispute.move); a closed one stays where it was
 * decided.  The IDs moved into *moved (cs_move).  ticket_merge refuses
 * to bring a second one: dispute_live.
 */
int	 dispute_move(struct cs *, int64_t from, int64_t into, char **moved);
/*
 * The ticket's dispute not closed (a ticket has one case at a time):
 * -1 with its ID and stage, 0 for none, or an error's status.
 */
int	 dispute_live(struct cs *, int64_t ticket, int64_t *id, char *stage,
	    size_t len);
/* Platform intervention: the ticket escalated to arbitration, *esc. */
int	 dispute_intervene(struct cs *, int64_t id, const char *reason,
	    int64_t *esc);
/* outcome customer, counterparty or split (amount: the customer's). */
int	 dispute_decide(struct cs *, int64_t id, const char *outcome,
	    const char *amount, const char *why);
int	 dispute_close(struct cs *, int64_t id);
/*
 * One of those as a request, a change_fn for the run verbs: open (id a
 * ticket; cs->made the dispute, printed), say, negotiate, intervene
 * (cs->made the escalation, to notify), decide, close.
 */
struct dispute_act {
	int			 action;	/* o s n i d c: its letter */
	struct dispute_in	 in;		/* open */
	const char		*side;		/* say */
	int			 evidence;
	const char		*text;		/* say: the text; else why */
	const char		*outcome;	/* decide */
	const char		*amount;
};
int	 dispute_act(struct cs *, int64_t id, void *act);
extern const struct out_col dispute_cols[];
extern const int dispute_ncols;
/* Open ones (all with all, or of one stage) by stage, oldest first. */
int	 dispute_list(struct cs *, const char *stage, int all, struct out *);
/* One dispute in full; prints its own diagnostics. */
int	 dispute_show(struct cs *, int64_t id, FILE *);

/* ---- report.c: reports over a period, as of the clock (report_*.c) ---- */

enum { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH };
/*
 * The local day, Monday-to-Sunday week or month containing arg ("today",
 * "yesterday", any time clock_parse takes, or "2026-11" for a month):
 * [since, until).  -1 with *errstr.
 */
int	 period_set(int64_t now, int kind, const char *arg, int64_t *since,
	    int64_t *until, const char **errstr);
/* With no period given: the last seven days, today included. */
void	 period_default(int64_t now, int64_t *since, int64_t *until);

struct report_opts {
	int64_t		 since, until;	/* [since, until), cut at the clock */
	const char	*group;		/* -g */
	const char	*category;	/* hotspots -t */
	const char	*bucket;	/* volume -b day|hour */
	int64_t		 top;		/* hotspots -n; 0 is 10 */
	int		 chart;		/* --chart: bars, not a table */
};

/*
 * Print report name (sla agents hotspots refunds volume disputes) to fp
 * as a table, TSV or JSON Lines, or a chart.  Sets cs->err.
 */
int	 report_run(struct cs *, const char *name, const struct report_opts *,
	    FILE *);
/* Nearest-rank percentile p of v[0..n) (sorts v); -1 when n is 0. */
int64_t	 report_percentile(int64_t *v, size_t n, int p);
/*
 * Percentiles p[0..np) of v[0..n) into out[], -1 when n is 0; fastest
 * with p ascending, each found in the part of v the one before leaves.
 */
void	 report_percentiles(int64_t *v, size_t n, const int *p, int np,
	    int64_t *out);
/* num/den*scale rounded half up; -1 when den is 0. */
int64_t	 report_ratio(int64_t num, int64_t den, int64_t scale);

/*
 * What the reports share.  A result set keeps a report's rows for a
 * table or a chart; each report is one of these, in its own file.
 */
struct rset;
struct report {
	const char		*name;
	const struct out_col	*cols;
	const int		*ncols;
	int			(*fn)(struct cs *, const struct report_opts *,
				    struct rset *);
	const char		*labels;	/* --chart: the columns */
	const char		*bars;
};
extern const struct report sla_report;		/* report_sla.c */
extern const struct report agents_report;	/* report_agents.c */
extern const struct report hotspots_report;	/* report_hotspots.c */
extern const struct report refunds_report;	/* report_refunds.c */
extern const struct report disputes_report;	/* report_disputes.c */
extern const struct report volume_report;	/* report_volume.c */
extern const struct report incidents_report;	/* report_incidents.c */
extern const struct report escalations_report;	/* report_escalations.c */
/* A new row of zeroes; a copy of s ("" for NULL) kept with the set. */
struct out_cell *rset_add(struct rset *);
const char *rset_str(struct rset *, const char *s);

struct vec {
	int64_t		*v;
	size_t		 n, cap;
};
void	 vec_push(struct vec *, int64_t);
/* qsort(3)'s comparison of two int64_t, ascending. */
int	 int64_cmp(const void *, const void *);
/* Cell c is num/den*scale, or percentile p of a; null when there is none. */
void	 set_ratio(struct out_cell *c, int64_t num, int64_t den,
	    int64_t scale);
void	 set_pct(struct out_cell *c, struct vec *a, int p);

/*
 * Groups of a report: records whose first member is their key, a
 * char[GROUP_KEY], found or added by key and sorted by it.
 */
#define GROUP_KEY	64
struct groups {
	char		*data;
	size_t		 n, size;	/* records, bytes each */
};
void	*group_of(struct groups *, const char *key);
void	 groups_sort(struct groups *);
/* Whether name is one of the configured queues. */
int	 is_queue(const struct config *, const char *name);

/* ---- report_agents.c: the agents report and its score ---- */

/* The parts of an agent's score, in the order of score_w. */
extern const char *const score_parts[];
/* The agent score in tenths of a point from four weighted fractions. */
int64_t	 report_score(const int w[4], const int64_t num[4],
	    const int64_t den[4]);
/*
 * The score out of 100 (tenths) from practice and theory (tenths, -1
 * none) by weights w (score-split), over those there are; -1 if none.
 */
int64_t	 report_split(const int w[2], int64_t practice, int64_t theory);

/* ---- exam.c: the theory part of the score ---- */

/*
 * Record agent's exam score ("85.5", 0 to 100) for a month ("2026-11")
 * inside the caller's transaction, audited; *tenths the score.
 */
int	 exam_record(struct cs *, const char *agent, const char *month,
	    const char *score, int64_t *tenths);
/* Tenths of a point for [since, until) as of at; -1 when none. */
int64_t	 exam_theory(struct cs *, const char *agent, int64_t since,
	    int64_t until, int64_t at);

/* ---- template.c: reply templates and the greeting ---- */

/*
 * 节日好 on a holiday of any calendar, 周末好 on a weekend that is not a
 * make-up working day, 早上好 in the morning, else 您好: per the
 * configuration, at the time t.
 */
const char *greeting(const struct rules *, int64_t t);
/*
 * Render template `name` for ticket id into a new string (*out, to free).
 * Looked up in the configured directory, then among the built-ins.
 * Unknown template: 66; unknown placeholder: 65.  Sets cs->err.
 */
int	 template_render(struct cs *, const char *name, int64_t id,
	    char **out);
/*
 * The template name, or the text given (name then says where it came
 * from, "-m"), filled for ticket id into *out; *own (unless NULL) gets
 * the same with the customer's own words ({customer} {subject} {order})
 * left out: what the agent wrote, which the lint judges.  Both to free.
 */
int	 template_fill(struct cs *, const char *name, const char *text,
	    int64_t id, char **out, char **own);

#endif /* CS_DESK_H */
