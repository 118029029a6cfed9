#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C copies of Swift strings for libxlsxwriter's option structs, freed together when the pool
/// goes: the library copies what it keeps during the call, so the pool lives for that call.
final class CStrings {
    private var owned: [UnsafeMutablePointer<CChar>?] = []

    deinit { owned.forEach { free($0) } }

    func copy(_ s: String?) -> UnsafeMutablePointer<CChar>? {
        guard let s else { return nil }
        let p = strdup(s)
        owned.append(p)
        return p
    }
}
