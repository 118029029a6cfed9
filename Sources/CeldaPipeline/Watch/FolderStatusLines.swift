import CeldaCore
import Foundation

extension FolderStatus {
    /// What `celda status` prints: a few lines a supervisor reads at a glance.
    public func lines(_ language: Language) -> [String] {
        let es = language == .es
        let q = { (s: String) in Quote.text(s, language) }
        var out: [String] = []
        if watching {
            let who = pid.map { es ? " (proceso \($0))" : " (process \($0))" } ?? ""
            out.append(es ? "\(q(folder)): celda watch la está vigilando\(who)" : "\(q(folder)): celda watch is watching it\(who)")
        } else {
            out.append(es ? "\(q(folder)): nadie la está vigilando (celda watch no corre)" : "\(q(folder)): nobody is watching it (celda watch is not running)")
        }
        out.append(es ? "en entrada/: \(waiting) archivo(s) esperando" + (waitingFiles.isEmpty ? "" : " — " + waitingFiles.map(q).joined(separator: ", "))
                      : "in entrada/: \(waiting) file(s) waiting" + (waitingFiles.isEmpty ? "" : " — " + waitingFiles.map(q).joined(separator: ", ")))
        if processed.isEmpty {
            out.append(es ? "procesados: ninguno todavía" : "processed: none yet")
        } else {
            out.append(es ? "últimos procesados (el más reciente primero):" : "latest processed (newest first):")
            for p in processed {
                let result = p.output.map { " → " + $0 } ?? p.message.map { ": " + $0 } ?? ""
                out.append("  \(Self.local(p.at))  \(q(p.file))  \(p.outcome)\(result)")
            }
        }
        if errors.isEmpty {
            out.append(es ? "en errores/: nada" : "in errores/: nothing")
        } else {
            out.append(es ? "en errores/: \(errors.count)" : "in errores/: \(errors.count)")
            for e in errors { out.append("  \(q(e.file)): \(e.reason ?? (es ? "(sin motivo escrito)" : "(no reason written)"))") }
        }
        if let store {
            let size = store.bytes.map { " " + Self.size($0) } ?? ""
            let last = store.lastWrite.map { es ? ", última escritura \(Self.local($0))" : ", last written \(Self.local($0))" } ?? ""
            out.append((es ? "historial: " : "history: ") + "\(store.kind) \(store.location)\(size)\(last)")
        }
        if let mail {
            out.append(es ? "correo: última revisión \(Self.local(mail.at)) — \(mail.ok ? "bien" : "falló"): \(mail.message ?? "")"
                          : "mail: last look \(Self.local(mail.at)) — \(mail.ok ? "fine" : "failed"): \(mail.message ?? "")")
        }
        return out
    }

    /// An ISO time as «2026-12-07 10:15» in this machine's zone.
    static func local(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1 << 20 ? "\(max(1, bytes >> 10)) KiB" : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
    }
}
