/// The computed values of a premium case (DOMAIN.md §2.3) as of a day: Seguimiento, Horas
/// abiertas and Alarma 72 h.
///
/// "Now" is the end of `today` (24:00 in the operation's time zone), for every run: the
/// workbook made in the morning already flags the cases that reach 72 hours during the day,
/// and the same export processed twice with the same `--today` gives the same hours.
/// A case closed without a fecha de cierre is taken as closed when the history first saw it
/// closed, or on `today` (the day an export shows it closed) when there is no history; a fecha
/// de cierre without a time means the end of that day.
public struct PremiumRules: Sendable {
    public enum Seguimiento: String, Sendable, CaseIterable, Equatable {
        case venceHoy, vencido, programado, cumplido, cumplidoTarde
        /// The label key in Templates/labels.yaml.
        public var labelKey: String { "seg_" + rawValue }
        /// Due today or overdue: on the agenda.
        public var isDue: Bool { self == .venceHoy || self == .vencido }
    }

    public let settings: PremiumSettings
    public init(settings: PremiumSettings) { self.settings = settings }

    public func isClosed(_ c: PremiumCase) -> Bool { settings.isClosed(estado: c.estado) }

    public func isEscalated(_ c: PremiumCase) -> Bool { settings.isEscalated(tipo: c.tipo, subtipo: c.subtipo, estado: c.estado) }

    /// Vence hoy · Vencido · Programado while open; Cumplido · Cumplido tarde once closed
    /// (closed on or before the fecha de seguimiento, or after it). Nil without a fecha de seguimiento.
    public func seguimiento(_ c: PremiumCase, today: CalendarDate) -> Seguimiento? {
        guard let due = c.seguimiento else { return nil }
        if isClosed(c) {
            let closed = c.cierre?.day ?? c.estadoSince?.day ?? today
            return closed <= due ? .cumplido : .cumplidoTarde
        }
        return due == today ? .venceHoy : (due < today ? .vencido : .programado)
    }

    /// Seconds from the fecha de ingreso to the close (or to the end of `today` while open).
    public func secondsOpen(_ c: PremiumCase, today: CalendarDate) -> Int? {
        guard let start = c.ingreso?.start else { return nil }
        let endOfToday = (today.dayNumber + 1) * 86_400
        let end = isClosed(c) ? (c.cierre?.end ?? c.estadoSince?.end ?? endOfToday) : endOfToday
        return max(0, end - start)
    }

    /// Calendar hours open, to one decimal.
    public func hoursOpen(_ c: PremiumCase, today: CalendarDate) -> Double? {
        secondsOpen(c, today: today).map { (Double($0) / 360).rounded() / 10 }
    }

    /// An escalated case open, or closed, after more than `alarma_horas` hours.
    public func alarm(_ c: PremiumCase, today: CalendarDate) -> Bool {
        guard isEscalated(c), let s = secondsOpen(c, today: today) else { return false }
        return Double(s) > settings.alarma_horas * 3600
    }
}
