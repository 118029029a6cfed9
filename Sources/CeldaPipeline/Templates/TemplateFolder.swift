import CeldaCore
import Foundation

/// Where Celda's Templates/ live: `--templates DIR`, else `CELDA_TEMPLATES`, else the nearest
/// Templates/ up from the real executable (links followed: `celda` found on the PATH through a
/// link in /usr/local/bin still finds the Templates/ of the package it was built in).
public enum TemplateFolder {
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit { return explicit }
        if let env = environment["CELDA_TEMPLATES"], !env.isEmpty { return env }
        for start in [executablePath(), Bundle.main.executablePath].compactMap({ $0 }) {
            var dir = URL(fileURLWithPath: start).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Templates")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("kinds.yaml").path) { return candidate.path }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// The running program's own file: /proc/self/exe on Linux (argv[0] is just "celda" when
    /// it was found on the PATH).
    static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return nil
    }

    public static func load(explicit: String?) throws -> Templates {
        guard let folder = locate(explicit: explicit) else {
            throw TemplateError(file: "Templates/", key: nil, problem: .folderNotFound)
        }
        var texts: [String: String] = [:]
        for file in Templates.files {
            let path = (folder as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw TemplateError(file: path, key: nil, problem: FileManager.default.fileExists(atPath: path) ? .unreadable : .missingFile)
            }
            texts[file] = text
        }
        // Each kind's own file, when it has one (kinds/<id>.yaml).
        let kindFolder = (folder as NSString).appendingPathComponent(Templates.kindFolder)
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: kindFolder)) ?? []).sorted() where file.hasSuffix(".yaml") {
            let path = (kindFolder as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw TemplateError(file: path, key: nil, problem: .unreadable) }
            texts[Templates.kindFolder + "/" + file] = text
        }
        do { return try Templates(texts: texts) } catch var error as TemplateError {
            error.file = (folder as NSString).appendingPathComponent(error.file)
            throw error
        }
    }
}
