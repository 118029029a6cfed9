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
}
