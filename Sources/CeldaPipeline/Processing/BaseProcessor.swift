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
    /// The kinds a base may be (the registered ones; tests add their own).
    public var kinds: KindCatalog
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
    /// Data rows per base sheet of the gestionado (Excel's limit); tests lower it to see a spill.
    public var rowsPerSheet = GestionadoPlan.excelDataRows

    public init(templates: Templates, today: CalendarDate, language: Language, outFolder: String?) throws {
        self.templates = templates
        kinds = try KindCatalog(templates: templates)
        self.today = today
        self.language = language
        self.outFolder = outFolder
    }

    /// `knownHash`: the caller (the watcher) already hashed the file; it is not read twice.
    public func process(_ file: String, knownHash: String? = nil) throws -> ProcessSummary {
        let clock = PhaseClock()
        let hash = try knownHash ?? FileHash.sha256(of: file)
        clock.mark("hash")
        let first = try firstPass(file)
        clock.mark("read")
        guard let kind = first.kind, let mapping = first.mapping else { throw ReaderError(.noSheets, file: file) }
        let path = try outputPath(for: file, sourceName: first.metadata?.source)
        guard let rules = first.rules, let builder = first.builder else { throw ReaderError(.noSheets, file: file) }
        let plan = self.plan(first, kind: kind, mapping: mapping, file: file, hash: hash)
        let summary = try secondPass(first, plan: plan, rules: rules, builder: builder, to: path, hash: hash, clock: clock)
        clock.mark("finish")
        return summary
    }

    /// Reads the base once: rows to the spool, the header recognised, the edits of a returning
    /// gestionado, and the kind's cross-row facts.
    private func firstPass(_ file: String) throws -> FirstPass {
        let source = try SpreadsheetFile.open(path: file)
        let metadata = try GestionadoMetadata.read(from: source)
        // A spilled gestionado's first base sheet is the first that is not a continuation (a
        // person may have moved «Base (2)» to the front).
        let continuation = metadata?.continuationSheets ?? []
        var base = source.firstWorksheet
        if let first = base, continuation.contains(first.name) {
            base = source.sheets.first { $0.type == .worksheet && !continuation.contains($0.name) && $0.name != GestionadoMetadata.sheetName }
        }
        guard let sheet = base else { throw ReaderError(.noSheets, file: file) }
        let first = try FirstPass(
            file: file, sheet: sheet, isCSV: source is CSVReader, metadata: metadata, templates: templates, today: today,
            recogniser: { try self.recognise($0, file: file, sheet: sheet.name) })
        let progress = self.progress
        let count = { (rows: Int) in if rows % Self.progressFrom == 0 { progress?(.reading(rows: rows)) } }
        try source.readRows(of: sheet) { row in
            try first.add(row)
            count(first.rowsRead)
        }
        // A gestionado that spilled continues on «Base (2)», …: its rows follow, numbered on.
        for (k, name) in (metadata?.continuationSheets ?? []).enumerated() {
            // Its rows are not to be lost without a word: a renamed or deleted sheet is refused.
            guard let more = source.sheets.first(where: { $0.name == name }) else {
                throw ReaderError(.sheetNotFound(name, available: source.sheets.map(\.name).filter { $0 != GestionadoMetadata.sheetName }), file: file)
            }
            let offset = (k + 1) * (metadata?.rowsPerSheet ?? GestionadoPlan.excelDataRows)
            try source.readRows(of: more) { row in
                guard row.number > 1 else { return }
                try first.add(Row(number: row.number + offset, cells: row.cells))
                count(first.rowsRead)
            }
        }
        // The history's part of the cross-row facts (earlier contacts of each cuenta) is read
        // before the second pass, outside its transaction.
        try first.finish(history: store)
        return first
    }

    private func plan(_ first: FirstPass, kind: any BaseKind, mapping: HeaderMatcher.Mapping, file: String, hash: String) -> GestionadoPlan {
        var finalMapping = mapping
        if let titles = first.metadata?.titleRows, !titles.isEmpty { finalMapping.titleRows = titles }
        let fileName = (file as NSString).lastPathComponent
        var plan = GestionadoPlan(
            sourceName: first.metadata?.source ?? fileName, sheetName: first.sheet.name, sourceHash: first.metadata.map(\.sourceHash) ?? hash,
            isCSV: first.isCSV, kind: kind, mapping: finalMapping, header: first.header, originalWidth: first.width,
            lastInputRow: max(first.lastRow, mapping.headerRow), today: today, language: language)
        if first.returning != nil { plan.reprocessedFrom = fileName }
        plan.rowsPerSheet = rowsPerSheet
        return plan
    }

    /// The second pass: rows decided in batches, constant memory, any size. With a store, the
    /// batches go into it as they are decided, the whole file one transaction that commits
    /// before the output is finished (never an output whose rows are not stored).
    private func secondPass(_ first: FirstPass, plan: GestionadoPlan, rules: any RowRules, builder: RecordBuilder,
                            to path: String, hash: String, clock: PhaseClock) throws -> ProcessSummary {
        if first.dataRows > Self.progressFrom { progress?(.writingRows(done: 0, of: first.dataRows)) }
        let fileName = (first.file as NSString).lastPathComponent
        var pass = SecondPass(first: first, rules: rules, builder: builder,
                              enrichment: HistoryEnrichment(kind: plan.kind, templates: templates, today: today, lookup: nil),
                              progress: progress)
        let written: GestionadoSummary
        var stored: IngestResult?
        do {
            // A small base keeps shared strings (a smaller file); a large one goes to disk as written.
            let writer = WriterHandle(try GestionadoWriter(plan: plan, templates: templates, path: path, version: CeldaVersion.current,
                                                           constantMemory: first.dataRows > GestionadoWorkbook.constantMemoryFrom))
            do {
                if let store {
                    stored = try store.ingest(Ingestion(sha256: hash, fileName: fileName, kind: plan.kind.id, station: station, output: path,
                                                        processedOn: today, cases: [])) { sink in
                        // The decider counted recurrence with the history (`FirstPass.finish`);
                        // first-seen days come from this transaction's view.
                        pass.enrichment = HistoryEnrichment(kind: plan.kind, templates: templates, today: today, lookup: sink)
                        pass.history = SecondPass.History(sink: sink, sourceFile: first.metadata?.source ?? fileName, sheet: plan.sheetName, today: today)
                        try pass.run(into: writer)
                    }
                } else {
                    try pass.run(into: writer)
                }
            } catch {
                try? writer.use { $0.discard() }
                throw error
            }
            let listings = pass.listing?.listings() ?? []
            // The rows written; what "finish" times from here is the layout, Incidencias and
            // libxlsxwriter zipping the parts (the deflate of every row: most of it on a large base).
            clock.mark("rows")
            written = try writer.use { try $0.finish(listings: listings) }
        } catch let error as WriterError {
            throw PipelineError.outputNotWritten(path: path, detail: error)
        }
        return summary(first, plan: plan, written: written, history: stored.map(HistoryNote.init))
    }

    private func summary(_ first: FirstPass, plan: GestionadoPlan, written: GestionadoSummary, history: HistoryNote?) -> ProcessSummary {
        ProcessSummary(file: first.file, kind: plan.kind.id, reprocessed: first.returning != nil, rows: written.rows, issues: written.issues,
                       alarms: written.alarms, causals: written.causals, kindHasCausals: !plan.kind.causals.isEmpty, output: written.path,
                       guesses: Dictionary(plan.mapping.guesses.map { ($0.header, $0.field) }, uniquingKeysWith: { a, _ in a }),
                       history: history)
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
