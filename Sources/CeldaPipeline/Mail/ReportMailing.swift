import CeldaCore
import CeldaMail
import CeldaStore
import Foundation
import XLSXReader

/// A report the watcher wrote after a batch: what mailing it needs.
public struct RefreshedReport: Equatable, Sendable, Codable {
    /// `mal-escalados`, `reclamaciones`, `recurrentes`, `premium`, `compromisos`: the keys of
    /// `salida.informes`.
    public var report: String
    /// The period's label (`ReportPeriod.label`): with the report, what a version is kept by.
    public var period: String
    /// «22/03/2024» or «18/03/2024 – 24/03/2024», for the message's body.
    public var dates: String
    public var path: String
}

/// Mails each refreshed report to its recipients (issue 23), once per version: the store keeps
/// a fingerprint of the workbook's content with each sending, so the same workbook is not sent
/// twice and a corrected one says it replaces the earlier one. A report the server could not
/// take waits — in `.celda/correo-pendiente.json`, so a restart (or the next `--once`) still
/// sends it — and is tried again with the next look.
final class ReportMailing {
    let smtp: SMTPServer
    let settings: CorreoConfig.Salida
    let ledger: MailLedger
    let templates: Templates
    let language: Language
    let station: String
    let report: (WatchEvent) -> Void
    /// Waiting to be sent, by report and period: a newer version replaces an older one.
    private var waiting: [String: RefreshedReport] = [:] {
        didSet { save() }
    }
    /// Where what waits is kept between runs.
    let waitingFile: String

    init(smtp: SMTPServer, settings: CorreoConfig.Salida, ledger: MailLedger, templates: Templates, language: Language,
         station: String, waitingFile: String, report: @escaping (WatchEvent) -> Void) {
        self.waitingFile = waitingFile
        self.smtp = smtp
        self.settings = settings
        self.ledger = ledger
        self.templates = templates
        self.language = language
        self.station = station
        self.report = report
        if let data = FileManager.default.contents(atPath: waitingFile),
           let kept = try? JSONDecoder().decode([String: RefreshedReport].self, from: data) {
            waiting = kept
        }
    }

    /// Written whole and renamed, like every output: a crash leaves the old list or the new one.
    private func save() {
        guard let data = try? JSONEncoder().encode(waiting) else { return }
        try? WholeFile.write(data, to: waitingFile)
    }

    var hasWaiting: Bool { !waiting.isEmpty }

    /// Only reports that have recipients wait.
    func queue(_ refreshed: [RefreshedReport]) {
        for r in refreshed where !(settings.informes?[r.report] ?? []).isEmpty { waiting[r.report + "|" + r.period] = r }
    }

    /// Sends what waits, in order. A server fault stops the round (the rest wait too); a report
    /// whose recipient is refused waits for the address to be corrected, and the others go.
    func send() throws {
        var refused: Error?
        for key in waiting.keys.sorted() {
            guard let r = waiting[key] else { continue }
            do {
                try send(r)
                waiting.removeValue(forKey: key)
            } catch let error as MailError where error.refusedRecipient != nil {
                refused = refused ?? error
            }
        }
        if let refused { throw refused }
    }

    private func send(_ r: RefreshedReport) throws {
        let recipients = settings.informes?[r.report] ?? []
        guard FileManager.default.fileExists(atPath: r.path) else { return }
        let fingerprint = try Self.fingerprint(of: r.path)
        let before = try ledger.lastSending(report: r.report, period: r.period)
        if before?.fingerprint == fingerprint { return }
        let fileName = (r.path as NSString).lastPathComponent
        let domain = settings.remitente.split(separator: "@").last.map(String.init) ?? "celda.invalid"
        let id = "celda.\(UUID().uuidString.lowercased())@\(domain)"
        let sentBefore = before.map { Self.shown(iso: $0.at, zone: templates.calendar.time_zone) }
        var subject = (fileName as NSString).deletingPathExtension
        if before != nil { subject += " " + templates.label("correo_asunto_corregido", language) }
        var body = fill("correo_cuerpo", ["informe": fileName, "periodo": r.dates,
                                          "fecha": Self.shown(iso: FolderWatcher.now(), zone: templates.calendar.time_zone),
                                          "cifras": headline(r.path)])
        if let sentBefore { body = fill("correo_reemplaza", ["antes": sentBefore]) + "\n\n" + body }
        let message = OutgoingMessage(from: settings.remitente, to: recipients, subject: subject, body: body, messageID: id,
                                      replaces: before?.messageID, fileName: fileName, mimeType: Self.mimeType(fileName),
                                      attachment: try Data(contentsOf: URL(fileURLWithPath: r.path)))
        try smtp.send(message.rendered(), from: settings.remitente, to: recipients)
        try ledger.record(MailSending(report: r.report, period: r.period, fingerprint: fingerprint, messageID: id, recipients: recipients,
                                      fileName: fileName, at: FolderWatcher.now(), station: station))
        report(.reportMailed(report: r.report, file: fileName, to: recipients, replaces: sentBefore))
    }

    private func fill(_ key: String, _ values: [String: String]) -> String {
        values.reduce(templates.label(key, language)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    /// The figures a supervisor reads first, as the workbook's first sheet has them: each row
    /// with a label and a number (the cached value of its formula); past twenty, the first
    /// nineteen and the last (the total).
    func headline(_ path: String) -> String {
        guard let book = try? XLSXWorkbook(path: path), let sheet = book.firstWorksheet else { return templates.label("correo_sin_cifras", language) }
        var lines: [String] = []
        let language = self.language
        _ = try? book.readRows(of: sheet) { row in
            guard row.cells.count >= 2, row.cells[0].column == 0, row.cells[1].column == 1,
                  case .text(let label) = row.cells[0].value, case .number(let value) = row.cells[1].value else { return }
            lines.append("• \(label): \(Self.number(value, language))")
        }
        guard !lines.isEmpty else { return templates.label("correo_sin_cifras", language) }
        if lines.count > 20 { lines = Array(lines.prefix(19)) + [lines[lines.count - 1]] }
        return fill("correo_cifras", ["hoja": sheet.name]) + "\n" + lines.joined(separator: "\n")
    }

    static func number(_ value: Double, _ language: Language) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(format: "%.2f", value)
        return language == .es ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// dd/mm/aaaa hh:mm in the operation's time zone.
    static func shown(iso: String, zone: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: zone) ?? .current
        f.dateFormat = "dd/MM/yyyy HH:mm"
        return f.string(from: date)
    }

    static func mimeType(_ fileName: String) -> String {
        (fileName as NSString).pathExtension.lowercased() == "csv" ? "text/csv" : OutgoingMessage.workbookType
    }

    /// SHA-256 of every part's name and content except docProps/ (which holds when it was
    /// written): two writings of the same report have the same fingerprint.
    static func fingerprint(of path: String) throws -> String {
        var hasher = SHA256Hasher()
        try WorkbookParts.forEach(in: path) { name, bytes in
            guard !name.lowercased().hasPrefix("docprops/") else { return }
            hasher.update(Array(name.utf8) + [0])
            hasher.update(bytes)
        }
        return hasher.finish()
    }
}
