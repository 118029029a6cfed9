import CeldaCore
import Foundation

/// An operating-system error (`errno`) in the user's words. The common ones a back-office PC
/// meets are said in each language; any other keeps the C library's text.
enum SystemReason {
    static func text(_ code: Int32, _ language: Language) -> String {
        let es = language == .es
        switch code {
        case EACCES, EPERM: return es ? "sin permiso" : "permission denied"
        case EROFS: return es ? "es de solo lectura" : "read-only file system"
        case ENOTDIR: return es ? "una parte de la ruta es un archivo, no una carpeta" : "part of the path is a file, not a folder"
        case ENOENT: return es ? "no existe" : "does not exist"
        case ENOSPC, EDQUOT: return es ? "el disco está lleno" : "the disk is full"
        case ENAMETOOLONG: return es ? "el nombre es demasiado largo" : "the name is too long"
        case EEXIST: return es ? "ya existe" : "already exists"
        case EISDIR: return es ? "es una carpeta" : "is a folder"
        case EXDEV: return es ? "está en otro disco" : "is on another disk"
        default: return String(cString: strerror(code))
        }
    }
}
