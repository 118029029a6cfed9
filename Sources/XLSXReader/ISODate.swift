/// Parses the ISO-8601 text of `t="d"` cells: `2024-03-05`, `2024-03-05T14:10:00(.fff)(Z)`, `14:10:00`.
enum ISODate {
    static func parse(_ text: String, isDuration: Bool) -> SpreadsheetDate? {
        let s = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= s.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                guard s[i] >= 48 && s[i] <= 57 else { return nil }
                v = v * 10 + Int(s[i] - 48)
            }
            return v
        }
        func time(at i: Int) -> Double? {
            guard let h = num(i, 2), s.count > i + 2, s[i + 2] == 58, let m = num(i + 3, 2) else { return nil }
            var sec = 0.0
            if s.count > i + 5, s[i + 5] == 58, let whole = num(i + 6, 2) {
                sec = Double(whole)
                var k = i + 8
                if k < s.count, s[k] == 46 {
                    k += 1
                    var scale = 0.1
                    while k < s.count, s[k] >= 48, s[k] <= 57 { sec += Double(s[k] - 48) * scale; scale /= 10; k += 1 }
                }
            }
            guard h < 24 || (h == 24 && m == 0), m < 60, sec < 61 else { return nil }
            return (Double(h) * 3600 + Double(m) * 60 + sec) / 86_400
        }
        if s.count >= 10, s[4] == 45, s[7] == 45, let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
           (1...12).contains(mo), (1...31).contains(d) {
            let days = Double(SpreadsheetDate.daysSince18991230(year: y, month: mo, day: d))
            if s.count == 10 { return SpreadsheetDate(kind: .date, serial: days) }
            guard s[10] == 84 || s[10] == 32, let t = time(at: 11) else { return nil }
            return SpreadsheetDate(kind: t == 0 ? .date : .dateTime, serial: days + t)
        }
        if let t = time(at: 0) { return SpreadsheetDate(kind: isDuration ? .duration : .time, serial: t) }
        return nil
    }
}
