import ArgumentParser
import CeldaPipeline
import CeldaCore

struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Genera bases de ejemplo realistas (y desordenadas, como las reales) para probar.",
        discussion: """
        Escribe una semana realista, del lunes 18 al viernes 22/03/2024: una «Base Mal Escalados DD-03.xlsx» por día (fila de título sobre los encabezados, encabezados sin tildes, cada causal que las reglas encuentran, el mismo equipo de asesores con su supervisor, nombres escritos a veces en mayúsculas), «Revisión back office - Base Mal Escalados 18-03.xlsx» (la del lunes como la devuelve el back office: casos que no proceden, respuestas de Gestión Soporte, un ME12), «Formulario Tipificador 22-03.csv» (separador «;», Windows-1252, fechas como texto, clientes que vuelven a llamar, causales A–I, formularios mal diligenciados) los exportes de Claro Premium con su encuesta (con la satisfacción con el asesor), y el mes de marzo hasta el 22 de la asistencia de Almabi y de los monitoreos de calidad del mismo equipo. La misma semilla da siempre los mismos archivos. Para verlos como el día en que llegaron, procese con --today 2024-03-22.

        Ejemplo: celda samples demo --rows 100000 --seed 7
        """
    )

    @Argument(help: "Carpeta donde escribir los archivos (se crea si no existe).")
    var folder: String

    @Option(name: .long, help: "Filas de cada base.")
    var rows: Int = 40

    @Option(name: .long, help: "Semilla del generador.")
    var seed: UInt64 = 22

    @Option(name: .long, help: "Días de la semana con base de mal escalados, de 1 (solo la del 22/03) a 5 (del 18 al 22/03).")
    var dias: Int = 5

    @OptionGroup var options: ReadOptions

    func validate() throws {
        guard rows >= 1, rows <= 1_048_000 else { throw usageError(es: "--rows va de 1 a 1.048.000", en: "--rows goes from 1 to 1,048,000") }
        guard (1...5).contains(dias) else { throw usageError(es: "--dias va de 1 a 5", en: "--dias goes from 1 to 5") }
    }

    func run() throws {
        var generator = SampleGenerator(seed: seed)
        generator.days = dias
        let templates = try TemplateFolder.load(explicit: options.templates)
        for path in try generator.write(into: folder, rows: rows, templates: templates) { Terminal.say(path) }
    }
}
