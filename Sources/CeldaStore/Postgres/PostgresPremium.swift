import CeldaCore

/// Claro Premium on PostgreSQL (migration "v3 premium"): the same tables and rules as
/// `PremiumTables` — a case's state comes from the export with the latest moment, so an older
/// export processed late never turns a newer state back; every estado keeps its first and last
/// moment; a survey answer is kept once.
enum PostgresPremium {
    static let migration = """
        CREATE TABLE premium_case (
            caso text PRIMARY KEY,
            cuenta text, cliente text, segmento text, tipo text, subtipo text, origen text, asesor_front text, backoffice text,
            ingreso_day date, ingreso_seconds integer, seguimiento_day date, estado text, cierre_day date, cierre_seconds integer,
            spc integer, escalado_a text,
            source_file text NOT NULL,
            "row" integer NOT NULL,
            file_id bigint NOT NULL REFERENCES ingested_file,
            as_of bigint NOT NULL,
            as_of_text text NOT NULL,
            first_as_of bigint NOT NULL
        );
        CREATE INDEX premium_case_ingreso ON premium_case (ingreso_day);
        CREATE INDEX premium_case_seguimiento ON premium_case (seguimiento_day);
        CREATE INDEX premium_case_cierre ON premium_case (cierre_day);
        CREATE TABLE premium_state (
            caso text NOT NULL,
            estado_key text NOT NULL,
            estado text NOT NULL,
            first_as_of bigint NOT NULL,
            first_text text NOT NULL,
            last_as_of bigint NOT NULL,
            last_text text NOT NULL,
            PRIMARY KEY (caso, estado_key)
        );
        CREATE TABLE premium_survey (
            key text PRIMARY KEY,
            file_id bigint NOT NULL REFERENCES ingested_file,
            source_file text NOT NULL,
            "row" integer NOT NULL,
            fecha_day date NOT NULL,
            fecha_seconds integer,
            caso text, cuenta text, backoffice text,
            score integer NOT NULL
        );
        CREATE INDEX premium_survey_fecha ON premium_survey (fecha_day);
        """

    /// Inside the file's transaction. An export has a few thousand rows: one statement each.
    static func ingest(_ history: KindHistory, on conn: PGConnection, fileID: String) throws {
        switch history {
        case .facts(let facts): try PostgresFacts.ingest(facts, on: conn, fileID: fileID)
        case .premiumSurveys(let surveys):
            for s in surveys {
                try conn.execute("""
                    INSERT INTO premium_survey (key, file_id, source_file, "row", fecha_day, fecha_seconds, caso, cuenta, backoffice, score)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING
                    """, [s.key, fileID, s.sourceFile, String(s.row), s.fecha.day.description, s.fecha.seconds.map(String.init), s.caso, s.cuenta,
                          s.backoffice, String(s.score)])
            }
        case .premiumExport(let export):
            let asOf = String(export.asOf.start), asOfText = export.asOf.description
            for c in export.cases {
                try conn.execute("""
                    INSERT INTO premium_case (caso, cuenta, cliente, segmento, tipo, subtipo, origen, asesor_front, backoffice, ingreso_day,
                        ingreso_seconds, seguimiento_day, estado, cierre_day, cierre_seconds, spc, escalado_a, source_file, "row", file_id,
                        as_of, as_of_text, first_as_of)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $21)
                    ON CONFLICT (caso) DO UPDATE SET cuenta = EXCLUDED.cuenta, cliente = EXCLUDED.cliente, segmento = EXCLUDED.segmento,
                        tipo = EXCLUDED.tipo, subtipo = EXCLUDED.subtipo, origen = EXCLUDED.origen, asesor_front = EXCLUDED.asesor_front,
                        backoffice = EXCLUDED.backoffice, ingreso_day = EXCLUDED.ingreso_day, ingreso_seconds = EXCLUDED.ingreso_seconds,
                        seguimiento_day = EXCLUDED.seguimiento_day, estado = EXCLUDED.estado, cierre_day = EXCLUDED.cierre_day,
                        cierre_seconds = EXCLUDED.cierre_seconds, spc = EXCLUDED.spc, escalado_a = EXCLUDED.escalado_a,
                        source_file = EXCLUDED.source_file, "row" = EXCLUDED."row", file_id = EXCLUDED.file_id, as_of = EXCLUDED.as_of,
                        as_of_text = EXCLUDED.as_of_text, first_as_of = LEAST(premium_case.first_as_of, EXCLUDED.first_as_of)
                    WHERE EXCLUDED.as_of >= premium_case.as_of
                    """, [c.caso, c.cuenta, c.cliente, c.segmento, c.tipo, c.subtipo, c.origen, c.asesorFront, c.backoffice,
                          c.ingreso?.day.description, c.ingreso?.seconds.map(String.init), c.seguimiento?.description, c.estado,
                          c.cierre?.day.description, c.cierre?.seconds.map(String.init), c.spc.map { $0 ? "1" : "0" }, c.escaladoA,
                          c.sourceFile, String(c.row), fileID, asOf, asOfText])
                if let estado = c.estado {
                    try conn.execute("""
                        INSERT INTO premium_state (caso, estado_key, estado, first_as_of, first_text, last_as_of, last_text)
                        VALUES ($1, $2, $3, $4, $5, $4, $5)
                        ON CONFLICT (caso, estado_key) DO UPDATE SET
                            first_text = CASE WHEN EXCLUDED.first_as_of < premium_state.first_as_of THEN EXCLUDED.first_text ELSE premium_state.first_text END,
                            first_as_of = LEAST(premium_state.first_as_of, EXCLUDED.first_as_of),
                            last_text = CASE WHEN EXCLUDED.last_as_of > premium_state.last_as_of THEN EXCLUDED.last_text ELSE premium_state.last_text END,
                            last_as_of = GREATEST(premium_state.last_as_of, EXCLUDED.last_as_of)
                        """, [c.caso, HeaderMatcher.normalise(estado), estado, asOf, asOfText])
                }
            }
        }
    }
}

