import CeldaCore
import CeldaReports
import XLSXReader

/// The first pass over a base: every row goes to a spool on disk as it is read (the reader
/// and its shared strings are done with afterwards); the header is recognised from the first
/// rows; a returning gestionado's edits are taken; and what the kind's cross-row rules and the
/// duplicate check need is noted — compactly: a few bytes
/// a row, never the row (plus what a person typed in a returning gestionado).
final class FirstPass {
    let spool: Spool<Row>
    let file: String
    let sheet: SheetInfo
    let isCSV: Bool
    let metadata: GestionadoMetadata?
    private let recogniser: ([Row]) throws -> (any BaseKind, HeaderMatcher.Mapping)
    private let templates: Templates
    private let today: CalendarDate
    private let searchRows: Int

    /// Full rows read before the header was recognised.
    private var prefix: [Row] = []
    private(set) var kind: (any BaseKind)?
    private(set) var mapping: HeaderMatcher.Mapping?
    private(set) var header = Row(number: 0, cells: [])
    private(set) var returning: ReturningGestionado?
    /// What a person typed in a returning gestionado, by row.
    private(set) var edits: [Int: HumanEdits] = [:]
    /// Columns of the widest row from the header down.
    private(set) var width = 0
    private(set) var lastRow = 0
    private(set) var dataRows = 0
    private(set) var rowsRead = 0

    /// Set once the header is recognised; used on the reading thread only.
    private var decider: (any RowDecider)?
    /// The decider's sealed facts and rules, once the first pass is finished.
    private(set) var rules: (any RowRules)?
    private(set) var builder: RecordBuilder?
    private var duplicates = DuplicateRows()
    private var batch: [Row] = []
    static let batchSize = 4_096

    init(file: String, sheet: SheetInfo, isCSV: Bool, metadata: GestionadoMetadata?, templates: Templates, today: CalendarDate,
         recogniser: @escaping ([Row]) throws -> (any BaseKind, HeaderMatcher.Mapping)) throws {
        spool = try RowSpool.make()
        self.file = file
        self.sheet = sheet
        self.isCSV = isCSV
        self.metadata = metadata
        self.templates = templates
        self.today = today
        self.recogniser = recogniser
        searchRows = HeaderMatcher.defaultSearchRows
    }

    /// One row as read (a returning gestionado's rows with Celda's columns).
    func add(_ full: Row) throws {
        rowsRead += 1
        guard mapping != nil else {
            prefix.append(full)
            if prefix.count >= searchRows { try recognise() }
            return
        }
        try take(full)
    }

    /// After the last row: the facts complete (with the history's part, when there is one),
    /// the spool ready to be read.
    func finish(history: DeciderHistory?) throws {
        if mapping == nil { try recognise() }
        try flushBatch()
        try decider?.prepare(history: history)
        rules = decider?.seal()
        decider = nil
        duplicates.seal()
    }

    /// Second pass, every data row in row order: the earlier row it repeats, if any.
    func earlierRow(repeatedBy record: Record) -> Int? {
        guard let builder else { return nil }
        return duplicates.earlierRow(repeatedBy: record.row, values: builder.duplicateKey(record))
    }

    /// A row without Celda's columns (a returning gestionado's back-office cells are the person's edits).
    private func stripped(_ row: Row) -> Row {
        guard let first = metadata?.backOfficeFirstColumn else { return row }
        return Row(number: row.number, cells: row.cells.filter { $0.column < first })
    }

    private func recognise() throws {
        let (kind, mapping) = try recogniser(prefix.map(stripped))
        self.kind = kind
        self.mapping = mapping
        header = stripped(prefix.first { $0.number == mapping.headerRow } ?? Row(number: mapping.headerRow, cells: []))
        if let metadata {
            returning = ReturningGestionado(metadata: metadata, header: prefix.first { $0.number == 1 }, kind: kind, templates: templates)
        }
        decider = kind.decider(present: Set(mapping.columns.keys), today: today)
        builder = RecordBuilder(kind: kind.definition, mapping: mapping, today: today)
        let rows = prefix
        prefix = []
        for row in rows { try take(row) }
    }

    private func take(_ full: Row) throws {
        if let returning, let e = returning.edits(in: full) { edits[full.number] = e }
        let row = stripped(full)
        try spool.append(row)
        guard let headerRow = mapping?.headerRow, row.number >= headerRow else { return }
        for cell in row.cells where cell.column >= width { width = cell.column + 1 }
        guard row.number > headerRow else { return }
        lastRow = max(lastRow, row.number)
        dataRows += 1
        batch.append(row)
        if batch.count >= Self.batchSize { try flushBatch() }
    }

    /// Types a batch (in parallel) and notes each record; the records are not kept.
    private func flushBatch() throws {
        guard let builder, let decider, !batch.isEmpty else { return }
        let typed = Parallel.map(batch, minimumChunk: 512) { builder.typed($0) }
        for (record, _) in typed {
            decider.note(record)
            duplicates.note(row: record.row, values: builder.duplicateKey(record))
        }
        batch.removeAll(keepingCapacity: true)
    }
}
