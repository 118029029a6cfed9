import Testing
@testable import CeldaCore

/// The team kinds' rules on records held in memory: what counts and what does not.
struct TeamKindsRulesTests {
    static let d1 = CalendarDate(year: 2026, month: 11, day: 2)

    func record(_ row: Int, day: CalendarDate, documento: String, programado: FieldValue, novedad: String = "", supervisor: String = "Laura") -> Record {
        Record(row: row, fields: ["fecha": .date(day, secondsOfDay: nil), "documento": .text(documento), "agente": .text("Agente \(documento)"),
                                  "supervisor": .text(supervisor), "programado": programado, "novedad": novedad.isEmpty ? .missing : .text(novedad)])
    }

    func facts(_ records: [Record], today: CalendarDate) throws -> [KindFact] {
        let kind = try #require(try KindCatalog(templates: try repositoryTemplates()).kind(AsistenciaKind.id))
        let decider = kind.decider(present: ["fecha", "documento", "agente", "supervisor", "programado", "novedad"], today: today)
        for r in records { decider.note(r) }
        let rules = decider.seal()
        return rules.facts(records, outcomes: rules.decide(records[...]), sourceFile: "almabi.xlsx")
    }

    @Test func shiftsTimesAndDurationsAreScheduledDays() throws {
        let cells: [(FieldValue, Bool?)] = [(.text("07:00-16:00"), true), (.text("7am-4pm"), true), (.text("07:00:00-16:00:00"), true),
                                            (.text("07:00:00"), true), (.text("00:00:00"), false), (.text("PT8H0M0S"), true), (.text("PT0H0M0S"), false),
                                            (.text("7 a 16"), true), (.text("8"), true), (.text("0"), false), (.text("Festivo"), false),
                                            (.text("quizás"), nil)]
        let records = cells.enumerated().map { i, c in record(i + 2, day: Self.d1, documento: "\(100 + i)", programado: c.0) }
        let found = Dictionary(uniqueKeysWithValues: try facts(records, today: Self.d1).map { ($0.row, $0.flag(AsistenciaFacts.programado)) })
        for (i, c) in cells.enumerated() { #expect(found[i + 2] == .some(c.1), "\(c.0)") }
    }

    @Test func aScheduleAfterTodayIsNotCountedYet() throws {
        let records = [record(2, day: Self.d1, documento: "1", programado: .text("Sí")),
                       record(3, day: Self.d1.adding(days: 1), documento: "1", programado: .text("Sí"))]
        #expect(try facts(records, today: Self.d1).map(\.row) == [2])
        #expect(try facts(records, today: Self.d1.adding(days: 1)).map(\.row) == [2, 3])
    }

    @Test func aSupervisorIsOneWhateverItsCase() throws {
        let facts = try facts([record(2, day: Self.d1, documento: "1", programado: .text("Sí"), novedad: "Ausencia", supervisor: "Carolina Vega"),
                               record(3, day: Self.d1, documento: "2", programado: .text("Sí"), supervisor: "CAROLINA VEGA")], today: Self.d1)
        let figures = AsistenciaFigures(facts: facts, from: Self.d1, to: Self.d1)
        #expect(figures.supervisors == ["Carolina Vega"])
        #expect(figures.bySupervisor["Carolina Vega"]?.ausentismo.value == 0.5)
    }

    @Test func theMetaIsReachedAtItsOwnValue() throws {
        let kind = try #require(try KindCatalog(templates: try repositoryTemplates()).kind(MonitoreoKind.id) as? MonitoreoKind)
        // 0.4 × 0.85 + 0.6 × 14/15 is 0.8999999999999999 in binary: the meta of 90 % all the same.
        let monitoring = KindFact(kind: MonitoreoKind.id, key: "a", day: Self.d1, values: ["agente": .text("Ana"), "nota": .number(85)],
                                  sourceFile: "m.csv", row: 2)
        let answers = (0..<15).map { CalidadMEC.Answer(day: Self.d1, agent: "Ana", top: $0 < 14) }
        let c = CalidadMEC(monitoreos: [monitoring], answers: answers, from: Self.d1, to: Self.d1, settings: kind.settings)
        let line = try #require(c.lines.first)
        #expect(try #require(c.mec(line)) < 0.9)
        #expect(c.meetsMeta(line) == true)
    }
}
