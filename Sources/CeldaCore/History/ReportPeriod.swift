/// The cut a report covers: a day, the Monday–Sunday week holding a date, or its calendar month.
public struct ReportPeriod: Equatable, Sendable {
    public enum Length: String, CaseIterable, Sendable { case day, week, month }

    public var length: Length
    public var first: CalendarDate
    public var last: CalendarDate

    public init(_ length: Length, containing date: CalendarDate) {
        self.length = length
        switch length {
        case .day:
            first = date
            last = date
        case .week:
            first = date.adding(days: -(date.weekday - 1)) // weekday: 1 = Monday … 7 = Sunday
            last = first.adding(days: 6)
        case .month:
            first = CalendarDate(year: date.year, month: date.month, day: 1)
            last = CalendarDate(year: date.year, month: date.month, day: CalendarDate.daysIn(month: date.month, year: date.year))
        }
    }

    public func contains(_ day: CalendarDate) -> Bool { first <= day && day <= last }

    /// The day a report of this period is judged at (alarms, deadlines, follow-ups due): the
    /// earliest of `today`, the period's last day and the latest day the history has data for —
    /// never before the period. Asked in December for a week of March, it reads as it did then.
    public func judgedAt(today: CalendarDate, latestData: CalendarDate?) -> CalendarDate {
        max(first, [today, last, latestData].compactMap { $0 }.min() ?? today)
    }

    /// How a file name says it: "2024-03-22", "semana 2024-03-18 a 2024-03-24", "2024-03".
    /// «22/03/2024», or «18/03/2024 – 24/03/2024»: dates as the readers write them.
    public var shownDates: String {
        func dmy(_ d: CalendarDate) -> String { String(format: "%02d/%02d/%04d", d.day, d.month, d.year) }
        return dmy(first) + (first == last ? "" : " – " + dmy(last))
    }

    public var label: String {
        switch length {
        case .day: return first.description
        case .week: return "semana \(first) a \(last)"
        case .month: return String(first.description.prefix(7))
        }
    }
}
