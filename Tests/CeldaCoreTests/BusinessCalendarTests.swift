import Testing
@testable import CeldaCore

/// The calendar against the official lists of Colombian public holidays (Ley 51 de 1983 and
/// the Easter-based days), as published for 2024, 2025 and 2026.
struct BusinessCalendarTests {
    static let official: [Int: [String]] = [
        2024: ["2024-01-01", "2024-01-08", "2024-03-25", "2024-03-28", "2024-03-29", "2024-05-01", "2024-05-13",
               "2024-06-03", "2024-06-10", "2024-07-01", "2024-07-20", "2024-08-07", "2024-08-19", "2024-10-14",
               "2024-11-04", "2024-11-11", "2024-12-08", "2024-12-25"],
        // 2025-06-30 is two holidays at once (Sagrado Corazón and San Pedro y San Pablo).
        2025: ["2025-01-01", "2025-01-06", "2025-03-24", "2025-04-17", "2025-04-18", "2025-05-01", "2025-06-02",
               "2025-06-23", "2025-06-30", "2025-07-20", "2025-08-07", "2025-08-18", "2025-10-13", "2025-11-03",
               "2025-11-17", "2025-12-08", "2025-12-25"],
        2026: ["2026-01-01", "2026-01-12", "2026-03-23", "2026-04-02", "2026-04-03", "2026-05-01", "2026-05-18",
               "2026-06-08", "2026-06-15", "2026-06-29", "2026-07-20", "2026-08-07", "2026-08-17", "2026-10-12",
               "2026-11-02", "2026-11-16", "2026-12-08", "2026-12-25"],
    ]

    @Test("holidays match the official list", arguments: [2024, 2025, 2026])
    func officialHolidays(_ year: Int) {
        let computed = BusinessCalendar.holidays(year)
        #expect(computed.count == 18, "eighteen holidays every year")
        #expect(Array(Set(computed.map(\.date.description))).sorted() == BusinessCalendarTests.official[year])
    }

    @Test func easterDates() {
        #expect(BusinessCalendar.easter(2024).description == "2024-03-31")
        #expect(BusinessCalendar.easter(2025).description == "2025-04-20")
        #expect(BusinessCalendar.easter(2026).description == "2026-04-05")
        #expect(BusinessCalendar.easter(2038).description == "2038-04-25")
    }

    private func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    @Test func diasDeGestionAcrossSemanaSanta() {
        let cal = BusinessCalendar()
        // Wednesday before Easter 2025 to the Monday after: Thursday and Friday are holidays.
        #expect(cal.businessDays(from: d("2025-04-16"), to: d("2025-04-21")) == 1)
        #expect(cal.businessDays(from: d("2024-03-27"), to: d("2024-04-01")) == 1)
        #expect(cal.businessDays(from: d("2026-03-31"), to: d("2026-04-06")) == 2, "Wed 1 Apr and Mon 6 Apr")
    }

    @Test func diasDeGestionAcrossMondayMovedHolidays() {
        let cal = BusinessCalendar()
        // Friday 2024-03-22 → Tuesday 2024-03-26: Monday 25 is San José (moved from Tuesday 19).
        #expect(cal.businessDays(from: d("2024-03-22"), to: d("2024-03-26")) == 1)
        // 2025-06-27 (Fri) → 2025-07-01 (Tue): Monday 30 June is a holiday.
        #expect(cal.businessDays(from: d("2025-06-27"), to: d("2025-07-01")) == 1)
        // Friday 2026-11-13 → Tuesday 2026-11-17: Monday 16 is Independencia de Cartagena.
        #expect(cal.businessDays(from: d("2026-11-13"), to: d("2026-11-17")) == 1)
    }

    @Test func sameDayIsZeroAndAcrossTheYearEnd() {
        let cal = BusinessCalendar()
        #expect(cal.businessDays(from: d("2025-03-05"), to: d("2025-03-05")) == 0)
        #expect(cal.businessDays(from: d("2025-03-05"), to: d("2025-03-04")) == 0)
        #expect(cal.businessDays(from: d("2025-03-05"), to: d("2025-03-06")) == 1)
        // 2025-12-24 (Wed) → 2026-01-02 (Fri): 26, 29, 30, 31 Dec and 2 Jan.
        #expect(cal.businessDays(from: d("2025-12-24"), to: d("2026-01-02")) == 5)
        #expect(!cal.isBusinessDay(d("2026-01-12")), "Reyes Magos moved to Monday 12")
        #expect(cal.isBusinessDay(d("2026-01-06")), "the 6th itself is worked when it moves")
    }

    @Test func operationDaysOffAndSaturdayWork() {
        var cal = BusinessCalendar(weekend: [7], extraDaysOff: [d("2025-03-07")])
        #expect(cal.isBusinessDay(d("2025-03-08")), "a Saturday is worked where the operation says so")
        #expect(!cal.isBusinessDay(d("2025-03-07")))
        cal.extraDaysOff = []
        #expect(cal.businessDays(from: d("2025-03-03"), to: d("2025-03-10")) == 6)
    }
}

struct CalendarDateTests {
    @Test func dayNumbersWeekdaysAndRoundTrips() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CalendarDate(year: 1970, month: 1, day: 1).weekday == 4, "a Thursday")
        #expect(CalendarDate(year: 2024, month: 3, day: 5).dayNumber == 19_787)
        #expect(CalendarDate(year: 2024, month: 2, day: 29).adding(days: 1) == CalendarDate(year: 2024, month: 3, day: 1))
        #expect(CalendarDate(year: 1899, month: 12, day: 31).dayNumber == -25_568)
        for n in stride(from: -40_000, through: 60_000, by: 97) {
            #expect(CalendarDate(dayNumber: n).dayNumber == n)
        }
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2024-02-29")?.description == "2024-02-29")
    }
}
