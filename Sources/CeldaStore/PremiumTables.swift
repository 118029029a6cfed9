import CeldaCore
import GRDB

/// Claro Premium in the store (migration "v3 premium"):
/// - `premium_case`: one row per `caso`, its latest state — the state of the export with the
///   latest `as_of` (the export's own moment, `PremiumExport.asOf`, in seconds since 1970 of the
///   operation's clock). An export older than the one a case's state came from changes nothing
///   of it, so processing an old export again (or late) never turns a newer state back.
/// - `premium_state`: every estado each case was seen in, with the first and last export moment.
/// - `premium_survey`: survey answers, one per `PremiumSurvey.key` (the same answer in two
///   survey exports is kept once).
enum PremiumTables {
    static func create(_ db: Database) throws {
        try db.create(table: "premium_case") { t in
            t.primaryKey("caso", .text)
            t.column("cuenta", .text)
            t.column("cliente", .text)
            t.column("segmento", .text)
            t.column("tipo", .text)
            t.column("subtipo", .text)
            t.column("origen", .text)
            t.column("asesor_front", .text)
            t.column("backoffice", .text)
            t.column("ingreso_day", .text)          // AAAA-MM-DD
            t.column("ingreso_seconds", .integer)   // seconds of the day, when the export gives a time
            t.column("seguimiento_day", .text)
            t.column("estado", .text)
            t.column("cierre_day", .text)
            t.column("cierre_seconds", .integer)
            t.column("spc", .integer)               // 1 Sí, 0 No, NULL not said
            t.column("escalado_a", .text)
            t.column("source_file", .text).notNull()
            t.column("row", .integer).notNull()
            t.column("file_id", .integer).notNull().references("ingested_file")
            t.column("as_of", .integer).notNull()   // the export's moment this state is from
            t.column("as_of_text", .text).notNull()
            t.column("first_as_of", .integer).notNull()
        }
        try db.create(index: "premium_case_ingreso", on: "premium_case", columns: ["ingreso_day"])
        try db.create(index: "premium_case_seguimiento", on: "premium_case", columns: ["seguimiento_day"])
        try db.create(index: "premium_case_cierre", on: "premium_case", columns: ["cierre_day"])
        try db.create(table: "premium_state") { t in
            t.column("caso", .text).notNull()
            t.column("estado_key", .text).notNull()
            t.column("estado", .text).notNull()
            t.column("first_as_of", .integer).notNull()
            t.column("first_text", .text).notNull()
            t.column("last_as_of", .integer).notNull()
            t.column("last_text", .text).notNull()
            t.primaryKey(["caso", "estado_key"])
        }
        try db.create(table: "premium_survey") { t in
            t.primaryKey("key", .text)
            t.column("file_id", .integer).notNull().references("ingested_file")
            t.column("source_file", .text).notNull()
            t.column("row", .integer).notNull()
            t.column("fecha_day", .text).notNull()
            t.column("fecha_seconds", .integer)
            t.column("caso", .text)
            t.column("cuenta", .text)
            t.column("backoffice", .text)
            t.column("score", .integer).notNull()
        }
        try db.create(index: "premium_survey_fecha", on: "premium_survey", columns: ["fecha_day"])
    }

