import XLSXWriter

/// How every report workbook is made: created at `path`, its sheets written by `fill`, titled
/// after its footer and saved; discarded (nothing left at `path`) when anything fails.
/// `constantMemory`: rows are flushed as they are written (each sheet in row order), for a
/// detail of any length.
enum ReportBook {
    static func write(to path: String, title: String, constantMemory: Bool = false, _ fill: (Workbook) throws -> Void) throws {
        var options = Workbook.Options()
        options.constantMemory = constantMemory
        let book = try Workbook(path: path, options: options)
        do {
            try fill(book)
            var props = Workbook.Properties()
            props.title = title
            props.author = "Celda"
            try book.setProperties(props)
            try book.save()
        } catch {
            book.discard()
            throw error
        }
    }

    /// Adds the sheets `names`, empty, in this order: the summaries a supervisor reads first come
    /// before the detail they count, which is written first (its counts are what the summaries
    /// show). Each is filled later through `sheet(_:in:)`; in constant-memory mode a sheet's
    /// rows only need to come in order within that sheet.
    static func reserve(_ names: [String], in book: Workbook) throws {
        for name in names { _ = try book.addWorksheet(name) }
    }

    /// The sheet `name` if it was reserved, else a new one at the end.
    static func sheet(_ name: String, in book: Workbook) throws -> Worksheet {
        try book.worksheets.first { $0.name == name } ?? book.addWorksheet(name)
    }
}
