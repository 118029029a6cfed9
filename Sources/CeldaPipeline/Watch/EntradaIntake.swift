import Foundation

/// Which files of entrada/ are whole: their size and modification time held still for a number
/// of looks and long enough (a copy over a network share pauses between pieces), and a workbook's
/// zip is complete. Lock files of Excel (`~$…`) and LibreOffice (`.~lock.…#`), hidden, temporary
/// and half-downloaded files are never touched.
final class EntradaIntake {
    let folder: String
    private var seen: [String: (size: UInt64, mtime: Double, looks: Int)] = [:]

    init(folder: String) { self.folder = folder }

    /// Files seen but not yet taken (still changing).
    var pending: Int { seen.count }

    /// The files ready now, by name; each is forgotten once returned.
    func look(needed: Int, settleSeconds: Double) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var ready: [String] = []
        var present = Set<String>()
        for name in names {
            if Self.ignored(name) { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            var st = stat()
            guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            present.insert(name)
            let size = UInt64(st.st_size)
            let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
            let looks = (seen[name].map { $0.size == size && $0.mtime == mtime ? $0.looks + 1 : 1 }) ?? 1
            seen[name] = (size, mtime, looks)
            let age = Date().timeIntervalSince1970 - mtime
            guard looks >= needed && age >= settleSeconds else { continue }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { continue }
            let complete = Self.looksComplete(fd: fd, size: size, name: name) || age >= 60
            close(fd)
            if complete { ready.append(name) }
        }
        for name in seen.keys where !present.contains(name) { seen[name] = nil }
        for name in ready { seen[name] = nil }
        return ready
    }

    /// A workbook (a zip) is whole only once its end-of-central-directory record is written,
    /// the last thing a copy writes; a CSV has no such mark, so the settle time is its guard.
    static func looksComplete(fd: Int32, size: UInt64, name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        guard ext == "xlsx" || ext == "xlsm" else { return true }
        guard size >= 22 else { return false }
        let tail = Int(min(size, 65_557))
        var buffer = [UInt8](repeating: 0, count: tail)
        let n = pread(fd, &buffer, tail, off_t(size) - off_t(tail))
        guard n == tail else { return false }
        var i = tail - 22
        while i >= 0 {
            if buffer[i] == 0x50 && buffer[i + 1] == 0x4B && buffer[i + 2] == 0x05 && buffer[i + 3] == 0x06 { return true }
            i -= 1
        }
        // Not a zip at all (a renamed file): nothing to wait for; the reader will say what it is.
        return !(buffer.count >= 4 && size > 4 && startsAsZip(fd: fd))
    }

    static func startsAsZip(fd: Int32) -> Bool {
        var head = [UInt8](repeating: 0, count: 2)
        return pread(fd, &head, 2, 0) == 2 && head == [0x50, 0x4B]
    }

    static func ignored(_ name: String) -> Bool {
        name.hasPrefix("~$") || name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix("#") || name.hasSuffix("~")
            || name.lowercased().hasSuffix(".crdownload") || name.lowercased().hasSuffix(".part")
    }
}
