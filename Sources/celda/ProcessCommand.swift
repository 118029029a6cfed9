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
        var line: String {
            let causalText = causals.isEmpty ? "ninguna causal" : "causales " + causals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            return "«\((file as NSString).lastPathComponent)»: \(kind), \(rows) filas, \(issues) incidencias, \(causalText), \(alarms) alarmas → \(output)"
        }
        var json: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        }
    }

    func process(_ file: String) throws -> Summary {
        let hash = try BaseProcessor.sha256(of: file)
        let source = try SpreadsheetFile.open(path: file)
        guard let sheet = source.firstWorksheet else { throw ReaderError(.noSheets, file: file) }
        if source.sheets.contains(where: { $0.name == GestionadoWorkbook.metadataSheet }) {
            throw ProcessFailure(message: "ya es un libro gestionado por Celda; volver a procesarlo conservando sus ediciones aún no está disponible. Procese la base original")
        }
        final class Rows: @unchecked Sendable { var rows: [Row] = [] }
        let collected = Rows()
        try source.readRows(of: sheet) { collected.rows.append($0) }
        let rows = collected.rows

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
        let (records, issues) = RecordBuilder(kind: kind, mapping: mapping, today: today).build(dataRows)
        let outcomes = Gestion.outcomes(kindID: mapping.kind, records: records, present: Set(mapping.columns.keys), templates: templates, today: today)

        let input = GestionadoInput(
            sourceName: (file as NSString).lastPathComponent, sheetName: sheet.name, sourceHash: hash, isCSV: source is CSVReader,
            kindID: mapping.kind, kind: kind, mapping: mapping, header: header, rows: dataRows, records: records,
            outcomes: outcomes, issues: issues, today: today, language: language)
        let path = outputPath(for: file)
        let s = try GestionadoWorkbook.write(input, templates: templates, to: path, version: CeldaVersion.current)
        return Summary(file: file, kind: mapping.kind, rows: s.rows, issues: s.issues, alarms: s.alarms, causals: s.causals, output: path)
    }

    /// `<folder>/<name> - gestionado.xlsx`, numbered rather than overwriting one already there
    /// (it may hold an agent's edits).
    func outputPath(for file: String) -> String {
        let folder = outFolder ?? (file as NSString).deletingLastPathComponent
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var candidate = (folder.isEmpty ? "." : folder) + "/" + stem + " - gestionado.xlsx"
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = (folder.isEmpty ? "." : folder) + "/" + stem + " - gestionado (\(n)).xlsx"
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
