import ArgumentParser
import CeldaPipeline

struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Genera bases de ejemplo realistas (y desordenadas, como las reales) para probar.",
        discussion: """
        Escribe «Base Mal Escalados 22-03.xlsx» (fila de título sobre los encabezados, encabezados sin tildes, casos de cada causal; escalamientos del 22/03/2024) y «Formulario Tipificador 22-03.csv» (separador «;», Windows-1252, fechas como texto, contactos del 18 al 22/03/2024). La misma semilla da siempre los mismos archivos. Para verlos como el día en que llegaron, procese con --today 2024-03-22.

        Ejemplo: celda samples demo --rows 100000 --seed 7
        """
    )

    @Argument(help: "Carpeta donde escribir los archivos (se crea si no existe).")
    var folder: String

    @Option(name: .long, help: "Filas de cada base.")
    var rows: Int = 40

    @Option(name: .long, help: "Semilla del generador.")
    var seed: UInt64 = 22

    func validate() throws {
        guard rows >= 1, rows <= 1_048_000 else { throw usageError(es: "--rows va de 1 a 1.048.000", en: "--rows goes from 1 to 1,048,000") }
    }

    func run() throws {
        var generator = SampleGenerator(seed: seed)
        for path in try generator.write(into: folder, rows: rows) { Terminal.say(path) }
    }
}
