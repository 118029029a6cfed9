import Testing
@testable import CeldaCore

/// Días de gestión are counted (full weeks, then the days left, then the days off), not walked
/// day by day: the count must be the walk's on every span — across years, with a holiday on a
/// weekend, two holidays on one day, an extra day off that is also a holiday, another weekend.
struct BusinessDaysCountTests {
    /// The walk the count replaced, day by day with `isBusinessDay`.
    static func walked(_ calendar: BusinessCalendar, from start: CalendarDate, to end: CalendarDate) -> Int {
        guard end > start else { return 0 }
        var n = 0
        var day = start.adding(days: 1)
        while day <= end {
            if calendar.isBusinessDay(day) { n += 1 }
            day = day.adding(days: 1)
        }
        return n
    }

    @Test func theCountIsTheWalkOnEverySpan() {
        let extra: Set<CalendarDate> = [CalendarDate(year: 2024, month: 12, day: 24), CalendarDate(year: 2024, month: 12, day: 25),
                                        CalendarDate(year: 2025, month: 6, day: 30), CalendarDate(year: 2024, month: 3, day: 23)]
        let calendars = [BusinessCalendar(), BusinessCalendar(extraDaysOff: extra), BusinessCalendar(weekend: [7]),
                         BusinessCalendar(weekend: [5, 6, 7], extraDaysOff: extra)]
        var seed: UInt64 = 25
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let origin = CalendarDate(year: 2023, month: 11, day: 20).dayNumber
        for calendar in calendars {
            for _ in 0..<600 {
                let start = CalendarDate(dayNumber: origin + next(900))
                let end = CalendarDate(dayNumber: start.dayNumber + next(500) - 20)
                #expect(calendar.businessDays(from: start, to: end) == Self.walked(calendar, from: start, to: end), "\(start) → \(end)")
            }
        }
        // A span of years, and one outside the years computed ahead.
        let long = (CalendarDate(year: 1987, month: 5, day: 3), CalendarDate(year: 2003, month: 1, day: 9))
        #expect(BusinessCalendar().businessDays(from: long.0, to: long.1) == Self.walked(BusinessCalendar(), from: long.0, to: long.1))
        let far = (CalendarDate(year: 2099, month: 12, day: 1), CalendarDate(year: 2101, month: 2, day: 1))
        #expect(BusinessCalendar().businessDays(from: far.0, to: far.1) == Self.walked(BusinessCalendar(), from: far.0, to: far.1))
    }
}
