import CeldaCore
import XLSXReader

/// A base held in memory, everything a gestionado workbook is made from: the source as read
/// and what the core found. Large bases are streamed through `GestionadoWriter` instead.
public struct GestionadoInput {
    public var plan: GestionadoPlan
    /// Every row below the header, as read.
    public var rows: [Row]
    public var outcomes: [RowOutcome]
    public var issues: [RowIssue]
    /// Extra sheets the kind lists rows in (premium's *Agenda de hoy*).
    public var listings: [RowListing] = []

    public init(plan: GestionadoPlan, rows: [Row], outcomes: [RowOutcome], issues: [RowIssue]) {
        self.plan = plan
        self.rows = rows
        self.outcomes = outcomes
        self.issues = issues
    }
}

/// What was written, for the summary line and the tests.
public struct GestionadoSummary: Equatable, Sendable {
    public var rows: Int
    public var issues: Int
    /// Primary causal code → rows.
    public var causals: [String: Int]
    public var alarms: Int
    public var path: String
    /// The base sheets' names, the first one first (more than one when the rows spilled).
    public var baseSheets: [String] = []
}
