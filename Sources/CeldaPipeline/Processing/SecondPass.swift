import CeldaCore
import CeldaReports
import CeldaStore
import Foundation
import Synchronization
import XLSXReader

/// The second pass of a streamed base: rows come back from the spool in batches with the values
/// the first pass typed, are decided and prepared for the writer on this thread (the cores
/// shared), and each finished batch is written by a writer thread while the next one is decided. At most four batches are in memory (two queued,
/// one being written, one being decided).
struct SecondPass {
    let first: FirstPass
    let rules: any RowRules
    let builder: RecordBuilder
    /// What every batch's outcomes get after the decider's: first-seen days (from the history's
    /// transaction when there is one), the form errors among the issues, a person's edits.
    var enrichment: HistoryEnrichment
    let progress: ((ProcessStage) -> Void)?
    /// Set when the base goes into a history: its cases go into it, batch by batch.
    var history: History?
    /// The kind's listing sheets in the making (premium: *Agenda de hoy*); used on this thread.
    let listing: (any ListingCollector)?

    init(first: FirstPass, rules: any RowRules, builder: RecordBuilder, enrichment: HistoryEnrichment, progress: ((ProcessStage) -> Void)?) {
        self.first = first
        self.rules = rules
        self.builder = builder
        self.enrichment = enrichment
        self.progress = progress
        listing = rules.listing()
    }

    struct History {
        let sink: IngestSink
        let sourceFile: String
        let sheet: String
        let today: CalendarDate
    }

    /// A decided batch, its rows prepared for the writer (which only writes them).
    struct Batch: Sendable {
        var rows: [PreparedRow]
    }

    func run(into writer: WriterHandle) throws {
        // Taken before the writer thread starts: nothing below may throw with it waiting.
        let preparer = try writer.use { $0.preparer }
        guard let spool = first.spool else { throw ReaderError(.noSheets, file: first.file) }
        let pipe = BatchPipe<Batch>(capacity: 2)
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        let consumer = Thread {
            while let batch = pipe.take() {
                guard failure.error == nil else { continue }
                do {
                    try writer.use { w in
                        for row in batch.rows { try w.write(row) }
                    }
                } catch {
                    failure.error = error
                }
            }
            done.signal()
        }
        consumer.stackSize = 1 << 22
        consumer.start()
        let headerRow = builder.mapping.headerRow
        var rows: [SpooledRow] = []
        var written = 0
        let total = first.dataRows
        do {
            try spool.forEach { row in
                guard row.row.number > headerRow, row.values != nil else { return }
                rows.append(row)
                if rows.count >= FirstPass.batchSize {
                    if let error = failure.error { throw error }
                    written += rows.count
                    pipe.put(try decide(rows, preparer: preparer))
                    rows.removeAll(keepingCapacity: true)
                    if total > BaseProcessor.progressFrom { progress?(.writingRows(done: written, of: total)) }
                }
            }
            if !rows.isEmpty { pipe.put(try decide(rows, preparer: preparer)) }
        } catch {
            pipe.close()
            done.wait()
            throw error
        }
        pipe.close()
        done.wait()
        if let error = failure.error { throw error }
    }

    /// A batch's records (from the values the first pass typed), their outcomes (a person's
    /// edits winning) and problems, prepared for the writer.
    private func decide(_ rows: [SpooledRow], preparer: GestionadoRowPreparer) throws -> Batch {
        let builder = self.builder, rules = self.rules
        // Every row here is a data row: the first pass typed it (`values` is set).
        let typed = Parallel.map(rows, minimumChunk: 512) { chunk in chunk.map { builder.record($0.row, values: $0.values!) } }
        let records = typed.map(\.0)
        var outcomes = Parallel.map(records, minimumChunk: 512) { rules.decide($0) }
        let issues = zip(typed, rows).map { pair, spooled in
            let (record, found) = pair
            return first.earlierRow(repeatedBy: record, values: spooled.values!).map {
                found + [RecordBuilder.duplicate(record.row, of: $0, shift: record.shift)]
            } ?? found
        }
        // Días de gestión from the day the history first saw each case (this transaction's view),
        // the form errors among the issues, then a person's edits.
        let settled = try enrichment.settle(outcomes, records: records, issues: issues.flatMap { $0 }, edits: first.edits)
        outcomes = settled.outcomes
        if let history {
            let (cases, decisions) = settled.cases(records: records, kind: enrichment.kind, edits: first.edits,
                                                   sourceFile: history.sourceFile, sheet: history.sheet, today: history.today)
            try history.sink.add(cases, decisions: decisions)
            if let extra = rules.history(records, outcomes: outcomes, sourceFile: history.sourceFile) { try history.sink.add(extra) }
            let facts = rules.facts(records, outcomes: outcomes, sourceFile: history.sourceFile)
            if !facts.isEmpty { try history.sink.add(.facts(facts)) }
        }
        listing?.add(records, outcomes: outcomes)
        let settledOutcomes = outcomes
        let prepared = Parallel.map(Array(rows.indices), minimumChunk: 512) { chunk in
            chunk.map { i in preparer.prepare(rows[i].row, record: records[i], outcome: settledOutcomes[i], issues: issues[i]) }
        }
        return Batch(rows: prepared)
    }
}

/// The gestionado's writer, shared by the thread that creates and finishes it and the thread
/// that writes the batches: one at a time, behind a lock taken once a batch.
final class WriterHandle: Sendable {
    private let writer: Mutex<GestionadoWriter>
    init(_ writer: sending GestionadoWriter) { self.writer = Mutex(writer) }
    func use<T: Sendable>(_ body: (GestionadoWriter) throws -> T) throws -> T {
        try writer.withLock { w throws -> T in try body(w) }
    }
}

/// The writer thread's error, read by the deciding thread.
private final class Failure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// A bounded queue between one producer and one consumer thread.
final class BatchPipe<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [T] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ item: T) {
        condition.lock()
        while items.count >= capacity && !closed { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// The next item; nil once closed and empty.
    func take() -> T? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

