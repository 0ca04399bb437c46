/*
 * sqlite.h: the SQLite backend's own handle, for what only SQLite has
 * (query plans, statement counters) in SQLite-only tests, which include
 * <sqlite3.h> themselves.  Nothing in lib/ or cmd/ includes this.
 */
#ifndef CS_SQLITE_H
#define CS_SQLITE_H

struct db;
struct sqlite3;

/* The connection behind db. */
struct sqlite3 *db_sqlite(struct db *);

#endif /* CS_SQLITE_H */
