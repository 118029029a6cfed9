import ArgumentParser
import CeldaCore
import CeldaPipeline

/// What every command that reads the history for a period takes: a date of the period, the
/// store, and where to write the workbook (`report`, `feedback`).
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, help: "Una fecha del periodo, AAAA-MM-DD (por defecto, hoy).")
    var date: String?

    @Option(name: .long, help: "Historial (archivo SQLite o postgres://usuario@servidor:5432/base; por defecto CELDA_STORE).")
    var store: String?

    @Option(name: .long, help: "Carpeta donde escribir el libro (se crea si no existe; por defecto, la actual).")
    var out: String = "."

    @Option(name: .long, help: "El día de hoy, AAAA-MM-DD (por defecto, hoy). Un periodo pasado se juzga al último día con datos, no a hoy.")
    var today: String?

    func validate() throws {
        if let date, CalendarDate(iso: date) == nil {
            throw usageError(es: "--date debe ser una fecha AAAA-MM-DD, no «\(date)»", en: "--date must be a YYYY-MM-DD date, not \"\(date)\"")
        }
        try validateDay(today)
    }

    /// `--today`, or today's date in the operation's time zone.
    func today(_ templates: Templates) -> CalendarDate { today.flatMap(CalendarDate.init(iso:)) ?? templates.today() }

    /// The `length` period holding `--date` (`--today`, or today, by default).
    func period(_ length: ReportPeriod.Length, templates: Templates) -> ReportPeriod {
        ReportPeriod(length, containing: date.flatMap(CalendarDate.init(iso:)) ?? today(templates))
    }
}
