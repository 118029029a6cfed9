import ArgumentParser
import CeldaCore
import CeldaReports
import Foundation
import XLSXReader
import XLSXWriter

struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Gestiona bases: escribe «<archivo> - gestionado.xlsx» con las columnas del back office llenas.",
        discussion: """
        Conserva cada fila y columna como venía y agrega después: causal con su evidencia, causales
        detectadas, procede, estado, observaciones, días de gestión (días hábiles de Colombia) y alarma.
        La hoja «Incidencias» lista cada problema con un vínculo a su celda. Un archivo que no se puede
        procesar se informa en una línea y los demás siguen; el código de salida es 1 si alguno falló.
        Nunca sobrescribe: si el gestionado ya existe, escribe «… - gestionado (2).xlsx».
        Ejemplo: celda process "Base Mal Escalados 22-03.xlsx" --out salida --today 2024-03-22
        """
    )

    @Argument(help: "Bases .xlsx/.xlsm/.csv.")
    var files: [String]

    @Option(name: .long, help: "Carpeta de salida (por defecto, la del archivo).")
    var out: String?

    @Option(name: .long, help: "Fecha de hoy para los días de gestión, AAAA-MM-DD (por defecto, hoy).")
    var today: String?

    @Flag(name: .long, help: "Un objeto JSON por archivo en vez de la línea de resumen.")
    var json = false

    @OptionGroup var options: ReadOptions

    func validate() throws {
        if let today, CalendarDate(iso: today) == nil { throw ValidationError("--today debe ser una fecha AAAA-MM-DD, no «\(today)»") }
        if let out {
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: out, isDirectory: &isDir) || !isDir.boolValue {
                throw ValidationError("la carpeta de salida «\(out)» no existe")
            }
        }
    }

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        let day = today.flatMap(CalendarDate.init(iso:)) ?? ProcessCommand.localToday()
        var failed = 0
        for file in files {
            do {
                let summary = try BaseProcessor(templates: templates, today: day, language: options.lang.rawValue, outFolder: out).process(file)
                print(json ? summary.json : summary.line)
            } catch {
                failed += 1
                FileHandle.standardError.write(Data(("celda: " + ProcessCommand.message(for: error, file: file, language: options.lang) + "\n").utf8))
            }
        }
        if failed > 0 { throw ExitCode(Celda.ExitStatus.inputRejected.rawValue) }
    }

    static func message(for error: Error, file: String, language: Language) -> String {
        let name = "«" + (file as NSString).lastPathComponent + "»"
        switch error {
        case let e as ReaderError: return e.message(language)
        case let e as ProcessFailure: return "\(name): \(e.message)"
        case let e as WriterError: return "\(name): no se pudo escribir el gestionado: \(e). Revise la carpeta de salida"
        case let e as TemplateError: return "\(e)"
        default: return "\(name): \(error)"
        }
    }

    static func localToday() -> CalendarDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "America/Bogota") ?? .current, from: Date())
        return CalendarDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1)
    }
}

struct ProcessFailure: Error { var message: String }

/// One file through the pipeline: read → headers → records → outcomes → gestionado workbook.
struct BaseProcessor {
    let templates: Templates
    let today: CalendarDate
    let language: String
    let outFolder: String?

