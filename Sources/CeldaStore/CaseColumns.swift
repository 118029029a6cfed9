import CeldaCore

/// The columns of `case_record`, in the order both stores' migrations leave them. This list is
/// the one place a case's columns are written out: both stores' INSERT and UPDATE, PostgreSQL's
/// staging tables and COPY lines, both decoders and `celda store export` are derived from it.
///
/// A new field: the `CaseRecord` property, its entry here, and a migration in `Schema` and in
/// `PostgresSchema` that adds the column (as "v5 reclamacion answers" does). Released
/// migrations stay as they were written — a database migrated long ago must keep its meaning —
/// so `SchemaParityTests` checks that a store fresh from every migration has exactly these
/// columns, on both stores; it fails until the three agree.
enum CaseColumns {
    static let table = "case_record"
    /// The store's key of a case, named by errors about its row.
    static let id = "id"
    /// The file whose ingest opened the case.
    static let firstFileID = "first_file_id"
    /// The day a case was last met: what "later" means when two sides of a case are merged.
    static let lastSeen = "last_seen"

    static let all: [CaseColumn] = [
        .rowID(id),
        .field("kind", \.kind),
        .field("key", \.key),
        .ingestedFile(firstFileID),
        .field("source_file", \.sourceFile),
        .field("sheet", \.sheet),
        .field("row", \.row),
        .field("day", \.date),
        .field("seconds_of_day", \.secondsOfDay),
        .field("first_seen", \.firstSeen, .earliest),
        .processedOn(lastSeen),
        .field("cuenta", \.cuenta),
        .field("asesor", \.asesor),
        .field("asesor_id", \.asesorID, .replacedWhenGiven),
        .field("supervisor", \.supervisor, .replacedWhenGiven),
        .field("causal_code", \.causalCode, .replaced),
        .field("causal", \.causal, .replaced),
        .field("evidence", \.evidence, .replaced),
        .field("procede", \.procede, .replaced),
        .field("estado", \.estado, .replaced),
        .field("area", \.area, .replaced),
        .field("motivo", \.motivo),
        .field("observaciones", \.observaciones, .replaced),
        .field("form_errors", \.formErrors, .replaced, default: "''"),
        .field("respuesta", \.respuesta, .takenWith("respuesta")),
        .field("respuesta_fecha", \.respuestaFecha, .takenWith("respuesta")),
    ]

    /// The columns a `CaseRecord` holds, in table order.
    static let fields = all.filter { $0.field != nil }
    /// The columns an INSERT gives (all but the store's own key), in table order.
    static let written = all.filter { $0.type != .rowID }
    static func named(_ names: [String]) -> [CaseColumn] {
        all.filter { names.contains($0.name) }
    }

    /// A column name as an SQL identifier (see `CaseColumn.quoted`).
    static func quoted(_ name: String) -> String { "\"\(name)\"" }

    // MARK: Reading

    /// A case from its row: `value` gives each column's stored value. Throws `badValue`
    /// (naming the row's id and the column) for a value that is not one of its column's type,
    /// or NULL where one is required — never a made-up value. With `columns`, only those are
    /// read (the rest of the record is left blank: for queries that need a few).
    static func decode(_ columns: [CaseColumn] = fields, location: String, _ value: (CaseColumn) -> StoredValue) throws -> CaseRecord {
        // Every property is set below from its column, or reading throws: none of these blanks
        // survives a full decode (`SchemaParityTests` checks every property has a column).
        var record = CaseRecord(kind: "", key: "", sourceFile: "", sheet: "", row: 0, date: nil,
                                firstSeen: CalendarDate(year: 1970, month: 1, day: 1), estado: "")
        for column in columns {
            guard let field = column.field else { continue }
            let stored = value(column)
            guard field.write(&record, stored) else {
                let rowID = named([id]).first.flatMap { value($0).asText } ?? "?"
                throw StoreError.badValue(location: location, table: table, rowID: rowID,
                                          column: column.name, expected: column.type.valueKind, found: stored.asText)
            }
        }
        return record
    }

    // MARK: A later row

    /// A later row of the same case merged into `stored` in memory, by the rules the stores'
    /// UPDATEs follow (`ingestAssignments`).
    static func merge(_ later: CaseRecord, into stored: inout CaseRecord) {
        for column in fields {
            guard let field = column.field else { continue }
            switch column.onLaterRow {
            case .kept, .earliest, .latest: break
            case .replaced: field.copy(&stored, later)
            case .replacedWhenGiven: if field.read(later) != .null { field.copy(&stored, later) }
            case .takenWith(let lead):
                if let leader = named([lead]).first?.field, leader.read(later) != .null { field.copy(&stored, later) }
            }
        }
    }

    /// `column = expression` for each column a later row changes in an ingest: `new` names the
    /// later row's value of a column, `old` the stored one.
    static func ingestAssignments(new: (CaseColumn) -> String, old: (CaseColumn) -> String) -> [String] {
        all.compactMap { c in
            let value: String
            switch c.onLaterRow {
            case .kept, .earliest: return nil
            case .replaced, .latest: value = new(c)
            case .replacedWhenGiven: value = "COALESCE(\(new(c)), \(old(c)))"
            case .takenWith(let lead):
                guard let leader = named([lead]).first else { return nil }
                value = "CASE WHEN \(new(leader)) IS NOT NULL THEN \(new(c)) ELSE \(old(c)) END"
            }
            return "\(c.quoted) = \(value)"
        }
    }

    /// `column = expression` for each column of a case both sides of an export hold (PostgreSQL):
    /// `new` names the station's value, `old` the server's.
    static func exportAssignments(new: (CaseColumn) -> String, old: (CaseColumn) -> String) -> [String] {
        let seen = named([lastSeen])
        let later = seen.first.map { "\(new($0)) >= \(old($0))" } ?? "true"
        return all.compactMap { c in
            let value: String
            switch c.onLaterRow {
            case .kept: return nil
            case .replaced: value = "CASE WHEN \(later) THEN \(new(c)) ELSE \(old(c)) END"
            case .replacedWhenGiven: value = "COALESCE(CASE WHEN \(later) THEN \(new(c)) END, \(old(c)))"
            case .takenWith(let lead):
                guard let leader = named([lead]).first else { return nil }
                value = """
                    CASE WHEN (\(later) AND \(new(leader)) IS NOT NULL) OR \(old(leader)) IS NULL THEN \(new(c)) ELSE \(old(c)) END
                    """
            case .earliest: value = "LEAST(\(old(c)), \(new(c)))"
            case .latest: value = "GREATEST(\(old(c)), \(new(c)))"
            }
            return "\(c.quoted) = \(value)"
        }
    }
}
