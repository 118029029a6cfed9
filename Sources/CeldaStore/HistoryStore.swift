import CeldaCore
import Foundation

/// What one processed file brings to the history.
public struct Ingestion: Sendable {
    public var sha256: String
    public var fileName: String
    public var kind: String
    public var station: String
    /// The gestionado written for it (to tell a re-run that the output is there).
    public var output: String?
    /// The day the run was as of (`--today`).
    public var processedOn: CalendarDate
    public var cases: [CaseRecord]
    /// What a person typed, by case key: field → value.
    public var decisions: [String: [String: String]]
    /// What the kind keeps besides its cases (premium: latest states, surveys).
    public var kindHistory: KindHistory?

    public init(sha256: String, fileName: String, kind: String, station: String, output: String?, processedOn: CalendarDate,
                cases: [CaseRecord], decisions: [String: [String: String]] = [:], kindHistory: KindHistory? = nil) {
        self.kindHistory = kindHistory
        self.sha256 = sha256
        self.fileName = fileName
        self.kind = kind
        self.station = station
        self.output = output
        self.processedOn = processedOn
        self.cases = cases
        self.decisions = decisions
    }
}

/// A file the history already holds.
public struct IngestedFile: Equatable, Sendable {
    public var name: String
    public var station: String
    public var output: String?
    public var processedOn: String
    public var rows: Int
}

public enum IngestResult: Equatable, Sendable {
    /// New content: how many cases it opened and how many it updated.
    case added(newCases: Int, updatedCases: Int)
    /// The same content was ingested before: nothing was changed.
    case alreadyIngested(IngestedFile)
}

/// What a history holds, for `celda store status`.
public struct StoreStatus: Equatable, Sendable {
    public struct Station: Equatable, Sendable {
        public var name: String
        public var files: Int
        /// The latest day a file of this station was processed as of (AAAA-MM-DD).
        public var lastProcessedOn: String
    }
    public var migrations: [String]
    public var files: Int
    public var cases: Int
    public var sightings: Int
    public var decisions: Int
    public var stations: [Station]
}

/// Where the day a case was first seen is looked up: the store, or an ingest under way.
public protocol FirstSeenLookup: AnyObject {
    /// The day each known case was first seen, by key.
    func firstSeen(kind: String, keys: Set<String>) throws -> [String: CalendarDate]
}

/// Where a streamed base's cases go, a batch at a time, inside the one transaction of its
/// ingest: the base's rows are never all in memory, and the history still gets all or none.
public protocol IngestSink: FirstSeenLookup {
    /// A batch of cases (in row order) and what a person typed for them, by case key.
    func add(_ cases: [CaseRecord], decisions: [String: [String: String]]) throws
    /// What the kind keeps of the batch beside its cases (premium: each caso's latest state,
    /// the surveys).
    func add(_ history: KindHistory) throws
}

/// The history behind one small interface: a SQLite file, or a PostgreSQL server shared by
/// several stations.
public protocol HistoryStore: FirstSeenLookup, DeciderHistory, MailLedger {
    /// Where it lives, for messages.
    var location: String { get }
    func file(sha256: String) throws -> IngestedFile?
    /// One transaction: everything of the file, or nothing.
    func ingest(_ ingestion: Ingestion) throws -> IngestResult
    /// One file whose cases `produce` hands to the sink in batches (`ingestion.cases` is not
    /// read), all in one transaction: committed when `produce` returns, rolled back when it
    /// throws. For a file ingested before, `produce` still runs (its output is written again)
    /// and its batches are not stored.
    func ingest(_ ingestion: Ingestion, streaming produce: (IngestSink) throws -> Void) throws -> IngestResult
    /// The cases of `kind` whose day falls in the period, ordered by day, time, source, row.
    func cases(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [CaseRecord]
    /// Each case of `kind` whose day falls in the period, one at a time, ordered by day, time
    /// (none first), source, row — read from one snapshot of the history, never the whole
    /// period in memory. `body` must not use the store (SQLite reads are not reentrant); what
    /// it throws ends the reading and is thrown again.
    func forEachCase(kind: String, from first: CalendarDate, to last: CalendarDate, _ body: (CaseRecord) throws -> Void) throws
    /// Every contact of `kind` whose day falls between the dates (for recurrence).
    func contacts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [(key: String, contact: Recurrence.Contact)]
    /// How many cases of `kind` in the period give each spelling of an advisor and a
    /// supervisor: a report writes each person with one spelling (`Spellings`).
    func nameCounts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> NameCounts
    /// The latest day a base of `kind` was processed as of (`--today` of its run); nil when the
    /// history has none. Reports of a past period are judged as of it at the latest.
    func latestProcessedOn(kind: String) throws -> CalendarDate?
    /// Migrations applied, rows per table, files per station.
    func status() throws -> StoreStatus
    /// Claro Premium cases, each in its latest state, opened, due or closed between the dates.
    func premiumCases(from first: CalendarDate, to last: CalendarDate) throws -> [PremiumCase]
    /// The latest export moment of any premium case (nil: none stored).
    func premiumLatestMoment() throws -> DayTime?
    /// Every estado a premium case was seen in: first and last export moment.
    func premiumStates(caso: String) throws -> [PremiumStateSeen]
    /// Premium survey answers dated between the dates.
    func premiumSurveys(from first: CalendarDate, to last: CalendarDate) throws -> [PremiumSurvey]
    /// The facts of `kind` whose day falls in the period, by day, source and row.
    func facts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [KindFact]
    /// Removes what is older than `cutoffs` in one transaction; `dryRun` only counts.
    func purge(_ cutoffs: PurgeCutoffs, dryRun: Bool) throws -> PurgeCounts
}

extension HistoryStore {
    /// The cases of `kind` whose day falls in the period, ordered by day, time, source, row:
    /// `forEachCase` gathered into an array (for periods small enough to hold).
    public func cases(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [CaseRecord] {
        var out: [CaseRecord] = []
        try forEachCase(kind: kind, from: first, to: last) { out.append($0) }
        return out
    }

    /// Whether the period holds any case of `kind` (reads one at most).
    public func hasCases(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> Bool {
        do {
            try forEachCase(kind: kind, from: first, to: last) { _ in throw FirstCaseFound() }
            return false
        } catch is FirstCaseFound {
            return true
        }
    }
}

/// Ends a reading at its first case (`hasCases`).
private struct FirstCaseFound: Error {}

/// An estado of a premium case and the exports that showed it: the first and the last moment.
public struct PremiumStateSeen: Equatable, Sendable {
    public var estado: String
    public var firstSeen: DayTime
    public var lastSeen: DayTime
    public init(estado: String, firstSeen: DayTime, lastSeen: DayTime) {
        self.estado = estado
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
