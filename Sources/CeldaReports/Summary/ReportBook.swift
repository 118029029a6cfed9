import XLSXWriter

/// How every report workbook is made: created at `path`, its sheets written by `fill`, titled
/// after its footer and saved; discarded (nothing left at `path`) when anything fails.
enum ReportBook {
    static func write(to path: String, title: String, _ fill: (Workbook) throws -> Void) throws {
        let book = try Workbook(path: path)
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
