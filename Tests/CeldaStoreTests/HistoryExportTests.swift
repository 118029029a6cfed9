import CeldaCore
import CeldaTestSupport
import Foundation
import Testing
@testable import CeldaStore

/// `celda store export`: a station's SQLite history copied into the shared PostgreSQL one. Every
/// column travels, and a case both hold is merged by the rules `copyHistory` documents.
struct HistoryExportTests {
    static let day = HistoryStoreTests.day

    private func sqlite() throws -> SQLiteStore {
        try SQLiteStore(path: try Repository.temporaryFolder("celda-export") + "/celda.sqlite")
    }

    private func ingestion(_ sha: String, _ cases: [CaseRecord], on day: CalendarDate) -> Ingestion {
        Ingestion(sha256: sha, fileName: "\(sha).xlsx", kind: "mal-escalados", station: "pc", output: nil, processedOn: day, cases: cases)
    }

    /// A case with every field set, awkward characters in its text.
    static func everyField(_ key: String) -> CaseRecord {
        CaseRecord(kind: "mal-escalados", key: key, sourceFile: "Base Ñandú 'a'.xlsx", sheet: "Hoja\\1", row: 17, date: day, secondsOfDay: 3600,
                   firstSeen: day, cuenta: "", asesor: "José\nPérez", asesorID: "a\t1", supervisor: "Sup\r\n", causalCode: "ME11",
                   causal: "ME11 · Sin incidencia", evidence: "a\tb", procede: "No procede", estado: "Pendiente", area: "Soporte",
                   motivo: "{\"json\": [1,2]}", observaciones: "\\N", formErrors: [FormError(.invalidAccount, "cuenta «12\n3a» no válida")],
                   respuesta: "Aceptada", respuestaFecha: day.adding(days: 2))
    }

    @Test func everyColumnIsCopied() throws {
        let local = try sqlite()
        let undated = CaseRecord(kind: "mal-escalados", key: "sin fecha", sourceFile: "b.xlsx", sheet: "S", row: 3, date: nil,
                                 firstSeen: Self.day, estado: "Abierto")
        _ = try local.ingest(ingestion("all", [Self.everyField("k\t\\1|\"x\""), undated], on: Self.day))
        let server = try PostgresStore(url: try PostgresTestServer.freshDatabase())
        #expect(try server.copyHistory(from: local) == HistoryCopy(filesCopied: 1, filesAlreadyThere: 0, newCases: 2, updatedCases: 0))
        let copied = try server.cases(kind: "mal-escalados", from: Self.day, to: Self.day)
        #expect(copied == (try local.cases(kind: "mal-escalados", from: Self.day, to: Self.day)))
        #expect(copied.count == 2)
    }

    /// A case both histories hold: the state of the side that saw it last, the earliest first day,
    /// the latest last day; an advisor id or supervisor the later side lacks kept from the server;
    /// Gestión Soporte's answer from the later side when it has one, else whichever has one, its
    /// date going with it.
    @Test func aCaseBothHoldTakesTheLaterSidesState() throws {
        let url = try PostgresTestServer.freshDatabase()
        let server = try PostgresStore(url: url), local = try sqlite()
        let d1 = Self.day.adding(days: 1), d3 = Self.day.adding(days: 3)

        // K: the server saw it last (day 3), without an advisor id, supervisor or answer.
        var serverK = Self.everyField("K")
        serverK.firstSeen = d3; serverK.estado = "Cerrado"; serverK.asesorID = nil; serverK.supervisor = nil
        serverK.respuesta = nil; serverK.respuestaFecha = nil
        // L: the station saw it last (day 3), without an advisor id.
        var serverL = Self.everyField("L")
        serverL.firstSeen = d1; serverL.asesorID = "x-1"; serverL.respuesta = nil; serverL.respuestaFecha = nil
        _ = try server.ingest(ingestion("srv-3", [serverK], on: d3))
        _ = try server.ingest(ingestion("srv-1", [serverL], on: d1))

        var localK = Self.everyField("K")
        localK.firstSeen = d1; localK.estado = "Pendiente"; localK.motivo = "otro motivo"
        var localL = Self.everyField("L")
        localL.firstSeen = d3; localL.estado = "Solucionado"; localL.causalCode = "ME02"; localL.asesorID = nil; localL.respuesta = "Rechazada"
        localL.respuestaFecha = d3
        _ = try local.ingest(ingestion("loc-1", [localK], on: d1))
        _ = try local.ingest(ingestion("loc-3", [localL], on: d3))

        #expect(try server.copyHistory(from: local) == HistoryCopy(filesCopied: 2, filesAlreadyThere: 0, newCases: 0, updatedCases: 2))
        let merged = Dictionary(uniqueKeysWithValues: try server.cases(kind: "mal-escalados", from: Self.day, to: Self.day).map { ($0.key, $0) })

        var k = serverK
        k.firstSeen = d1                                              // the earliest
        k.respuesta = localK.respuesta; k.respuestaFecha = localK.respuestaFecha   // the server had none
        #expect(merged["K"] == k)
        var l = localL
        l.firstSeen = d1                                              // the earliest
        l.asesorID = "x-1"                                            // the later side had none
        l.motivo = serverL.motivo                                     // where it first came from stays
        #expect(merged["L"] == l)
        #expect(try PostgresTestServer.psql(url, "SELECT string_agg(key || '=' || last_seen, ',' ORDER BY key) FROM case_record")
                    == "K=\(d3),L=\(d3)")
        #expect(try server.copyHistory(from: local) == HistoryCopy(filesCopied: 0, filesAlreadyThere: 2, newCases: 0, updatedCases: 0))
    }
}
