import Foundation
import XLSXReader

/// The problems of a gestionado's rows, kept on disk in row order while the rows are written
/// (a base with a problem in every row of a million would otherwise hold them all) and read
/// back once for the *Incidencias* sheet.
final class IssueSpool {
    struct Line {
        var row: Int
        var column: Int?
        var field: String
        var code: String
        var message: String
    }

    private let file: TemporaryFile
    private let writer: SpoolWriter
    private(set) var count = 0

    init() throws {
        file = try TemporaryFile()
        writer = SpoolWriter(file: file)
    }

    func append(_ lines: [Line]) throws {
        for line in lines {
            writer.int(line.row)
            writer.int(line.column ?? -1)
            writer.string(line.field)
            writer.string(line.code)
            writer.string(line.message)
        }
        count += lines.count
        try writer.flushIfFull()
    }

    /// Every line, in the order appended.
    func forEach(_ body: (Line) throws -> Void) throws {
        try writer.close()
        let reader = SpoolReader(file: file)
        for _ in 0..<count {
            let row = try reader.int(), column = try reader.int()
            try body(Line(row: row, column: column < 0 ? nil : column, field: try reader.string(), code: try reader.string(), message: try reader.string()))
        }
    }
}
