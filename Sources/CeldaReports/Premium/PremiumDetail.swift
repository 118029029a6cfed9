import CeldaCore
import XLSXWriter

/// The two detail sheets of the *Informe Claro Premium*: every case due or opened in the
/// period, and every survey of the period. The summary formulas count their columns.
enum PremiumCaseDetail {
    enum Column: Int, CaseIterable {
        case caso, cuenta, backoffice, tipo, subtipo, ingreso, diaIngreso, seguimiento, estado, cierre, spc, estadoSeguimiento,
             venceEnPeriodo, exigible, ingresoEnPeriodo, escalado, horas, alarma, spcPeriodo, repetido, casoRepite, archivo, fila
        var labelKey: String { "prem_col_" + String(describing: self) }
    }

    static func write(_ s: PremiumSummary, into book: Workbook, text: ReportText, footer: String) throws -> DetailSheet {
        let yes = text.yes, no = text.no
        func flag(_ b: Bool) -> WritableValue { .text(b ? yes : no) }
        let rows: [[WritableValue]] = s.lines.map { l in
            let c = l.c
            return [.text(c.caso), .text(c.cuenta ?? ""), .text(text.key(l.agent)), .text(c.tipo ?? ""), .text(c.subtipo ?? ""),
                    c.ingreso.map { ReportStyles.serial($0.day, seconds: $0.seconds ?? 0) } ?? .blank,
                    c.ingreso.map { ReportStyles.serial($0.day) } ?? .blank,
                    c.seguimiento.map { ReportStyles.serial($0) } ?? .blank, .text(c.estado ?? ""),
                    c.cierre.map { ReportStyles.serial($0.day, seconds: $0.seconds) } ?? .blank,
                    .text(c.spc.map { $0 ? yes : no } ?? ""), .text(l.seguimiento.map { text($0.labelKey) } ?? ""),
                    flag(l.due), flag(l.exigible), flag(l.opened), flag(l.escalated), l.hours.map(WritableValue.number) ?? .blank, flag(l.alarm),
                    flag(l.spc), flag(l.repeatedBy != nil), .text(l.repeatedBy ?? ""), .text(c.sourceFile), .number(Double(c.row))]
        }
        let detail = try DetailSheet.write(into: book, name: text("prem_hoja_detalle"), headers: Column.allCases.map { text($0.labelKey) },
                                           rows: rows, footer: footer)
        if !rows.isEmpty {
            let alarm = Column.alarma.rawValue
            try detail.sheet.addConditionalFormat(CellRange(firstRow: 1, firstColumn: alarm, lastRow: rows.count, lastColumn: alarm),
                                                  rule: .cellText(yes), format: ReportStyles.alarm)
            let seg = Column.estadoSeguimiento.rawValue
            try detail.sheet.addConditionalFormat(CellRange(firstRow: 1, firstColumn: seg, lastRow: rows.count, lastColumn: seg),
                                                  rule: .cellText(text(PremiumRules.Seguimiento.vencido.labelKey)), format: ReportStyles.alarm)
        }
        return detail
    }
}

enum PremiumSurveyDetail {
    enum Column: Int, CaseIterable {
        case fecha, dia, backoffice, caso, cuenta, calificacion, clasificacion, satisfaccion, casoVinculado, archivo, fila
        var labelKey: String { "prem_enc_" + String(describing: self) }
    }

    /// `satisfaction`: whether an answer's satisfaction with the agent is in the top two points, by its key.
    static func write(_ s: PremiumSummary, satisfaction: [String: Bool], into book: Workbook, text: ReportText, footer: String) throws -> DetailSheet {
        let rows: [[WritableValue]] = s.surveys.map { l in
            let v = l.survey
            let top: WritableValue = satisfaction[v.key].map { .text($0 ? text.yes : text.no) } ?? .blank
            return [ReportStyles.serial(v.fecha.day, seconds: v.fecha.seconds ?? 0), ReportStyles.serial(v.fecha.day), .text(text.key(l.agent)),
                    .text(v.caso ?? ""), .text(v.cuenta ?? ""), .number(Double(v.score)), .text(text(l.band.labelKey)), top,
                    .text(l.linkedCaso ?? ""), .text(v.sourceFile), .number(Double(v.row))]
        }
        return try DetailSheet.write(into: book, name: text("prem_hoja_encuestas"), headers: Column.allCases.map { text($0.labelKey) },
                                     rows: rows, footer: footer)
    }
}
