/// An extra sheet of a gestionado that lists some of its rows, grouped (premium's *Agenda de
/// hoy*: the follow-ups due and overdue per backoffice). The kind decides which rows, their
/// order and values; the workbook only lays them out and links each one to its row.
public struct RowListing: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case date(CalendarDate, secondsOfDay: Int?)
        /// A label key, written in the reader's language.
        case label(String)
        case empty
    }

    public struct Row: Sendable, Equatable {
        /// The base's row (1-based, as read) the line is about.
        public var sourceRow: Int
        public var values: [Value]
        public init(sourceRow: Int, values: [Value]) {
            self.sourceRow = sourceRow
            self.values = values
        }
    }

    public struct Group: Sendable, Equatable {
        /// What the group is (a backoffice agent's name); nil for the rows where it is blank.
        public var title: String?
        public var rows: [Row]
        public init(title: String?, rows: [Row]) {
            self.title = title
            self.rows = rows
        }
    }

    /// Label keys: the sheet's name, its title, the columns' headers, what an empty listing says.
    public var sheetKey: String
    public var titleKey: String
    public var headerKeys: [String]
    public var emptyKey: String
    /// The day it is as of (in the title).
    public var asOf: CalendarDate
    public var groups: [Group]

    public init(sheetKey: String, titleKey: String, headerKeys: [String], emptyKey: String, asOf: CalendarDate, groups: [Group]) {
        self.sheetKey = sheetKey
        self.titleKey = titleKey
        self.headerKeys = headerKeys
        self.emptyKey = emptyKey
        self.asOf = asOf
        self.groups = groups
    }
}
