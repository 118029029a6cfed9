import GRDB

/// The store's schema as versioned migrations: each is applied once, in order, inside a
/// transaction; a database is never changed by a migration already applied. Add a new
/// migration for any change — never edit a released one.
///
/// Tables:
/// - `ingested_file`: one row per content ever ingested (its SHA-256 is unique: the same
///   content twice adds nothing), with its name, kind, station, output and when.
/// - `case_record`: one row per case (unique kind + key), its latest state, and the day it was
///   first seen; the fields reports read.
/// - `sighting`: every ingested row: which case, from which file, sheet and row.
/// - `decision`: what a person typed in a gestionado (causal, procede, estado, observaciones),
///   with when it reached the store.
/// - `premium_case`, `premium_state`, `premium_survey` (v3): Claro Premium — see `PremiumTables`.
/// - `kind_fact` (v6): any kind's own facts (asistencia's agent-days, monitoreos) — see `KindFactTables`.
/// - `mail_message`, `mail_file`, `mail_sent` (v7): messages taken from a mailbox and reports
///   mailed, so neither happens twice — see `MailLedger`.
/// - v4: the index the period reports read through (`case_by_kind_period`).
/// - v5: `case_record.respuesta`, `respuesta_fecha` — Gestión Soporte's answer to a
///   reclamación (seed 002 step 4) and its day (AAAA-MM-DD).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 history") { db in
            try db.create(table: "ingested_file") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sha256", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("station", .text).notNull()
                t.column("output", .text)
                t.column("rows", .integer).notNull()
                t.column("processed_on", .text).notNull()   // AAAA-MM-DD, the day the run was as of
                t.column("ingested_at", .datetime).notNull()
            }
            try db.create(table: "case_record") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("key", .text).notNull()
                t.column("first_file_id", .integer).notNull().references("ingested_file")
                t.column("source_file", .text).notNull()
                t.column("sheet", .text).notNull()
                t.column("row", .integer).notNull()
                t.column("day", .text)              // the case's own date, AAAA-MM-DD
                t.column("seconds_of_day", .integer)
                t.column("first_seen", .text).notNull()
                t.column("last_seen", .text).notNull()
                t.column("cuenta", .text)
                t.column("asesor", .text)
                t.column("asesor_id", .text)
                t.column("supervisor", .text)
                t.column("causal_code", .text)
                t.column("causal", .text)
                t.column("evidence", .text)
                t.column("procede", .text)
                t.column("estado", .text).notNull()
                t.column("area", .text)
                t.column("motivo", .text)
                t.column("observaciones", .text)
                t.column("form_errors", .text).notNull().defaults(to: "")
                t.uniqueKey(["kind", "key"])
            }
            try db.create(index: "case_by_kind_day", on: "case_record", columns: ["kind", "day"])
            try db.create(index: "case_by_cuenta_day", on: "case_record", columns: ["cuenta", "day"])
            try db.create(table: "sighting") { t in
                t.column("case_id", .integer).notNull().references("case_record")
                t.column("file_id", .integer).notNull().references("ingested_file")
                t.column("sheet", .text).notNull()
                t.column("row", .integer).notNull()
                t.primaryKey(["file_id", "sheet", "row"])
            }
            try db.create(table: "decision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("case_id", .integer).notNull().references("case_record")
                t.column("file_id", .integer).notNull().references("ingested_file")
                t.column("field", .text).notNull()
                t.column("value", .text).notNull()
                t.column("decided_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2 decisions by case") { db in
            // The compromisos and the case history read a case's decisions.
            try db.create(index: "decision_by_case", on: "decision", columns: ["case_id"])
        }
        migrator.registerMigration("v3 premium") { db in
            try PremiumTables.create(db)
        }
        migrator.registerMigration("v4 period index") { db in
            // A report reads a period's cases by COALESCE(day, first_seen), in Detalle's order:
            // this index answers both the range and the order (`case_by_kind_day` answers
            // neither: the query asks for the expression, not `day`), so a month of a million
            // cases streams in index order with no sort of the whole month first.
            try db.execute(sql: """
                CREATE INDEX case_by_kind_period ON case_record (kind, COALESCE(day, first_seen), seconds_of_day, source_file, "row")
                """)
        }
        migrator.registerMigration("v5 reclamacion answers") { db in
            try db.alter(table: "case_record") { t in
                t.add(column: "respuesta", .text)
                t.add(column: "respuesta_fecha", .text)
            }
        }
        migrator.registerMigration("v6 kind facts") { db in
            try KindFactTables.create(db)
        }
        migrator.registerMigration("v7 mail ledger") { db in
            try db.execute(sql: MailLedgerTables.sql(integer: "INTEGER"))
        }
        return migrator
    }
}