    static func ingest(_ history: KindHistory, db: Database, fileID: Int64) throws {
        switch history {
        case .premiumExport(let export): try ingest(export, db: db, fileID: fileID)
        case .facts(let facts): try KindFactTables.ingest(facts, db: db, fileID: fileID)
        case .premiumSurveys(let surveys):
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO premium_survey (key, file_id, source_file, row, fecha_day, fecha_seconds, caso, cuenta, backoffice, score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for s in surveys {
                try insert.execute(arguments: [s.key, fileID, s.sourceFile, s.row, s.fecha.day.description, s.fecha.seconds, s.caso, s.cuenta,
                                               s.backoffice, s.score])
            }
        }
    }

    private static func ingest(_ export: PremiumExport, db: Database, fileID: Int64) throws {
        let asOf = export.asOf.start, asOfText = export.asOf.description
        let known = try db.cachedStatement(sql: "SELECT as_of FROM premium_case WHERE caso = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO premium_case (cuenta, cliente, segmento, tipo, subtipo, origen, asesor_front, backoffice, ingreso_day, ingreso_seconds,
            seguimiento_day, estado, cierre_day, cierre_seconds, spc, escalado_a, source_file, row, file_id, as_of, as_of_text, first_as_of, caso)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE premium_case SET cuenta = ?, cliente = ?, segmento = ?, tipo = ?, subtipo = ?, origen = ?, asesor_front = ?, backoffice = ?,
            ingreso_day = ?, ingreso_seconds = ?, seguimiento_day = ?, estado = ?, cierre_day = ?, cierre_seconds = ?, spc = ?, escalado_a = ?,
            source_file = ?, row = ?, file_id = ?, as_of = ?, as_of_text = ?, first_as_of = MIN(first_as_of, ?) WHERE caso = ?
            """)
        let state = try db.cachedStatement(sql: """
            INSERT INTO premium_state (caso, estado_key, estado, first_as_of, first_text, last_as_of, last_text) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (caso, estado_key) DO UPDATE SET
              first_text = CASE WHEN excluded.first_as_of < first_as_of THEN excluded.first_text ELSE first_text END,
              first_as_of = MIN(first_as_of, excluded.first_as_of),
              last_text = CASE WHEN excluded.last_as_of > last_as_of THEN excluded.last_text ELSE last_text END,
              last_as_of = MAX(last_as_of, excluded.last_as_of)
            """)
        for c in export.cases {
            let values: [DatabaseValueConvertible?] = [
                c.cuenta, c.cliente, c.segmento, c.tipo, c.subtipo, c.origen, c.asesorFront, c.backoffice, c.ingreso?.day.description,
                c.ingreso?.seconds, c.seguimiento?.description, c.estado, c.cierre?.day.description, c.cierre?.seconds,
                c.spc.map { $0 ? 1 : 0 }, c.escaladoA, c.sourceFile, c.row, fileID, asOf, asOfText, asOf, c.caso,
            ]
            if let stored = try Int.fetchOne(known, arguments: [c.caso]) {
                // Equal moments: the same export seen again (or corrected) — its values stand.
                if asOf >= stored { try update.execute(arguments: StatementArguments(values)) }
            } else {
                try insert.execute(arguments: StatementArguments(values))
            }
            if let estado = c.estado {
                try state.execute(arguments: [c.caso, HeaderMatcher.normalise(estado), estado, asOf, asOfText, asOf, asOfText])
            }
        }
    }

    static func cases(_ db: Database, from first: CalendarDate, to last: CalendarDate) throws -> [PremiumCase] {
        let (a, b) = (first.description, last.description)
        let period = "ingreso_day BETWEEN ? AND ? OR seguimiento_day BETWEEN ? AND ? OR cierre_day BETWEEN ? AND ?"
        var cases = try Row.fetchAll(db, sql: "SELECT * FROM premium_case WHERE \(period) ORDER BY ingreso_day, ingreso_seconds, caso",
                                     arguments: [a, b, a, b, a, b]).map { row -> PremiumCase in
            func moment(_ day: String, _ seconds: String) -> DayTime? {
                (row[day] as String?).flatMap(CalendarDate.init(iso:)).map { DayTime(day: $0, seconds: row[seconds]) }
            }
            let spc: Int? = row["spc"]
            return PremiumCase(caso: row["caso"], cuenta: row["cuenta"], cliente: row["cliente"], segmento: row["segmento"], tipo: row["tipo"],
                               subtipo: row["subtipo"], origen: row["origen"], asesorFront: row["asesor_front"], backoffice: row["backoffice"],
                               ingreso: moment("ingreso_day", "ingreso_seconds"),
                               seguimiento: (row["seguimiento_day"] as String?).flatMap(CalendarDate.init(iso:)),
                               estado: row["estado"], cierre: moment("cierre_day", "cierre_seconds"), spc: spc.map { $0 != 0 },
                               escaladoA: row["escalado_a"], sourceFile: row["source_file"], row: row["row"])
        }
        // The moment each case entered its current estado, all in one query.
        let states = try Row.fetchAll(db, sql: """
            SELECT caso, estado_key, first_as_of FROM premium_state WHERE caso IN (SELECT caso FROM premium_case WHERE \(period))
            """, arguments: [a, b, a, b, a, b]).map { (caso: $0["caso"] as String, estadoKey: $0["estado_key"] as String, firstAsOf: $0["first_as_of"] as Int) }
        attachEstadoSince(&cases, states: states)
        return cases
    }

    /// Sets each case's `estadoSince`: the first export moment of the estado it is in now (the
    /// store keeps estados by their normalised key). Both backends read the states this way.
    static func attachEstadoSince(_ cases: inout [PremiumCase], states: [(caso: String, estadoKey: String, firstAsOf: Int)]) {
        var since: [String: [String: Int]] = [:]
        for s in states { since[s.caso, default: [:]][s.estadoKey] = s.firstAsOf }
        for i in cases.indices {
            if let estado = cases[i].estado, let at = since[cases[i].caso]?[HeaderMatcher.normalise(estado)] {
                cases[i].estadoSince = moment(at)
            }
        }
    }

    /// The latest export moment the history holds: what "now" a report of a past period can know.
    static func latestMoment(_ db: Database) throws -> DayTime? {
        try Int.fetchOne(db, sql: "SELECT MAX(as_of) FROM premium_case").map { moment($0) }
    }

    static func states(_ db: Database, caso: String) throws -> [PremiumStateSeen] {
        try Row.fetchAll(db, sql: "SELECT estado, first_as_of, last_as_of FROM premium_state WHERE caso = ? ORDER BY first_as_of, estado",
                         arguments: [caso]).map { row in
            PremiumStateSeen(estado: row["estado"], firstSeen: moment(row["first_as_of"]), lastSeen: moment(row["last_as_of"]))
        }
    }

    /// A stored moment back as a day and time of day.
    static func moment(_ seconds: Int) -> DayTime {
        let day = Int((Double(seconds) / 86_400).rounded(.down))
        return DayTime(day: CalendarDate(dayNumber: day), seconds: seconds - day * 86_400)
    }

    static func surveys(_ db: Database, from first: CalendarDate, to last: CalendarDate) throws -> [PremiumSurvey] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM premium_survey WHERE fecha_day BETWEEN ? AND ? ORDER BY fecha_day, fecha_seconds, source_file, row
            """, arguments: [first.description, last.description]).compactMap { row in
            guard let day = (row["fecha_day"] as String?).flatMap(CalendarDate.init(iso:)) else { return nil }
            return PremiumSurvey(fecha: DayTime(day: day, seconds: row["fecha_seconds"]), caso: row["caso"], cuenta: row["cuenta"],
                                 backoffice: row["backoffice"], score: row["score"], sourceFile: row["source_file"], row: row["row"])
        }
    }
}

extension SQLiteStore {
    public func premiumCases(from first: CalendarDate, to last: CalendarDate) throws -> [PremiumCase] {
        try guarded { try queue.read { try PremiumTables.cases($0, from: first, to: last) } }
    }

    public func premiumLatestMoment() throws -> DayTime? {
        try guarded { try queue.read { try PremiumTables.latestMoment($0) } }
    }

    public func premiumStates(caso: String) throws -> [PremiumStateSeen] {
        try guarded { try queue.read { try PremiumTables.states($0, caso: caso) } }
    }

    public func premiumSurveys(from first: CalendarDate, to last: CalendarDate) throws -> [PremiumSurvey] {
        try guarded { try queue.read { try PremiumTables.surveys($0, from: first, to: last) } }
    }
}