    struct Summary: Encodable {
        var file: String, kind: String, rows: Int, issues: Int, alarms: Int, causals: [String: Int], output: String
        /// Headers taken by close spelling: header → field.
        var guesses: [String: String] = [:]
        var line: String {
            let guessed = guesses.isEmpty ? "" : "; encabezados adivinados: " + guesses.sorted { $0.key < $1.key }.map { "«\($0.key)» → \($0.value)" }.joined(separator: ", ")
            let causalText = causals.isEmpty ? "ninguna causal" : "causales " + causals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            return "«\((file as NSString).lastPathComponent)»: \(kind), \(rows) filas, \(issues) incidencias, \(causalText), \(alarms) alarmas\(guessed) → \(output)"
        }
        var json: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        }
    }

    /// `knownHash`: the caller (the watcher) already hashed the file; it is not read twice.
    func process(_ file: String, knownHash: String? = nil) throws -> Summary {
        let clock = PhaseClock()
        let hash = try knownHash ?? BaseProcessor.sha256(of: file)
        clock.mark("hash")
        let source = try SpreadsheetFile.open(path: file)
        guard let sheet = source.firstWorksheet else { throw ReaderError(.noSheets, file: file) }
        final class Rows: @unchecked Sendable { var rows: [Row] = [] }
        let collected = Rows()
        let progress = Progress(file: file)
        try source.readRows(of: sheet) { row in
            collected.rows.append(row)
            if collected.rows.count % 10_000 == 0 { progress.say("leyendo, \(collected.rows.count) filas") }
        }
        var rows = collected.rows
        clock.mark("read")
        if rows.count > 10_000 { progress.say("aplicando reglas a \(rows.count) filas") }
        defer { progress.clear() }

        // A gestionado workbook coming back: its own columns end where the metadata says; the
        // back-office columns after them hold what the person decided.
        var previous: Previous?
        if let metaSheet = source.sheets.first(where: { $0.name == GestionadoWorkbook.metadataSheet }) {
            let meta = Rows()
            try source.readRows(of: metaSheet) { meta.rows.append($0) }
            previous = Previous(metadata: meta.rows, firstRow: rows.first, templates: templates)
            if let p = previous {
                rows = rows.map { Row(number: $0.number, cells: $0.cells.filter { $0.column < p.backOfficeColumn }) }
            }
        }

        let matcher = HeaderMatcher(templates: templates)
        guard let mapping = matcher.match(rows: rows) else {
            throw ProcessFailure(message: "no se encontró una fila de encabezados de una base conocida (mal-escalados, tipificador) en las primeras \(matcher.searchRows) filas de «\(sheet.name)». Revise que sea la base correcta")
        }
        guard mapping.isComplete, let kind = templates.kind(mapping.kind) else {
            let missing = mapping.missing.map { m in
                "«\(m.field)» (se esperaba un encabezado como «\(m.alias)»" + (m.closestHeader.map { "; el más parecido es «\($0)»" } ?? "") + ")"
            }
            let seen = rows.first { $0.number == mapping.headerRow }?.cells.compactMap { c -> String? in if case .text(let t) = c.value { return "«\(t)»" } else { return nil } } ?? []
            throw ProcessFailure(message: "parece una base \(mapping.kind) pero faltan campos obligatorios: \(missing.joined(separator: ", ")). Encabezados en la fila \(mapping.headerRow): \(seen.joined(separator: ", ")). Agregue el alias en Templates/kinds.yaml o corrija el encabezado")
        }
        let header = rows.first { $0.number == mapping.headerRow } ?? Row(number: mapping.headerRow, cells: [])
        let dataRows = rows.filter { $0.number > mapping.headerRow }
        clock.mark("headers")
        let (records, issues) = RecordBuilder(kind: kind, mapping: mapping, today: today).build(dataRows)
        clock.mark("records")
        var outcomes = Gestion.outcomes(kindID: mapping.kind, records: records, present: Set(mapping.columns.keys), templates: templates, today: today)
        if let previous {
            outcomes = Gestion.apply(previous.edits(in: collected.rows), to: outcomes, templates: templates, kindID: mapping.kind)
        }
        clock.mark("outcomes")
        var finalMapping = mapping
        if let titles = previous?.titleRows, !titles.isEmpty { finalMapping.titleRows = titles }

        let input = GestionadoInput(
            sourceName: (file as NSString).lastPathComponent, sheetName: sheet.name, sourceHash: hash, isCSV: source is CSVReader,
            kindID: mapping.kind, kind: kind, mapping: finalMapping, header: header, rows: dataRows, records: records,
            outcomes: outcomes, issues: issues, today: today, language: language)
        var gestionado = input
        if let previous {
            gestionado.sourceName = previous.sourceName ?? input.sourceName
            gestionado.sourceHash = previous.sourceHash ?? hash
            gestionado.reprocessedFrom = (file as NSString).lastPathComponent
        }
        // Next to the file given (or in --out), named after the original source when it comes back.
        let folder = outFolder ?? ((file as NSString).deletingLastPathComponent.isEmpty ? "." : (file as NSString).deletingLastPathComponent)
        let stem = (((previous?.sourceName ?? file) as NSString).lastPathComponent as NSString).deletingPathExtension
        let path = BaseProcessor.numbered(folder: folder, stem: stem)
        if rows.count > 10_000 { progress.say("escribiendo el gestionado") }
        let s = try GestionadoWorkbook.write(gestionado, templates: templates, to: path, version: CeldaVersion.current)
        clock.mark("write")
        return Summary(file: file, kind: mapping.kind + (previous == nil ? "" : " (gestionado de nuevo, con sus ediciones)"),
                       rows: s.rows, issues: s.issues, alarms: s.alarms, causals: s.causals, output: path,
                       guesses: Dictionary(mapping.guesses.map { ($0.header, $0.field) }, uniquingKeysWith: { a, _ in a }))
    }

    /// `<folder>/<stem> - gestionado.xlsx`, numbered rather than overwriting one already there
    /// (it may hold an agent's edits).
    static func numbered(folder: String, stem: String) -> String {
        var candidate = folder + "/" + stem + " - gestionado.xlsx"
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = folder + "/" + stem + " - gestionado (\(n)).xlsx"
            n += 1
        }
        return candidate
    }

    static func sha256(of file: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw ReaderError(.fileNotFound, file: file) }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finish()
    }
}

