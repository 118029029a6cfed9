import CeldaCore
import XLSXReader

/// The temporary files a long base or a long report waits in (rows of `celda process`, the
/// *no procede* cases of a consolidado): when the temporary folder is full or unusable.
extension SpoolError {
    public func message(_ language: Language) -> String {
        let es = language == .es
        let q = { Quote.text($0, language) }
        switch self {
        case .cannotCreate(let path, let code):
            return es
                ? "no se pudo crear el archivo temporal \(q(path)) (\(SystemReason.text(code, language))). Libere espacio en la carpeta temporal o indique otra con TMPDIR"
                : "could not create the temporary file \(q(path)) (\(SystemReason.text(code, language))). Free space in the temporary folder or choose another with TMPDIR"
        case .cannotWrite(let path, let code):
            return es
                ? "no se pudo escribir el archivo temporal \(q(path)) (\(SystemReason.text(code, language))). Libere espacio en la carpeta temporal o indique otra con TMPDIR"
                : "could not write the temporary file \(q(path)) (\(SystemReason.text(code, language))). Free space in the temporary folder or choose another with TMPDIR"
        case .corrupt(let path):
            return es ? "el archivo temporal \(q(path)) está dañado. Vuelva a intentarlo" : "the temporary file \(q(path)) is damaged. Try again"
        }
    }
}
