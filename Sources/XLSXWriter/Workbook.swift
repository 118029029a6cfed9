import CXLSXWriter
import CZip
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer uses no Foundation: a command built with a static Swift runtime then starts as
/// small as a C program does (see Benchmarks/run_write.sh).

/// A workbook being written. It owns libxlsxwriter's `lxw_workbook` and, through it, every
/// worksheet, format and chart: `Worksheet` and `Chart` handles keep their workbook alive and
/// refuse to act once it is saved or discarded, so no freed C pointer can be touched.
///
/// Saving is atomic: the file is written to a temporary name in the destination folder,
/// flushed to disk and renamed. If anything fails, nothing exists at the destination and the
/// temporary file is gone.
///
/// ```swift
/// let book = try Workbook(path: "salida/Base - gestionado.xlsx")
/// let sheet = try book.addWorksheet("Base")
/// try sheet.write(.text("Cuenta"), row: 0, column: 0, format: bold)
/// try book.save()
/// ```
public final class Workbook {
    public struct Options: Sendable {
        /// Rows are flushed as soon as a later row is written: memory stays flat for millions
        /// of rows, but rows must be written in order and strings are stored inline.
        public var constantMemory = false
        /// Where libxlsxwriter keeps its own temporary files (default: the system's).
        public var temporaryDirectory: String?
        /// ZIP64 extensions, needed past 4 GB of uncompressed XML.
        public var zip64 = false
        /// Number formats used for `.date` values written without a format.
        public var dateFormat = "dd/mm/yyyy"
        public var dateTimeFormat = "dd/mm/yyyy hh:mm:ss"
        public init() {}
    }

    public struct Properties: Sendable {
        public var title: String?, subject: String?, author: String?, manager: String?
        public var company: String?, category: String?, keywords: String?, comments: String?, status: String?
        public init() {}
    }

    public let path: String
    public let options: Options
    /// What was written differently from what was asked (and why), in order.
    public private(set) var issues: [WriteIssue] = []
    public private(set) var worksheets: [Worksheet] = []

