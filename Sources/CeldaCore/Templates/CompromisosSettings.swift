extension Templates {
    /// Templates/compromisos.yaml: what the compromiso de mejoramiento prints besides its labels.
    public struct Compromisos: Codable, Sendable {
        public struct FormErrorText: Codable, Sendable {
            public var code: String
            public var label: String
            public var procedimiento: String
        }

        /// «Operación» in the header, by kind id.
        public var operacion: [String: String]
        public var errores_formulario: [FormErrorText]
        public var renglones_compromiso: Int
        public var renglones_plan: Int
        public var seguimiento_dias_habiles: Int

        public func formError(_ code: FormError.Code) -> FormErrorText? { errores_formulario.first { $0.code == code.rawValue } }
    }
}
