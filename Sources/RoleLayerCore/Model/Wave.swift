/// A fieldwork wave: a quarter (`2026-Q1`), a month (`2026-03`) or a year (`2026`).
///
/// Waves sort chronologically. One study uses one ``Granularity``; mixing them is an error that
/// readers and the store report (data.md, "Waves").
public struct Wave: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// How long a wave lasts.
    public enum Granularity: String, Sendable, Codable, Hashable, CaseIterable {
        case year, quarter, month
    }

    /// The calendar year, 1000...9999.
    public let year: Int
    /// The quarter (1...4), the month (1...12), or 0 for a year wave.
    public let period: Int
    /// Quarter, month or year.
    public let granularity: Granularity

    /// Creates a wave; returns `nil` when `period` does not fit the granularity.
    public init?(year: Int, period: Int = 0, granularity: Granularity) {
        guard (1000...9999).contains(year) else { return nil }
        switch granularity {
        case .year: guard period == 0 else { return nil }
        case .quarter: guard (1...4).contains(period) else { return nil }
        case .month: guard (1...12).contains(period) else { return nil }
        }
        self.year = year
        self.period = period
        self.granularity = granularity
    }

    /// Parses `2026-Q1` (also `2026-q1`, `2026Q1`, `2026q1`), `2026-03` or `2026`, after trimming
    /// surrounding white space. Returns `nil` for anything else (`2026-Q01`, `Q1 2026`, `2026-3`).
    public init?(parsing text: String) {
        let t = Array(text.trimmingASCIIWhitespace().utf8)
        func digits(_ s: ArraySlice<UInt8>) -> Int? {
            guard !s.isEmpty, s.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return s.reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard t.count >= 4, let year = digits(t[0..<4]) else { return nil }
        let rest = t[4...]
        if rest.isEmpty {
            self.init(year: year, granularity: .year)
            return
        }
        var r = rest
        if r.first == UInt8(ascii: "-") { r = r.dropFirst() }
        if r.count == 2, r.first == UInt8(ascii: "Q") || r.first == UInt8(ascii: "q"), let q = digits(r.dropFirst()) {
            self.init(year: year, period: q, granularity: .quarter)
            return
        }
        if rest.first == UInt8(ascii: "-"), r.count == 2, let m = digits(r) {
            self.init(year: year, period: m, granularity: .month)
            return
        }
        return nil
    }

    /// The first month of the wave (1...12), for chronological order.
    public var startMonth: Int {
        switch granularity {
        case .year: 1
        case .quarter: (period - 1) * 3 + 1
        case .month: period
        }
    }

    /// The wave that follows this one (the next quarter, month or year).
    public var next: Wave {
        switch granularity {
        case .year: Wave(year: year + 1, granularity: .year)!
        case .quarter: period == 4 ? Wave(year: year + 1, period: 1, granularity: .quarter)! : Wave(year: year, period: period + 1, granularity: .quarter)!
        case .month: period == 12 ? Wave(year: year + 1, period: 1, granularity: .month)! : Wave(year: year, period: period + 1, granularity: .month)!
        }
    }

    public static func < (a: Wave, b: Wave) -> Bool {
        if a.year != b.year { return a.year < b.year }
        if a.startMonth != b.startMonth { return a.startMonth < b.startMonth }
        return a.granularity.sortRank < b.granularity.sortRank
    }

    /// The canonical spelling: `2026-Q1`, `2026-03` or `2026`.
    public var description: String {
        switch granularity {
        case .year: String(year)
        case .quarter: "\(year)-Q\(period)"
        case .month: period < 10 ? "\(year)-0\(period)" : "\(year)-\(period)"
        }
    }

    public init(from decoder: any Decoder) throws {
        let s = try String(from: decoder)
        guard let w = Wave(parsing: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "malformed wave '\(s)'"))
        }
        self = w
    }
    public func encode(to encoder: any Encoder) throws { try description.encode(to: encoder) }
}

extension Wave.Granularity {
    fileprivate var sortRank: Int {
        switch self {
        case .year: 0
        case .quarter: 1
        case .month: 2
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF (and other Unicode white space).
    public func trimmingASCIIWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
