#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Why a row shows a causal de mal escalado, as the rule found it: a case per rule with what it
/// saw, said in Spanish (the history's and the supervisor's) or English (`--lang en`).
public enum MalEscaladosEvidence: Hashable, Sendable {
    case distance(blocks: Double, max: Double)
    /// The same HHPP escalated from another tower / floor, on that row (as the gestionado numbers it).
    case otherTower(hhpp: String, row: Int)
    case otherFloor(hhpp: String, row: Int)
    case otherNode(escalated: String, client: String)
    case inactiveAccount(state: String)
    case optionNotForSymptom(option: String, symptom: String)
    case externalNetworkWithVisit(option: String, visit: String)
    case noFaultNotice(String)
    case serialNotInInventory(String)
    case noSerials
    case otherTV(escalated: String, installed: String)
    case serviceWithoutEmail(String)
    case invalidEmail(String)
    case noIncidence
    case shortTD(minutes: Double, min: Double)
    case emptyNotes
    case shortNotes(length: Int, min: Int)

    public func text(_ language: Language) -> String {
        let en = language == .en
        func say(_ es: String, _ english: String) -> String { en ? english : es }
        func n(_ v: Double) -> String { Self.number(v, decimalComma: !en) }
        switch self {
        case .distance(let d, let max): return say("Distancia \(n(d)) cuadras > \(n(max))", "Distance \(n(d)) blocks > \(n(max))")
        case .otherTower(let h, let row): return say("HHPP \(h) escalado también desde otra torre (fila \(row))", "HHPP \(h) also escalated from another tower (row \(row))")
        case .otherFloor(let h, let row): return say("HHPP \(h) también escalado desde otro piso (fila \(row))", "HHPP \(h) also escalated from another floor (row \(row))")
        case .otherNode(let e, let c): return say("Nodo escalado \(e) ≠ nodo del cliente \(c)", "Escalated node \(e) ≠ customer's node \(c)")
        case .inactiveAccount(let s): return say("Estado de la cuenta: \(s)", "Account status: \(s)")
        case .optionNotForSymptom(let o, let s): return say("Opción «\(o)» no corresponde al síntoma «\(s)»", "Option \"\(o)\" does not match the symptom \"\(s)\"")
        case .externalNetworkWithVisit(let o, let v): return say("Opción «\(o)» con visita \(v)", "Option \"\(o)\" with visit \(v)")
        case .noFaultNotice(let a): return say("Aviso \(a)", "Notice \(a)")
        case .serialNotInInventory(let s): return say("Serial \(s) no está en el inventario", "Serial \(s) is not in the inventory")
        case .noSerials: return say("Sin seriales relacionados", "No related serials")
        case .otherTV(let e, let i): return say("TV escalada \(e) ≠ instalada \(i)", "Escalated TV \(e) ≠ installed \(i)")
        case .serviceWithoutEmail(let s): return say("Servicio \(s) sin correo electrónico", "Service \(s) without an e-mail address")
        case .invalidEmail(let m): return say("Correo «\(m)» no es válido", "E-mail \"\(m)\" is not valid")
        case .noIncidence: return say("Sin incidencia T&D", "No T&D incident")
        case .shortTD(let m, let min): return say("Duración T&D \(n(m)) min < \(n(min)) min", "T&D duration \(n(m)) min < \(n(min)) min")
        case .emptyNotes: return say("Notas vacías", "Empty notes")
        case .shortNotes(let l, let min): return say("Notas de \(l) caracteres < \(min)", "Notes of \(l) characters < \(min)")
        }
    }

    /// 1,5 in Spanish, 1.5 in English; whole numbers without decimals.
    static func number(_ v: Double, decimalComma: Bool) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return String(v) }
        if v == v.rounded() { return String(Int64(v)) }
        // The C library's %.2f (what String(format:) gives), without Foundation's formatter per
        // row. The C locale's point: Celda never calls setlocale, and the comma is put below.
        var s = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer -> String in
            _ = withVaList([v]) { vsnprintf(buffer.baseAddress!, 32, "%.2f", $0) }
            return String(cString: buffer.baseAddress!)
        }
        while s.hasSuffix("0") { s.removeLast() }
        return decimalComma ? s.replacing(".", with: ",") : s
    }
}
