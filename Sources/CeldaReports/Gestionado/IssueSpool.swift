import XLSXReader

/// A problem of a gestionado's row, as the *Incidencias* sheet lists it. The problems are kept
/// on disk in row order while the rows are written (a base with a problem in every row of a
/// million would otherwise hold them all) and read back once for the sheet.
struct IssueLine {
    var row: Int
    var column: Int?
    var field: String
    var code: String
    var message: String

    static func spool() throws -> Spool<IssueLine> {
        try Spool(encode: { line, w in
            w.int(line.row)
            w.int(line.column ?? -1)
            w.string(line.field)
            w.string(line.code)
            w.string(line.message)
        }, decode: { r in
            let row = try r.int(), column = try r.int()
            return IssueLine(row: row, column: column < 0 ? nil : column, field: try r.string(), code: try r.string(), message: try r.string())
        })
    }
}
