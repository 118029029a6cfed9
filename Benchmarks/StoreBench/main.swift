// Ingest time of the history store alone, SQLite beside PostgreSQL: FILES files of ROWS
// synthetic mal-escalados cases each (fields of the samples' sizes, distinct keys), each file one
// `ingest` (one transaction), into a fresh store. Prints one line per file: rows, seconds.
// File f is dated March (1 + f % 28), 2024; with DAYS, its rows are spread over the first DAYS
// days of March instead (row i on day 1 + i % DAYS): a month of cases for the report benchmark.
//   swift build -c release --product celda-store-bench
//   .build/release/celda-store-bench STORE ROWS [FILES] [DAYS]     STORE: a new .sqlite path or a postgres:// URL
import CeldaCore
import CeldaStore
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3, let rows = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: celda-store-bench STORE ROWS [FILES] [DAYS]\n".utf8))
    exit(2)
}
let files = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
let location = arguments[1]
let spreadDays = arguments.count > 4 ? Int(arguments[4]) : nil

struct Generator {
    var state: UInt64 = 7
    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }
}
let asesores = ["Ana Gómez", "Luis Rodríguez", "Carlos Martínez", "Diana López", "Jorge García", "Paula Pérez"]
let causales = ["ME01 · Sin pruebas T&D", "ME03 · Falla masiva no validada", "ME06 · Cliente no contactado", "ME11 · Sin incidencia T&D / interacción < 3 min"]
let day0 = CalendarDate(year: 2024, month: 3, day: 1)

do {
    let store: HistoryStore = StoreLocation.isPostgres(location) ? try PostgresStore(url: location) : try SQLiteStore(path: location)
    for f in 0..<files {
        let fileDay = day0.adding(days: f % 28)
        var random = Generator()
        let cases = (0..<rows).map { i -> CaseRecord in
            let day = spreadDays.map { day0.adding(days: i % max($0, 1)) } ?? fileDay
            let cuenta = String(10_000_000 + f * rows + i)
            let causal = causales[random.next(causales.count)]
            return CaseRecord(kind: "mal-escalados", key: "\(cuenta)|\(day)|\(i % 40)|\(f)", sourceFile: "Base \(f).xlsx", sheet: "Base",
                              row: i + 2, date: day, secondsOfDay: random.next(86_400), firstSeen: day, cuenta: cuenta, asesor: asesores[random.next(asesores.count)],
                              asesorID: String(random.next(99_999)), supervisor: "Supervisor \(random.next(8))", causalCode: String(causal.prefix(4)), causal: causal,
                              evidence: "Pruebas T&D sin realizar; interacción de \(random.next(9)) minutos", procede: random.next(2) == 0 ? "Procede" : "No procede",
                              estado: "Pendiente", area: "Soporte", motivo: "Internet lento",
                              observaciones: "Cliente reporta lentitud desde ayer; se hacen pruebas T&D y se reinicia el módem sin mejora")
        }
        let start = Date()
        _ = try store.ingest(Ingestion(sha256: "bench-\(f)-\(rows)", fileName: "Base \(f).xlsx", kind: "mal-escalados", station: "bench",
                                       output: nil, processedOn: fileDay, cases: cases))
        print(rows, String(format: "%.2f", Date().timeIntervalSince(start)))
    }
} catch {
    FileHandle.standardError.write(Data("celda-store-bench: \(error)\n".utf8))
    exit(1)
}
