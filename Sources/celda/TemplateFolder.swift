import CeldaCore
import Foundation

/// Where Celda's Templates/ live: `--templates DIR`, else `CELDA_TEMPLATES`, else next to the
/// executable, else the nearest folder up from it (a build inside the package finds the
/// package's own Templates/).
enum TemplateFolder {
    static func locate(explicit: String?) -> String? {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["CELDA_TEMPLATES"] { return env }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Templates")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("kinds.yaml").path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static func load(explicit: String?) throws -> Templates {
        guard let folder = locate(explicit: explicit) else {
            throw TemplateError(file: "Templates/", key: nil, problem: "no se encontró la carpeta de plantillas; indíquela con --templates CARPETA")
        }
        var texts: [String: String] = [:]
        for file in Templates.files {
            let path = (folder as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw TemplateError(file: path, key: nil, problem: "no se pudo leer (¿existe y está en UTF-8?)")
            }
            texts[file] = text
        }
        do { return try Templates(texts: texts) } catch var error as TemplateError {
            error.file = (folder as NSString).appendingPathComponent(error.file)
            throw error
        }
    }
}
