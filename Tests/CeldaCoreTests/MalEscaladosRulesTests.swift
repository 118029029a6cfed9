import Testing
@testable import CeldaCore

/// Each rule of DOMAIN.md §2.1 on a row that shows exactly that causal, and its evidence.
struct MalEscaladosRulesTests {
    static let clean: [String: FieldValue] = [
        "fecha": .date(CalendarDate(year: 2024, month: 3, day: 22), secondsOfDay: nil), "cuenta": .account("12345678"),
        "asesor": .text("Ana"), "opcion_escalada": .text("Internet lento"), "sintoma": .text("Internet lento"),
        "servicio": .text("Internet"), "nodo_cliente": .text("N100"), "nodo_escalado": .text("N100"),
        "distancia_cuadras": .number(1), "hhpp": .text("HHPP1"), "piso": .text("2"), "estado_cuenta": .text("Activa"),
        "tipo_aviso": .text("Ninguno"), "tv_instalada": .text("DVB"), "tv_escalada": .text("DVB"), "correo": .text("ana@x.co"),
        "seriales": .list(["S1"]), "seriales_inventario": .list(["S1", "S2"]), "incidencia_td": .text("INC123"),
        "duracion_td_min": .number(5), "notas": .text("Cliente reporta lentitud desde ayer, se hacen pruebas T&D"),
    ]

    static let cases: [(String, [String: FieldValue], String)] = [
        ("ME01", ["distancia_cuadras": .number(5)], "Distancia 5 cuadras > 3"),
        ("ME02", ["nodo_escalado": .text("N200")], "Nodo escalado N200 ≠ nodo del cliente N100"),
        ("ME03", ["estado_cuenta": .text("Desconectada por mora")], "Estado de la cuenta: Desconectada por mora"),
        ("ME04", ["opcion_escalada": .text("Falla telefonía")], "Opción «Falla telefonía» no corresponde al síntoma «Internet lento»"),
        ("ME05", ["opcion_escalada": .text("Falla red externa"), "visita": .text("OT-77")], "Opción «Falla red externa» con visita OT-77"),
        ("ME06", ["tipo_aviso": .text("PMA programado")], "Aviso PMA programado"),
        ("ME08", ["seriales": .list(["S9"])], "Serial S9 no está en el inventario"),
        ("ME09", ["tv_escalada": .text("ATSC")], "TV escalada ATSC ≠ instalada DVB"),
        ("ME10", ["servicio": .text("Correo Claro"), "correo": .missing], "Servicio Correo Claro sin correo electrónico"),
        ("ME11", ["duracion_td_min": .number(1.5)], "Duración T&D 1,5 min < 3 min"),
        ("ME13", ["notas": .text("llama")], "Notas de 5 caracteres < 20"),
    ]

    private func assess(_ records: [Record]) throws -> [MalEscaladosRules.Assessment] {
        let rules = MalEscaladosRules(templates: try repositoryTemplates())
        return rules.assess(records, present: Set(MalEscaladosRulesTests.clean.keys).union(["visita"]))
    }

    @Test func aCleanRowHasNoCausalAndIsForReview() throws {
        let a = try assess([Record(row: 2, fields: MalEscaladosRulesTests.clean)])[0]
        #expect(a.findings.isEmpty, "\(a.findings)")
        #expect(a.primary == nil)
        #expect(a.procede == "Por revisar")
    }

    @Test("exactly one causal, with its evidence", arguments: 0..<11)
    func single(_ index: Int) throws {
        let (code, changes, evidence) = MalEscaladosRulesTests.cases[index]
        let fields = MalEscaladosRulesTests.clean.merging(changes) { _, new in new }
        let a = try assess([Record(row: 2, fields: fields)])[0]
        #expect(a.findings.map(\.code) == [code])
        #expect(a.primary?.code == code)
        #expect(a.primary?.evidence == evidence)
        #expect(a.procede == "Procede")
    }

    @Test func sameHHPPFromTwoFloorsIsME07OnBoth() throws {
        var other = MalEscaladosRulesTests.clean
        other["piso"] = .text("5")
        let a = try assess([Record(row: 2, fields: MalEscaladosRulesTests.clean), Record(row: 9, fields: other)])
        #expect(a.map { $0.findings.map(\.code) } == [["ME07"], ["ME07"]])
        #expect(a[0].primary?.evidence == "HHPP HHPP1 también escalado desde otro piso (fila 9)")
    }

    @Test func sameHHPPFromTwoTowersIsME01() throws {
        var a = MalEscaladosRulesTests.clean
        a["torre"] = .text("1")
        a["piso"] = .text("2")
        var b = a
        b["torre"] = .text("3")
        let rules = MalEscaladosRules(templates: try repositoryTemplates())
        let out = rules.assess([Record(row: 2, fields: a), Record(row: 5, fields: b)], present: Set(a.keys))
        #expect(out.map { $0.findings.map(\.code) } == [["ME01"], ["ME01"]])
        #expect(out[1].primary?.evidence == "HHPP HHPP1 escalado también desde otra torre (fila 2)")
    }