    let handle: UnsafeMutablePointer<lxw_workbook>
    /// Unique in the process for its whole life: what a `CellStyle` is checked against.
    let serial = WorkbookSerial.next()
    let temporaryPath: String
    private var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]
    private(set) var isOpen = true
    private var veryHiddenSheets: [String] = []
    private var pivots: [PendingPivot] = []
    /// Rows already used on each list sheet (dropdown sources).
    var listRowsUsed: [String: Int] = [:]
    private var cTemporaryDirectory: UnsafeMutablePointer<CChar>?

    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        let (folder, file) = PathParts.split(path)
        // The temporary name adds up to 14 bytes: a name near the file system's 255 gets a short one.
        let stem = file.utf8.count > 240 ? "celda" : file
        temporaryPath = folder + "/." + stem + "." + String(UInt32.random(in: .min ... .max), radix: 16) + ".tmp"
        // Fail now, with the folder named, rather than after minutes of writing.
        let fd = open(temporaryPath, O_CREAT | O_EXCL | O_WRONLY, 0o644)
        guard fd >= 0 else {
            throw WriterError(.cannotCreateTemporaryFile("no se puede escribir en la carpeta «\(folder)»: \(String(cString: strerror(errno)))"))
        }
        close(fd)
        var lxwOptions = lxw_workbook_options()
        lxwOptions.constant_memory = options.constantMemory ? 1 : 0
        lxwOptions.use_zip64 = options.zip64 ? 1 : 0
        if let dir = options.temporaryDirectory {
            cTemporaryDirectory = strdup(dir)
            lxwOptions.tmpdir = cTemporaryDirectory
        }
        LibraryWarnings.begin()
        guard let wb = workbook_new_opt(temporaryPath, &lxwOptions) else {
            _ = LibraryWarnings.end()
            unlink(temporaryPath)
            free(cTemporaryDirectory)
            throw WriterError(.cannotCreateTemporaryFile("libxlsxwriter no pudo crear el libro"))
        }
        handle = wb
    }

    deinit {
        if isOpen { discard() }
        free(cTemporaryDirectory)
    }

    func ensureOpen(sheet: String? = nil) throws {
        guard isOpen else { throw WriterError(.workbookClosed, sheet: sheet) }
    }

    func report(_ issue: WriteIssue) { issues.append(issue) }

    /// Adds a worksheet. The name is made valid for Excel if it is not (advisor names become
    /// sheet names): the change is reported in `issues` and the sheet's `name` says what it is.
    public func addWorksheet(_ requested: String) throws -> Worksheet {
        try ensureOpen()
        let name = SheetNames.valid(requested, taken: worksheets.map(\.name))
        if name != requested { report(WriteIssue(kind: .sheetRenamed(from: requested, to: name), sheet: name)) }
        guard let ws = workbook_add_worksheet(handle, name) else {
            throw WriterError(.invalidName(name))
        }
        let sheet = Worksheet(workbook: self, handle: ws, name: name)
        worksheets.append(sheet)
        return sheet
    }

    /// The single `lxw_format` for a format value (nil for the default look).
    func format(_ format: CellFormat?) -> UnsafeMutablePointer<lxw_format>? {
        guard let format, format != .default else { return nil }
        if let cached = formats[format] { return cached }
        guard let created = workbook_add_format(handle) else { return nil }
        format.apply(to: created)
        formats[format] = created
        return created
    }

    /// A format resolved once, for loops that write millions of cells with a few looks
    /// (hashing a `CellFormat` per cell costs more than writing the cell).
    public func style(_ format: CellFormat) -> CellStyle {
        CellStyle(owner: serial, pointer: self.format(format))
    }

    /// How many distinct formats the file holds (each value once).
    public var formatCount: Int { formats.count }

    public func setProperties(_ p: Properties) throws {
        try ensureOpen()
        // libxlsxwriter copies the strings during the call.
        let pool = CStrings()
        defer { withExtendedLifetime(pool) {} } // alive until the C call below has copied them
        let strings = [p.title, p.subject, p.author, p.manager, p.company, p.category, p.keywords, p.comments, p.status].map { pool.copy($0) }
        var props = lxw_doc_properties()
        props.title = strings[0]
        props.subject = strings[1]
        props.author = strings[2]
        props.manager = strings[3]
        props.company = strings[4]
        props.category = strings[5]
        props.keywords = strings[6]
        props.comments = strings[7]
        props.status = strings[8]
        try check(workbook_set_properties(handle, &props), "workbook_set_properties")
    }

    public enum CustomProperty: Sendable { case text(String), number(Double), integer(Int32), bool(Bool) }

    public func setCustomProperty(_ name: String, _ value: CustomProperty) throws {
        try ensureOpen()
        switch value {
        case .text(let s): try check(workbook_set_custom_property_string(handle, name, s), "workbook_set_custom_property_string")
        case .number(let d): try check(workbook_set_custom_property_number(handle, name, d), "workbook_set_custom_property_number")
        case .integer(let i): try check(workbook_set_custom_property_integer(handle, name, i), "workbook_set_custom_property_integer")
        case .bool(let b): try check(workbook_set_custom_property_boolean(handle, name, b ? 1 : 0), "workbook_set_custom_property_boolean")
        }
    }

    /// A workbook-wide defined name, e.g. `defineName("Causales", formula: "=Listas!$A$1:$A$13")`.
    public func defineName(_ name: String, formula: String) throws {
        try ensureOpen()
        // libxlsxwriter 1.1.4 lets "mal nombre" through; Excel then repairs the file.
        guard DefinedNames.isValid(name) else { throw WriterError(.invalidName(name)) }
        try check(workbook_define_name(handle, name, formula), "workbook_define_name")
    }

    public func addChart(_ type: Chart.Kind) throws -> Chart {
        try ensureOpen()
        guard let chart = workbook_add_chart(handle, type.lxw) else { throw WriterError(.library(LXWCode(rawValue: -1), call: "workbook_add_chart")) }
        return Chart(workbook: self, handle: chart, kind: type)
    }

    func markVeryHidden(_ sheet: String) { veryHiddenSheets.append(sheet) }

    /// Puts a pivot table on `sheet` (top left, its filters above it), added to the file by
    /// `save()`. Every rule of `PivotTableRule` is checked now: a source without rows, a field
    /// count that does not match, a field on two axes… throw before anything is written. The
    /// sheet should be left empty: the spreadsheet draws the table over it when it refreshes.
    public func addPivotTable(_ table: PivotTable, on sheet: Worksheet) throws {
        try ensureOpen(sheet: sheet.name)
        guard sheet.workbook === self else { throw WriterError(.invalidName(sheet.name), sheet: sheet.name) }
        guard !pivots.contains(where: { $0.sheet == sheet.name }) else {
            throw WriterError(.pivotTable(.sheetAlreadyHasPivot(sheet.name)), sheet: sheet.name)
        }
        let layout = try PivotLayout(table, sheetNames: worksheets.map(\.name))
        pivots.append(PendingPivot(layout: layout, sheet: sheet.name))
    }

    /// Writes the file: libxlsxwriter builds it under a temporary name, which is flushed and
    /// renamed to `path`. On failure nothing is left at `path` (an older file there is kept).
    public func save() throws {
        try ensureOpen()
        isOpen = false
        let status = workbook_close(handle) // frees every sheet, format and chart
        reportWarnings()
        do {
            try check(status, "workbook_close")
            if !veryHiddenSheets.isEmpty { try VeryHiddenPatch.apply(to: temporaryPath, sheets: veryHiddenSheets) }
            if !pivots.isEmpty { try PivotTablePatch.apply(to: temporaryPath, pivots: pivots) }
            try AtomicFile.commit(temporaryPath, to: path)
        } catch {
            unlink(temporaryPath)
            throw error
        }
    }

    /// Frees everything without writing a file.
    public func discard() {
        guard isOpen else { return }
        isOpen = false
        // libxlsxwriter has no "free without writing": close into the temporary file, then remove it.
        _ = workbook_close(handle)
        reportWarnings()
        unlink(temporaryPath)
    }

    /// What libxlsxwriter said while this workbook was open and no failed call took: kept as
    /// issues, never printed.
    private func reportWarnings() {
        for line in LibraryWarnings.end() { report(WriteIssue(kind: .libraryWarning(line), sheet: "")) }
    }
}

