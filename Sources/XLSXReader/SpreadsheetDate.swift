/// A point in time (or a duration) as a spreadsheet stores it: a serial day count. The serial
/// is always normalised to the 1900 system with Excel's fictitious 1900-02-29 removed, so
/// `serial` 1.0 is 1899-12-31 and 45_000 is 2023-03-15, whatever system the workbook used.
public struct SpreadsheetDate: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case date, dateTime, time, duration
    }

    public var kind: Kind
    /// Days since 1899-12-30 (fractions are the time of day); for `.duration`, days elapsed.
    public var serial: Double

    public init(kind: Kind, serial: Double) {
        self.kind = kind
        self.serial = serial
    }

    /// Serials a date can have: 0001-01-01 to 9999-12-31 (Excel shows ##### beyond). A number
    /// outside, or not finite, stays a number: a hostile `1E+300` never reaches date arithmetic.
    public static let representableSerials: Range<Double> = -693_593 ..< 2_958_466

    static func clamped(_ serial: Double) -> Double {
        serial.isFinite ? min(max(serial, representableSerials.lowerBound), representableSerials.upperBound - 1) : 0
    }

    public static func isRepresentable(_ raw: Double) -> Bool {
        raw.isFinite && representableSerials.contains(raw)
    }

    /// Builds the value from a raw cell number, using the workbook's date system. The kind
    /// comes from the value as peer readers do: below one day is a time of day, a whole
    /// number is a date, anything else a date-time.
    public static func fromSerial(_ raw: Double, date1904: Bool, isDuration: Bool) -> SpreadsheetDate {
        if isDuration { return SpreadsheetDate(kind: .duration, serial: raw) }
        var serial = raw
        if date1904 {
            serial += 1462
        } else if raw < 60 && raw >= 1 {
            // Excel counts 1900-02-29, which never existed: serials before it are one day late,
            // and 60 itself (the phantom day) reads as 1900-02-28, as calamine and openpyxl do.
            serial += 1
        }
        let kind: Kind
        if raw >= 0 && raw < 1 {
            kind = .time
        } else if raw.rounded(.down) == raw {
            kind = .date
        } else {
            kind = .dateTime
        }
        return SpreadsheetDate(kind: kind, serial: serial)
    }

    public struct Components: Equatable, Sendable {
        public var year: Int, month: Int, day: Int
        public var hour: Int, minute: Int, second: Int, millisecond: Int
    }

    /// Calendar fields (proleptic Gregorian), rounded to the millisecond.
    public var components: Components {
        // Clamped so that no value, however built, can trap the integer conversions below.
        let totalMillis = (SpreadsheetDate.clamped(serial) * 86_400_000).rounded()
        var days = Int((totalMillis / 86_400_000).rounded(.down))
        var millisOfDay = Int(totalMillis - Double(days) * 86_400_000)
        if millisOfDay < 0 { millisOfDay += 86_400_000; days -= 1 }
        let (y, m, d) = SpreadsheetDate.civil(fromDaysSince18991230: days)
        return Components(
            year: y, month: m, day: d,
            hour: millisOfDay / 3_600_000, minute: millisOfDay / 60_000 % 60,
            second: millisOfDay / 1000 % 60, millisecond: millisOfDay % 1000)
    }

    /// ISO-8601 text: `2024-03-05`, `2024-03-05T14:10:00`, `14:10:00`, or `PT36H0M0S`.
    public var isoString: String {
        if kind == .duration { return durationString }
        let c = components
        var time = pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2)
        if c.millisecond != 0 { time += "." + pad(c.millisecond * 1000, 6) }
        let date = pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
        switch kind {
        case .date: return date
        case .time: return time
        default: return date + "T" + time
        }
    }

    private var durationString: String {
        let totalSeconds = (SpreadsheetDate.clamped(serial) * 86_400).rounded()
        let negative = totalSeconds < 0
        let s = Int(abs(totalSeconds))
        return (negative ? "-" : "") + "PT\(s / 3600)H\(s / 60 % 60)M\(s % 60)S"
    }

    /// Days since 1899-12-30 from a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysSince18991230(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + 25_569
    }

    /// (year, month, day) of a day count from 1899-12-30.
    public static func civil(fromDaysSince18991230 days: Int) -> (Int, Int, Int) {
        let z = days - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
