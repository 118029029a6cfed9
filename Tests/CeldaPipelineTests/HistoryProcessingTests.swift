import CeldaCore
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// Daily tipificador files into one store: recurrence counted across files as DOMAIN.md §2.2
/// defines it, the same file twice counted once, a case seen again kept as one case.
struct HistoryProcessingTests {
    /// Ten business days of March 2024 (Mon 4 … Fri 15).
    static let days: [CalendarDate] = (4...15).map { CalendarDate(year: 2024, month: 3, day: $0) }.filter { $0.weekday <= 5 }
    static let motivos = ["A": "Cliente sin señal de TV desde ayer", "G": "Reclamo por cobro doble en la factura", "D": "Solicita traslado del servicio"]

    /// Contacts of a day: (cuenta, hour, causal). Deterministic: cuenta 1001 calls every day
    /// (causal A), 1002 twice on even days, 1003 on three days in a row with G, 1004 twice one
    /// day with two causals, others once.
    static func contacts(on index: Int) -> [(cuenta: String, hour: Int, causal: String)] {
        var out: [(String, Int, String)] = [("1001", 8, "A")]
        if index % 2 == 0 { out += [("1002", 9, "D"), ("1002", 15, "D")] }
        if (3...5).contains(index) { out.append(("1003", 10, "G")) }
        if index == 7 { out += [("1004", 8, "A"), ("1004", 16, "G")] } // twice a day, two causals: recurrent only
        out.append(("2\(index)00", 11, "A"))
        return out
    }

    private func file(_ index: Int, in folder: String) throws -> String {
        let day = HistoryProcessingTests.days[index]
        let rows = HistoryProcessingTests.contacts(on: index).map { c in
            [String(format: "%02d/%02d/%04d %02d:00", day.day, day.month, day.year, c.hour), "Ana Gómez", "0000" + c.cuenta,
             HistoryProcessingTests.motivos[c.causal] ?? "", c.causal]
        }
        return try tipificadorCSV(in: folder, name: "Tipificador \(day).csv", rows: rows)
    }

    /// Independent of Celda: the counts of DOMAIN.md §2.2 with the template's thresholds.
    static func expected(cuenta: String, causal: String, dayIndex: Int) -> (day: Int, window: Int, type: String) {
        var all: [(Int, String, String)] = [] // (day number, cuenta, causal)
        for i in 0...dayIndex { for c in contacts(on: i) { all.append((days[i].dayNumber, "0000" + c.cuenta, c.causal)) } }
        let today = days[dayIndex].dayNumber
        let sameDay = all.filter { $0.0 == today && $0.1 == cuenta }.count
        let window = all.filter { $0.1 == cuenta && $0.0 > today - 7 && $0.0 <= today }.count
        let sameCausal = all.filter { $0.1 == cuenta && $0.2 == causal && $0.0 > today - 7 && $0.0 <= today }.count
        let recurrent = sameDay >= 2 || window >= 3, reincident = sameCausal >= 2
        let type = recurrent && reincident ? "Recurrente y reincidente" : recurrent ? "Recurrente" : reincident ? "Reincidente" : "Sin recurrencia"
        return (sameDay, window, type)
    }

    @Test func tenDailyFilesGiveTheRecurrenceTheDefinitionsGive() throws {
        let dir = try Repository.temporaryFolder("celda-history")
        let store = try StoreOpening.open(dir + "/.celda/celda.sqlite")
        let t = try templates()
        var outputs: [String] = []
        var last: ProcessSummary?
        for index in HistoryProcessingTests.days.indices {
            var processor = try BaseProcessor(templates: t, today: HistoryProcessingTests.days[index], language: .es, outFolder: dir + "/salida")
            processor.store = store
            let input = try file(index, in: dir)
            last = try processor.process(input)
            outputs.append(last?.output ?? "")
            #expect(last?.history?.newCases == HistoryProcessingTests.contacts(on: index).count, "day \(index)")
            if index == 2 {
                let again = try processor.process(input)
                #expect(again.history?.alreadyIngestedAs == "Tipificador \(HistoryProcessingTests.days[2]).csv", "the same file twice")
                #expect(again.history?.newCases == 0)
            }
        }
        let total = HistoryProcessingTests.days.indices.map { HistoryProcessingTests.contacts(on: $0).count }.reduce(0, +)
        #expect(try store.cases(kind: "tipificador", from: HistoryProcessingTests.days[0], to: HistoryProcessingTests.days[9]).count == total,
                "no row counted twice")