/// Serial numbers for workbooks, from a counter behind a lock (workbooks may be created on
/// several threads). 2^64 workbooks will not be created, so a serial is never reused.
enum WorkbookSerial {
    nonisolated(unsafe) private static var last: UInt64 = 0
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    static func next() -> UInt64 {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        last += 1
        return last
    }
}

/// libxlsxwriter 1.1.4 writes `state="hidden"` only; a sheet Excel must not even list in
/// "Unhide" (Celda's metadata) needs `veryHidden`, patched into workbook.xml with libzip.
enum VeryHiddenPatch {
    static func apply(to path: String, sheets: [String]) throws {
        var err: Int32 = 0
        guard let za = zip_open(path, 0, &err) else { throw WriterError(.cannotSave("no se pudo reabrir el libro (\(err))")) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat(za, "xl/workbook.xml", 0, &stat) == 0, let file = zip_fopen(za, "xl/workbook.xml", 0) else {
            zip_discard(za)
            throw WriterError(.cannotSave("falta xl/workbook.xml"))
        }
        guard let size = Int(exactly: stat.size) else { zip_fclose(file); zip_discard(za); throw WriterError(.cannotSave("workbook.xml demasiado grande")) }
        var bytes = [UInt8](repeating: 0, count: size)
        let n = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, stat.size) }
        zip_fclose(file)
        guard n == Int64(size) else { zip_discard(za); throw WriterError(.cannotSave("lectura de workbook.xml")) }
        var xml = String(decoding: bytes, as: UTF8.self)
        for name in sheets {
            let escaped = name.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
                .replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
            // libxlsxwriter writes <sheet name="N" sheetId="3" state="hidden" r:id="rId3"/>.
            let start = "<sheet name=\"" + escaped + "\" sheetId=\""
            guard let found = xml.firstRange(of: start),
                  let state = xml[found.upperBound...].firstRange(of: "\" state=\"hidden\""),
                  xml[found.upperBound..<state.lowerBound].allSatisfy(\.isNumber) else { continue }
            xml.replaceSubrange(state, with: "\" state=\"veryHidden\"")
        }
        do {
            try replace("xl/workbook.xml", in: za, with: Array(xml.utf8))
        } catch {
            zip_discard(za)
            throw error
        }
        guard zip_close(za) == 0 else { zip_discard(za); throw WriterError(.cannotSave("zip_close")) }
    }

    /// Puts `data` as `entry` into the open archive (written on `zip_close`). Ownership: the
    /// source frees the buffer (freep = 1) and `zip_file_add` takes the source only when it
    /// succeeds, so each failure frees what libzip did not take.
    static func replace(_ entry: String, in za: OpaquePointer, with data: [UInt8]) throws {
        guard let copy = malloc(max(data.count, 1)) else {
            throw WriterError(.cannotSave("sin memoria para reescribir \(entry) (\(data.count) bytes)"))
        }
        data.withUnsafeBytes { if let bytes = $0.baseAddress { copy.copyMemory(from: bytes, byteCount: data.count) } }
        guard let source = zip_source_buffer(za, copy, zip_uint64_t(data.count), 1) else {
            free(copy)
            throw WriterError(.cannotSave("no se pudo reescribir \(entry): \(zipError(za))"))
        }
        guard zip_file_add(za, entry, source, zip_flags_t(ZIP_FL_OVERWRITE)) >= 0 else {
            zip_source_free(source) // frees `copy` with it
            throw WriterError(.cannotSave("no se pudo reescribir \(entry): \(zipError(za))"))
        }
    }

    private static func zipError(_ za: OpaquePointer) -> String {
        guard let error = zip_get_error(za), let text = zip_error_strerror(error) else { return "error de libzip" }
        return String(cString: text)
    }
}

enum AtomicFile {
    /// fsync the file, rename it over the destination, fsync the folder.
    static func commit(_ temporary: String, to destination: String) throws {
        let fd = open(temporary, O_RDONLY)
        guard fd >= 0 else { throw WriterError(.cannotSave("no se encontró el archivo temporal")) }
        let synced = fsync(fd)
        close(fd)
        guard synced == 0 else { throw WriterError(.cannotSave("no se pudo escribir en disco: \(String(cString: strerror(errno)))")) }
        guard rename(temporary, destination) == 0 else {
            throw WriterError(.cannotSave("no se pudo renombrar a «\(destination)»: \(String(cString: strerror(errno)))"))
        }
        let folder = PathParts.split(destination).folder
        let dfd = open(folder, O_RDONLY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}

enum PathParts {
    /// ("folder", "file.xlsx") of a path; "." for a bare name.
    static func split(_ path: String) -> (folder: String, file: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}