extension PostgresStore {
    /// Ordered as SQLite orders them: NULL first, text by its bytes.
    public func premiumCases(from first: CalendarDate, to last: CalendarDate) throws -> [PremiumCase] {
        try withConnection { conn in
            let r = try conn.execute("""
                SELECT caso, cuenta, cliente, segmento, tipo, subtipo, origen, asesor_front, backoffice, ingreso_day::text AS ingreso_day,
                    ingreso_seconds, seguimiento_day::text AS seguimiento_day, estado, cierre_day::text AS cierre_day, cierre_seconds, spc,
                    escalado_a, source_file, "row"
                FROM premium_case
                WHERE ingreso_day BETWEEN $1 AND $2 OR seguimiento_day BETWEEN $1 AND $2 OR cierre_day BETWEEN $1 AND $2
                ORDER BY ingreso_day NULLS FIRST, ingreso_seconds NULLS FIRST, caso COLLATE "C"
                """, [first.description, last.description])
            var cases: [PremiumCase] = (0..<r.count).map { i in
                func moment(_ day: String, _ seconds: String) -> DayTime? {
                    r.text(i, day).flatMap(CalendarDate.init(iso:)).map { DayTime(day: $0, seconds: r.int(i, seconds)) }
                }
                return PremiumCase(caso: r.text(i, "caso") ?? "", cuenta: r.text(i, "cuenta"), cliente: r.text(i, "cliente"),
                                   segmento: r.text(i, "segmento"), tipo: r.text(i, "tipo"), subtipo: r.text(i, "subtipo"), origen: r.text(i, "origen"),
                                   asesorFront: r.text(i, "asesor_front"), backoffice: r.text(i, "backoffice"),
                                   ingreso: moment("ingreso_day", "ingreso_seconds"),
                                   seguimiento: r.text(i, "seguimiento_day").flatMap(CalendarDate.init(iso:)), estado: r.text(i, "estado"),
                                   cierre: moment("cierre_day", "cierre_seconds"), spc: r.int(i, "spc").map { $0 != 0 },
                                   escaladoA: r.text(i, "escalado_a"), sourceFile: r.text(i, "source_file") ?? "", row: r.int(i, "row") ?? 0)
            }
            guard !cases.isEmpty else { return [] }
            // The moment each case entered its current estado, all in one query.
            let states = try conn.execute("SELECT caso, estado_key, first_as_of FROM premium_state WHERE caso = ANY($1::text[])",
                                          [Self.arrayLiteral(cases.map(\.caso))])
            PremiumTables.attachEstadoSince(&cases, states: (0..<states.count).compactMap { i in
                guard let caso = states.text(i, "caso"), let key = states.text(i, "estado_key"), let at = states.int(i, "first_as_of") else { return nil }
                return (caso: caso, estadoKey: key, firstAsOf: at)
            })
            return cases
        }
    }

    public func premiumLatestMoment() throws -> DayTime? {
        try withConnection { conn in
            try conn.execute("SELECT max(as_of) AS m FROM premium_case").int(0, "m").map { PremiumTables.moment($0) }
        }
    }

    public func premiumStates(caso: String) throws -> [PremiumStateSeen] {
        try withConnection { conn in
            let r = try conn.execute("""
                SELECT estado, first_as_of, last_as_of FROM premium_state WHERE caso = $1 ORDER BY first_as_of, estado COLLATE "C"
                """, [caso])
            return (0..<r.count).map { i in
                PremiumStateSeen(estado: r.text(i, "estado") ?? "", firstSeen: PremiumTables.moment(r.int(i, "first_as_of") ?? 0),
                                 lastSeen: PremiumTables.moment(r.int(i, "last_as_of") ?? 0))
            }
        }
    }

    public func premiumSurveys(from first: CalendarDate, to last: CalendarDate) throws -> [PremiumSurvey] {
        try withConnection { conn in
            let r = try conn.execute("""
                SELECT fecha_day::text AS fecha_day, fecha_seconds, caso, cuenta, backoffice, score, source_file, "row" FROM premium_survey
                WHERE fecha_day BETWEEN $1 AND $2 ORDER BY fecha_day, fecha_seconds NULLS FIRST, source_file COLLATE "C", "row"
                """, [first.description, last.description])
            return (0..<r.count).compactMap { i in
                guard let day = r.text(i, "fecha_day").flatMap(CalendarDate.init(iso:)) else { return nil }
                return PremiumSurvey(fecha: DayTime(day: day, seconds: r.int(i, "fecha_seconds")), caso: r.text(i, "caso"), cuenta: r.text(i, "cuenta"),
                                     backoffice: r.text(i, "backoffice"), score: r.int(i, "score") ?? 0, sourceFile: r.text(i, "source_file") ?? "",
                                     row: r.int(i, "row") ?? 0)
            }
        }
    }
}
