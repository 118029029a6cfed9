import CeldaCore
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing

/// A week of Claro Premium exports and the survey CSV through `BaseProcessor` into one store,
/// then `celda report premium` for the week: every row's Seguimiento and Alarma 72 h as of its
/// export's day, the Agenda de hoy, and NPS, FCR, Efectividad and the 72 h figures as the
/// definitions give them from the input (`PremiumFixture`), read back by python-calamine.
@Suite(.serialized)
struct PremiumProcessingTests {
    typealias F = PremiumFixture

    /// Processes every export (each as of its own day) and the surveys into a new store.
    private func processWeek(_ dir: String) throws -> (store: HistoryStore, outputs: [Int: String]) {
        let store = try StoreOpening.open(dir + "/.celda/celda.sqlite")
        var outputs: [Int: String] = [:]
        for day in F.exportDays {
            var processor = try BaseProcessor(templates: try templates(), today: F.date(day), language: .es, outFolder: dir + "/salida")
            processor.store = store
            let summary = try processor.process(try F.writeExport(day: day, into: dir))
            #expect(summary.kind == "premium" && summary.issues == 0, "day \(day): \(summary.line(.es))")
            outputs[day] = summary.output
        }
        var processor = try BaseProcessor(templates: try templates(), today: F.date(28), language: .es, outFolder: dir + "/salida")
        processor.store = store
        let surveys = try processor.process(try F.writeSurveys(into: dir))
        #expect(surveys.kind == "encuesta-premium" && surveys.rows == F.surveys.count && surveys.issues == 0, "\(surveys.line(.es))")
        return (store, outputs)
    }

    /// calamine's rows of a sheet as text/number.
    private func rows(_ path: String, _ sheet: String) throws -> [[Any]] {
        let view = try OutsideView.read(path)
        let rows = view.calamine(sheet)
        #expect(!rows.isEmpty, "\(sheet) in \(view.sheetNames)")
        return rows
    }

