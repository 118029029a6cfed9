import CeldaCore
import Foundation

/// The workflow's folders under one root (named in Templates/workflow.yaml), and the one way a
/// file moves between them: a rename within one file system that never overwrites nor deletes.
struct WatchFolders {
    let root: String
    let entrada: String, salida: String, procesados: String, errores: String, procesando: String
    /// Celda's own state: the lock, the journal, the marks of work done.
    let state: String

    /// Creates the folders that are missing.
    init(root: String, templates: Templates) throws {
        self.root = root
        let f = templates.workflow.folders
        func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
        entrada = path(f.entrada); salida = path(f.salida); procesados = path(f.procesados)
        errores = path(f.errores); procesando = path(f.procesando); state = path(".celda")
        for folder in [entrada, salida, procesados, errores, procesando, state] { try OutputFolder.prepare(folder) }
    }

    /// `name` in `folder`.
    func file(_ name: String, in folder: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// Moves a file into `folder`, adding a timestamp when the name is taken: never overwrites,
    /// never deletes. Returns the new path.
    @discardableResult
    func moveAside(_ path: String, to folder: String, keepName: Bool = false) throws -> String {
        let fm = FileManager.default
        let name = (path as NSString).lastPathComponent
        var dest = file(name, in: folder)
        if fm.fileExists(atPath: dest) {
            let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            let stamp = Self.stamp()
            var n = 1
            repeat {
                let suffix = n == 1 ? stamp : "\(stamp)-\(n)"
                dest = file(OutputNames.fitted(stem: stem, tail: ext.isEmpty ? " \(suffix)" : " \(suffix).\(ext)"), in: folder)
                n += 1
            } while fm.fileExists(atPath: dest)
        }
        guard rename(path, dest) == 0 else { throw PipelineError.moveFailed(file: name, folder: folder, errno: errno) }
        return dest
    }

    static func stamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HHmmss"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}
