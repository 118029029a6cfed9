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
        case .cannotWrite(let code):
            return es
                ? "no se pudo escribir un archivo temporal (\(SystemReason.text(code, language))). Libere espacio en la carpeta temporal o indique otra con TMPDIR"
                : "could not write a temporary file (\(SystemReason.text(code, language))). Free space in the temporary folder or choose another with TMPDIR"
        case .cannotRead(let code):
            return es
                ? "no se pudo leer un archivo temporal (\(SystemReason.text(code, language))). Vuelva a intentarlo"
                : "could not read a temporary file (\(SystemReason.text(code, language))). Try again"
        case .corrupt:
            return es ? "un archivo temporal quedó incompleto. Vuelva a intentarlo" : "a temporary file was left incomplete. Try again"
        }
    }
}
