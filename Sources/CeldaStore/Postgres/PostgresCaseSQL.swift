import CeldaCore

/// `case_record` on PostgreSQL: the staging tables, COPY lines, upsert and decoder, derived from
/// `CaseColumns`.
enum PostgresCaseSQL {
    /// A temporary table of `columns`, with no constraint (rows are checked on their way on).
    static func stagingTable(_ name: String, _ columns: [CaseColumn]) -> String {
        "CREATE TEMP TABLE \(name) (\(columns.map { "\($0.quoted) \($0.type.postgres)" }.joined(separator: ", "))) ON COMMIT DROP"
    }

    /// Where a batch of an ingest is copied: the columns a `CaseRecord` holds.
    static let incoming = stagingTable("incoming_case", CaseColumns.fields)

    /// A case as a line of `COPY incoming_case FROM STDIN`.
    static func incomingLine(_ c: CaseRecord) -> String {
        PGCopy.line(CaseColumns.fields.map { $0.field?.read(c).asText })
    }

    /// `incoming_case` into `case_record`, in key order (two stations take their row locks in
    /// the same order): `$1` the file being ingested, `$2` the day it is processed as of. Returns
    /// `inserted` for each case, true when it was new.
    static let upsertIncoming = """
        INSERT INTO \(CaseColumns.table) (\(CaseColumns.written.map(\.quoted).joined(separator: ", ")))
        SELECT \(CaseColumns.written.map { column -> String in
            switch column.source {
            case .ingestedFile: return "$1"
            case .processedOn: return "$2"
            case .rowID, .field: return column.quoted
            }
        }.joined(separator: ", "))
        FROM incoming_case ORDER BY "kind", "key"
        ON CONFLICT ("kind", "key") DO UPDATE SET
            \(CaseColumns.ingestAssignments(new: { "EXCLUDED.\($0.quoted)" }, old: { "\(CaseColumns.table).\($0.quoted)" })
                .joined(separator: ",\n    "))
        RETURNING (xmax = 0) AS inserted
        """

    /// `columns` as a SELECT list that `decode` reads: the row's id too, days as text.
    static func selectList(_ columns: [CaseColumn] = CaseColumns.fields) -> String {
        (CaseColumns.named([CaseColumns.id]) + columns).map { c in
            c.type == .date ? "\(c.quoted)::text AS \(c.quoted)" : c.quoted
        }.joined(separator: ", ")
    }

    /// Row `i` of a result that holds `selectList(columns)`.
    static func decode(_ r: PGResult, _ i: Int, _ columns: [CaseColumn] = CaseColumns.fields, location: String) throws -> CaseRecord {
        try CaseColumns.decode(columns, location: location) { column in r.text(i, column.name).map(StoredValue.text) ?? .null }
    }
}
