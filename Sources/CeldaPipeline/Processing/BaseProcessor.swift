import CeldaCore
import CeldaReports
import CeldaStore
import Foundation
import XLSXReader
import XLSXWriter

/// Processes one base: read → headers → records → outcomes (a person's edits winning when a
/// gestionado comes back) → the gestionado workbook.
public struct BaseProcessor {
    public let templates: Templates
    public let kinds: KindCatalog
    public let today: CalendarDate
    public let language: Language
    /// Where the gestionado goes; nil: next to the file.
    public let outFolder: String?
    /// Told where a long run is (reading, deciding, writing); on the caller's thread.
    public var progress: ((ProcessStage) -> Void)?
    /// The history every processed base goes into (nil: no history, each base on its own).
    public var store: HistoryStore?
    /// Who processed it, kept with every file in the store.
    public var station = Station.current

    /// Bases with more rows than this tell their progress.
    static let progressFrom = 10_000

    public init(templates: Templates, today: CalendarDate, language: Language, outFolder: String?) {
        self.templates = templates
        kinds = KindCatalog(templates: templates)
        self.today = today
        self.language = language
        self.outFolder = outFolder
    }

    /// `knownHash`: the caller (the watcher) already hashed the file; it is not read twice.
    public func process(_ file: String, knownHash: String? = nil) throws -> ProcessSummary {
        let clock = PhaseClock()
        let hash = try knownHash ?? FileHash.sha256(of: file)
        clock.mark("hash")
        let source = try SpreadsheetFile.open(path: file)
        guard let sheet = source.firstWorksheet else { throw ReaderError(.noSheets, file: file) }
        let full = try read(sheet, of: source)
        var rows = full
        clock.mark("read")
        if rows.count > Self.progressFrom { progress?(.deciding(rows: rows.count)) }

        let metadata = try GestionadoMetadata.read(from: source)
        if let metadata { rows = rows.map { Row(number: $0.number, cells: $0.cells.filter { $0.column < metadata.backOfficeFirstColumn }) } }
        let (kind, mapping) = try recognise(rows, file: file, sheet: sheet.name)
        let header = rows.first { $0.number == mapping.headerRow } ?? Row(number: mapping.headerRow, cells: [])
        let dataRows = rows.filter { $0.number > mapping.headerRow }
        clock.mark("headers")
        let (records, issues) = RecordBuilder(kind: kind.definition, mapping: mapping, today: today).build(dataRows)
        clock.mark("records")
        let decided = kind.outcomes(for: records, present: Set(mapping.columns.keys), today: today)
        let history = try HistoryEnrichment(store: store, kind: kind, templates: templates, today: today)
            .enrich(decided, records: records, issues: issues)
        var outcomes = history.outcomes
        var returning: ReturningGestionado?
        var edits: [Int: HumanEdits] = [:]
        if let metadata {
            // The person's edits are in the full rows, Celda's columns included.
            let back = ReturningGestionado(metadata: metadata, header: full.first { $0.number == 1 }, kind: kind, templates: templates)
            edits = back.edits(in: full)
            outcomes = EditsApplier(kind: kind, templates: templates).apply(edits, to: outcomes)
            returning = back
        }
        clock.mark("outcomes")
        var finalMapping = mapping
        if let titles = metadata?.titleRows, !titles.isEmpty { finalMapping.titleRows = titles }
        let fileName = (file as NSString).lastPathComponent
        var input = GestionadoInput(
            sourceName: metadata?.source ?? fileName, sheetName: sheet.name, sourceHash: metadata.map(\.sourceHash) ?? hash,
            isCSV: source is CSVReader, kind: kind, mapping: finalMapping, header: header, rows: dataRows, records: records,
            outcomes: outcomes, issues: issues, today: today, language: language)
        if returning != nil { input.reprocessedFrom = fileName }
        input.listings = kind.listings(records: records, outcomes: outcomes, today: today)

        let path = try outputPath(for: file, sourceName: metadata?.source)
        // Into the history before the output: a crash between the two leaves the rows stored and
        // the next run writes the output again (the store says it has them); never an output
        // whose rows are not in the history.
        var stored: IngestResult?
        if let store {
            let cases = zip(records, outcomes).enumerated().map { i, pair in
                CaseRecord(kind: kind, record: pair.0, outcome: pair.1, sourceFile: metadata?.source ?? fileName, sheet: sheet.name,
                           firstSeen: history.firstSeen[history.keys[i]] ?? today)
            }
            var decisions: [String: [String: String]] = [:]
            for (i, record) in records.enumerated() {
                guard let e = edits[record.row] else { continue }
                let fields = ["causal": e.causal, "procede": e.procede, "estado": e.estado, "observaciones": e.observaciones, "gestion": e.gestion]
                    .compactMapValues { $0 }
                if !fields.isEmpty { decisions[history.keys[i]] = fields }
            }
            stored = try store.ingest(Ingestion(sha256: hash, fileName: fileName, kind: kind.id, station: station, output: path,
                                                processedOn: today, cases: cases, decisions: decisions,
                                                kindHistory: kind.history(records: records, outcomes: outcomes, sourceFile: metadata?.source ?? fileName, today: today)))
        }
        clock.mark("store")
        if rows.count > Self.progressFrom { progress?(.writing) }
        let written: GestionadoSummary
        do {
            written = try GestionadoWorkbook.write(input, templates: templates, to: path, version: CeldaVersion.current)
        } catch let error as WriterError {
            throw PipelineError.outputNotWritten(path: path, detail: error)
        }
        clock.mark("write")
        return ProcessSummary(file: file, kind: kind.id, reprocessed: returning != nil, rows: written.rows, issues: written.issues,
                              alarms: written.alarms, causals: written.causals, kindHasCausals: !kind.causals.isEmpty, output: path,
                              guesses: Dictionary(mapping.guesses.map { ($0.header, $0.field) }, uniquingKeysWith: { a, _ in a }),
                              history: stored.map(HistoryNote.init))
    }

