import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// The shared history on PostgreSQL end to end, through the built binary: `celda store`, two
/// stations watching two folders into one database, and the server restarted under a batch.
/// On the test server (`CELDA_TEST_PG_URL`, from scripts/test.sh), or a private one where the
/// test stops it.
@Suite(.serialized)
struct SharedStoreTests {
    private func folder(_ prefix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    }

    private func count(_ url: String, _ table: String) throws -> Int {
        Int(try PostgresTestServer.psql(url, "SELECT count(*) FROM \(table)")) ?? -1
    }

    /// Every sheet of a workbook: sheet → row → column → value.
    private func workbookCells(_ path: String) throws -> [String: [Int: [Int: CellValue]]] {
        let book = try XLSXWorkbook(path: path)
        var all: [String: [Int: [Int: CellValue]]] = [:]
        for sheet in book.sheets { all[sheet.name] = try sheetCells(path, sheet: sheet.name) }
        return all
    }

    @Test func storeMigrateStatusAndAnExportThatCopiesNothingTwice() throws {
        let url = try PostgresTestServer.freshDatabase()
        let dir = folder("celda-store-cmd")
        let empty = try Celda.run(["store", "status", "--store", url])
        #expect(empty.status == 0 && empty.stdout.contains("sin esquema de Celda todavía"), "\(empty.stdout)\(empty.stderr)")
        let migrated = try Celda.run(["store", "migrate", "--store", url])
        #expect(migrated.status == 0 && migrated.stdout.contains("al día (v1 history, v2 decisions by case, v3 premium, v4 period index, v5 reclamacion answers, v6 kind facts, v7 mail ledger)"), "\(migrated.stdout)\(migrated.stderr)")
        #expect(try Celda.run(["store", "migrate", "--store", url]).status == 0, "migrating again changes nothing")

        #expect(try Celda.run(["samples", dir + "/s", "--rows", "40", "--seed", "3"]).status == 0)
        let local = dir + "/estacion.sqlite"
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir + "/s").sorted().map { dir + "/s/" + $0 }
        #expect(inputs.count == 13, "five days of mal escalados and Monday's review, tipificador, three premium exports, the survey, asistencia, monitoreos")
        let processed = try Celda.run(["process"] + inputs + ["--store", local, "--out", dir + "/o", "--today", "2024-03-22", "--estacion", "pc-vieja"])
        #expect(processed.status == 0, "\(processed.stderr)")
        let first = try Celda.run(["store", "export", local, "--store", url])
        #expect(first.status == 0 && first.stdout.hasPrefix("13 archivos copiados") && first.stdout.contains("; 0 ya estaban"), "\(first.stdout)\(first.stderr)")
        let tables = ["ingested_file", "case_record", "sighting", "premium_case", "premium_state", "premium_survey", "kind_fact"]
        let copied = try tables.map { try count(url, $0) }
        #expect(copied[0] == 13 && copied[1] >= 80 && copied[3] > 0 && copied[4] > 0 && copied[5] > 0 && copied[6] > 100, "\(copied)")
        let again = try Celda.run(["store", "export", local, "--store", url])
        #expect(again.stdout.hasPrefix("0 archivos copiados") && again.stdout.contains("13 ya estaban"), "\(again.stdout)\(again.stderr)")
        #expect(try tables.map { try count(url, $0) } == copied, "running it twice copies nothing twice")