    @Test func everyRowsSeguimientoAndAlarmAsOfItsExportsDayAndTheAgenda() throws {
        let dir = try Repository.temporaryFolder("celda-premium")
        let (_, outputs) = try processWeek(dir)
        var seen = Set<String>()
        for day in [22, 28] {
            let base = try rows(try #require(outputs[day]), "Casos")
            let header = base[0].map { "\($0)" }
            let caso = try #require(header.firstIndex(of: "Número de caso")), seg = try #require(header.firstIndex(of: "Seguimiento"))
            let hours = try #require(header.firstIndex(of: "Horas abiertas")), alarm = try #require(header.firstIndex(of: "Alarma 72 h"))
            var checked = 0
            for row in base.dropFirst() {
                let c = try #require(F.cases.first { $0.caso == "\(row[caso])" })
                #expect("\(row[seg])" == F.seguimiento(c, asOf: day), "\(c.caso) as of \(day)")
                #expect((row[hours] as? Double) == (Double(F.minutesOpen(c, asOf: day)) / 6).rounded() / 10, "\(c.caso) hours as of \(day)")
                #expect("\(row[alarm])" == (F.alarm(c, asOf: day) ? "Sí" : "No"), "\(c.caso) alarm as of \(day)")
                seen.insert(F.seguimiento(c, asOf: day) + (F.alarm(c, asOf: day) ? "+alarma" : ""))
                checked += 1
            }
            #expect(checked == F.cases.filter { $0.opened.day <= day }.count, "every row of day \(day)")
        }
        #expect(seen.isSuperset(of: ["Vence hoy", "Vencido", "Programado", "Cumplido", "Cumplido tarde", "Vencido+alarma", "Cumplido tarde+alarma"]),
                "the data exercises every Seguimiento and both alarms: \(seen.sorted())")
        // CP-5 was open exactly 72 h: no alarm; CP-2 73 h: alarm.
        let cp5 = try #require(F.cases.first { $0.caso == "CP-5" }), cp2 = try #require(F.cases.first { $0.caso == "CP-2" })
        #expect(F.minutesOpen(cp5, asOf: 22) == 72 * 60 && !F.alarm(cp5, asOf: 22) && F.alarm(cp2, asOf: 22))

        // Agenda de hoy of the 22nd: due today or overdue, by agent (by name), oldest first.
        let agenda = try rows(try #require(outputs[22]), "Agenda de hoy")
        let shown = F.cases.filter { $0.opened.day <= 22 && ["Vence hoy", "Vencido"].contains(F.seguimiento($0, asOf: 22)) }
        let expected = Dictionary(grouping: shown, by: \.agent).sorted { $0.key.folding(options: .diacriticInsensitive, locale: nil) < $1.key.folding(options: .diacriticInsensitive, locale: nil) }
            .flatMap { agent, cases in ["\(agent) · \(cases.count) seguimientos"] + cases.sorted { ($0.follow, $0.opened.day, $0.opened.minute) < ($1.follow, $1.opened.day, $1.opened.minute) }.map(\.caso) }
        let listed = agenda.dropFirst(3).map { row in "\(row[3])".isEmpty ? "\(row[0])" : "\(row[3])" }
        #expect(listed == expected, "\(listed)")
        #expect(expected.count >= 5, "both agents have follow-ups on the agenda: \(expected)")
    }

    /// The figures the definitions give for the week of 18–24 March as of the 28th, per agent
    /// and Total, in the order of the Indicadores tables.
    static func expectedFigures() -> [String: [[Double]]] {
        let week = 18...24, today = 28  // Monday 18 to Sunday 24 March
        func fold(_ s: String) -> String { s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() }
        let agents = [(F.laura, fold(F.laura)), (F.oscar, fold(F.oscar)), ("Total general", "")]
        var out: [String: [[Double]]] = [:]
        for (label, key) in agents {
            let mine = F.cases.filter { key.isEmpty || fold($0.agent) == key }
            let inWeek = mine.filter { week.contains($0.follow) }
            // Due (exigible): its date on or before the report's day, and not still «Vence hoy».
            let due = inWeek.filter { $0.follow <= today && F.seguimiento($0, asOf: today) != "Vence hoy" }
            let segs = due.map { F.seguimiento($0, asOf: today) }
            let cumplidos = segs.filter { $0 == "Cumplido" }.count, tarde = segs.filter { $0 == "Cumplido tarde" }.count
            let vencidos = segs.filter { $0 == "Vencido" }.count
            let opened = mine.filter { week.contains($0.opened.day) }
            let escalated = opened.filter { F.escalated($0, estado: F.state($0, on: today).estado) }
            let over = opened.filter { F.alarm($0, asOf: today) }
            let spc = opened.filter(\.spc)
            let repeats = spc.filter { c in
                F.cases.contains { d in
                    d.caso != c.caso && d.cuenta == c.cuenta && d.subtipo == c.subtipo
                        && (d.opened.day, d.opened.minute) > (c.opened.day, c.opened.minute) && d.opened.day - c.opened.day <= 7
                }
            }
            let answers = F.surveys.filter { week.contains($0.at.day) && (key.isEmpty || fold($0.agent) == key) }
            let p = answers.filter { $0.score >= 9 }.count, d = answers.filter { $0.score <= 6 }.count
            func share(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
            out[label] = [
                [Double(inWeek.count), Double(due.count), Double(cumplidos), Double(tarde), Double(vencidos), Double(inWeek.count - due.count),
                 share(cumplidos, due.count)],
                [Double(escalated.count), Double(over.count), share(over.count, escalated.count)],
                [Double(spc.count), Double(repeats.count), share(spc.count - repeats.count, spc.count), share(repeats.count, spc.count)],
                [Double(answers.count), Double(p), Double(answers.count - p - d), Double(d), answers.isEmpty ? 0 : Double(p - d) / Double(answers.count) * 100],
            ]
        }
        return out
    }

    /// The Indicadores sheet's four tables as read: label → one array of values per table.
    private func figures(_ report: String) throws -> [String: [[Double]]] {
        var out: [String: [[Double]]] = [:]
        for row in try rows(report, "Indicadores") {
            guard let label = row.first as? String, [F.laura, F.oscar, "Total general"].contains(label) else { continue }
            out[label, default: []].append(row.dropFirst().compactMap { $0 as? Double })
        }
        return out
    }

    private func report(_ store: HistoryStore, into folder: String) throws -> String {
        let maker = ReportMaker(templates: try templates(), store: store, language: .es, outFolder: folder)
        guard case .written(let path, _) = try maker.make(.premium, period: ReportPeriod(.week, containing: F.date(20)), today: F.date(28)) else {
            Issue.record("no report")
            return ""
        }
        #expect((path as NSString).lastPathComponent == "Informe Claro Premium semana 2024-03-18 a 2024-03-24.xlsx")
        return path
    }

    @Test func theWeeksNPSFCREfectividadAnd72hAreTheDefinitionsAndAnOldExportChangesNothing() throws {
        let dir = try Repository.temporaryFolder("celda-premium")
        let (store, _) = try processWeek(dir)
        let first = try figures(try report(store, into: dir + "/informes"))
        let expected = Self.expectedFigures()
        for (label, tables) in expected {
            let got = first[label] ?? []
            #expect(got.count == 4, "\(label): \(got)")
            for (i, values) in tables.enumerated() where i < got.count {
                #expect(got[i].count == values.count && zip(got[i], values).allSatisfy { abs($0 - $1) < 1e-9 }, "\(label) table \(i + 1): \(got[i]) vs \(values)")
            }
        }
        // The data makes each figure tell something: not all zero, not all 100 %.
        let total = try #require(expected["Total general"])
        #expect(total[0][6] > 0 && total[0][6] < 1 && total[2][1] > 0 && total[2][2] < 1 && total[3][4] != 0 && total[1][1] > 0, "\(total)")

        // One case per caso, and every estado it was seen in with the export moment that showed it first.
        let cp2 = try store.premiumStates(caso: "CP-2")
        #expect(cp2.map(\.estado) == ["Abierto", "Escalado", "Cerrado"], "\(cp2)")
        #expect(cp2.map(\.firstSeen.day.day) == [18, 19, 21])

        // An earlier export comes again, re-saved (other bytes), processed late; and the same first file again.
        var late = try BaseProcessor(templates: try templates(), today: F.date(19), language: .es, outFolder: dir + "/otra")
        late.store = store
        let again = try late.process(try F.writeExport(day: 19, into: dir, nameSuffix: " copia", extraLine: true))
        #expect(again.history?.alreadyIngestedAs == nil, "a different content: really processed")
        let same = try late.process(dir + "/" + F.name(18))
        #expect(same.history?.alreadyIngestedAs == F.name(18))
        #expect(try store.premiumCases(from: F.date(18), to: F.date(18)).first { $0.caso == "CP-2" }?.estado == "Cerrado", "the newer state stays")
        let second = try figures(try report(store, into: dir + "/informes2"))
        #expect(second == first, "re-processing an earlier export changes no figure")
    }
}
