import CeldaCore
import CeldaTestSupport
import Foundation
import Testing
@testable import CeldaStore

/// What only a shared server has: several stations at once, a server that goes away, a URL
/// that may hold a password. On the test server (`CELDA_TEST_PG_URL`, from scripts/test.sh).
struct PostgresStoreTests {
    static let day = HistoryStoreTests.day

    private func cases(_ n: Int, from first: Int = 0) -> [CaseRecord] {
        (first..<first + n).map { HistoryStoreTests.tipificador(String(5000 + $0), day: Self.day, row: $0 + 2) }
    }

    /// The race itself, made certain: station A has inserted the file and not committed when
    /// station B tries; B waits on the unique hash, gets 23505 once A commits, rolls back all it
    /// did and answers with A's file. One copy of the content, of its cases and sightings.
    @Test func theSecondStationOfARaceGetsTheWinnersFile() throws {
        let url = try PostgresTestServer.freshDatabase()
        let b = Owned(try PostgresStore(url: url))
        let attempt = HistoryStoreTests.ingestion("carrera", cases(3), station: "estacion-b")
        let a = try PGConnection(conninfo: url, location: url)
        try a.execute("BEGIN")
        try a.execute("""
            INSERT INTO ingested_file (sha256, name, kind, station, output, "rows", processed_on, ingested_at)
            VALUES ('carrera', 'Tipificador A.csv', 'tipificador', 'estacion-a', NULL, 3, '2024-03-18', now())
            """)
        final class Box: @unchecked Sendable { var result: Result<IngestResult, Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.result = Result { try b.value.ingest(attempt) }
            done.signal()
        }.start()
        // B is now blocked on A's uncommitted row (it cannot have finished).
        #expect(done.wait(timeout: .now() + 1) == .timedOut, "B must wait for A's transaction")
        try a.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 30) == .success)
        guard case .success(.alreadyIngested(let winner))? = box.result else { Issue.record("\(String(describing: box.result))"); return }
        #expect(winner.station == "estacion-a" && winner.name == "Tipificador A.csv")
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM ingested_file") == "1")
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM case_record") == "0", "B's rows rolled back with its transaction")
        // This test's database only: other tests stream into theirs meanwhile, a transaction
        // open between two batches.
        #expect(try PostgresTestServer.psql(url, """
            SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND datname = current_database()
            """) == "0")
    }

    /// Two stations ingesting the same twenty files in opposite orders, for real, at once: every
    /// file ends stored once, each added by exactly one of them, the other told who had it.
    @Test func twoStationsIngestingTheSameFilesKeepOneCopyEach() throws {
        let url = try PostgresTestServer.freshDatabase()
        let files = (0..<20).map { i in HistoryStoreTests.ingestion("f\(i)", cases(5, from: i * 3)) }
        final class Box: @unchecked Sendable { let lock = NSLock(); var results: [String: [IngestResult]] = [:]; var errors: [Error] = [] }
        let box = Box()
        let group = DispatchGroup()
        for (station, order) in [("estacion-a", Array(files)), ("estacion-b", Array(files.reversed()))] {
            let store = Owned(try PostgresStore(url: url))
            group.enter()
            Thread {
                for var f in order {
                    f.station = station
                    do {
                        let r = try store.value.ingest(f)
                        box.lock.lock(); box.results[f.sha256, default: []].append(r); box.lock.unlock()
                    } catch {
                        box.lock.lock(); box.errors.append(error); box.lock.unlock()
                    }
                }
                group.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        #expect(box.errors.isEmpty, "\(box.errors)")
        for f in files {
            let results = box.results[f.sha256] ?? []
            let added = results.filter { if case .added = $0 { return true } else { return false } }.count
            #expect(results.count == 2 && added == 1, "\(f.sha256): \(results)")
        }
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM ingested_file") == "20")
        // Files overlap by two cases each: 20 files × 5 rows, 3 new keys each, plus the last two.
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM case_record") == "62")
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM sighting") == "100")
    }

    /// Six stations opening an empty database together: the schema made once, nobody refused.
    @Test func migrationsRunOnceWhenStationsStartTogether() throws {
        let url = try PostgresTestServer.freshDatabase()
        final class Box: @unchecked Sendable { let lock = NSLock(); var errors: [Error] = [] }
        let box = Box()
        let group = DispatchGroup()
        for _ in 0..<6 {
            group.enter()
            Thread {
                do { _ = try PostgresStore(url: url) } catch { box.lock.lock(); box.errors.append(error); box.lock.unlock() }
                group.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(box.errors.isEmpty, "\(box.errors)")
        #expect(try PostgresTestServer.psql(url, "SELECT string_agg(identifier, ',' ORDER BY identifier) FROM celda_migrations") == "v1 history,v2 decisions by case,v3 premium,v4 period index,v5 reclamacion answers,v6 kind facts,v7 mail ledger")
    }

    @Test func aDatabaseFromANewerCeldaIsRefusedNotTouched() throws {
        let url = try PostgresTestServer.freshDatabase()
        _ = try PostgresStore(url: url)
        try PostgresTestServer.psql(url, "INSERT INTO celda_migrations (identifier) VALUES ('v9 del futuro')")
        #expect(throws: StoreError.newerVersion(path: url, unknownMigrations: ["v9 del futuro"])) { try PostgresStore(url: url) }
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM celda_migrations") == "8", "nothing applied or removed")
    }

    /// Nothing of a file is kept when any part of its transaction fails.
    @Test func aFailedIngestKeepsNothingOfTheFile() throws {
        let url = try PostgresTestServer.freshDatabase()
        let store = try PostgresStore(url: url)
        try PostgresTestServer.psql(url, """
            CREATE FUNCTION no_sightings() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disco lleno'; END $$;
            CREATE TRIGGER no_sightings BEFORE INSERT ON sighting FOR EACH ROW EXECUTE FUNCTION no_sightings();
            """)
        #expect(throws: StoreError.postgres(location: url, sqlstate: "P0001", message: "disco lleno")) {
            try store.ingest(HistoryStoreTests.ingestion("roto", cases(4)))
        }
        #expect(try store.file(sha256: "roto") == nil)
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM case_record") == "0")
        try PostgresTestServer.psql(url, "DROP TRIGGER no_sightings ON sighting")
        #expect(try store.ingest(HistoryStoreTests.ingestion("roto", cases(4))) == .added(newCases: 4, updatedCases: 0))
    }

    /// The server closed the connection (a restart, an administrator): the next use opens a new
    /// one and succeeds.
    @Test func aLostConnectionIsReopenedOnTheNextUse() throws {
        let url = try PostgresTestServer.freshDatabase()
        let store = try PostgresStore(url: url)
        _ = try store.ingest(HistoryStoreTests.ingestion("antes", cases(2)))
        let database = String(url.split(separator: "/").last ?? "")
        try PostgresTestServer.psql(try PostgresTestServer.url(),
                                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
        #expect(try store.file(sha256: "antes")?.name == "antes.csv")
        #expect(try store.ingest(HistoryStoreTests.ingestion("despues", cases(2, from: 10))) == .added(newCases: 2, updatedCases: 0))
    }

    /// No server there: a passing fault (the watcher retries), saying where without the password.
    @Test func anUnreachableServerIsTransientAndNeverShowsThePassword() throws {
        let url = "postgres://celda:s3creto@127.0.0.1:1/celda?connect_timeout=2"
        #expect { try PostgresStore(url: url) } throws: { error in
            guard let e = error as? StoreError, case .unreachable(let location, let message) = e else { return false }
            return e.isTransient && !location.contains("s3creto") && !message.contains("s3creto") && location.contains("127.0.0.1:1")
        }
    }

    @Test func aStatementTheServerRefusesCarriesItsSQLSTATE() throws {
        let url = try PostgresTestServer.freshDatabase()
        let store = try PostgresStore(url: url)
        try PostgresTestServer.psql(url, "ALTER TABLE case_record RENAME TO otra_cosa")
        #expect { try store.cases(kind: "tipificador", from: Self.day, to: Self.day) } throws: { error in
            guard case .postgres(_, "42P01", let message)? = error as? StoreError else { return false }
            return message.contains("case_record")
        }
    }

    @Test func passwordsAreRedactedFromLocations() {
        #expect(StoreLocation.redacted("postgres://ana:clave@db.local:5432/celda?sslmode=require") == "postgres://ana:***@db.local:5432/celda?sslmode=require")
        #expect(StoreLocation.redacted("postgresql://ana@db/celda?password=clave&sslmode=verify-full") == "postgresql://ana@db/celda?password=***&sslmode=verify-full")
        #expect(StoreLocation.redacted("postgres://ana:p%40ss@w0rd@db/celda") == "postgres://ana:***@db/celda")
        #expect(StoreLocation.redacted("postgres://db/celda") == "postgres://db/celda")
        #expect(StoreLocation.redacted("carpeta/celda.sqlite") == "carpeta/celda.sqlite")
    }
}

/// Hands a store to one other thread (each thread uses its own store: never two at once).
final class Owned<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
