import CeldaCore
import CeldaReports
import Foundation
import XLSXReader

/// The first pass over a base: every row goes to a spool on disk as it is read (the reader
/// and its shared strings are done with afterwards), with its fields typed — the only time a
/// cell is typed; the header is recognised from the first rows; a returning gestionado's edits
/// are taken; and what the kind's cross-row rules and the duplicate check need is noted —
/// compactly: a few bytes a row, never the row (plus what a person typed in a returning
/// gestionado). The reading thread only reads: batches of rows go to a worker thread that
/// types, notes and spools them while the next batch is read.
final class FirstPass {
    /// The rows with their typed values; set once the header is recognised.
    private(set) var spool: Spool<SpooledRow>?
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

    /// Set once the header is recognised: types, notes and spools the batches.
    private var worker: FirstPassWorker?
    /// The decider's sealed facts and rules, once the first pass is finished.
    private(set) var rules: (any RowRules)?
    private(set) var builder: RecordBuilder?
    private var duplicates = DuplicateRows()
    private var batch: [Row] = []
    static let batchSize = 4_096

    init(file: String, sheet: SheetInfo, isCSV: Bool, metadata: GestionadoMetadata?, templates: Templates, today: CalendarDate,
         recogniser: @escaping ([Row]) throws -> (any BaseKind, HeaderMatcher.Mapping)) throws {
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

    /// A pass left unfinished (an unreadable row, a file that cannot be spooled) stops its worker.
    deinit { worker?.abandon() }

    /// After the last row: the facts complete (with the history's part, when there is one),
    /// the spool ready to be read.
    func finish(history: DeciderHistory?) throws {
        if mapping == nil { try recognise() }
        try flushBatch()
        guard let worker else { return }
        self.worker = nil
        let (decider, duplicates) = try worker.finish()
        try decider.prepare(history: history)
        rules = decider.seal()
        self.duplicates = duplicates
        self.duplicates.seal()
    }

    /// Second pass, every data row in row order: the earlier row it repeats, if any.
    func earlierRow(repeatedBy record: Record, values: [FieldValue?]) -> Int? {
        guard let builder else { return nil }
        return duplicates.earlierRow(repeatedBy: record.row, values: builder.duplicateKey(values: values))
    }

    /// A row without Celda's columns (a returning gestionado's back-office cells are the person's edits).
    private func stripped(_ row: Row) -> Row {
        guard let first = metadata?.backOfficeFirstColumn else { return row }
        return Row(number: row.number, cells: row.cells.filter { $0.column < first })
    }

    private func recognise() throws {
        let (kind, mapping) = try recogniser(prefix.map(stripped))
        // The spool first: a pass whose spool cannot be made never looks recognised.
        let builder = RecordBuilder(kind: kind.definition, mapping: mapping, today: today)
        let spool = try TypedRowSpool.make(columns: builder.plannedColumns)
        self.kind = kind
        self.mapping = mapping
        header = stripped(prefix.first { $0.number == mapping.headerRow } ?? Row(number: mapping.headerRow, cells: []))
        if let metadata {
            returning = ReturningGestionado(metadata: metadata, header: prefix.first { $0.number == 1 }, kind: kind, templates: templates)
        }
        self.builder = builder
        self.spool = spool
        worker = FirstPassWorker(decider: kind.decider(present: Set(mapping.columns.keys), today: today), builder: builder, spool: spool)
        let rows = prefix
        prefix = []
        for row in rows { try take(row) }
    }

    private func take(_ full: Row) throws {
        if let returning, let e = returning.edits(in: full) { edits[full.number] = e }
        let row = stripped(full)
        batch.append(row)
        if batch.count >= Self.batchSize { try flushBatch() }
        guard let headerRow = mapping?.headerRow, row.number >= headerRow else { return }
        for cell in row.cells where cell.column >= width { width = cell.column + 1 }
        guard row.number > headerRow else { return }
        lastRow = max(lastRow, row.number)
        dataRows += 1
    }

    /// Hands the rows read to the worker (which may still be busy with the batch before).
    private func flushBatch() throws {
        guard let worker, !batch.isEmpty else { return }
        try worker.take(batch)
        batch.removeAll(keepingCapacity: true)
    }
}

/// The first pass's second thread: each batch of rows typed (once; the values are spooled with
/// the rows), noted by the decider and the duplicate check, in row order. The decider and the
/// duplicates are this thread's alone until `finish` hands them back.
private final class FirstPassWorker: @unchecked Sendable {
    private let decider: any RowDecider
    private let builder: RecordBuilder
    private let spool: Spool<SpooledRow>
    private var duplicates = DuplicateRows()
    private let pipe = BatchPipe<[Row]>(capacity: 2)
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: Error?

    init(decider: any RowDecider, builder: RecordBuilder, spool: Spool<SpooledRow>) {
        self.decider = decider
        self.builder = builder
        self.spool = spool
        let thread = Thread { [self] in
            while let rows = pipe.take() {
                guard storedError == nil, !abandoned else { continue }
                do { try handle(rows) } catch { lock.withLock { failure = error } }
            }
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    private var storedError: Error? { lock.withLock { failure } }
    /// Set when the pass is given up: the batches still queued are dropped, not worked.
    private var abandoned: Bool { lock.withLock { isAbandoned } }
    private var isAbandoned = false

    /// A batch, in row order (waits while two are queued); the worker's error, if it had one.
    func take(_ rows: [Row]) throws {
        if let storedError { throw storedError }
        pipe.put(rows)
    }

    /// After the last batch: the decider and the duplicates, every row noted.
    func finish() throws -> (any RowDecider, DuplicateRows) {
        pipe.close()
        done.wait()
        if let storedError { throw storedError }
        return (decider, duplicates)
    }

    /// Ends the thread without waiting for it (the pass is given up).
    func abandon() {
        lock.withLock { isAbandoned = true }
        pipe.close()
    }

    private func handle(_ rows: [Row]) throws {
        let builder = self.builder, headerRow = builder.mapping.headerRow
        let data = rows.filter { $0.number > headerRow }
        let values = Parallel.map(data, minimumChunk: 512) { chunk in chunk.map { builder.values(of: $0) } }
        // A decider with nothing to note gets no record.
        let records: [Record] = !decider.notesRecords ? [] : Parallel.map(Array(zip(data, values)), minimumChunk: 512) { chunk in
            chunk.map { row, values in builder.recordWithoutIssues(row, values: values) }
        }
        var k = 0
        for row in rows {
            guard row.number > headerRow else { try spool.append(SpooledRow(row: row, values: nil)); continue }
            if !records.isEmpty { decider.note(records[k]) }
            duplicates.note(row: row.number, values: builder.duplicateKey(values: values[k]))
            try spool.append(SpooledRow(row: row, values: values[k]))
            k += 1
        }
    }
}