    /// The compact cross-row facts name the same row the full list did: the first row of the
    /// HHPP with another floor, wherever the row itself stands.
    @Test func me07NamesTheFirstRowFromAnotherFloor() throws {
        let floors = ["1", "1", "2", "3", "1"]
        let records = floors.enumerated().map { i, floor in
            var f = MalEscaladosRulesTests.clean
            f["piso"] = .text(floor)
            f["cuenta"] = .account("1234567\(i)")
            return Record(row: i + 2, fields: f)
        }
        let a = try assess(records)
        #expect(a.map { $0.primary?.evidence } == [4, 4, 2, 2, 4].map { "HHPP HHPP1 también escalado desde otro piso (fila \($0))" })
        var lone = MalEscaladosRulesTests.clean
        lone["hhpp"] = .text("HHPP2")
        #expect(try assess([Record(row: 2, fields: lone), Record(row: 3, fields: lone)]).allSatisfy { $0.findings.isEmpty },
                "one HHPP from one floor only")
    }

    /// Templates are edited by hand: a negative ME13 threshold means no note is too short, never a trap.
    @Test func aNegativeNotesThresholdIsNoLimit() throws {
        var templates = try repositoryTemplates()
        let i = try #require(templates.malEscalados.firstIndex { $0.code == "ME13" })
        templates.malEscalados[i].thresholds = ["min_caracteres_notas": -5]
        var fields = MalEscaladosRulesTests.clean
        fields["notas"] = .text("corta")
        let a = MalEscaladosRules(templates: templates).assess([Record(row: 2, fields: fields)], present: Set(fields.keys))
        #expect(a[0].findings.isEmpty)
    }

    @Test func duplicateRowsNameTheirFirstRow() {
        var d = DuplicateRows()
        let a: [FieldValue] = [.text("x"), .number(1)], b: [FieldValue] = [.text("x"), .number(2)]
        for (row, values) in [(2, a), (3, b), (4, a), (5, a), (6, [FieldValue.missing])] { d.note(row: row, values: values) }
        d.seal()
        let values: [[FieldValue]] = [a, b, a, a, [.missing]]
        #expect(zip([2, 3, 4, 5, 6], values).map { d.earlierRow(repeatedBy: $0, values: $1) } == [nil, nil, 2, 2, nil])
    }

    @Test func severalCausalsAreListedAndThePriorityPicksThePrimary() throws {
        let fields = MalEscaladosRulesTests.clean.merging(["duracion_td_min": .number(2), "estado_cuenta": .text("Cancelada"), "notas": .missing]) { _, n in n }
        let a = try assess([Record(row: 2, fields: fields)])[0]
        #expect(Set(a.findings.map(\.code)) == ["ME03", "ME11", "ME13"])
        #expect(a.primary?.code == "ME03", "ME03 has priority 1 in Templates")
    }

    @Test func noIncidenceTextCountsAsNone() throws {
        let fields = MalEscaladosRulesTests.clean.merging(["incidencia_td": .text("Sin incidencia")]) { _, n in n }
        #expect(try assess([Record(row: 2, fields: fields)])[0].primary?.evidence == "Sin incidencia T&D")
    }

    @Test func absurdNumbersNeverTrap() throws {
        let fields = MalEscaladosRulesTests.clean.merging(["distancia_cuadras": .number(1e300), "duracion_td_min": .number(-.infinity)]) { _, n in n }
        let a = try assess([Record(row: 2, fields: fields)])[0]
        #expect(Set(a.findings.map(\.code)) == ["ME01", "ME11"])
        #expect(a.findings.first { $0.code == "ME01" }?.evidence == "Distancia 1e+300 cuadras > 3")
        #expect(SpreadsheetDateProbe.iso(.infinity) == "1899-12-30T00:00:00", "not finite: clamped to serial 0, never a trap")
        #expect(SpreadsheetDateProbe.iso(1e300) == "9999-12-31T00:00:00", "beyond 9999: clamped to the last day")
    }

    @Test func ME12IsNeverAutomatic() throws {
        let rules = MalEscaladosRules(templates: try repositoryTemplates())
        #expect(rules.catalog.first { $0.code == "ME12" }?.automatic == false)
    }
}

import XLSXReader
enum SpreadsheetDateProbe {
    /// A date value built from a non-finite serial still prints (it is clamped), never traps.
    static func iso(_ serial: Double) -> String { SpreadsheetDate(kind: .dateTime, serial: serial).isoString }
}
