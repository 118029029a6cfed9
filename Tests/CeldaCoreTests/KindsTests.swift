import Testing
@testable import CeldaCore

/// The kinds behind `BaseKind`: alarms at their limits, and a person's edits winning.
struct KindsTests {
    static let friday = CalendarDate(year: 2024, month: 3, day: 22)

    private func outcome(_ kindID: String, dated day: CalendarDate, today: CalendarDate = KindsTests.friday) throws -> RowOutcome {
        let kind = try #require(try KindCatalog(templates: try repositoryTemplates()).kind(kindID))
        let record = Record(row: 2, fields: [kind.dateField: .date(day, secondsOfDay: 36_000)])
        return try #require(kind.outcomes(for: [record], present: [kind.dateField], today: today).first)
    }

    /// Tipificador: open more than 3 business days → alarm; the limit itself raises it.
    @Test(arguments: [(22, 0, false), (21, 1, false), (20, 2, false), (19, 3, true), (18, 4, true)])
    func tipificadorAlarmAtItsLimit(_ c: (day: Int, dias: Int, alarm: Bool)) throws {
        let o = try outcome(TipificadorKind.id, dated: CalendarDate(year: 2024, month: 3, day: c.day))
        #expect(o.diasGestion == c.dias)
        #expect(o.alarm == c.alarm, "día \(c.day): \(c.dias) días de gestión")
    }

    /// Mal-escalados: the reclamación is answered within a business day.
    @Test(arguments: [(22, 0, false), (21, 1, true), (15, 5, true)])
    func malEscaladosAlarmAtItsLimit(_ c: (day: Int, dias: Int, alarm: Bool)) throws {
        let o = try outcome(MalEscaladosKind.id, dated: CalendarDate(year: 2024, month: 3, day: c.day))
        #expect(o.diasGestion == c.dias)
        #expect(o.alarm == c.alarm)
    }

    /// Monday 25 March 2024 is San José (moved): Thursday 21 → Tuesday 26 is 2 business days, not 3.
    @Test func holidaysDoNotCountTowardsTheAlarm() throws {
        let o = try outcome(TipificadorKind.id, dated: CalendarDate(year: 2024, month: 3, day: 21), today: CalendarDate(year: 2024, month: 3, day: 26))
        #expect(o.diasGestion == 2)
        #expect(!o.alarm)
    }

    @Test func aPersonsEditsWinAndAClosedCaseRaisesNoAlarm() throws {
        let t = try repositoryTemplates()
        let kind = try #require(try KindCatalog(templates: t).kind(MalEscaladosKind.id))
        let rules = RowOutcome(row: 5, causal: "ME11 · Sin incidencia T&D / interacción < 3 min", causalCode: "ME11", procede: "Procede",
                               estado: "Pendiente", diasGestion: 4, alarm: true)
        let untouched = RowOutcome(row: 6, estado: "Pendiente", alarm: true)
        let applier = EditsApplier(kind: kind, templates: t)
        let edited = applier.apply([
            5: HumanEdits(causal: "me03", procede: "No procede", estado: "cerrado", observaciones: "Revisado en RR"),
            6: HumanEdits(causal: "Otra cosa", procede: "", estado: nil, observaciones: nil),
        ], to: [rules, untouched])
        #expect(edited[0].causal == "ME03 · Cuenta desconectada por mora o cancelada", "a code takes the catalog's label")
        #expect(edited[0].causalCode == "ME03")
        #expect(edited[0].procede == "No procede")
        #expect(edited[0].estado == "cerrado")
        #expect(edited[0].observaciones == "Revisado en RR")
        #expect(!edited[0].alarm, "a closed case (any case, accents ignored) raises no alarm")
        #expect(edited[1].causal == "Otra cosa" && edited[1].causalCode == nil, "free text is kept, with no code")
        #expect(edited[1].procede == nil, "an empty cell leaves the rules' value")
        #expect(edited[1].alarm, "still open")
        #expect(applier.apply([:], to: [rules]) == [rules])
    }

    @Test func everyKindIsListedOnceWithItsColumns() throws {
        let catalog = try KindCatalog(templates: try repositoryTemplates())
        #expect(catalog.all.map(\.id) == ["mal-escalados", "tipificador", "premium", "encuesta-premium", "asistencia", "monitoreo"])
        // The team's exports are records to count, not cases to follow: no estado, no alarm.
        let teamKinds = [AsistenciaKind.id, MonitoreoKind.id]
        for kind in catalog.all where teamKinds.contains(kind.id) {
            #expect(!kind.columns.contains { $0.content == .estado || $0.content == .alarm }, "\(kind.id)")
            #expect(Set(kind.columns.map(\.key)).count == kind.columns.count)
        }
        for kind in catalog.all where !teamKinds.contains(kind.id) {
            // Survey answers have no limit to pass: the only kind without an alarm.
            #expect(kind.id == EncuestaPremiumKind.id || kind.columns.contains { $0.content == .alarm })
            #expect(kind.columns.contains { $0.content == .estado }, "\(kind.id)")
            #expect(kind.columns.first { $0.content == .estado }?.choices == kind.estados)
            #expect(Set(kind.columns.map(\.key)).count == kind.columns.count)
        }
    }

    /// The parallel path (4,000 rows and more) gives what one thread gives, in order.
    @Test func parallelMapKeepsOrderAndEveryItem() {
        let items = Array(0..<10_001)
        let out = Parallel.map(items, minimumChunk: 500) { chunk in chunk.map { $0 * 3 } }
        #expect(out.count == items.count)
        let firstWrong = out.indices.first { out[$0] != items[$0] * 3 }
        #expect(firstWrong == nil, "first wrong at \(firstWrong ?? -1)")
    }
}
