/// Colombian working days: Monday to Friday except public holidays, which are computed for any
/// year — fixed dates, the ones Ley 51 de 1983 ("Ley Emiliani") moves to the next Monday, and
/// the ones that follow Easter — never read from a list that runs out.
public struct BusinessCalendar: Sendable {
    public struct Holiday: Equatable, Sendable {
        public var date: CalendarDate
        public var name: String
    }

    /// Weekdays that are not worked (1 = Monday … 7 = Sunday).
    public var weekend: Set<Int>
    /// Extra days off an operation declares (a "puente" given by the company, say).
    public var extraDaysOff: Set<CalendarDate>

    /// Holidays of the years a back office works with, computed once (other years on demand).
    private let precomputed: [Int: Set<CalendarDate>]
    public static let precomputedYears = 1990...2100

    public init(weekend: Set<Int> = [6, 7], extraDaysOff: Set<CalendarDate> = []) {
        self.weekend = weekend
        self.extraDaysOff = extraDaysOff
        precomputed = BusinessCalendar.sharedHolidaySets
    }

    private static let sharedHolidaySets: [Int: Set<CalendarDate>] = Dictionary(
        uniqueKeysWithValues: precomputedYears.map { ($0, Set(holidays($0).map(\.date))) })

    /// Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" computus).
    public static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The day itself if it is a Monday, else the Monday after it.
    static func nextMonday(_ date: CalendarDate) -> CalendarDate {
        date.adding(days: (8 - date.weekday) % 7)
    }

    /// Every public holiday of `year`, in date order. Two holidays may fall on one day
    /// (2025-06-30 is both Sagrado Corazón and San Pedro y San Pablo).
    public static func holidays(_ year: Int) -> [Holiday] {
        func on(_ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: year, month: m, day: d) }
        let easter = easter(year)
        var list: [Holiday] = [
            Holiday(date: on(1, 1), name: "Año Nuevo"),
            Holiday(date: on(5, 1), name: "Día del Trabajo"),
            Holiday(date: on(7, 20), name: "Día de la Independencia"),
            Holiday(date: on(8, 7), name: "Batalla de Boyacá"),
            Holiday(date: on(12, 8), name: "Inmaculada Concepción"),
            Holiday(date: on(12, 25), name: "Navidad"),
            Holiday(date: easter.adding(days: -3), name: "Jueves Santo"),
            Holiday(date: easter.adding(days: -2), name: "Viernes Santo"),
        ]
        let moved: [(Int, Int, String)] = [
            (1, 6, "Reyes Magos"), (3, 19, "San José"), (6, 29, "San Pedro y San Pablo"),
            (8, 15, "Asunción de la Virgen"), (10, 12, "Día de la Raza"), (11, 1, "Todos los Santos"),
            (11, 11, "Independencia de Cartagena"),
        ]
        for (m, d, name) in moved { list.append(Holiday(date: nextMonday(on(m, d)), name: name)) }
        // Easter + 39, + 60 and + 68 days, each moved to the following Monday.
        list.append(Holiday(date: nextMonday(easter.adding(days: 39)), name: "Ascensión del Señor"))
        list.append(Holiday(date: nextMonday(easter.adding(days: 60)), name: "Corpus Christi"))
        list.append(Holiday(date: nextMonday(easter.adding(days: 68)), name: "Sagrado Corazón de Jesús"))
        return list.sorted { $0.date < $1.date }
    }

    public func isBusinessDay(_ date: CalendarDate) -> Bool {
        if weekend.contains(date.weekday) || extraDaysOff.contains(date) { return false }
        return !holidaySet(date.year).contains(date)
    }

    private func holidaySet(_ year: Int) -> Set<CalendarDate> {
        precomputed[year] ?? Set(BusinessCalendar.holidays(year).map(\.date))
    }

    /// Días de gestión: business days after `start` up to and including `end` (the same day
    /// is 0; an end before the start is 0). Weekends and holidays are skipped, whatever the
    /// span of years.
    public func businessDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        guard end > start else { return 0 }
        // Counted, not walked (a base of a million rows asks for a year of days on every row):
        // each full week holds every weekday once; the days left are looked at one by one; then
        // the holidays and extra days off that fall on a weekday of the span come off, each day once.
        let first = start.dayNumber + 1, last = end.dayNumber
        let weeks = (last - first + 1) / 7
        var count = weeks * (1...7).filter { !weekend.contains($0) }.count
        var day = first + weeks * 7
        while day <= last {
            if !weekend.contains(Self.weekday(day)) { count += 1 }
            day += 1
        }
        func offInSpan(_ date: CalendarDate) -> Bool {
            let n = date.dayNumber
            return n >= first && n <= last && !weekend.contains(Self.weekday(n))
        }
        for year in start.year...end.year {
            for holiday in holidaySet(year) where offInSpan(holiday) { count -= 1 }
        }
        for extra in extraDaysOff where offInSpan(extra) && !holidaySet(extra.year).contains(extra) { count -= 1 }
        return count
    }

    /// 1 = Monday … 7 = Sunday of a day number (as `CalendarDate.weekday`).
    private static func weekday(_ dayNumber: Int) -> Int {
        let w = (dayNumber + 3) % 7
        return (w < 0 ? w + 7 : w) + 1
    }
}