        // Every day's gestionado, column by column, against the definitions.
        var types = Set<String>()
        for (index, output) in outputs.enumerated() {
            let book = try cells(output)
            let header = try #require(book[1])
            func column(_ title: String) throws -> Int { try #require(header.first { $0.value == .text(title) }?.key, "\(title)") }
            let (cuenta, causal) = (try column("Cuenta"), try column("Causal"))
            let (day, window, type) = (try column("Contactos del día"), try column("Contactos 7 d"), try column("Tipo de usuario (calculado)"))
            var checked = 0
            for (row, values) in book where row > 1 {
                guard case .text(let c)? = values[cuenta], case .text(let k)? = values[causal] else { continue }
                let e = HistoryProcessingTests.expected(cuenta: c, causal: k, dayIndex: index)
                #expect(values[day] == .number(Double(e.day)), "day \(index) row \(row) \(c)")
                #expect(values[window] == .number(Double(e.window)), "day \(index) row \(row) \(c)")
                #expect(values[type] == .text(e.type), "day \(index) row \(row) \(c)")
                types.insert(e.type)
                checked += 1
            }
            #expect(checked == HistoryProcessingTests.contacts(on: index).count)
        }
        #expect(types.count == 4, "the data exercises every customer type: \(types)")

        // `celda report recurrentes --period month`: exactly the cuentas the definitions make
        // recurrent or reincident on some day of the month, and every contact counted once.
        let maker = ReportMaker(templates: t, store: store, language: .es, outFolder: dir + "/informes")
        let march = ReportPeriod(.month, containing: HistoryProcessingTests.days[0])
        guard case .written(let report, let cases) = try maker.make(.recurrentes, period: march, today: HistoryProcessingTests.days[9]) else {
            Issue.record("no report"); return
        }
        #expect(cases == total)
        var expectedAccounts = Set<String>()
        for index in HistoryProcessingTests.days.indices {
            for c in HistoryProcessingTests.contacts(on: index)
            where HistoryProcessingTests.expected(cuenta: "0000" + c.cuenta, causal: c.causal, dayIndex: index).type != "Sin recurrencia" {
                expectedAccounts.insert("0000" + c.cuenta)
            }
        }
        let listed = try cells(report, sheet: "Recurrentes y reincidentes").values.compactMap { row -> String? in
            if case .text(let t)? = row[0], t.hasPrefix("0000") { return t } else { return nil }
        }
        #expect(Set(listed) == expectedAccounts && listed.count == expectedAccounts.count, "\(listed.sorted()) vs \(expectedAccounts.sorted())")
        let totals = try cells(report, sheet: "Por causal").values.first { $0[0] == .text("Total general") }
        #expect(totals?[1] == .number(Double(total)), "casos escalados in the month: \(String(describing: totals))")
        #expect(HistoryProcessingTests.expected(cuenta: "00001001", causal: "A", dayIndex: 9).type == "Recurrente y reincidente", "the data exercises both")
    }

    /// A case first seen Monday, in Thursday's base again and still open: one case, 3 días de gestión.
    @Test func aCaseSeenAgainCountsFromItsFirstDay() throws {
        let dir = try Repository.temporaryFolder("celda-history")
        let store = try SQLiteStore(path: dir + "/celda.sqlite")
        let monday = CalendarDate(year: 2024, month: 3, day: 11), thursday = CalendarDate(year: 2024, month: 3, day: 14)
        let row = ["11/03/2024 08:00", "Ana Gómez", "12345678", "Cliente sin señal de TV desde ayer", "A"]
        for (day, rows) in [(monday, [row]), (thursday, [row, ["14/03/2024 09:00", "Luis Díaz", "87654321", "Consulta horario", "F"]])] {
            var processor = try BaseProcessor(templates: try templates(), today: day, language: .es, outFolder: dir + "/salida")
            processor.store = store
            let summary = try processor.process(try tipificadorCSV(in: dir, name: "Tipificador \(day).csv", rows: rows))
            if day == thursday {
                #expect(summary.history?.newCases == 1 && summary.history?.updatedCases == 1)
                let book = try cells(summary.output)
                let dias = try #require(book[1]?.first { $0.value == .text("Días de gestión") }?.key)
                #expect(book[2]?[dias] == .number(3))
            }
        }
        #expect(try store.cases(kind: "tipificador", from: monday, to: thursday).count == 2)
    }
}
