import Foundation
import RoleLayerCore

/// A response date-time from a survey export (Qualtrics `RecordedDate`, LimeSurvey
/// `submitdate`) and the wave it falls in, in a given time zone.
///
/// Accepted forms (ISO 8601 as the platforms write it): `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`,
/// `YYYY-MM-DD HH:MM:SS` (also with `T` between date and time and a fraction of a second),
/// optionally followed by `Z` or an offset `±HH:MM`, `±HHMM` or `±HH`. A date-time without an
/// offset is read in the source time zone (the Qualtrics import-id row's `timeZone`, or the
/// mapping's `source_time_zone`), then placed into the wave in the mapping's `time_zone`
/// (Foundation `Calendar`, Gregorian). A date without a time is placed as written.
struct ResponseDate: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// Seconds east of UTC when the text gives an offset (`Z` = 0).
    var offset: Int?
    /// The text has no time of day.
    var dateOnly: Bool

    /// The expected forms, for messages.
    static let expected = "expected a date such as 2024-03-31 23:30:00 (YYYY-MM-DD HH:MM:SS, optionally with Z or an offset such as +01:00)"

    /// A time zone by IANA name (`Europe/London`), or `UTC` / `GMT` / `Z`; `nil` when unknown.
    static func timeZone(_ name: String) -> TimeZone? {
        let t = name.trimmingASCIIWhitespace()
        if ["utc", "gmt", "z", "etc/utc"].contains(t.lowercased()) { return TimeZone(identifier: "UTC") }
        return TimeZone(identifier: t)
    }

    /// Parses `text` (trimmed); `nil` when it is not one of the accepted forms or not a real
    /// calendar date-time.
    init?(parsing text: String) {
        let u = Array(text.trimmingASCIIWhitespace().utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= u.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                guard u[k] >= 48 && u[k] <= 57 else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            i += count
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < u.count, u[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(UInt8(ascii: "-")), let mo = number(2), expect(UInt8(ascii: "-")), let d = number(2)
        else { return nil }
        guard (1...12).contains(mo), d >= 1, d <= Self.daysInMonth(year: y, month: mo) else { return nil }
        year = y; month = mo; day = d
        hour = 0; minute = 0; second = 0; offset = nil
        dateOnly = i == u.count
        if dateOnly { return }
        guard u[i] == UInt8(ascii: " ") || u[i] == UInt8(ascii: "T") else { return nil }
        i += 1
        guard let h = number(2), expect(UInt8(ascii: ":")), let mi = number(2), h <= 23, mi <= 59 else { return nil }
        hour = h; minute = mi
        if expect(UInt8(ascii: ":")) {
            guard let s = number(2), s <= 60 else { return nil }
            second = min(s, 59)
            if expect(UInt8(ascii: ".")) {
                let start = i
                while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
                if i == start { return nil }
            }
        }
        if i < u.count && u[i] == UInt8(ascii: " ") { i += 1 }
        if i == u.count { return }
        if u[i] == UInt8(ascii: "Z") && i + 1 == u.count {
            offset = 0
            return
        }
        guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") else { return nil }
        let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
        i += 1
        guard let oh = number(2), oh <= 14 else { return nil }
        var om = 0
        if i < u.count {
            _ = expect(UInt8(ascii: ":"))
            guard let m = number(2), m <= 59 else { return nil }
            om = m
        }
        guard i == u.count else { return nil }
        offset = sign * (oh * 3600 + om * 60)
    }

    /// Days in a month of the Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The wave of `granularity` this date-time falls in, seen in `target`, reading a date-time
    /// without an offset in `source` (`nil`: as written in `target`).
    ///
    /// Only dates within two days of a month's end or start need the conversion (time-zone
    /// offsets differ by at most 26 hours), so most rows skip Foundation entirely.
    func wave(granularity: Wave.Granularity, source: Calendar?, target: Calendar) -> Wave? {
        var y = year, m = month
        let nearBoundary = day <= 2 || day >= Self.daysInMonth(year: year, month: month) - 1
        if !dateOnly && nearBoundary && (offset != nil || (source != nil && source!.timeZone != target.timeZone)) {
            var c = DateComponents()
            c.year = year; c.month = month; c.day = day
            c.hour = hour; c.minute = minute; c.second = second
            let date: Date?
            if let offset {
                var utc = Calendar(identifier: .gregorian)
                utc.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")!
                date = utc.date(from: c)
            } else {
                date = source!.date(from: c)
            }
            guard let date else { return nil }
            let local = target.dateComponents([.year, .month], from: date)
            guard let ly = local.year, let lm = local.month else { return nil }
            y = ly; m = lm
        }
        switch granularity {
        case .year: return Wave(year: y, granularity: .year)
        case .quarter: return Wave(year: y, period: (m - 1) / 3 + 1, granularity: .quarter)
        case .month: return Wave(year: y, period: m, granularity: .month)
        }
    }

    /// A Gregorian calendar in `zone`.
    static func calendar(_ zone: TimeZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        return c
    }
}
