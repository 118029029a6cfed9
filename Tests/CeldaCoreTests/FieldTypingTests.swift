import Testing
@testable import CeldaCore
import XLSXReader

struct FieldTypingTests {
    @Test("text dates are day first", arguments: [
        ("05/03/2024", "2024-03-05", nil as Int?), ("5-3-2024", "2024-03-05", nil), ("2024-03-05", "2024-03-05", nil),
        ("05/03/2024 14:10", "2024-03-05", 51_000), ("2024-03-05 14:10:30", "2024-03-05", 51_030),
        ("05/03/2024 2:10 p. m.", "2024-03-05", 51_000), ("31/12/24", "2024-12-31", nil),
    ])
    func textDates(_ text: String, _ day: String, _ seconds: Int?) {
        #expect(FieldTyping.parseDate(text) == .date(CalendarDate(iso: day)!, secondsOfDay: seconds))
    }

    @Test func impossibleDatesAreNotGuessed() {
        #expect(FieldTyping.parseDate("13/13/2024") == nil)
        #expect(FieldTyping.parseDate("31/02/2024") == nil)
        #expect(FieldTyping.parseDate("ayer") == nil)
        // Never month first: 03/05 is the 3rd of May.
        #expect(FieldTyping.parseDate("03/05/2024") == .date(CalendarDate(year: 2024, month: 5, day: 3), secondsOfDay: nil))
    }

    @Test func numbersWithDecimalComma() {
        #expect(FieldTyping.parseNumber("1,5") == 1.5)
        #expect(FieldTyping.parseNumber("1.234,5") == 1234.5)
        #expect(FieldTyping.parseNumber("1,234.5") == 1234.5)
        #expect(FieldTyping.parseNumber("12") == 12)
        #expect(FieldTyping.parseNumber("1.000.000") == nil, "ambiguous thousands with dots are not guessed")
        #expect(FieldTyping.parseNumber("abc") == nil)
    }

    @Test func accountsStayText() {
        #expect(FieldTyping.value(.number(12_345_678), as: .account) == .account("12345678"))
        #expect(FieldTyping.value(.text("0012345678"), as: .account) == .account("0012345678"), "leading zeros kept")
        #expect(FieldTyping.value(.text("12-345"), as: .account) == .text("12-345"))
        #expect(FieldTyping.value(.empty, as: .account) == .missing)
    }

    @Test func dateCellsKeepTheirTime() {
        let d = SpreadsheetDate(kind: .dateTime, serial: 45356.5)
        #expect(FieldTyping.value(.date(d), as: .datetime) == .date(CalendarDate(year: 2024, month: 3, day: 5), secondsOfDay: 43_200))
    }
}

struct RecordBuilderTests {
    private func row(_ number: Int, _ values: [CellValue]) -> Row {
        Row(number: number, cells: values.enumerated().map { Cell(column: $0.offset, value: $0.element) })
    }

    @Test func issuesAreFlaggedAndEveryRowStays() throws {
        let templates = try repositoryTemplates()
        let kind = templates.kind("mal-escalados")!
        let mapping = HeaderMatcher.Mapping(kind: "mal-escalados", headerRow: 1,
                                            columns: ["fecha": 0, "cuenta": 1, "asesor": 2, "opcion_escalada": 3, "duracion_td_min": 4],
                                            unknown: [], missing: [], guesses: [], titleRows: [])
        let rows = [
            row(2, [.text("05/03/2024"), .number(12_345_678), .text("Ana"), .text("Internet lento"), .text("1,5")]),
            row(3, [.text("32/03/2024"), .text("12a45"), .text("Luis"), .text("Sin señal TV"), .text("dos")]),
            row(4, [.text("05/03/2030"), .number(123), .empty, .text("x"), .number(4)]),
            row(5, [.text("05/03/2024"), .number(12_345_678), .text("Ana"), .text("Internet lento"), .text("1,5")]),
        ]
        let (records, issues) = RecordBuilder(kind: kind, mapping: mapping, today: CalendarDate(year: 2024, month: 3, day: 22)).build(rows)
        #expect(records.map(\.row) == [2, 3, 4, 5], "no row is dropped")
        #expect(records[0].fields["duracion_td_min"] == .number(1.5))
        #expect(records[0].fields["cuenta"] == .account("12345678"))
        let found = issues.map { "\($0.code.rawValue)@\($0.row):\($0.field ?? "-")" }
        #expect(found == [
            "fecha-invalida@3:fecha", "cuenta-invalida@3:cuenta", "numero-invalido@3:duracion_td_min",
            "fecha-futura@4:fecha", "cuenta-invalida@4:cuenta", "falta-valor@4:asesor",
            "fila-duplicada@5:-",
        ])
        #expect(issues[1].row == 3 && issues[1].column == 1, "the issue carries its cell (B3)")
    }
}

struct HashAndTipificadorTests {
    @Test func sha256KnownAnswers() {
        #expect(SHA256Hasher.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256Hasher.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var chunked = SHA256Hasher()
        for start in stride(from: 0, to: million.count, by: 777) { chunked.update(Array(million[start..<min(start + 777, million.count)])) }
        #expect(chunked.finish() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func tipificadorCausalFromLetterLabelOrMotivo() throws {
        let rules = TipificadorRules(templates: try repositoryTemplates())
        #expect(rules.normalise(causal: "a", motivo: nil)?.code == "A")
        #expect(rules.normalise(causal: "TRASLADOS", motivo: nil)?.code == "D")
        #expect(rules.normalise(causal: "Facturacion y cartera", motivo: nil)?.area == "Facturación y Cartera")
        #expect(rules.normalise(causal: "", motivo: "Quiere cancelar el servicio")?.code == "E")
        #expect(rules.normalise(causal: nil, motivo: "Reclamo por cobro doble en la factura")?.code == "G", "two G keywords beat one H keyword")
        #expect(rules.normalise(causal: nil, motivo: "llamada cortada")?.code == nil)
    }
}