    private func read(_ sheet: SheetInfo, of source: RowSource) throws -> [Row] {
        final class Rows: @unchecked Sendable { var rows: [Row] = [] }
        let collected = Rows()
        let progress = self.progress
        try source.readRows(of: sheet) { row in
            collected.rows.append(row)
            if collected.rows.count % Self.progressFrom == 0 { progress?(.reading(rows: collected.rows.count)) }
        }
        return collected.rows
    }

    /// The kind and the header mapping, or why the base is not one Celda knows.
    func recognise(_ rows: [Row], file: String, sheet: String) throws -> (any BaseKind, HeaderMatcher.Mapping) {
        let matcher = HeaderMatcher(templates: templates)
        guard let mapping = matcher.match(rows: rows) else {
            throw PipelineError.noHeaderRow(file: file, sheet: sheet, searched: matcher.searchRows, kinds: kinds.all.map(\.id))
        }
        guard mapping.isComplete, let kind = kinds.kind(mapping.kind) else {
            let seen = rows.first { $0.number == mapping.headerRow }?.cells.compactMap { c -> String? in
                if case .text(let t) = c.value { return t } else { return nil }
            } ?? []
            throw PipelineError.missingFields(file: file, kind: mapping.kind, missing: mapping.missing, headerRow: mapping.headerRow, headers: seen)
        }
        return (kind, mapping)
    }

    /// `<folder>/<stem> - gestionado.xlsx`, next to the file given (or in --out), named after the
    /// original source when a gestionado comes back; numbered rather than overwriting.
    func outputPath(for file: String, sourceName: String?) throws -> String {
        let folder = outFolder ?? ((file as NSString).deletingLastPathComponent.isEmpty ? "." : (file as NSString).deletingLastPathComponent)
        try OutputFolder.prepare(folder)
        let stem = (((sourceName ?? file) as NSString).lastPathComponent as NSString).deletingPathExtension
        return OutputNames.unused(folder: folder, stem: stem, suffix: " - gestionado.xlsx")
    }
}

public enum CeldaVersion {
    public static let current = "0.2.0"
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
