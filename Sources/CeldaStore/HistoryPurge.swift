import CeldaCore
import GRDB

/// What a purge removes (`celda store purge`, issue 27): the history kept only as long as the
/// operation's retention policy allows. Each kind of row has its own day before which it goes,
/// because a report of a period reads some days before it (the recurrence window, Premium's
/// link to cases opened earlier): a report of a period from the purge's day on reads the same
/// rows before and after.
public struct PurgeCutoffs: Equatable, Sendable {
    /// Cases (`case_record`) of any kind not listed in `byKind` go when their latest day (their
    /// own, first or last seen) is before this; their sightings and decisions with them.
    public var cases: CalendarDate
    public var byKind: [String: CalendarDate]
    /// Premium cases whose ingreso, seguimiento and cierre are all before this, with their states.
    public var premiumCases: CalendarDate
    /// Surveys and kind facts (asistencia, monitoreos) whose day is before this.
    public var dated: CalendarDate

    public init(cases: CalendarDate, byKind: [String: CalendarDate], premiumCases: CalendarDate, dated: CalendarDate) {
        self.cases = cases
        self.byKind = byKind
        self.premiumCases = premiumCases
        self.dated = dated
    }
}

public struct PurgeCounts: Equatable, Sendable {
    public var cases = 0, sightings = 0, decisions = 0, premiumCases = 0, premiumStates = 0, premiumSurveys = 0, facts = 0
    public init() {}
    public var total: Int { cases + sightings + decisions + premiumCases + premiumStates + premiumSurveys + facts }
}

/// The purge's statements, one list for both backends: `?` becomes `$n` on PostgreSQL, and the
/// latest of several days is `max(…)` in SQLite, `GREATEST(…)` there.
enum PurgeSQL {
    /// (what it counts, the statement, its arguments as text days).
    static func statements(_ c: PurgeCutoffs, greatest: String) -> [(WritableKeyPath<PurgeCounts, Int>, String, [String])] {
        let kinds = c.byKind.keys.sorted()
        let latest = "\(greatest)(COALESCE(day, first_seen), last_seen)"
        var condition = "(kind NOT IN (\(kinds.map { _ in "?" }.joined(separator: ", ").nilIfEmpty ?? "''")) AND \(latest) < ?)"
        var arguments = kinds + [c.cases.description]
        for kind in kinds {
            condition += " OR (kind = ? AND \(latest) < ?)"
            arguments += [kind, c.byKind[kind]!.description]
        }
        let doomed = "SELECT id FROM case_record WHERE \(condition)"
        let premiumLatest = "\(greatest)(COALESCE(ingreso_day, '0001-01-01'), COALESCE(seguimiento_day, '0001-01-01'), COALESCE(cierre_day, '0001-01-01'))"
        let doomedPremium = "SELECT caso FROM premium_case WHERE \(premiumLatest) < ?"
        let p = c.premiumCases.description, d = c.dated.description
        return [
            (\.sightings, "DELETE FROM sighting WHERE case_id IN (\(doomed))", arguments),
            (\.decisions, "DELETE FROM decision WHERE case_id IN (\(doomed))", arguments),
            (\.cases, "DELETE FROM case_record WHERE id IN (\(doomed))", arguments),
            (\.premiumStates, "DELETE FROM premium_state WHERE caso IN (\(doomedPremium))", [p]),
            (\.premiumCases, "DELETE FROM premium_case WHERE caso IN (\(doomedPremium))", [p]),
            (\.premiumSurveys, "DELETE FROM premium_survey WHERE fecha_day < ?", [d]),
            (\.facts, "DELETE FROM kind_fact WHERE day < ?", [d]),
        ]
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension SQLiteStore {
    /// One write transaction (another Celda writing waits, like for every store write);
    /// `dryRun`: the same statements, then rolled back — the counts are exact.
    public func purge(_ cutoffs: PurgeCutoffs, dryRun: Bool) throws -> PurgeCounts {
        try guarded {
            var counts = PurgeCounts()
            try queue.inTransaction(.immediate) { db in
                for (field, sql, arguments) in PurgeSQL.statements(cutoffs, greatest: "max") {
                    try db.execute(sql: sql, arguments: StatementArguments(arguments))
                    counts[keyPath: field] = db.changesCount
                }
                return dryRun ? .rollback : .commit
            }
            return counts
        }
    }
}

extension PostgresStore {
    public func purge(_ cutoffs: PurgeCutoffs, dryRun: Bool) throws -> PurgeCounts {
        try withConnection { conn in
            var counts = PurgeCounts()
            // One snapshot for every statement: a case another station sees again meanwhile
            // makes the purge fail (and be tried again), never leaves a case without its sightings.
            try conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            do {
                for (field, sql, arguments) in PurgeSQL.statements(cutoffs, greatest: "GREATEST") {
                    var numbered = "", n = 0
                    for ch in sql {
                        if ch == "?" { n += 1; numbered += "$\(n)" } else { numbered.append(ch) }
                    }
                    counts[keyPath: field] = try conn.execute(numbered + " RETURNING 1", arguments).count
                }
                try conn.execute(dryRun ? "ROLLBACK" : "COMMIT")
            } catch {
                _ = try? conn.execute("ROLLBACK")
                throw error
            }
            return counts
        }
    }
}