/// What a gestionado workbook coming back says about itself and what the person typed.
struct Previous {
    var kind: String?
    var sourceName: String?
    var sourceHash: String?
    var backOfficeColumn: Int
    var titleRows: [String]
    /// Back-office column → label key, from the workbook's own header row (either language).
    var columns: [String: Int] = [:]

    init?(metadata: [Row], firstRow: Row?, templates: Templates) {
        var values: [String: String] = [:]
        for row in metadata {
            guard row.cells.count >= 2, case .text(let k) = row.cells[0].value else { continue }
            if case .text(let v) = row.cells[1].value { values[k] = v }
        }
        guard let first = values["back_office_first_column"].flatMap(Int.init) else { return nil }
        kind = values["kind"]
        sourceName = values["source"]
        sourceHash = values["source_sha256"]
        backOfficeColumn = first
        titleRows = values.filter { $0.key.hasPrefix("title_row_") }.sorted { $0.key < $1.key }.map(\.value)
        let keys = ["col_causal", "col_causal_normalizada", "col_procede", "col_estado", "col_observaciones"]
        for cell in firstRow?.cells ?? [] where cell.column >= first {
            guard case .text(let header) = cell.value else { continue }
            for key in keys where templates.labels.values.contains(where: { $0[key] == header }) { columns[key] = cell.column }
        }
    }

    func edits(in rows: [Row]) -> [Int: HumanEdits] {
        var out: [Int: HumanEdits] = [:]
        for row in rows where row.number > 1 {
            func text(_ key: String) -> String? {
                guard let column = columns[key], let cell = row.cells.first(where: { $0.column == column }) else { return nil }
                if case .text(let t) = cell.value { return t }
                return nil
            }
            let e = HumanEdits(causal: text("col_causal") ?? text("col_causal_normalizada"), procede: text("col_procede"),
                               estado: text("col_estado"), observaciones: text("col_observaciones"))
            if e != HumanEdits() { out[row.number] = e }
        }
        return out
    }
}

/// `CELDA_TIMING=1` prints how long each phase took, on stderr (for benchmarks, not users).
final class PhaseClock {
    private var last = DispatchTime.now()
    private let enabled = ProcessInfo.processInfo.environment["CELDA_TIMING"] != nil
    func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        FileHandle.standardError.write(Data("  \(phase): \(Int(ms)) ms\n".utf8))
        last = now
    }
}

/// One self-erasing status line on stderr while a big file is worked, only when stderr is a
/// terminal: logs and pipes get just the summary lines.
final class Progress {
    private let name: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false
    init(file: String) { name = (file as NSString).lastPathComponent }
    func say(_ what: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K«\(name)»: \(what)…".utf8))
        shown = true
    }
    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