        let status = try Celda.run(["store", "status", "--store", url])
        #expect(status.stdout.contains("13 archivos, \(copied[1]) casos, \(copied[2]) filas") && status.stdout.contains("estación pc-vieja: 13 archivos"),
                "\(status.stdout)")
        // The exported history answers like the file it came from.
        for (report, period) in [("mal-escalados", "month"), ("recurrentes", "month"), ("premium", "week")] {
            var books: [[String: [Int: [Int: CellValue]]]] = []
            for (name, store) in [("sqlite", local), ("pg", url)] {
                let out = dir + "/r-\(report)-\(name)"
                let run = try Celda.run(["report", report, "--period", period, "--date", "2024-03-22", "--store", store, "--out", out])
                #expect(run.status == 0 && run.stdout.contains(" → "), "\(report) \(name): \(run.stdout)\(run.stderr)")
                let book = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".xlsx") })
                books.append(try workbookCells(out + "/" + book))
            }
            #expect(books[0] == books[1], "\(report): the exported history gives the same workbook")
        }
        let wrong = try Celda.run(["store", "export", local, "--store", dir + "/otro.sqlite"])
        #expect(wrong.status == 2, "export goes into PostgreSQL only")
        let secret = try Celda.run(["store", "status", "--store", "postgres://celda:s3creto@127.0.0.1:1/celda"])
        #expect(secret.status == 1 && secret.stderr.contains("postgres://celda:***@127.0.0.1:1/celda") && !secret.stderr.contains("s3creto"), "\(secret.stderr)")
    }

    /// Issue 14's first check: the ten daily tipificador files split between two stations
    /// watching at the same time into one database, one file dropped at both. The recurrentes
    /// report from the shared history equals the one from a SQLite history of the same ten
    /// files, and no row is counted twice.
    @Test func twoStationsWatchingIntoOneDatabaseCountEachRowOnce() throws {
        let url = try PostgresTestServer.freshDatabase()
        let dir = folder("celda-two-stations")
        var files: [String] = []
        for i in 1...10 {
            #expect(try Celda.run(["samples", dir + "/gen\(i)", "--rows", "120", "--seed", String(100 + i)]).status == 0)
            let path = dir + "/Tipificador \(String(format: "%02d", i)).csv"
            try FileManager.default.moveItem(atPath: dir + "/gen\(i)/Formulario Tipificador 22-03.csv", toPath: path)
            files.append(path)
        }
        let share: [(station: String, files: [String])] = [("estacion-a", Array(files[0..<5]) + [files[9]]), ("estacion-b", Array(files[5..<10]))]
        for (station, mine) in share {
            try FileManager.default.createDirectory(atPath: dir + "/\(station)/entrada", withIntermediateDirectories: true)
            for f in mine { try FileManager.default.copyItem(atPath: f, toPath: dir + "/\(station)/entrada/" + (f as NSString).lastPathComponent) }
        }
        final class Runs: @unchecked Sendable { let lock = NSLock(); var all: [CeldaRun] = []; var errors: [Error] = [] }
        let runs = Runs()
        let group = DispatchGroup()
        for (station, _) in share {
            group.enter()
            let root = dir + "/" + station
            Thread {
                do {
                    let run = try Celda.run(["watch", root, "--once", "--interval", "0.2", "--today", "2024-03-22", "--store", url, "--estacion", station])
                    runs.lock.lock(); runs.all.append(run); runs.lock.unlock()
                } catch { runs.lock.lock(); runs.errors.append(error); runs.lock.unlock() }
                group.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 300) == .success)
        #expect(runs.errors.isEmpty && runs.all.count == 2)
        for run in runs.all { #expect(run.status == 0, "\(run.stdout)\(run.stderr)") }
        let said = runs.all.map(\.stdout).joined()
        #expect(said.components(separatedBy: "ya procesado en estacion-").count == 2, "the file dropped at both is said once to be the other's: \(said)")

        #expect(try count(url, "ingested_file") == 10)
        #expect(try count(url, "sighting") == 1_200, "every row of the ten files once")
        #expect(try PostgresTestServer.psql(url, "SELECT string_agg(DISTINCT station, ',' ORDER BY station) FROM ingested_file") == "estacion-a,estacion-b")

        let sqlite = dir + "/referencia.sqlite"
        let reference = try Celda.run(["process"] + files + ["--store", sqlite, "--out", dir + "/ref", "--today", "2024-03-22"])
        #expect(reference.status == 0, "\(reference.stderr)")
        var reports: [String] = []
        for (name, store) in [("pg", url), ("sqlite", sqlite)] {
            let run = try Celda.run(["report", "recurrentes", "--period", "month", "--date", "2024-03-22", "--store", store, "--out", dir + "/informe-" + name])
            #expect(run.status == 0 && run.stdout.contains(" casos → "), "\(run.stdout)\(run.stderr)")
            reports.append(String(run.stdout.split(separator: "→").first ?? ""))
            let book = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/informe-" + name).first { $0.hasSuffix(".xlsx") })
            reports.append(dir + "/informe-\(name)/" + book)
        }
        #expect(reports[0] == reports[2], "the same number of cases: \(reports[0]) / \(reports[2])")
        let shared = try workbookCells(reports[1]), local = try workbookCells(reports[3])
        #expect(shared.keys.sorted() == local.keys.sorted())
        for sheet in local.keys.sorted() {
            #expect(shared[sheet] == local[sheet], "sheet \(sheet) differs between PostgreSQL and SQLite")
        }
    }

    /// Issue 14's second check: the server stopped and started again while a watcher works
    /// through twenty files. None is lost (all in procesados/ with one gestionado each), none
    /// duplicated (each file's rows stored once), none sent to errores/; the outage said once.
    @Test func aServerRestartDuringABatchLosesNoFileAndDuplicatesNone() throws {
        let server = try PrivatePostgresServer()
        let dir = folder("celda-restart"), root = dir + "/carpeta"
        try FileManager.default.createDirectory(atPath: root + "/entrada", withIntermediateDirectories: true)
        let rows = 300
        for i in 1...20 {
            #expect(try Celda.run(["samples", dir + "/gen\(i)", "--rows", String(rows), "--seed", String(i)]).status == 0)
            try FileManager.default.moveItem(atPath: dir + "/gen\(i)/Base Mal Escalados 22-03.xlsx", toPath: dir + "/Base \(i).xlsx")
        }
        #expect(try Celda.run(["store", "migrate", "--store", server.url]).status == 0)
        for i in 1...20 { try FileManager.default.moveItem(atPath: dir + "/Base \(i).xlsx", toPath: root + "/entrada/Base \(i).xlsx") }

        let log = dir + "/watch.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let watch = Process()
        watch.executableURL = Celda.binary
        watch.arguments = ["watch", root, "--interval", "0.2", "--today", "2024-03-22", "--store", server.url, "--estacion", "pc-1"]
        watch.standardOutput = output
        watch.standardError = output
        try watch.run()
        defer { if watch.isRunning { watch.terminate() } }
        let said = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        let done = { (try? FileManager.default.contentsOfDirectory(atPath: root + "/procesados").count) ?? 0 }
        func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end { if condition() { return true }; Thread.sleep(forTimeInterval: 0.1) }
            return condition()
        }
        #expect(waitFor(120) { done() >= 3 }, "\(said())")
        try server.halt()
        #expect(waitFor(60) { said().contains("se deja para después") }, "\(said())")
        Thread.sleep(forTimeInterval: 1.5)
        try server.resume()
        #expect(waitFor(240) { done() == 20 }, "\(said())")
        watch.terminate()
        watch.waitUntilExit()

        let text = said()
        #expect(text.components(separatedBy: "se deja para después").count == 2, "the outage said once: \(text)")
        #expect(text.contains("el historial responde de nuevo"))
        let procesados = try FileManager.default.contentsOfDirectory(atPath: root + "/procesados").sorted()
        #expect(procesados == (1...20).map { "Base \($0).xlsx" }.sorted())
        let gestionados = try FileManager.default.contentsOfDirectory(atPath: root + "/salida").filter { $0.contains(" - gestionado") }
        #expect(gestionados.count == 20 && !gestionados.contains { $0.contains("(2)") }, "\(gestionados)")
        for sub in ["entrada", "procesando", "errores"] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/" + sub).isEmpty, "\(sub) is empty")
        }
        #expect(try count(server.url, "ingested_file") == 20)
        #expect(try count(server.url, "sighting") == 20 * rows)
    }
}
